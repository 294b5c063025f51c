import { readFile } from 'node:fs/promises';

/** Mode of every extracted file. Modes stored in the archive are ignored. */
export const FILE_MODE = 0o644;
/** Mode of every extracted folder. */
export const FOLDER_MODE = 0o755;

/** Whether files and folders need a chmod after they are created. */
export interface ModeFixes {
  files: boolean;
  folders: boolean;
}

/**
 * Returns which of {@link FILE_MODE} and {@link FOLDER_MODE} the process
 * umask would change, since open() and mkdir() apply it. Skipping the chmod
 * saves one threadpool round trip per file. When the umask cannot be read,
 * both need a chmod.
 */
export async function modeFixes(): Promise<ModeFixes> {
  // Read for every extraction, because process.umask(mask) can change it.
  const umask = await readUmask();
  if (umask === undefined) return { files: true, folders: true };
  return {
    files: (FILE_MODE & umask) !== 0,
    folders: (FOLDER_MODE & umask) !== 0,
  };
}

/**
 * Reads the umask from /proc/self/status (Linux 4.7 and later). Calling
 * process.umask() without an argument would set the umask to 0 for a moment
 * in every thread, so a file that a libuv thread creates meanwhile could get
 * mode 0666.
 */
async function readUmask(): Promise<number | undefined> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const match = /^Umask:\s*([0-7]+)$/m.exec(status);
    return match === null ? undefined : Number.parseInt(match[1], 8);
  } catch {
    return undefined;
  }
}
