import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** File in the data folder that names the process using it. */
export const LOCK_FILE = 'receiver.lock';

/**
 * Claims the data folder for this process, so that a second receiver
 * started on it stops before it cleans up the first one's uploads. A lock
 * left by a process that no longer runs is taken over.
 *
 * @returns a function that gives the folder up again.
 * @throws Error naming the other process when it is still running.
 */
export async function lockDataDir(root: string): Promise<() => Promise<void>> {
  const lockPath = path.join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    if (
      Number.isInteger(holder) &&
      holder !== process.pid &&
      isRunning(holder)
    ) {
      throw new Error(
        `another receiver (pid ${holder}) is using the data folder ${root}; ` +
          'stop it first, or set STATIC_DEPLOY_ROOT to another folder',
      );
    }
    await rm(lockPath, { force: true });
  }
  throw new Error(
    `cannot lock the data folder ${root}: ${lockPath} keeps reappearing`,
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
