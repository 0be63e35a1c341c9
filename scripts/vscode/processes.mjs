// Owns every process a harness run starts, and ends them all: on normal stop, on test failure,
// on Ctrl+C (SIGINT), SIGTERM, SIGHUP and on process exit. Processes are started as process-group
// leaders, and each stop also kills descendants that left the group (found through /proc).
import { readdirSync, readFileSync } from 'node:fs';

const cleanups = new Set();
let handlersInstalled = false;
let exiting = false;
let customSignalHandler;

/** Lets a long-running command (npm start) stop asynchronously on a signal instead of the default. */
export function setSignalHandler(fn) {
  installHandlers();
  customSignalHandler = fn;
}

/** Children of pid, recursively, read from /proc (Linux). */
export function descendantsOf(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the ")" that closes the command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we were looking.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** Alive and not a zombie (an ended child of ours is not reaped while we wait synchronously). */
function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Synchronously ends the process group of leader and every descendant: SIGTERM, up to graceMs for
 * them to go (a synchronous wait, usable in exit and signal handlers), then SIGKILL.
 */
export function killTree(leaderPid, graceMs = 1500) {
  const tree = [leaderPid, ...descendantsOf(leaderPid)];
  signal(-leaderPid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) Atomics.wait(sleeper, 0, 0, 50);
  signal(-leaderPid, 'SIGKILL');
  for (const p of tree) if (isAlive(p)) signal(p, 'SIGKILL');
}

/** SIGTERM the tree, wait up to graceMs for the leader to go, then SIGKILL what is left. */
export async function stopTree(leaderPid, graceMs = 3000) {
  const tree = [leaderPid, ...descendantsOf(leaderPid)];
  signal(-leaderPid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) await new Promise((r) => setTimeout(r, 50));
  signal(-leaderPid, 'SIGKILL');
  for (const p of tree) if (isAlive(p)) signal(p, 'SIGKILL');
}

/**
 * Registers fn(sync: boolean) to run at cleanup. On signals and exit it is called with sync=true
 * and must do its work synchronously. Returns a function that unregisters it.
 */
export function onCleanup(fn) {
  installHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runCleanupsSync() {
  // Last registered first, like defer: processes go before the folders they write into.
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn(true);
    } catch {
      // Best effort: keep cleaning up the rest.
    }
  }
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', runCleanupsSync);
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => {
      if (exiting) return;
      exiting = true;
      if (customSignalHandler) return void customSignalHandler(sig, code);
      process.stderr.write(`\n${sig}: stopping everything this run started…\n`);
      runCleanupsSync();
      process.exit(code);
    });
  }
}
