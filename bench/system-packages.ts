import {
  execFileSync,
  spawnSync,
  type ExecFileSyncOptions,
} from 'node:child_process';

/** Commands the baselines run, with the Debian package that provides each. */
const REQUIRED_COMMANDS: ReadonlyArray<{ command: string; pkg: string }> = [
  { command: 'rsync', pkg: 'rsync' },
  { command: 'zip', pkg: 'zip' },
  { command: 'unzip', pkg: 'unzip' },
  { command: 'curl', pkg: 'curl' },
  { command: 'openssl', pkg: 'openssl' },
  { command: 'sha256sum', pkg: 'coreutils' },
  // GNU time reports the peak RSS and CPU time of each client process.
  { command: '/usr/bin/time', pkg: 'time' },
];

function hasCommand(command: string): boolean {
  return (
    spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
      .status === 0
  );
}

/**
 * Installs the missing baseline tools with apt-get when running as root,
 * and otherwise throws with the command to run.
 */
export function ensureSystemPackages(log: (message: string) => void): void {
  const missing = REQUIRED_COMMANDS.filter(
    ({ command }) => !hasCommand(command),
  );
  if (missing.length === 0) {
    return;
  }

  const packages = [...new Set(missing.map(({ pkg }) => pkg))];
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing commands: ${missing.map(({ command }) => command).join(', ')}; ` +
        `install them with "sudo apt-get install -y ${packages.join(' ')}" ` +
        'or run the benchmark as root, which installs them itself',
    );
  }

  log(`installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt-get's output goes to stderr, because stdout carries the results.
  const options: ExecFileSyncOptions = {
    env,
    stdio: ['ignore', 2, 2],
    timeout: 10 * 60 * 1000,
  };
  execFileSync('apt-get', ['update', '-qq'], options);
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], options);

  const stillMissing = missing.filter(({ command }) => !hasCommand(command));
  if (stillMissing.length > 0) {
    throw new Error(
      `apt-get finished but these commands are still missing: ` +
        stillMissing.map(({ command }) => command).join(', '),
    );
  }
}
