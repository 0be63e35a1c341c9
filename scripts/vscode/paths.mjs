// Where the pinned code-server lives and where the repo's pieces are. One place, so the installer,
// the test runners and `npm start` agree.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** tools/code-server: its own package.json + lockfile, never part of the extension's dependencies. */
export const CODE_SERVER_PACKAGE_DIR = join(REPO_ROOT, 'tools', 'code-server');

/** Cache root outside the repo (override with MODEL_LAB_CACHE_DIR). */
export function cacheRoot() {
  if (process.env.MODEL_LAB_CACHE_DIR) return resolve(process.env.MODEL_LAB_CACHE_DIR);
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'model-lab');
}

export function codeServerInstallDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

/** code-server's Node entry point, run with this Node (code-server 4.100.x declares Node 20). */
export function codeServerEntry(installDir = codeServerInstallDir()) {
  return join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export const CHROMIUM_PATH = process.env.MODEL_LAB_CHROMIUM || '/usr/bin/chromium';

/** Packaged extension written by `npm run package`. */
export const VSIX_PATH = join(REPO_ROOT, 'model-lab.vsix');

/** Iris CSV (scikit-learn's load_iris rows and order) used for sample and journey workspaces. */
export const IRIS_CSV = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'iris.csv');

export const TEST_RESULTS_DIR = join(REPO_ROOT, 'test-results');
