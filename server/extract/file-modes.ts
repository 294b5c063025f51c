import type { FileHandle } from 'node:fs/promises';

/** Mode of every extracted file. Modes stored in the archive are ignored. */
export const FILE_MODE = 0o644;
/** Mode of every extracted folder. */
export const FOLDER_MODE = 0o755;

const PERMISSION_BITS = 0o7777;

/**
 * Gives new files exactly {@link FILE_MODE}. open() applies the umask and
 * any default ACL of the parent folder to the mode, so the first file of an
 * extraction is checked with fstat, and later files get a chmod only when
 * the first one needed it. Every folder of the staging tree is created by
 * the same extraction with FOLDER_MODE, so they all apply the same rules.
 * Skipping the chmod saves one threadpool round trip per file.
 */
export class FileModeFixer {
  /** Whether files need a chmod, undefined until the first check. */
  #needsChmod: boolean | undefined;

  /** Sets `handle`'s mode to FILE_MODE when new files do not get it. */
  async apply(handle: FileHandle): Promise<void> {
    let needsChmod = this.#needsChmod;
    if (needsChmod === undefined) {
      const { mode } = await handle.stat();
      needsChmod = (mode & PERMISSION_BITS) !== FILE_MODE;
      this.#needsChmod ??= needsChmod;
    }
    if (needsChmod) await handle.chmod(FILE_MODE);
  }
}
