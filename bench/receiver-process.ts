import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import { REPO_ROOT } from './paths.js';

/** One parsed JSON log line of a receiver. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** Time to wait for a receiver's "receiver started" line. */
const START_TIMEOUT_MS = 30_000;
/** Time to wait for a receiver to exit after SIGTERM before SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** Maximum log lines kept per receiver, so a chatty one cannot fill memory. */
const MAX_KEPT_LINES = 10_000;

/**
 * A receiver running as a child process that logs JSON lines to stdout and
 * announces itself with a `receiver started` line that has `url`. Both the
 * product's dist/server.js and the baseline receiver follow that contract.
 */
export class ReceiverProcess {
  readonly lines: LogLine[] = [];
  /** Lines that were not JSON, or came on stderr. */
  readonly otherOutput: string[] = [];
  #waiters: Array<{
    match: (line: LogLine) => boolean;
    resolve: (line: LogLine) => void;
  }> = [];
  #exited = false;
  /** Base URL such as `http://127.0.0.1:41234`, from the start line. */
  url = '';

  private constructor(
    readonly child: ChildProcess,
    readonly name: string,
  ) {
    createInterface({ input: child.stdout! }).on('line', (text) =>
      this.#onLine(text),
    );
    createInterface({ input: child.stderr! }).on('line', (text) =>
      this.#keepOther(`stderr: ${text}`),
    );
    child.once('exit', () => {
      this.#exited = true;
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /**
   * Starts `node ARGS` with `env` and waits for its start line.
   *
   * @throws Error when it exits or stays silent for 30 s first.
   */
  static async start(
    name: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
  ): Promise<ReceiverProcess> {
    const child = spawn(process.execPath, args, {
      env,
      // The cwd lets node resolve --import tsx from the repository.
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const receiver = new ReceiverProcess(child, name);
    const exited = new Promise<never>((_resolve, reject) => {
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `${name} exited with ${code ?? signal} before it started; ` +
              `output: ${receiver.otherOutput.join(' | ').slice(-2000)}`,
          ),
        ),
      );
    });
    exited.catch(() => {});
    const started = await Promise.race([
      receiver.waitForLine(
        (line) => line.msg === 'receiver started',
        START_TIMEOUT_MS,
      ),
      exited,
    ]);
    receiver.url = String(started.url);
    return receiver;
  }

  /**
   * Resolves with the first line, already logged or still to come, that
   * `match` accepts.
   *
   * @throws Error when none arrives within `timeoutMs`.
   */
  waitForLine(
    match: (line: LogLine) => boolean,
    timeoutMs: number,
  ): Promise<LogLine> {
    const found = this.lines.find(match);
    if (found !== undefined) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((item) => item !== waiter);
        reject(
          new Error(
            `${this.name} logged no expected line within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Stops the receiver with SIGTERM, and SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.#exited) {
      return;
    }
    const exited = new Promise<void>((resolve) =>
      this.child.once('exit', () => resolve()),
    );
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  #onLine(text: string): void {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      this.#keepOther(text);
      return;
    }
    if (this.lines.length < MAX_KEPT_LINES) {
      this.lines.push(line);
    }
    for (const waiter of this.#waiters.filter((item) => item.match(line))) {
      this.#waiters = this.#waiters.filter((item) => item !== waiter);
      waiter.resolve(line);
    }
  }

  #keepOther(text: string): void {
    if (this.otherOutput.length < MAX_KEPT_LINES) {
      this.otherOutput.push(text);
    }
  }
}

/**
 * Returns the current environment without STATIC_DEPLOY_* and the
 * receiver's HOST, PORT and LOG_LEVEL, so a setting of the caller's shell
 * cannot change what is measured, with `overrides` added.
 */
export function cleanEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const isReceiverSetting =
      key.startsWith('STATIC_DEPLOY_') ||
      key === 'HOST' ||
      key === 'PORT' ||
      key === 'LOG_LEVEL';
    if (!isReceiverSetting) {
      env[key] = value;
    }
  }
  return { ...env, ...overrides };
}
