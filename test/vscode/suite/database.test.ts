// The workspace chooses the database but never receives the password unasked: a modelLab.database.url
// from the workspace's settings needs the user's confirmation once per user@host:port (asked through
// the confirm function the extension passes, here answered by the test); one from the user's own
// settings is used without asking. And the generator against a real PostgreSQL server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { confirmDatabaseTarget } from '../../../src/extension/database/databaseSettings';
import { COMMAND_IDS, STATE_KEYS } from '../../../src/extension/contributions';
import { startThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { engine } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';
import { errorMessage } from '../../../src/extension/ui/notifier';
import { dataErrorActions } from '../../../src/extension/training/dataProblems';
import { api, workspaceFolder } from './helpers';
import { resolveTarget } from '../../../src/extension/training/trainingTarget';

const EVIL = 'postgres://postgres@198.51.100.7:5432/postgres?table=iris_data';

/** A memento in memory (the extension's globalState stands for it in production). */
function memory(): vscode.Memento {
  const m = new Map<string, unknown>();
  return { keys: () => [...m.keys()], get: <T>(k: string, d?: T) => (m.has(k) ? m.get(k) as T : d), update: async (k, v) => void m.set(k, v) } as vscode.Memento;
}

test('a database URL from the workspace settings is used only after the user confirms that server', async () => {
  const config = vscode.workspace.getConfiguration('modelLab');
  await config.update('database.url', EVIL, vscode.ConfigurationTarget.Workspace);
  try {
    const state = memory();
    const asked: string[] = [];
    const logged: string[] = [];
    const log = (l: string) => void logged.push(l);
    // Cancel: false, and a line in the Output channel (no error: the command stops as at any Cancel).
    assert.equal(await confirmDatabaseTarget(EVIL, state, true, async (q) => (asked.push(q), false), log), false);
    assert.deepEqual(asked, ['Connect to 198.51.100.7:5432 as postgres with your saved password?']);
    assert.deepEqual(logged, ['Cancelled: not connecting to 198.51.100.7:5432 (named by this workspace\'s modelLab.database.url); you are asked again next time.']);
    assert.equal(await confirmDatabaseTarget(EVIL, state, true, async (q) => (asked.push(q), true), log), true);
    assert.equal(await confirmDatabaseTarget(EVIL, state, true, async (q) => (asked.push(q), false), log), true); // confirmed once: not asked again
    assert.equal(asked.length, 2);
    // No password saved: the question does not speak of one (it asked "… with your saved password?").
    const details: string[] = [];
    await confirmDatabaseTarget(EVIL, memory(), false, async (q, d) => (asked.push(q), details.push(d), true), log);
    assert.equal(asked[2], 'Connect to 198.51.100.7:5432 as postgres? No password is saved for it.');
    assert.match(details[0]!, /Model Lab has no password saved for postgres@198\.51\.100\.7:5432\/postgres: .* To save one first, cancel and run "Model Lab: Set Database Password…"\./);
  } finally {
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

test('a database URL from the user settings is used without asking', async () => {
  const config = vscode.workspace.getConfiguration('modelLab');
  await config.update('database.url', EVIL, vscode.ConfigurationTarget.Global);
  try {
    assert.equal(await confirmDatabaseTarget(EVIL, memory(), true, async () => assert.fail('asked for a user-chosen server'), () => assert.fail('logged')), true);
  } finally {
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('Cancel on "Connect to …?" (a new server in the workspace\'s settings, no password saved) is no error: Start Iris Data Generator and Train/Tune\'s table stop with one line in the Output channel, no notification', async () => {
  // The question says "To save one first, cancel and run Set Database Password": the Cancel it advises
  // showed an error toast saying to set the URL in the user settings instead.
  const ctx = await api();
  const { notify, log } = ctx;
  const url = 'postgres://postgres@127.0.0.1:9/postgres?table=iris_data';
  const config = vscode.workspace.getConfiguration('modelLab');
  const shown: string[] = [];
  const asked: string[] = [];
  const logged: string[] = [];
  const saved = { error: notify.error, warn: notify.warn, info: notify.info, confirm: notify.confirm, line: log.line };
  notify.error = async (e: unknown) => void shown.push(`error: ${errorMessage(e)}`);
  notify.warn = async (t: string) => void shown.push(`warning: ${t}`);
  notify.info = async (t: string) => void shown.push(`information: ${t}`);
  notify.confirm = async (q: string) => (asked.push(q), false);
  log.line = (t: string) => { logged.push(t); saved.line.call(log, t); };
  await config.update('database.url', url, vscode.ConfigurationTarget.Workspace);
  try {
    await vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator);
    assert.equal(ctx.generator.running, false, 'the generator did not start');
    // Train, Train Iris Model… (one model or a sweep) and Tune all reach the table through resolveTarget.
    const target = await resolveTarget(ctx, { kind: 'postgres', url, label: 'Database table "iris_data"' });
    assert.equal(target, undefined, 'nothing to train on after Cancel');
    assert.deepEqual(asked, ['Connect to 127.0.0.1:9 as postgres? No password is saved for it.', 'Connect to 127.0.0.1:9 as postgres? No password is saved for it.']);
    assert.deepEqual(shown, [], 'no notification after Cancel');
    assert.equal(logged.filter((l) => l.startsWith('Cancelled: not connecting to 127.0.0.1:9 ')).length, 2);
  } finally {
    Object.assign(notify, { error: saved.error, warn: saved.warn, info: saved.info, confirm: saved.confirm });
    log.line = saved.line;
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

test('the database, generator and scikit-learn release settings are restricted in untrusted workspaces', () => {
  const ext = vscode.extensions.getExtension('model-lab.model-lab')!;
  const restricted: string[] = ext.packageJSON.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['modelLab.database.url', 'modelLab.generator.intervalSeconds', 'modelLab.generator.seed', 'modelLab.modelsFolder', 'modelLab.dataGlob', 'modelLab.sklearnVersion']) {
    assert.ok(restricted.includes(key), `${key} is restricted`);
  }
});

/** Polls `read` every 100 ms until `ok` holds of its value; fails naming `what` after `ms`. */
async function until<T>(what: string, read: () => T, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() > deadline) assert.fail(`${what}: still ${String(v)} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('Start Iris Data Generator fills a real PostgreSQL table from the user\'s settings, rides out a server restart, and Stop ends it; with no password anywhere, the server\'s request offers Set Database Password', async () => {
  // The course's chapter: a table iris_data that a generator fills; here a throwaway server, its URL in
  // the user's settings and its password in PGPASSWORD (the password's other sources: the core's tests).
  // Not in the extension host's own temp folder, which the server's account may not enter.
  const cluster = await startThrowawayCluster({ parentDir: '/tmp' });
  const config = vscode.workspace.getConfiguration('modelLab');
  const password = process.env.PGPASSWORD;
  process.env.PGPASSWORD = cluster.password;
  const rows = () => {
    try {
      return Number(cluster.psql('select count(*) from iris_data').trim());
    } catch {
      return -1; // no table yet, or the server is down
    }
  };
  let running = false;
  try {
    // No password anywhere: the server's request is said, with Set Database Password (it had only Show Log).
    const fs = new WorkspaceFileSystem(workspaceFolder().uri);
    delete process.env.PGPASSWORD;
    const missing = await engine().train({
      data: { kind: 'postgres', spec: { url: cluster.url('postgres', 'table=iris_data') } }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, 'never-written')),
    }, fs).then(() => assert.fail('trained without a password'), (e: unknown) => e);
    process.env.PGPASSWORD = cluster.password;
    assert.match(errorMessage(missing), /^PostgreSQL at 127\.0\.0\.1:\d+ asks for the password of user "\w+" and none was found\. Set it with "Model Lab: Set Database Password…"/);
    assert.deepEqual(dataErrorActions(missing).map((a) => a.title), ['Set Database Password']);
    await config.update('database.url', cluster.url('postgres', 'table=iris_data'), vscode.ConfigurationTarget.Global);
    await config.update('generator.intervalSeconds', 0.1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator);
    running = true;
    await until('rows in iris_data', rows, (n) => n >= 5);
    cluster.stopServer('fast');
    await new Promise((r) => setTimeout(r, 1500));
    cluster.startServer();
    const before = await until('rows after the restart', rows, (n) => n >= 0);
    await until('rows written after the restart', rows, (n) => n >= before + 5);
    await vscode.commands.executeCommand(COMMAND_IDS.stopIrisGenerator);
    running = false;
    const stopped = rows();
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(rows(), stopped, 'no row written after Stop');
    const ctx = await api();
    assert.equal(ctx.workspaceState.get(STATE_KEYS.generatorRunning), undefined, 'a generator the user stopped is not offered again');

    // A window closed or reloaded under a running generator (deactivate: shutdown) stops it; the next
    // window says so once, with Start It Again — it stopped silently before.
    await vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator);
    running = true;
    await until('rows written again', rows, (n) => n >= stopped + 2);
    await ctx.generator.close(); // what deactivate (ctx.shutdown) does to it; the worker threads stay for the next tests
    running = false;
    const closed = rows();
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(rows(), closed, 'no row written after the window closed');
    const shown: { text: string; buttons: string[] }[] = [];
    const info = ctx.notify.info;
    ctx.notify.info = async (t: string, ...actions: { title: string }[]) => void shown.push({ text: t, buttons: actions.map((a) => a.title) });
    try {
      ctx.offerGeneratorRestart(); // what activate() does in the next window
      ctx.offerGeneratorRestart(); // said once
    } finally {
      ctx.notify.info = info;
    }
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0]!.text, /^The iris data generator stopped when this window last closed or reloaded; it was writing to \w+@127\.0\.0\.1:\d+\/\w+ table "iris_data"\.$/);
    assert.deepEqual(shown[0]!.buttons, ['Start It Again']);
  } finally {
    if (running) await vscode.commands.executeCommand(COMMAND_IDS.stopIrisGenerator);
    if (password === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = password;
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Global);
    await config.update('generator.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    cluster.stop();
  }
});
