import { getExecOutput } from '@actions/exec';

/**
 * Returns the commit that `dir`'s Git checkout has checked out, or
 * `undefined` when `dir` is not in a Git work tree or Git is not
 * installed. The commit only enriches the deployment metadata, so its
 * absence is never an error.
 */
export async function readGitCommit(dir: string): Promise<string | undefined> {
  try {
    const { exitCode, stdout } = await getExecOutput(
      'git',
      ['-C', dir, 'rev-parse', 'HEAD'],
      { silent: true, ignoreReturnCode: true },
    );
    const commit = stdout.trim();
    const isObjectId = /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit);
    return exitCode === 0 && isObjectId ? commit : undefined;
  } catch {
    // getExecOutput throws when the git executable cannot be found.
    return undefined;
  }
}
