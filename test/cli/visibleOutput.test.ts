// The CLI's output filter: every control character a terminal would act on is written out; a JSON
// document passed through it stays valid and reads back as the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleJson, visibleText } from '../../src/cli/visibleOutput';

/** Every C0 control, DEL, every C1 control and the bidi controls, between letters. */
const ALL = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('a') + '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

test('text: controls as \\x1b, \\r, \\u009b; bidi controls as ⟨U+202E⟩; line feeds and tabs kept', () => {
  const shown = visibleText(ALL);
  assert.doesNotMatch(shown, UNSAFE);
  assert.equal(visibleText('a\x1b]0;T\x07\r\u009b\x7f\u202eb\tc\n'), 'a\\x1b]0;T\\x07\\r\\u009b\\u007f⟨U+202E⟩b\tc\n');
  assert.equal(visibleText('plain text — unchanged\n'), 'plain text — unchanged\n');
  assert.equal(visibleText('a,b\r\nc\rd\r\n'), 'a,b\r\nc\\rd\r\n', 'CSV\'s line ends stay; a lone carriage return is data');
});

test('JSON: the same document, every such character a \\u escape', () => {
  const doc = JSON.stringify({ [ALL]: [ALL, 1.5] });
  const shown = visibleJson(doc);
  assert.doesNotMatch(shown, UNSAFE);
  assert.deepEqual(JSON.parse(shown), JSON.parse(doc));
  assert.match(shown, /\\u007f.*\\u009b.*\\u202e/);
});
