// Installs the pinned code-server (tools/code-server/package.json + lockfile) into a cache folder
// outside the repo, once. Idempotent: a stamp file records what was installed, so a second call
// returns in milliseconds. Installs into a staging folder and renames it, so an interrupted install
// never leaves a half-installed cache behind.
//
// Run directly: node scripts/vscode/installCodeServer.mjs [--force]
import { createHash } from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync, copyFileSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_PACKAGE_DIR, CODE_SERVER_VERSION, codeServerEntry, codeServerInstallDir } from './paths.mjs';
import { checkInstallPrerequisites, diagnoseInstallLog } from './debianPrerequisites.mjs';

// @vscode/ripgrep (pinned by code-server) downloads rg from the internet unless it finds this cached
// tarball under $TMPDIR; we build it from Debian's /usr/bin/rg.
const RIPGREP_CACHE = { dir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };

const STAMP = '.model-lab-installed.json';

function wantedStamp() {
  const hash = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(CODE_SERVER_PACKAGE_DIR, f)));
  // Native modules are built against this Node's ABI.
  hash.update(process.versions.modules);
  return { version: CODE_SERVER_VERSION, hash: hash.digest('hex'), node: process.version };
}

export function isCodeServerInstalled(installDir = codeServerInstallDir()) {
  try {
    const stamp = JSON.parse(readFileSync(join(installDir, STAMP), 'utf8'));
    return stamp.hash === wantedStamp().hash && existsSync(codeServerEntry(installDir));
  } catch {
    return false;
  }
}

function makeRipgrepCache(tmpDir) {
  const dir = join(tmpDir, RIPGREP_CACHE.dir);
  mkdirSync(join(tmpDir, 'rgpack'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(tmpDir, 'rgpack', 'rg'));
  execFileSync('tar', ['-C', join(tmpDir, 'rgpack'), '-czf', join(dir, RIPGREP_CACHE.file), 'rg']);
}

function runLogged(cmd, args, opts, logFile) {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      closeSync(fd);
      resolvePromise({ code, signal });
    });
  });
}

/**
 * Makes sure code-server is installed; returns the path of its entry script.
 * @param {{ force?: boolean, log?: (msg: string) => void }} [options]
 */
export async function ensureCodeServer({ force = false, log = (m) => console.error(m) } = {}) {
  const installDir = codeServerInstallDir();
  if (!force && isCodeServerInstalled(installDir)) return codeServerEntry(installDir);

  checkInstallPrerequisites();
  const started = Date.now();
  const staging = `${installDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'tmp'), { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(CODE_SERVER_PACKAGE_DIR, f), join(staging, f));
  makeRipgrepCache(join(staging, 'tmp'));
  const logFile = join(staging, 'install.log');
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${installDir} (first use only, about 90 s; log: ${logFile})…`);

  const env = {
    ...process.env,
    TMPDIR: join(staging, 'tmp'),
    // node-pty's install step runs `npx node-gyp`; a user config of yes=false would make it hang/fail.
    npm_config_yes: 'true',
    // code-server's postinstall runs a nested `npm install` in lib/vscode, a project with no
    // allowScripts of its own: the policy has to reach it through the environment. The set of
    // packages is fixed by the two lockfiles (ours and code-server's npm-shrinkwrap.json).
    npm_config_dangerously_allow_all_scripts: 'true',
    // node-gyp: compile each native module with one job per core.
    JOBS: 'max',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // As root, code-server's postinstall refuses to run without unsafe-perm.
  if (process.getuid?.() === 0) env.npm_config_unsafe_perm = 'true';

  const { code, signal } = await runLogged('npm', ['ci', '--no-audit', '--no-fund'], { cwd: staging, env }, logFile);
  if (code !== 0 || !existsSync(codeServerEntry(staging))) {
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const tail = text.split('\n').filter((l) => !l.includes('Unknown env config')).slice(-25).join('\n');
    const pkgs = diagnoseInstallLog(text);
    const hint = pkgs.length ? `\nLikely missing Debian package(s): ${pkgs.join(', ')} (apt-get install -y ${pkgs.join(' ')}).` : '';
    throw new Error(`code-server install failed (npm ci exit ${code ?? signal}). Log: ${logFile}\n${tail}${hint}`);
  }
  rmSync(join(staging, 'tmp'), { recursive: true, force: true });
  writeFileSync(join(staging, STAMP), JSON.stringify(wantedStamp(), null, 2) + '\n');
  rmSync(installDir, { recursive: true, force: true });
  renameSync(staging, installDir);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return codeServerEntry(installDir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  ensureCodeServer({ force: process.argv.includes('--force') })
    .then((entry) => console.log(`code-server ready: ${entry} (${Date.now() - t0} ms)`))
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
