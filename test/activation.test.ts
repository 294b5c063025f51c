import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import { activateRelease } from '../server/activation.js';
import { ReleaseTrash } from '../server/release-trash.js';
import { captureLogger } from './support/log-capture.js';
import {
  createReleaseFixture,
  publishRelease,
  type ReleaseFixture,
} from './support/release-fixtures.js';
import {
  fileSystemError,
  gate,
  probedFileSystem,
} from './support/tree-file-system.js';

describe('activateRelease', () => {
  let fixture: ReleaseFixture;

  beforeEach(async () => {
    fixture = await createReleaseFixture();
  });

  afterEach(async () => {
    await rm(fixture.dir.root, { recursive: true, force: true });
  });

  test('removes surplus releases from the list at once', async () => {
    const log = captureLogger();
    const callGate = gate();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger, {
      fileSystem: probedFileSystem({ before: () => callGate.opened }),
    });
    const oldest = await publishRelease(fixture, 1);
    const older = await publishRelease(fixture, 2);
    const newest = await publishRelease(fixture, 3);
    await activateRelease(fixture.releases, oldest, {
      keepReleases: 5,
      trash,
      logger: log.logger,
    });

    const previous = await activateRelease(fixture.releases, newest, {
      keepReleases: 1,
      trash,
      logger: log.logger,
    });

    expect(previous).toBe(oldest);
    expect(fixture.releases.current).toBe(newest);
    const listed = (await fixture.releases.list()).map((r) => r.release);
    expect(listed).toEqual([newest]);
    expect(await readdir(fixture.dir.releases)).toEqual([newest]);
    // The gate holds the deletion back, so the pruned releases still wait in the trash.
    expect(await readdir(fixture.dir.trash)).toHaveLength(2);
    const pruned = log.withMessage('pruned releases');
    expect(pruned).toHaveLength(1);
    expect(pruned[0].removed).toEqual([older, oldest]);

    callGate.open();
    await trash.idle();
    expect(await readdir(fixture.dir.trash)).toEqual([]);
    expect(log.withMessage('deleted pruned releases')).toHaveLength(1);
  });

  test('succeeds when the background deletion fails', async () => {
    const log = captureLogger();
    const trash = new ReleaseTrash(fixture.dir.trash, log.logger, {
      fileSystem: probedFileSystem({
        fail: (name, target) =>
          name === 'unlink' ? fileSystemError('EIO', target) : undefined,
      }),
    });
    const old = await publishRelease(fixture, 1);
    const next = await publishRelease(fixture, 2);

    const previous = await activateRelease(fixture.releases, next, {
      keepReleases: 1,
      trash,
      logger: log.logger,
    });
    await trash.idle();

    expect(previous).toBeNull();
    expect(fixture.releases.current).toBe(next);
    expect((await fixture.releases.list()).map((r) => r.release)).toEqual([
      next,
    ]);
    const failures = log.withMessage(
      'failed to delete part of a pruned release; retrying at the next pruning or start',
    );
    expect(failures).toHaveLength(1);
    expect(String(failures[0].path)).toContain(
      path.join(fixture.dir.trash, `${old}.`),
    );
    expect((failures[0].err as { code?: string }).code).toBe('EIO');
    expect(await readdir(fixture.dir.trash)).toHaveLength(1);
  });
});
