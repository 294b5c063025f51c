/**
 * Profiles one product deploy of a site with `node --cpu-prof` on both the
 * receiver and the CLI, and prints where each spent its CPU time.
 *
 * Usage: node --import tsx bench/profile.ts [--path DIR] [--seed S] [--large]
 *          [--work DIR]
 *
 * Without --path it deploys the cached generated site (see generate-site.ts).
 * The profiles stay in <work>/profiles/ for Chrome DevTools or speedscope.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { summarizeProfile, type ProfileSummary } from './cpu-profile.js';
import { DEFAULT_WORK_DIR, ensureGeneratedSite } from './generate-site.js';
import { benchFile, SERVER_PATH } from './paths.js';
import { runProductDeploy } from './product-deploy.js';
import { cleanEnv, ReceiverProcess } from './receiver-process.js';

const GIB = 1024 ** 3;
const SAMPLER_URL = pathToFileURL(benchFile('memory-sampler.mjs')).href;

/** Returns the peaks that memory-sampler.mjs printed, formatted in MiB. */
function samplerPeaks(lines: readonly string[]): string {
  const line = lines.find((text) => text.includes('memory-sampler {'));
  if (line === undefined) {
    return 'no memory-sampler line';
  }
  const peaks = JSON.parse(line.slice(line.indexOf('{'))) as Record<
    string,
    number
  >;
  return Object.entries(peaks)
    .map(([field, bytes]) => `${field} ${(bytes / 1024 / 1024).toFixed(1)}`)
    .join(', ');
}

function render(title: string, summary: ProfileSummary): string {
  const lines = [`${title}: ${(summary.totalMs / 1000).toFixed(2)} s sampled`];
  lines.push('', '| module | self ms |', '| --- | --- |');
  for (const entry of summary.byModule) {
    lines.push(`| ${entry.name} | ${entry.ms.toFixed(0)} |`);
  }
  lines.push('', '| function | self ms |', '| --- | --- |');
  for (const entry of summary.byFunction) {
    lines.push(`| ${entry.name} | ${entry.ms.toFixed(0)} |`);
  }
  return lines.join('\n');
}

async function onlyProfile(folder: string): Promise<string> {
  const files = (await readdir(folder)).filter((name) =>
    name.endsWith('.cpuprofile'),
  );
  if (files.length !== 1) {
    throw new Error(
      `expected one .cpuprofile in ${folder}, found ${files.length}`,
    );
  }
  return path.join(folder, files[0] as string);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      path: { type: 'string' },
      seed: { type: 'string', default: '1' },
      large: { type: 'boolean', default: false },
      work: { type: 'string', default: DEFAULT_WORK_DIR },
    },
  });
  const log = (message: string) =>
    process.stderr.write(`profile: ${message}\n`);
  const siteDir =
    values.path ??
    (
      await ensureGeneratedSite(
        values.work,
        values.seed,
        values.large ? 'large' : 'default',
        log,
      )
    ).dir;

  const root = path.join(values.work, 'profiles');
  const dataDir = path.join(root, 'receiver-data');
  const receiverProfiles = path.join(root, 'receiver');
  const cliProfiles = path.join(root, 'cli');
  await rm(root, { recursive: true, force: true });
  await mkdir(receiverProfiles, { recursive: true });
  await mkdir(cliProfiles, { recursive: true });

  const secret = randomBytes(32).toString('hex');
  const receiver = await ReceiverProcess.start(
    'product receiver',
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      receiverProfiles,
      '--import',
      SAMPLER_URL,
      SERVER_PATH,
    ],
    cleanEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      STATIC_DEPLOY_ROOT: dataDir,
      STATIC_DEPLOY_SECRET: secret,
      STATIC_DEPLOY_MAX_ARCHIVE_BYTES: String(8 * GIB),
      STATIC_DEPLOY_MAX_UNPACKED_BYTES: String(16 * GIB),
    }),
  );
  let run;
  try {
    log(`deploying ${siteDir} with --cpu-prof`);
    run = await runProductDeploy(
      receiver,
      dataDir,
      { path: siteDir },
      secret,
      30 * 60 * 1000,
      ['--cpu-prof', '--cpu-prof-dir', cliProfiles, '--import', SAMPLER_URL],
    );
  } finally {
    // The receiver writes its profile when it exits.
    await receiver.stop();
  }
  await rm(dataDir, { recursive: true, force: true });

  const phases = Object.entries(run.phases)
    .map(([name, ms]) => `${name} ${ms === undefined ? 'n/a' : Math.round(ms)}`)
    .join(', ');
  process.stdout.write(
    [
      `Deploy of ${siteDir} under --cpu-prof: ${(run.wallMs / 1000).toFixed(2)} s ` +
        `wall; steps in ms: ${phases}.`,
      '',
      'Peak process.memoryUsage() in MiB, sampled every 50 ms:',
      `- CLI: ${samplerPeaks(run.cliStderr.split('\n'))}`,
      `- receiver: ${samplerPeaks(receiver.otherOutput)}`,
      '',
      render('CLI', await summarizeProfile(await onlyProfile(cliProfiles))),
      '',
      render(
        'Receiver (whole process life, mostly the deploy)',
        await summarizeProfile(await onlyProfile(receiverProfiles)),
      ),
      '',
      `Profiles: ${root}`,
      '',
    ].join('\n'),
  );
}

await main();
