// package.json and the extension's id table agree, both ways: every command of the table is
// contributed and every contributed command is in the table; every menu, keybinding, welcome link
// and activation event names something that exists.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { COMMAND_IDS, CONTEXT_KEYS, SUBMENU_IDS, VIEW_IDS, WEBVIEW_TYPES } from '../../src/extension/contributions';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const contributes = pkg.contributes;
const tableIds = new Set<string>(Object.values(COMMAND_IDS));
const contributedIds = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
/** Commands of VS Code itself that menus and welcome links may name. */
const builtIn = (id: string) => /^(workbench|vscode|revealInExplorer)\b/.test(id);

test('every command of the table is contributed, and every contributed command is in the table', () => {
  assert.deepEqual([...tableIds].filter((id) => !contributedIds.has(id)), [], 'in the table, not in package.json');
  assert.deepEqual([...contributedIds].filter((id) => !tableIds.has(id)), [], 'in package.json, not in the table');
  for (const c of contributes.commands) assert.equal(c.category, 'Model Lab', `${c.command} has the Model Lab category`);
});

test('menus and keybindings name only commands of the table', () => {
  const named: string[] = [];
  for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command?: string; submenu?: string }[]>)) {
    for (const e of entries) if (e.command) named.push(`${menu}: ${e.command}`);
  }
  for (const k of contributes.keybindings ?? []) named.push(`keybinding: ${k.command}`);
  const unknown = named.filter((n) => !tableIds.has(n.split(': ')[1]!));
  assert.deepEqual(unknown, []);
  // Every command that acts on a tree item is hidden from the palette or accepts no argument.
  const palette = new Map((contributes.menus.commandPalette as { command: string; when?: string }[]).map((e) => [e.command, e.when]));
  const fromMenus = [COMMAND_IDS.validateFromMenu, COMMAND_IDS.importJoblibFromMenu, COMMAND_IDS.exportOnnxFromMenu, COMMAND_IDS.exportSklearnFromMenu, COMMAND_IDS.copyAsPythonFromMenu, COMMAND_IDS.openAsPythonFromMenu];
  for (const id of [COMMAND_IDS.deleteModel, COMMAND_IDS.renameModel, COMMAND_IDS.revealInExplorer, COMMAND_IDS.showResults, COMMAND_IDS.validateJoblib, ...fromMenus]) {
    assert.equal(palette.get(id), 'false', `${id} is hidden from the palette`);
  }
});

test('welcome-view links and walkthrough steps name commands of the table or of VS Code', () => {
  const texts: string[] = [
    ...(contributes.viewsWelcome ?? []).map((w: { contents: string }) => w.contents),
    ...(contributes.walkthroughs ?? []).flatMap((w: { steps: { description: string }[] }) => w.steps.map((s) => s.description)),
  ];
  const links = texts.flatMap((t) => [...t.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!));
  assert.ok(links.length > 0);
  assert.deepEqual(links.filter((id) => !tableIds.has(id) && !builtIn(id)), []);
  // Walkthrough steps complete on commands of the table, and their pictures are shipped.
  const steps = (contributes.walkthroughs ?? []).flatMap((w: { steps: { completionEvents?: string[]; media?: { image?: string } }[] }) => w.steps);
  const events = steps.flatMap((st: { completionEvents?: string[] }) => st.completionEvents ?? []);
  assert.deepEqual(events.filter((e: string) => !(e.startsWith('onCommand:') && tableIds.has(e.slice('onCommand:'.length)))), []);
  const ignore = readFileSync('.vscodeignore', 'utf8');
  for (const st of steps) {
    const image = (st as { media?: { image?: string | Record<string, string> } }).media?.image;
    if (!image) continue;
    // One picture per theme kind, so that a dark or high-contrast theme shows no white block.
    assert.equal(typeof image, 'object', 'a picture for each theme kind');
    assert.deepEqual(Object.keys(image).sort(), ['dark', 'hc', 'hcLight', 'light']);
    for (const path of Object.values(image as Record<string, string>)) {
      assert.ok(existsSync(path), `${path} exists`);
      assert.ok(ignore.includes('!media/walkthrough/*.png') && path.startsWith('media/walkthrough/') && path.endsWith('.png'), `${path} is packaged`);
    }
  }
});

test('views, webview types, when-clause context keys and activation events exist', () => {
  const views = Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
  assert.deepEqual(views.sort(), Object.values(VIEW_IDS).sort());
  for (const event of pkg.activationEvents as string[]) {
    const [kind, arg] = event.split(':');
    if (kind === 'onView') assert.ok(views.includes(arg!), event);
    else if (kind === 'onWebviewPanel' || kind === 'onCustomEditor') assert.ok((Object.values(WEBVIEW_TYPES) as string[]).includes(arg!), event);
    else assert.equal(kind, 'workspaceContains', event);
  }
  const customEditors = (contributes.customEditors ?? []).map((e: { viewType: string }) => e.viewType);
  for (const type of Object.values(WEBVIEW_TYPES)) {
    const event = customEditors.includes(type) ? `onCustomEditor:${type}` : `onWebviewPanel:${type}`;
    assert.ok(pkg.activationEvents.includes(event), `${type} is restored after a reload (${event})`);
  }
  const submenus = (contributes.submenus ?? []).map((s: { id: string }) => s.id);
  assert.deepEqual(submenus.sort(), Object.values(SUBMENU_IDS).sort());
  for (const id of submenus) assert.ok(Array.isArray(contributes.menus[id]) && contributes.menus[id].length > 0, `submenu ${id} has items`);
  const whens = JSON.stringify(contributes.menus) + JSON.stringify(contributes.keybindings ?? []) + JSON.stringify(contributes.commands.map((c: { toggled?: string; enablement?: string }) => [c.toggled, c.enablement]));
  const used = [...whens.matchAll(/modelLab\.[A-Za-z]+/g)].map((m) => m[0]);
  const known = new Set<string>([...tableIds, ...Object.values(CONTEXT_KEYS), ...Object.values(VIEW_IDS), ...submenus]);
  assert.deepEqual([...new Set(used)].filter((k) => !known.has(k)), []);
});

