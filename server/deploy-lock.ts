/**
 * Admits one deploy at a time. A second one is rejected at once instead of
 * queued, so a client never keeps an upload open while waiting.
 */
export class DeployLock {
  #holder: string | undefined;

  /** Takes the lock for `owner`; returns false when another deploy holds it. */
  tryAcquire(owner: string): boolean {
    if (this.#holder !== undefined) {
      return false;
    }
    this.#holder = owner;
    return true;
  }

  release(owner: string): void {
    if (this.#holder === owner) {
      this.#holder = undefined;
    }
  }

  get busy(): boolean {
    return this.#holder !== undefined;
  }
}
