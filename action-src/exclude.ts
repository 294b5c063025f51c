import { Minimatch } from 'minimatch';

/** Decides whether a path, relative to the site folder, is left out. */
export type ExcludeMatcher = (
  relativePath: string,
  isFolder: boolean,
) => boolean;

/**
 * Compiles exclude globs into a matcher. Patterns are matched with
 * minimatch against the POSIX path relative to the site folder, with
 * `dot: true` so that `*` also matches dotfiles. A pattern without a slash
 * matches top-level paths only, so it needs a leading globstar segment to
 * match at any depth. A leading `./` or `/` is dropped, so `./drafts/**`
 * and `/drafts/**` both mean `drafts/**`.
 *
 * @throws Error for a negated pattern (`!…`), because minimatch would then
 *   match every path the pattern does not name and exclude the whole site.
 */
export function createExcludeMatcher(
  patterns: readonly string[],
): ExcludeMatcher {
  const matchers = patterns
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '')
    .map((pattern) => compilePattern(pattern));

  return (relativePath, isFolder) =>
    matchers.some(
      (matcher) =>
        matcher.match(relativePath) ||
        (isFolder && matcher.match(`${relativePath}/`)),
    );
}

function compilePattern(pattern: string): Minimatch {
  if (pattern.startsWith('!')) {
    throw new Error(
      `invalid exclude pattern "${pattern}": negated patterns are not ` +
        'supported; list only the paths to leave out',
    );
  }
  const relative = pattern.replace(/^(\.\/|\/)+/, '');
  return new Minimatch(relative, { dot: true });
}
