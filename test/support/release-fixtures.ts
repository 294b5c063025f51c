import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  dataDirAt,
  prepareDataDir,
  type DataDir,
} from '../../server/data-dir.js';
import { ReleaseStore, SITE_FOLDER } from '../../server/releases.js';

/** A prepared data folder in the system temp folder and its release store. */
export interface ReleaseFixture {
  dir: DataDir;
  releases: ReleaseStore;
}

/** Creates and prepares a data folder in the system temp folder. */
export async function createReleaseFixture(): Promise<ReleaseFixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'static-deploy-fixture-'));
  const dir = dataDirAt(root);
  await prepareDataDir(dir);
  const releases = new ReleaseStore(dir);
  await releases.load();
  return { dir, releases };
}

/**
 * Publishes release number `index` with one page, created `index` seconds
 * after 2026-01-01T00:00:00Z, so that a higher index is a newer release.
 *
 * @returns the release's name.
 */
export async function publishRelease(
  fixture: ReleaseFixture,
  index: number,
): Promise<string> {
  const deploymentId = `${String(index).padStart(4, '0')}${'0'.repeat(28)}`;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, index));
  const release = ReleaseStore.nameFor(deploymentId, createdAt);
  const staging = path.join(fixture.dir.staging, deploymentId);
  await mkdir(path.join(staging, SITE_FOLDER), { recursive: true });
  await writeFile(
    path.join(staging, SITE_FOLDER, 'index.html'),
    `release ${index}`,
  );
  await fixture.releases.publish(staging, {
    release,
    deploymentId,
    createdAt: createdAt.toISOString(),
    archiveSha256: '0'.repeat(64),
    archiveBytes: 0,
    files: 1,
    bytes: 9,
    metadata: {},
  });
  return release;
}
