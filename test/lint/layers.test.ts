// The linter really enforces the layers: each rule is shown failing on a one-line violation added
// to a real file of the layer (linted from memory, the file on disk is untouched), and the tree as
// it is passes. `npm test` runs `npm run lint` on the whole tree as its first step.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** Rule ids reported for `file` with `line` appended. */
async function violations(file: string, line: string): Promise<string[]> {
  const text = `${readFileSync(file, 'utf8')}\n${line}\n`;
  const [result] = await eslint.lintText(text, { filePath: file });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: [file: string, line: string, rule: string][] = [
  ['src/core/types.ts', "import * as vscode from 'vscode'; export const v = vscode;", 'no-restricted-imports'],
  ['src/core/types.ts', "export { activate } from '../extension/extension';", 'no-restricted-imports'],
  ['src/core/types.ts', "export { runCli } from '../cli/main';", 'no-restricted-imports'],
  ['src/cli/io.ts', "export { activate } from '../extension/extension';", 'no-restricted-imports'],
  ['webview/dom.ts', "export { pythonFloat } from '../src/core/text/pythonFloat';", 'no-restricted-imports'],
  ['webview/dom.ts', "export { readFileSync } from 'node:fs';", 'no-restricted-imports'],
  ['src/protocol/resultsPanel.ts', "export { engine } from '../extension/engine';", 'no-restricted-imports'],
  ['src/extension/settings.ts', "export { train } from '../core/usecases/train';", 'no-restricted-imports'],
  ['src/extension/settings.ts', "export function f(): void { void vscode.window.showErrorMessage('x'); }", 'no-restricted-syntax'],
  ['src/core/types.ts', 'export async function f(p: Promise<void>): Promise<void> { p; }', '@typescript-eslint/no-floating-promises'],
  ['src/core/types.ts', 'const unused = 1;', '@typescript-eslint/no-unused-vars'],
  ['src/core/types.ts', "export const f = new Function('return 1');", 'no-new-func'],
];

test('every layer rule fails on a violation', async () => {
  for (const [file, line, rule] of cases) {
    const found = await violations(file, line);
    assert.ok(found.some((f) => f.startsWith(`${rule}:`)), `${file} + "${line}" → expected ${rule}, got ${found.join(' | ') || 'nothing'}`);
  }
});

test('the files themselves pass (so the failures above come from the added line)', async () => {
  for (const file of new Set(cases.map((c) => c[0]))) {
    const [result] = await eslint.lintText(readFileSync(file, 'utf8'), { filePath: file });
    assert.deepEqual(result!.messages.map((m) => m.ruleId), [], file);
  }
});
