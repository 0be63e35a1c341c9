// Numbers as typed (CLI lists, the wizard, settings.json text): what Python's float() reads in
// decimal, nothing of JavaScript's other spellings (hex, binary, empty text as 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal } from '../../../src/core/text/decimalNumber';
import { parseCList, parseGammaList } from '../../../src/core/experiments/valueLists';

test('decimal numbers with sign and exponent; spaces around them', () => {
  for (const [text, value] of [['1', 1], [' 0.5 ', 0.5], ['.5', 0.5], ['5.', 5], ['1e-3', 0.001], ['+2E2', 200], ['-0.25', -0.25], ['1e-320', 1e-320]] as const) {
    assert.equal(parseDecimal(text), value, text);
  }
});

test('not numbers: hex, binary, octal, empty, infinite, words, separators', () => {
  for (const text of ['0x10', '0b1', '0o7', '', '  ', '1e400', 'Infinity', 'NaN', '1_000', '1,5', '1 2', '1e', 'e3', '--1']) {
    assert.equal(parseDecimal(text), undefined, JSON.stringify(text));
  }
  // The CLI's lists read each item the same way.
  assert.throws(() => parseCList('0x10'), /"0x10" is not a number/);
  assert.throws(() => parseGammaList('scale, 0b1'), /"0b1" is neither/);
});
