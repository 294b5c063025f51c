import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { SeededRandom } from './random.js';
import { listFiles } from './tree-hash.js';

/** Files changed before each round, for the incremental rsync deploy. */
export const CHANGED_FILES_PER_ROUND = 10;

/**
 * Changes `count` HTML files of `siteDir`, chosen by `seed` and `round`, by
 * appending a comment that names the round. Each file is replaced through a
 * rename, so a tree made with `cp -al` keeps its other links unchanged.
 *
 * @returns The relative paths of the changed files.
 */
export async function mutateSite(
  siteDir: string,
  seed: string,
  round: number,
  count = CHANGED_FILES_PER_ROUND,
): Promise<string[]> {
  const pages = (await listFiles(siteDir)).filter((file) =>
    file.endsWith('.html'),
  );
  if (pages.length < count) {
    throw new Error(
      `${siteDir} has ${pages.length} HTML files; ${count} are needed`,
    );
  }
  const random = new SeededRandom(`${seed}:mutate:${round}`);
  const chosen = new Set<string>();
  // Bounded: each draw has at least a 1 - count/pages chance to add one.
  for (let i = 0; chosen.size < count && i < 100 * count; i += 1) {
    chosen.add(random.pick(pages));
  }
  for (const relative of chosen) {
    const file = path.join(siteDir, relative);
    const content = await readFile(file);
    const next = `${file}.bench-next`;
    await writeFile(
      next,
      Buffer.concat([content, Buffer.from(`\n<!-- round ${round} -->\n`)]),
    );
    await rename(next, file);
  }
  return [...chosen];
}
