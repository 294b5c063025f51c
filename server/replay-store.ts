import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The response a finished deployment got, returned again to a retry. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface ReplayRecord {
  deploymentId: string;
  contentSha256: string;
  /** Unix seconds after which no request carrying this id can pass the timestamp check. */
  expiresAtSeconds: number;
  state: 'pending' | 'done' | 'retryable';
  response?: StoredResponse;
}

/** Decision for a request whose signature and timestamp were accepted. */
export type ReplayDecision =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'conflict' };

/**
 * Remembers every deployment id on disk until no request carrying it can
 * pass the timestamp check any more, so a restart does not reopen the
 * replay window.
 *
 * A retry (same id and archive hash) of a finished deployment gets the
 * stored response instead of a second deploy. When the first attempt never
 * finished (the upload broke off, the bytes did not match, or the receiver
 * failed or was killed), the id may be used again: nothing was deployed,
 * and a replay can only deploy what the key holder signed.
 */
export class ReplayStore {
  readonly #dir: string;
  readonly #tmpDir: string;
  readonly #toleranceSeconds: number;
  /** Ids whose deploy runs in this process; a pending record without one is a crash leftover. */
  readonly #inFlight = new Set<string>();

  constructor(options: {
    dir: string;
    tmpDir: string;
    toleranceSeconds: number;
  }) {
    this.#dir = options.dir;
    this.#tmpDir = options.tmpDir;
    this.#toleranceSeconds = options.toleranceSeconds;
  }

  /**
   * Decides how to treat a request and, when it is new, records the id as
   * pending before any of its body is read.
   */
  async begin(
    deploymentId: string,
    contentSha256: string,
    timestampSeconds: number,
  ): Promise<ReplayDecision> {
    const existing = await this.#read(deploymentId);
    const expiresAtSeconds = Math.max(
      timestampSeconds + this.#toleranceSeconds,
      existing?.expiresAtSeconds ?? 0,
    );

    if (existing !== undefined) {
      if (existing.contentSha256 !== contentSha256) {
        return { kind: 'conflict' };
      }
      if (existing.state === 'pending' && this.#inFlight.has(deploymentId)) {
        return { kind: 'in_progress' };
      }
      if (existing.state === 'done' && existing.response !== undefined) {
        await this.#write({ ...existing, expiresAtSeconds });
        return { kind: 'replay', response: existing.response };
      }
    }

    this.#inFlight.add(deploymentId);
    await this.#write({
      deploymentId,
      contentSha256,
      expiresAtSeconds,
      state: 'pending',
    });
    return { kind: 'new' };
  }

  /** Stores the final response, which retries of this id will receive. */
  async finish(deploymentId: string, response: StoredResponse): Promise<void> {
    await this.#settle(deploymentId, 'done', response);
  }

  /** Marks the attempt as not finished, so a retry of the same id may deploy. */
  async abandon(deploymentId: string): Promise<void> {
    await this.#settle(deploymentId, 'retryable');
  }

  /** Deletes records that no request can match any more. */
  async prune(nowSeconds: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#dir)) {
      const record = await this.#read(path.basename(name, '.json'));
      if (
        record !== undefined &&
        record.expiresAtSeconds < nowSeconds &&
        !this.#inFlight.has(record.deploymentId)
      ) {
        await rm(path.join(this.#dir, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async #settle(
    deploymentId: string,
    state: ReplayRecord['state'],
    response?: StoredResponse,
  ): Promise<void> {
    try {
      const existing = await this.#read(deploymentId);
      if (existing !== undefined) {
        await this.#write({ ...existing, state, response });
      }
    } finally {
      this.#inFlight.delete(deploymentId);
    }
  }

  async #read(deploymentId: string): Promise<ReplayRecord | undefined> {
    try {
      return JSON.parse(
        await readFile(this.#pathOf(deploymentId), 'utf8'),
      ) as ReplayRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  // Write then rename, so a crash leaves the old record or the new one and
  // never a truncated file.
  async #write(record: ReplayRecord): Promise<void> {
    const tmpPath = path.join(
      this.#tmpDir,
      `replay-${randomBytes(8).toString('hex')}.json`,
    );
    await writeFile(tmpPath, JSON.stringify(record), { mode: 0o600 });
    await rename(tmpPath, this.#pathOf(record.deploymentId));
  }

  #pathOf(deploymentId: string): string {
    return path.join(this.#dir, `${deploymentId}.json`);
  }
}
