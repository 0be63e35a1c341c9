// The pages' tab icon (Compare, Tune results, results) shows in every theme: a tab draws it as an
// image, where currentColor is black, so the single currentColor file was black on black in Dark High
// Contrast. Each theme kind's file has explicit colours that stand out from that kind's tab bars.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { PAGE_ICON } from '../../src/extension/contributions';
import { contrast } from '../webview/contrast';

/** Tab backgrounds (active and inactive) of the themes that take each file: Modern and High Contrast. */
const BACKGROUNDS = {
  light: ['#ffffff', '#f8f8f8', '#e5e5e5'], // Light Modern; Light High Contrast is white
  dark: ['#1f1f1f', '#181818', '#000000'], // Dark Modern; Dark High Contrast is black
} as const;

test('a light and a dark tab icon, packaged, with explicit colours of at least 4.5:1 against the tab bars', () => {
  const ignore = readFileSync('.vscodeignore', 'utf8');
  for (const kind of ['light', 'dark'] as const) {
    const file = PAGE_ICON[kind];
    assert.ok(existsSync(file), `${file} exists`);
    assert.ok(ignore.split('\n').includes(`!${file}`), `${file} is packaged (.vscodeignore)`);
    const svg = readFileSync(file, 'utf8');
    assert.doesNotMatch(svg, /currentColor/i, `${file}: a tab draws currentColor black`);
    const colours = [...svg.matchAll(/(?:stroke|fill)="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!);
    assert.ok(colours.length > 0, `${file} has colours`);
    for (const c of colours) for (const bg of BACKGROUNDS[kind]) assert.ok(contrast(c, bg) >= 4.5, `${file}: ${c} on ${bg} is ${contrast(c, bg).toFixed(2)}:1`);
  }
});

test('every page sets that icon: the one WebviewHost (Compare, Tune results, the results editor) gives it light and dark', () => {
  const host = readFileSync('src/extension/webviews/webviewHost.ts', 'utf8');
  assert.match(host, /panel\.iconPath = \{ light: vscode\.Uri\.joinPath\(extensionUri, PAGE_ICON\.light\), dark: vscode\.Uri\.joinPath\(extensionUri, PAGE_ICON\.dark\) \}/);
  const setters = ['src/extension/webviews/comparePanel.ts', 'src/extension/webviews/tuneResultsPanel.ts', 'src/extension/webviews/resultsEditors.ts']
    .filter((f) => /\.iconPath\s*=/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(setters, [], 'no page sets an icon of its own');
});
