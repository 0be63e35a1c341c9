// The Compare chart's palettes: every line colour reads against its theme's editor background
// (WCAG contrast ≥ 4.5:1, more than the 3:1 graphics need) in all four themes, and line styles do
// not repeat before 8 colours × 6 markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MARKERS, PALETTES, lineStyle } from '../../webview/compareColors';
import { THEME_KINDS, themeVariables } from './themes';
import { contrast } from './contrast';

test('every palette colour has at least 4.5:1 contrast against its theme\'s background', () => {
  for (const kind of THEME_KINDS) {
    const background = themeVariables(kind)['--vscode-editor-background']!;
    for (const color of PALETTES[kind]) {
      const c = contrast(color, background);
      assert.ok(c >= 4.5, `${kind}: ${color} on ${background} is ${c.toFixed(2)}:1`);
    }
    assert.equal(new Set(PALETTES[kind]).size, PALETTES[kind].length);
  }
});

test('line styles are distinct for the first colours × markers lines', () => {
  const n = PALETTES.light.length * MARKERS.length;
  const styles = Array.from({ length: n }, (_, i) => lineStyle(i, 'light')).map((s) => `${s.color} ${s.marker}`);
  assert.equal(new Set(styles).size, n);
  assert.deepEqual(lineStyle(n, 'light'), lineStyle(0, 'light'));
});
