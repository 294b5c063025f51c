import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import { createExcludeMatcher, type ExcludeMatcher } from './exclude.js';

/** One regular file that goes into the archive. */
export interface SiteFile {
  /** Entry name in the archive: the POSIX path relative to the site folder. */
  name: string;
  /** Real path of the file on disk, with every symlink resolved. */
  sourcePath: string;
  /** Stats of the file that `sourcePath` names. */
  stats: Stats;
}

interface WalkContext {
  rootRealPath: string;
  isExcluded: ExcludeMatcher;
  files: SiteFile[];
}

/** The file or folder that a folder entry names, after following a symlink. */
interface ResolvedEntry {
  realPath: string;
  stats: Stats;
}

/**
 * Lists the files of a site folder in a fixed order: depth first, with the
 * entries of each folder sorted by UTF-16 code unit rather than by locale,
 * so the same tree always gives the same archive layout.
 *
 * A `.git` file or folder is left out at any depth, and so is every path
 * that matches an exclude pattern. Dotfiles such as `.well-known/` and
 * `.nojekyll` are kept. Symlinks are followed when their real path lies
 * inside the site folder.
 *
 * @throws Error when the folder is missing, a symlink is broken, loops or
 *   points outside the folder or into a `.git` folder, or an entry is
 *   neither a file nor a folder (a FIFO, socket or device).
 */
export async function listSiteFiles(
  dir: string,
  exclude: readonly string[] = [],
): Promise<SiteFile[]> {
  const context: WalkContext = {
    rootRealPath: await resolveRoot(dir),
    isExcluded: createExcludeMatcher(exclude),
    files: [],
  };
  const root = context.rootRealPath;
  await walkFolder(context, root, '', new Set([root]));
  return context.files;
}

async function resolveRoot(dir: string): Promise<string> {
  let rootRealPath: string;
  try {
    rootRealPath = await realpath(dir);
  } catch (error) {
    throw new Error(`site folder not found: ${dir}`, { cause: error });
  }
  if (!(await stat(rootRealPath)).isDirectory()) {
    throw new Error(`site path is not a folder: ${dir}`);
  }
  return rootRealPath;
}

/**
 * Adds the files under one folder. `ancestors` contains the real paths of
 * the folders on the way down from the root, so a symlink back to any of
 * them is reported as a loop instead of being walked forever.
 */
async function walkFolder(
  context: WalkContext,
  folderRealPath: string,
  prefix: string,
  ancestors: ReadonlySet<string>,
): Promise<void> {
  const names = (await readdir(folderRealPath)).sort(compareCodeUnits);
  for (const name of names) {
    const relativePath = prefix === '' ? name : `${prefix}/${name}`;
    if (name === '.git' || context.isExcluded(relativePath, false)) {
      continue;
    }
    const entryPath = path.join(folderRealPath, name);
    const entry = await resolveEntry(context, entryPath, relativePath);
    await visitEntry(context, entry, relativePath, ancestors);
  }
}

async function visitEntry(
  context: WalkContext,
  entry: ResolvedEntry,
  relativePath: string,
  ancestors: ReadonlySet<string>,
): Promise<void> {
  if (entry.stats.isFile()) {
    context.files.push({
      name: relativePath,
      sourcePath: entry.realPath,
      stats: entry.stats,
    });
    return;
  }
  if (!entry.stats.isDirectory()) {
    throw new Error(
      `unsupported file type in the site folder: ${relativePath} is ` +
        'neither a regular file nor a folder; remove it or add it to exclude',
    );
  }

  if (context.isExcluded(relativePath, true)) {
    return;
  }
  if (ancestors.has(entry.realPath)) {
    throw new Error(
      `symlink loop in the site folder: ${relativePath} points back ` +
        `to ${describeFolder(context, entry.realPath)}`,
    );
  }
  const below = new Set(ancestors).add(entry.realPath);
  await walkFolder(context, entry.realPath, relativePath, below);
}

async function resolveEntry(
  context: WalkContext,
  entryPath: string,
  relativePath: string,
): Promise<ResolvedEntry> {
  const linkStats = await lstat(entryPath);
  if (!linkStats.isSymbolicLink()) {
    return { realPath: entryPath, stats: linkStats };
  }

  let realPath: string;
  try {
    realPath = await realpath(entryPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ELOOP' ? 'is a symlink loop' : 'is a broken symlink';
    throw new Error(
      `${relativePath} ${problem}; remove it or add it to exclude`,
      {
        cause: error,
      },
    );
  }
  checkSymlinkTarget(context, relativePath, realPath);
  return { realPath, stats: await stat(realPath) };
}

/**
 * Rejects a symlink whose target lies outside the site folder, since
 * following it could publish any file the runner can read. A target inside
 * a `.git` folder is rejected as well, because `.git/config` may contain
 * the checkout's access token.
 */
function checkSymlinkTarget(
  context: WalkContext,
  relativePath: string,
  realPath: string,
): void {
  const fromRoot = path.relative(context.rootRealPath, realPath);
  const outside =
    fromRoot === '..' ||
    fromRoot.startsWith(`..${path.sep}`) ||
    path.isAbsolute(fromRoot);
  if (outside) {
    throw new Error(
      `${relativePath} is a symlink to ${realPath}, which is outside ` +
        'the site folder; only symlinks within the folder are followed',
    );
  }
  if (fromRoot.split(path.sep).includes('.git')) {
    throw new Error(
      `${relativePath} is a symlink into a .git folder, ` +
        'which is never deployed',
    );
  }
}

function describeFolder(context: WalkContext, realPath: string): string {
  const fromRoot = path.relative(context.rootRealPath, realPath);
  return fromRoot === ''
    ? 'the site folder'
    : fromRoot.split(path.sep).join('/');
}

/** Orders strings by UTF-16 code units, independent of the locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
