// `npm start`: builds and packages Model Lab, then opens it in VS Code on a sample workspace holding
// the iris CSV. With a local `code` CLI, installs the .vsix there and opens the workspace. Otherwise
// runs VS Code in the browser (code-server 4.100.3, installed on first use into the cache) on
// 127.0.0.1, prints the URL and stops everything on Ctrl+C.
//
//   node scripts/start.mjs [--no-package] [--code-server] [--port N]
//   env: MODEL_LAB_PORT (default 8080, or a free port when taken), MODEL_LAB_SAMPLE_WORKSPACE
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ensureCodeServer } from './vscode/installCodeServer.mjs';
import { findFreePort, installVsix, makeRunDirs, seedSettings, startCodeServer } from './vscode/codeServer.mjs';
import { setSignalHandler } from './vscode/processes.mjs';
import { cacheRoot, IRIS_CSV, REPO_ROOT, VSIX_PATH } from './vscode/paths.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function sampleWorkspace() {
  const dir = process.env.MODEL_LAB_SAMPLE_WORKSPACE || join(cacheRoot(), 'sample-workspace');
  mkdirSync(dir, { recursive: true });
  // Leave the user's edits and trained models alone; only put the iris data back if it is gone.
  if (!existsSync(join(dir, 'iris.csv'))) copyFileSync(IRIS_CSV, join(dir, 'iris.csv'));
  return dir;
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.once('error', () => resolvePort(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePort(true)));
  });
}

function localCodeCli() {
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'code' : undefined;
}

async function main() {
  if (!flag('--no-package')) {
    console.log('Building and packaging Model Lab (npm run package)…');
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  if (!existsSync(VSIX_PATH)) throw new Error(`No ${VSIX_PATH}: \`npm run package\` did not produce it.`);
  const workspace = sampleWorkspace();

  const code = flag('--code-server') ? undefined : localCodeCli();
  if (code) {
    execFileSync(code, ['--install-extension', VSIX_PATH, '--force'], { stdio: 'inherit' });
    execFileSync(code, [workspace], { stdio: 'inherit' });
    console.log(`Opened ${workspace} in VS Code with Model Lab installed.`);
    return;
  }

  const entry = await ensureCodeServer();
  const dirs = makeRunDirs('mls');
  seedSettings(dirs, { 'workbench.reduceMotion': 'auto' });
  await installVsix({ entry, dirs, vsix: VSIX_PATH });
  const wanted = Number(option('--port') ?? process.env.MODEL_LAB_PORT ?? 8080);
  const port = wanted > 0 && (await portIsFree(wanted)) ? wanted : await findFreePort();
  const server = await startCodeServer({ entry, dirs, folder: workspace, port });

  console.log('');
  console.log(`Model Lab is running in VS Code (code-server) at:`);
  console.log(`  ${server.workbenchUrl({ folder: workspace })}`);
  console.log(`Sample workspace: ${workspace}`);
  console.log(`code-server log:  ${server.logFile}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${sig}: stopping code-server…`);
    await server.stop();
    dirs.remove();
    console.log('Stopped.');
    process.exit(0);
  };
  // A clean asynchronous stop; processes.mjs still kills everything if this process exits otherwise.
  setSignalHandler((sig) => void stop(sig));
  server.child.on('exit', (c, s) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (${c ?? s}); see ${server.logFile}`);
    dirs.remove();
    process.exit(1);
  });
}

main().catch((err) => {
  console.error(err.message ?? String(err));
  process.exit(1);
});
