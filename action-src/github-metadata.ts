import type { DeploymentMetadata } from '../protocol/index.js';

/**
 * Builds deployment metadata from the variables that GitHub Actions sets
 * for every job: the repository, commit, ref, actor, and a link to the
 * workflow run. Variables that are unset or empty are left out.
 */
export function metadataFromGitHubEnv(
  env: NodeJS.ProcessEnv,
): DeploymentMetadata {
  const metadata: DeploymentMetadata = {};
  const set = (key: keyof DeploymentMetadata, value: string | undefined) => {
    if (value !== undefined && value !== '') {
      metadata[key] = value;
    }
  };

  set('repository', env.GITHUB_REPOSITORY);
  set('commit', env.GITHUB_SHA);
  set('ref', env.GITHUB_REF);
  set('actor', env.GITHUB_ACTOR);
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    set(
      'runUrl',
      `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` +
        `/actions/runs/${env.GITHUB_RUN_ID}`,
    );
  }
  return metadata;
}
