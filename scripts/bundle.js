/**
 * Bundles the action and the CLI into single ES modules in dist/ with
 * esbuild, so the action runs without node_modules.
 *
 * Usage: node scripts/bundle.js [--check]
 *
 * With --check it writes nothing and exits with 1 when a committed bundle
 * differs from a fresh build, which catches a dist/ that is out of date.
 */
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS dependencies call require() for Node built-ins, which an
// ES module does not have, so the bundle defines one.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; " +
  'const require = __createRequire(import.meta.url);';

const ENTRY_POINTS = [
  { source: 'action-src/index.ts', output: 'dist/index.js', banner: '' },
  {
    source: 'action-src/cli.ts',
    output: 'dist/cli.js',
    banner: '#!/usr/bin/env node\n',
  },
  { source: 'server/main.ts', output: 'dist/server.js', banner: '' },
];

const { version } = JSON.parse(
  await readFile(path.join(root, 'package.json'), 'utf8'),
);

const check = process.argv.includes('--check');
const stale = [];
for (const entry of ENTRY_POINTS) {
  const result = await build({
    // Paths in the bundle's comments are relative to this folder, so the
    // output does not depend on where the repository is checked out.
    absWorkingDir: root,
    entryPoints: [entry.source],
    outfile: entry.output,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: false,
    // Keeps the license notices of bundled packages, gathered at the end.
    legalComments: 'eof',
    banner: { js: entry.banner + REQUIRE_SHIM },
    define: { STATIC_DEPLOY_VERSION: JSON.stringify(version) },
    logLevel: 'warning',
    write: !check,
  });

  const outputPath = path.join(root, entry.output);
  if (!check) {
    await chmod(outputPath, 0o755);
  } else if (!(await matchesFile(outputPath, result.outputFiles[0].text))) {
    stale.push(entry.output);
  }
}

if (stale.length > 0) {
  console.error(
    `${stale.join(' and ')} out of date: run npm run bundle and commit dist/`,
  );
  process.exitCode = 1;
}

async function matchesFile(filePath, expected) {
  try {
    return (await readFile(filePath, 'utf8')) === expected;
  } catch {
    return false;
  }
}
