import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** GNU time, which reports the peak RSS and CPU time of the child it runs. */
const GNU_TIME = '/usr/bin/time';

/** Maximum bytes of a child's stdout or stderr that are kept. */
const MAX_CAPTURED_BYTES = 1024 * 1024;

/** Result of one finished child process. */
export interface TimedRun {
  /** Wall time from spawn to exit, measured in this process, in ms. */
  wallMs: number;
  /** User and system CPU seconds, from GNU time. */
  userSeconds: number;
  systemSeconds: number;
  /**
   * Peak RSS in KiB from GNU time: the largest of the process and the
   * children it waited for, not their sum.
   */
  maxRssKib: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The child is killed with SIGKILL after this many ms. */
  timeoutMs: number;
  /** Called with each complete stderr line and the time it arrived. */
  onStderrLine?: (line: string, atMs: number) => void;
}

/**
 * Runs `command` under GNU time and resolves when it exits with status 0.
 *
 * @throws Error with the tail of stderr when it exits otherwise or times out.
 */
export async function runTimed(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<TimedRun> {
  const timeFile = path.join(
    os.tmpdir(),
    `static-deploy-bench-time-${process.pid}-${Math.random().toString(16).slice(2)}`,
  );
  const startedMs = performance.now();
  const child = spawn(
    GNU_TIME,
    ['-f', '%e %U %S %M', '-o', timeFile, command, ...args],
    { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr, options.onStderrLine);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exit = await new Promise<{
    code: number | null;
    signal: string | null;
  }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - startedMs;

  const timeOutput = await readFile(timeFile, 'utf8').catch(() => '');
  await rm(timeFile, { force: true });
  if (exit.code !== 0) {
    const reason =
      exit.signal === 'SIGKILL'
        ? `timed out after ${options.timeoutMs / 1000} s`
        : `exited with status ${exit.code ?? exit.signal}`;
    throw new Error(
      `${command} ${args.join(' ')} ${reason}; stderr ends with: ` +
        stderr.text().slice(-2000),
    );
  }
  const [, user, system, maxRss] = (
    timeOutput.trim().split('\n').at(-1) ?? ''
  ).split(' ');
  return {
    wallMs,
    userSeconds: Number(user),
    systemSeconds: Number(system),
    maxRssKib: Number(maxRss),
    stdout: stdout.text(),
    stderr: stderr.text(),
  };
}

function capture(
  stream: NodeJS.ReadableStream,
  onLine?: (line: string, atMs: number) => void,
): { text(): string } {
  let text = '';
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (text.length < MAX_CAPTURED_BYTES) {
      text += chunk;
    }
    if (onLine === undefined) {
      return;
    }
    const atMs = performance.now();
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      onLine(line, atMs);
    }
  });
  return { text: () => text };
}

/** Peak and current resident set size of a running process, in KiB. */
export interface MemoryReading {
  peakKib: number;
  currentKib: number;
}

/** Reads VmHWM (peak RSS) and VmRSS from /proc/<pid>/status. */
export async function readMemory(pid: number): Promise<MemoryReading> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match === null) {
      throw new Error(`/proc/${pid}/status has no ${name} line`);
    }
    return Number(match[1]);
  };
  return { peakKib: field('VmHWM'), currentKib: field('VmRSS') };
}

/**
 * Resets the peak RSS of a process to its current RSS by writing 5 to
 * /proc/<pid>/clear_refs (Linux 4.0 and later, owner or root only).
 * Returns false when that is not allowed, in which case VmHWM keeps the
 * peak over the process's whole life.
 */
export async function resetPeakMemory(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
