import { watch, type FSWatcher } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Times, in `performance.now()` ms of this process, at which the receiver's
 * data folder showed each step of one deploy. A step that was not seen is
 * undefined.
 */
export interface PhaseTimes {
  /** `tmp/upload-*` created: the signature passed and the body is read. */
  uploadStarted?: number;
  /** `staging/<id>` created: the upload ended and its SHA-256 matched. */
  uploadVerified?: number;
  /** `releases/<release>` appeared: extraction and release.json are done. */
  extracted?: number;
  /** `current` replaced: the new release is live. */
  activated?: number;
}

/**
 * Watches a receiver's data folder with inotify (fs.watch) during one deploy
 * and records when each step's file system change appears. This observes the
 * product from outside, since the receiver logs only the total duration.
 * Events arrive with a small delay when both cores are busy, typically
 * under a few ms.
 */
export class PhaseWatch {
  readonly times: PhaseTimes = {};
  readonly #watchers: FSWatcher[] = [];

  constructor(dataDir: string) {
    const knownReleases = new Set(readdirSync(path.join(dataDir, 'releases')));
    this.#watch(path.join(dataDir, 'tmp'), (name) => {
      if (name.startsWith('upload-')) {
        this.times.uploadStarted ??= performance.now();
      }
    });
    this.#watch(path.join(dataDir, 'staging'), () => {
      this.times.uploadVerified ??= performance.now();
    });
    this.#watch(path.join(dataDir, 'releases'), (name) => {
      if (!knownReleases.has(name)) {
        this.times.extracted ??= performance.now();
      }
    });
    this.#watch(dataDir, (name) => {
      if (name === 'current') {
        this.times.activated ??= performance.now();
      }
    });
  }

  close(): void {
    for (const watcher of this.#watchers) {
      watcher.close();
    }
  }

  #watch(folder: string, onName: (name: string) => void): void {
    const watcher = watch(folder, (_event, name) => {
      if (name !== null) {
        onName(name.toString());
      }
    });
    this.#watchers.push(watcher);
  }
}
