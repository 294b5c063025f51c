import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository, the folder above bench/. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Bundled CLI that the benchmark deploys with. */
export const CLI_PATH = path.join(REPO_ROOT, 'dist/cli.js');
/** Bundled receiver that the benchmark deploys to. */
export const SERVER_PATH = path.join(REPO_ROOT, 'dist/server.js');
/** Real site used as the small input; read only, never written. */
export const KAITAI_SITE = path.resolve(
  REPO_ROOT,
  '../shared/sites/kaitai-gallery',
);

/** Returns the path of a file in bench/. */
export function benchFile(name: string): string {
  return path.join(REPO_ROOT, 'bench', name);
}