test('with no folder open the view offers Open Folder, and no title action that needs a folder', () => {
  const welcome = contributes.viewsWelcome as { when?: string; contents: string }[];
  const empty = welcome.filter((w) => w.when === 'workspaceFolderCount == 0');
  assert.equal(empty.length, 1);
  assert.match(empty[0]!.contents, /\[Open Folder\]\(command:workbench\.action\.files\.openFolder\)/);
  for (const w of welcome.filter((x) => x.contents.includes('command:modelLab.'))) assert.equal(w.when, 'workspaceFolderCount > 0', w.contents);
  for (const m of contributes.menus['view/title'] as { when: string }[]) assert.match(m.when, /&& workspaceFolderCount > 0$/);
});

test('Sort and Group shows each choice once, the ones in use marked ✓ in their titles (VS Code draws no check mark for an extension command\'s `toggled`)', () => {
  const items = contributes.menus[SUBMENU_IDS.arrange] as { command: string; when?: string }[];
  const titleOf = new Map<string, string>(contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
  // The menu's when-clauses are "key == value" / "key != value" on the two context keys.
  const shows = (when: string | undefined, keys: Record<string, string>) => {
    if (when === undefined) return true;
    const m = /^([\w.]+) (==|!=) (\w+)$/.exec(when);
    assert.ok(m, `a when-clause this test reads: ${when}`);
    return (keys[m[1]!] === m[3]) === (m[2] === '==');
  };
  for (const order of ['validAccuracy', 'created', 'name']) {
    for (const grouping of ['none', 'data']) {
      const keys = { [CONTEXT_KEYS.treeOrder]: order, [CONTEXT_KEYS.treeGrouping]: grouping };
      const titles = items.filter((i) => shows(i.when, keys)).map((i) => titleOf.get(i.command));
      const sort = { validAccuracy: 'Sort by Validation Accuracy', created: 'Sort by Date', name: 'Sort by Name' }[order];
      const group = grouping === 'data' ? 'Group by Data Source' : 'No Grouping';
      assert.deepEqual(titles, [
        ...['Sort by Validation Accuracy', 'Sort by Date', 'Sort by Name'].map((t) => (t === sort ? `${t} ✓` : t)),
        ...['No Grouping', 'Group by Data Source'].map((t) => (t === group ? `${t} ✓` : t)),
      ], `${order}, ${grouping}`);
    }
  }
  for (const c of contributes.commands) assert.equal(c.toggled, undefined, `${c.command}: no toggled (ignored for extension commands)`);
});

test('a title ends in "…" when the command asks for more before it acts: from the palette the model or file; the menus\' twins act on their row or file', () => {
  const byId = new Map<string, { title: string; icon?: string }>(contributes.commands.map((c: { command: string; title: string; icon?: string }) => [c.command, c]));
  const palette = new Map((contributes.menus.commandPalette as { command: string; when?: string }[]).map((e) => [e.command, e.when]));
  const twins = [...byId.keys()].filter((id) => id.endsWith('.fromMenu'));
  assert.deepEqual(twins.sort(), ['modelLab.copyAsPython', 'modelLab.exportOnnx', 'modelLab.exportSklearn', 'modelLab.importJoblib', 'modelLab.openAsPython', 'modelLab.validate'].map((id) => `${id}.fromMenu`));
  for (const twin of twins) {
    const id = twin.slice(0, -'.fromMenu'.length);
    assert.equal(byId.get(id)!.title, `${byId.get(twin)!.title}…`, `${id} asks from the palette; ${twin} acts on its row`);
    assert.equal(byId.get(id)!.icon, byId.get(twin)!.icon);
    assert.equal(palette.get(twin), 'false', `${twin} is for menus only`);
    assert.notEqual(palette.get(id), 'false', `${id} is in the palette`);
  }
  // Menus of a row or a file name the twins, never a command that would ask again which one.
  for (const menu of ['view/item/context', 'explorer/context']) {
    for (const e of contributes.menus[menu] as { command: string }[]) {
      assert.ok(!byId.has(`${e.command}.fromMenu`), `${menu}: ${e.command} (its twin ${e.command}.fromMenu acts on the row)`);
    }
  }
  // Every other command that always asks first: the wizards, a new name, a password, the rows to predict.
  const asks = contributes.commands.filter((c: { title: string }) => c.title.endsWith('…')).map((c: { command: string }) => c.command).filter((id: string) => !byId.has(`${id}.fromMenu`));
  assert.deepEqual(asks.sort(), [COMMAND_IDS.predict, COMMAND_IDS.renameModel, COMMAND_IDS.setDatabasePassword, COMMAND_IDS.trainWithOptions, COMMAND_IDS.tune].sort());
  // A scikit-learn file in the Explorer is not a saved model: its Validate says what it reads.
  assert.equal(byId.get(COMMAND_IDS.validateJoblib)!.title, 'Validate scikit-learn Model');
});
