// The workspace chooses the database but never receives the password unasked: a modelLab.database.url
// from the workspace's settings needs the user's confirmation once per user@host:port (asked through
// the confirm function the extension passes, here answered by the test); one from the user's own
// settings is used without asking. And the generator against a real PostgreSQL server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { confirmDatabaseTarget } from '../../../src/extension/database/databaseSettings';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { startThrowawayCluster } from '../../../scripts/pg/throwawayCluster';

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
    await assert.rejects(
      confirmDatabaseTarget(EVIL, state, async (q) => (asked.push(q), false)),
      (e: Error) => e.name === 'UserError' && /not connecting to 198\.51\.100\.7:5432/.test(e.message),
    );
    assert.deepEqual(asked, ['Connect to 198.51.100.7:5432 as postgres with your saved password?']);
    await confirmDatabaseTarget(EVIL, state, async (q) => (asked.push(q), true));
    await confirmDatabaseTarget(EVIL, state, async (q) => (asked.push(q), false)); // confirmed once: not asked again
    assert.equal(asked.length, 2);
  } finally {
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

test('a database URL from the user settings is used without asking', async () => {
  const config = vscode.workspace.getConfiguration('modelLab');
  await config.update('database.url', EVIL, vscode.ConfigurationTarget.Global);
  try {
    await confirmDatabaseTarget(EVIL, memory(), async () => assert.fail('asked for a user-chosen server'));
  } finally {
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('the database and generator settings are restricted in untrusted workspaces', () => {
  const ext = vscode.extensions.getExtension('model-lab.model-lab')!;
  const restricted: string[] = ext.packageJSON.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['modelLab.database.url', 'modelLab.generator.intervalSeconds', 'modelLab.generator.seed', 'modelLab.modelsFolder', 'modelLab.dataGlob']) {
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

test('Start Iris Data Generator fills a real PostgreSQL table from the user\'s settings, rides out a server restart, and Stop ends it', async () => {
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
  } finally {
    if (running) await vscode.commands.executeCommand(COMMAND_IDS.stopIrisGenerator);
    if (password === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = password;
    await config.update('database.url', undefined, vscode.ConfigurationTarget.Global);
    await config.update('generator.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    cluster.stop();
  }
});
