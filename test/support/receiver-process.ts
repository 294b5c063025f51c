import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** A receiver running as its own process, started the way `npm start` does. */
export interface ReceiverProcess {
  child: ChildProcess;
  url: string;
  apiUrl: string;
  secret: string;
  root: string;
  logLines: string[];
  /** Peak resident memory of the process so far, in bytes (Linux VmHWM). */
  peakRssBytes(): Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops the process and removes its data folder. */
  dispose(): Promise<void>;
}

/** Starts the bundled receiver, `node dist/server.js`, on 127.0.0.1 and a free port and waits for its start line. */
export async function startReceiverProcess(
  options: {
    root?: string;
    secret?: string;
    env?: Record<string, string>;
  } = {},
): Promise<ReceiverProcess> {
  const root =
    options.root ??
    (await mkdtemp(path.join(os.tmpdir(), 'static-deploy-e2e-')));
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const child = spawn(
    process.execPath,
    // The same command as `npm start`, without npm in between, so signals
    // reach the receiver itself.
    ['dist/server.js'],
    {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        STATIC_DEPLOY_ROOT: root,
        STATIC_DEPLOY_SECRET: secret,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logLines: string[] = [];
  const url = await waitForStart(child, logLines);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    return exited;
  };
  return {
    child,
    url,
    apiUrl: `${url}/_static-deploy`,
    secret,
    root,
    logLines,
    peakRssBytes: () => peakRssBytes(child.pid!),
    stop,
    async dispose() {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function waitForStart(
  child: ChildProcess,
  logLines: string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(
      () => reject(new Error(`receiver did not start within 20 s: ${stderr}`)),
      20_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`receiver exited with ${code} before it started: ${stderr}`),
      );
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logLines.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'receiver started' && entry.url !== undefined) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
}

async function peakRssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match === null ? 0 : Number(match[1]) * 1024;
}
