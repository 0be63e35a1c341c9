// Starts and stops an isolated code-server (VS Code in the browser) for one run: its own free port,
// user data, extensions and XDG/TMP folders under a short /tmp path (unix sockets are limited to
// 107 bytes), seeded settings, an optional .vsix installed first. Every process it starts is
// stopped on stop(), on SIGINT/SIGTERM and on process exit (see processes.mjs).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './installCodeServer.mjs';
import { onCleanup, killTree, stopTree } from './processes.mjs';

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  // Screenshots otherwise catch toasts and menus mid-fade.
  'workbench.reduceMotion': 'on',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race until code-server binds it, retried in start). */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Fresh folders for one run under a short /tmp path. Removed by remove(), or on Ctrl+C/exit unless
 * keep() was called (after a failure, for inspection) or MODEL_LAB_KEEP_RUN_DIRS is set.
 * @returns {{root: string, userData: string, extensions: string, config: string, data: string, cache: string, tmp: string, logs: string, remove: () => void, keep: () => void}}
 */
export function makeRunDirs(prefix = 'mlv') {
  const root = mkdtempSync(join('/tmp', `${prefix}-`));
  const dirs = {
    root,
    userData: join(root, 'u'),
    extensions: join(root, 'x'),
    config: join(root, 'c'),
    data: join(root, 'd'),
    cache: join(root, 'k'),
    tmp: join(root, 't'),
    logs: join(root, 'l'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  const removeNow = () => {
    if (!process.env.MODEL_LAB_KEEP_RUN_DIRS) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const unregister = onCleanup(removeNow);
  dirs.remove = () => {
    unregister();
    removeNow();
  };
  dirs.keep = unregister;
  return dirs;
}

export function seedSettings(dirs, extra = {}) {
  const userDir = join(dirs.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }, null, 2) + '\n');
}

/** Environment that keeps code-server, git and its children out of the real home folder. */
export function isolatedEnv(dirs, extra = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.tmp,
    TMPDIR: dirs.tmp,
    ...extra,
  };
  // A parent VS Code's variables would make code-server think it is nested in another instance.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

function runToEnd(args, env, logFile) {
  return new Promise((resolveRun, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd], detached: true });
    const unregister = onCleanup(() => killTree(child.pid));
    child.on('error', reject);
    child.on('exit', (code) => {
      unregister();
      closeSync(fd);
      resolveRun(code);
    });
  });
}

/** Installs a .vsix into the run's extensions folder (before start). */
export async function installVsix({ entry, dirs, vsix }) {
  if (!existsSync(vsix)) throw new Error(`No packaged extension at ${vsix}: run \`npm run package\` first.`);
  const logFile = join(dirs.logs, 'install-extension.log');
  const args = [entry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix];
  const code = await runToEnd(args, isolatedEnv(dirs), logFile);
  const log = readFileSync(logFile, 'utf8');
  if (code !== 0 || !/successfully installed|already installed/i.test(log)) {
    throw new Error(`Installing ${vsix} into code-server failed (exit ${code}):\n${log.slice(-2000)}`);
  }
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server and waits until it answers HTTP.
 * @param {{ entry?: string, dirs: ReturnType<typeof makeRunDirs>, folder?: string, env?: Record<string,string>,
 *           port?: number, host?: string, timeoutMs?: number, stdio?: 'log' | 'inherit' }} options
 */
export async function startCodeServer({ entry, dirs, folder, env = {}, port, host = '127.0.0.1', timeoutMs = 60_000, stdio = 'log' }) {
  entry ??= await ensureCodeServer();
  const logFile = join(dirs.logs, 'code-server.log');
  for (let attempt = 1; ; attempt++) {
    const usePort = port ?? (await findFreePort());
    const args = [
      entry,
      '--auth', 'none',
      '--bind-addr', `${host}:${usePort}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      // MODEL_LAB_CODE_SERVER_LOG=trace: VS Code's own trace (its file watcher's events among them) in the run folder's logs.
      ...(process.env.MODEL_LAB_CODE_SERVER_LOG ? ['--log', process.env.MODEL_LAB_CODE_SERVER_LOG] : []),
      ...(folder ? [folder] : []),
    ];
    const fd = stdio === 'log' ? openSync(logFile, 'a') : 'inherit';
    const child = spawn(process.execPath, args, {
      env: isolatedEnv(dirs, env),
      stdio: ['ignore', fd, fd],
      detached: true, // its own process group, so one kill reaches its extension host and watchers
    });
    if (typeof fd === 'number') closeSync(fd);
    const unregister = onCleanup(() => killTree(child.pid));
    const baseUrl = `http://${host}:${usePort}`;
    const up = await waitForHttp(`${baseUrl}/healthz`, child, timeoutMs);
    if (!up) {
      unregister();
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (port === undefined && attempt < 3 && /EADDRINUSE/.test(log)) continue;
      throw new Error(`code-server exited before it was ready (exit ${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${log.slice(-3000)}`);
    }
    let stopped = false;
    return {
      port: usePort,
      baseUrl,
      logFile,
      child,
      /** URL of the workbench on folder, with an optional payload (e.g. extensionDevelopmentPath). */
      /** The workbench on a folder, or with `workspace` on a .code-workspace file (a multi-root window). */
      workbenchUrl({ folder: f = folder, workspace, payload } = {}) {
        const params = new URLSearchParams();
        if (workspace) params.set('workspace', workspace);
        else if (f) params.set('folder', f);
        if (payload) params.set('payload', JSON.stringify(payload));
        const q = params.toString();
        return q ? `${baseUrl}/?${q}` : `${baseUrl}/`;
      },
      /** vscode-remote URI for a path on this machine (for payload entries). */
      remoteUri(absPath) {
        return `vscode-remote://${host}:${usePort}${absPath}`;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        unregister();
        await stopTree(child.pid);
      },
    };
  }
}
