import type { WriteStream } from 'node:fs';
import { chmod, mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ZipFile } from 'yauzl';

import { toExtractError } from './archive-errors.js';
import { EntryByteCounter, type UnpackedByteBudget } from './byte-counter.js';
import type { PlannedEntry } from './entry-layout.js';
import type { ExtractLimits } from './limits.js';

/** Mode of every extracted file. Modes stored in the archive are ignored. */
const FILE_MODE = 0o644;
/** Mode of every extracted folder. */
const FOLDER_MODE = 0o755;

/** Counts of what an extraction wrote into the staging folder. */
export interface ExtractSummary {
  /** Regular files written. */
  files: number;
  /** Folders created, whether listed in the archive or implied by a path. */
  directories: number;
  /** Uncompressed bytes written, summed over all files. */
  bytes: number;
}

/**
 * Writes validated entries into `stagingDir` one at a time, in the order
 * given. Files get mode 0644 and folders 0755 whatever the umask is. Throws
 * the error that `toExtractError` makes of the first failure.
 */
export async function writeEntries(
  zipfile: ZipFile,
  entries: readonly PlannedEntry[],
  stagingDir: string,
  limits: ExtractLimits,
): Promise<ExtractSummary> {
  const writer = new StagingWriter(zipfile, stagingDir, limits);
  for (const planned of entries) {
    try {
      await writer.write(planned);
    } catch (error) {
      throw toExtractError(error, planned.name.text);
    }
  }
  return writer.summary;
}

/** Writer of entries into one staging folder, which counts what it writes. */
class StagingWriter {
  readonly summary: ExtractSummary = { files: 0, directories: 0, bytes: 0 };
  private readonly budget: UnpackedByteBudget;
  /** Staging folder as an absolute, normalized path, as mkdir() returns. */
  private readonly root: string;
  /** Parent folder of the previous file, which is known to exist. */
  private previousParent = '';

  constructor(
    private readonly zipfile: ZipFile,
    stagingDir: string,
    limits: ExtractLimits,
  ) {
    this.root = resolve(stagingDir);
    this.budget = { usedBytes: 0, maxBytes: limits.maxUnpackedBytes };
  }

  async write(planned: PlannedEntry): Promise<void> {
    const target = join(this.root, planned.name.path);
    if (planned.name.isFolder) {
      this.summary.directories += await makeFolders(target);
      return;
    }

    // Zip tools usually write the files of one folder in a row, so this
    // skips most mkdir() calls.
    const parent = dirname(target);
    if (parent !== this.previousParent) {
      this.summary.directories += await makeFolders(parent);
      this.previousParent = parent;
    }
    await writeFile(this.zipfile, planned, target, this.budget);
    this.summary.files += 1;
    this.summary.bytes = this.budget.usedBytes;
  }
}

/** Creates `folder` and its missing parents. Returns how many it created. */
async function makeFolders(folder: string): Promise<number> {
  const firstCreated = await mkdir(folder, {
    recursive: true,
    mode: FOLDER_MODE,
  });
  if (firstCreated === undefined) return 0;

  // mkdir applies the umask to each folder it creates, so set every mode
  // explicitly, from `folder` up to the first folder that mkdir created.
  let created = 0;
  let current = folder;
  while (current.length >= firstCreated.length) {
    await chmod(current, FOLDER_MODE);
    created += 1;
    current = dirname(current);
  }
  return created;
}

async function writeFile(
  zipfile: ZipFile,
  planned: PlannedEntry,
  target: string,
  budget: UnpackedByteBudget,
): Promise<void> {
  // 'wx' fails if the path exists, so a file never overwrites an earlier
  // entry or follows a symbolic link at its own path.
  const handle = await open(target, 'wx', FILE_MODE);
  let output: WriteStream | undefined;
  try {
    // fchmod, because open() applies the umask to the mode.
    await handle.chmod(FILE_MODE);
    const source = await zipfile.openReadStreamPromise(planned.entry);
    const counter = new EntryByteCounter(
      {
        nameText: planned.name.text,
        uncompressedSize: planned.entry.uncompressedSize,
        crc32: planned.entry.crc32,
      },
      budget,
    );
    output = handle.createWriteStream();
    await pipeline(source, counter, output);
  } finally {
    await closeFile(handle, output);
  }
}

/**
 * Waits until the file is closed, so that no handle into the staging folder
 * outlives a rejection. The write stream closes the handle itself once it
 * ends or is destroyed, which pipeline() does on every error.
 */
async function closeFile(
  handle: FileHandle,
  output: WriteStream | undefined,
): Promise<void> {
  if (output === undefined) {
    await handle.close();
  } else if (!output.closed) {
    await new Promise<void>((resolve) => output.once('close', () => resolve()));
  }
}
