// The Compare chart's palettes: every line colour reads against its theme's editor background
// (WCAG contrast ≥ 4.5:1, more than the 3:1 graphics need) in all four themes, and line styles do
// not repeat before 8 colours × 6 markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MARKERS, PALETTES, lineStyle } from '../../webview/compareColors';
import { THEME_KINDS, themeVariables } from './themes';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

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
