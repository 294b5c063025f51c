import { randomBytes } from 'node:crypto';
import {
  open,
  readdir,
  readFile,
  readlink,
  rename,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';

import type { DeploymentMetadata } from '../protocol/index.js';
import { NEXT_LINK_PREFIX, type DataDir } from './data-dir.js';

/** Record the receiver stores next to every release. */
export interface ReleaseRecord {
  release: string;
  deploymentId: string;
  createdAt: string;
  archiveSha256: string;
  archiveBytes: number;
  files: number;
  bytes: number;
  metadata: DeploymentMetadata;
  /** When the release last became live; absent while it never was. */
  lastActivatedAt?: string;
}

/** Name of the folder inside a release that holds the site's files. */
export const SITE_FOLDER = 'site';
const RECORD_FILE = 'release.json';

/**
 * The releases under the data folder and which one is live. The live
 * release is read from the `current` link at start and then kept in
 * memory, so each request resolves it once and is served from one release.
 */
export class ReleaseStore {
  readonly #dir: DataDir;
  #current: string | undefined;

  constructor(dir: DataDir) {
    this.#dir = dir;
  }

  /** Reads which release the `current` link points at. */
  async load(): Promise<void> {
    try {
      const target = await readlink(this.#dir.current);
      this.#current = path.basename(path.dirname(target));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
      this.#current = undefined;
    }
  }

  /** Name of the live release, or undefined before the first deploy. */
  get current(): string | undefined {
    return this.#current;
  }

  /** Returns the folder of `release` under the releases folder. */
  folderOf(release: string): string {
    return path.join(this.#dir.releases, release);
  }

  siteDirOf(release: string): string {
    return path.join(this.folderOf(release), SITE_FOLDER);
  }

  /** Names a release after its creation time and deployment id, so names sort by age. */
  static nameFor(deploymentId: string, createdAt: Date): string {
    const stamp = createdAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    return `${stamp}-${deploymentId.slice(0, 12)}`;
  }

  /**
   * Moves a checked staging folder (holding `site/`) into the releases
   * folder under `record.release`. The rename is atomic, so a release folder
   * is either complete or absent.
   */
  // NOTE: the extracted files are not fsynced, only the `current` rename
  // is. After a power loss just after a deploy, some file systems can show
  // the new release with empty files; a crash of the process alone cannot.
  async publish(stagingDir: string, record: ReleaseRecord): Promise<void> {
    await writeFile(
      path.join(stagingDir, RECORD_FILE),
      `${JSON.stringify(record, null, 2)}\n`,
      {
        mode: 0o644,
      },
    );
    await rename(stagingDir, path.join(this.#dir.releases, record.release));
  }

  /**
   * Makes `release` live. A new link is created beside `current` and renamed
   * over it: rename replaces the old link atomically, so every lookup finds
   * either the old release or the new one, never a missing link.
   */
  async activate(release: string): Promise<void> {
    const next = path.join(
      this.#dir.root,
      `${NEXT_LINK_PREFIX}${randomBytes(8).toString('hex')}`,
    );
    await symlink(path.join('releases', release, SITE_FOLDER), next);
    await rename(next, this.#dir.current);
    await syncFolder(this.#dir.root);
    this.#current = release;
    await this.#recordActivation(release, new Date());
  }

  // The time a release last became live lets a rollback find the release
  // that was live before and skip a staged release that never went live.
  async #recordActivation(release: string, activatedAt: Date): Promise<void> {
    const record = await this.get(release);
    if (record === undefined) {
      return;
    }
    const recordPath = path.join(this.#dir.releases, release, RECORD_FILE);
    const tmpPath = `${recordPath}.${randomBytes(4).toString('hex')}.tmp`;
    const updated = { ...record, lastActivatedAt: activatedAt.toISOString() };
    await writeFile(tmpPath, `${JSON.stringify(updated, null, 2)}\n`, {
      mode: 0o644,
    });
    await rename(tmpPath, recordPath);
  }

  /** Returns the record of `release`, or undefined when it is not kept. */
  async get(release: string): Promise<ReleaseRecord | undefined> {
    try {
      const text = await readFile(
        path.join(this.#dir.releases, release, RECORD_FILE),
        'utf8',
      );
      return JSON.parse(text) as ReleaseRecord;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
  }

  /** Returns every release's record, newest first. */
  async list(): Promise<ReleaseRecord[]> {
    const records: ReleaseRecord[] = [];
    for (const name of await readdir(this.#dir.releases)) {
      try {
        const text = await readFile(
          path.join(this.#dir.releases, name, RECORD_FILE),
          'utf8',
        );
        records.push(JSON.parse(text) as ReleaseRecord);
      } catch {
        // A folder without a readable record is not a release this receiver made.
      }
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

// The rename is only durable once the folder's entry is on disk.
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
