// The workspace chooses the database but never receives the password unasked: a modelLab.database.url
// from the workspace's settings needs the user's confirmation once per user@host:port (asked through
// the confirm function the extension passes, here answered by the test); one from the user's own
// settings is used without asking.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';
import { confirmDatabaseTarget } from '../../../src/extension/database/databaseSettings';

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
