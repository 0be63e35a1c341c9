// Counting CSV rows from the bytes (no parse) gives the number of records a full read hands over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCsvRecords } from '../../../src/core/datasets/csvRecords';
import { countCsvRows } from '../../../src/core/datasets/csvSample';

const enc = new TextEncoder();

test('countCsvRows equals the records of a full read minus the header (quotes with line breaks, CRLF, CR, blank and space-only lines)', async () => {
  const field = fc.constantFrom('1', '2.5', '', 'a b', 'x"y', 'a,b', 'two\nlines', 'é');
  const quote = (f: string) => (/[",\r\n]/.test(f) || f !== f.trim() ? `"${f.replace(/"/g, '""')}"` : f);
  await fc.assert(fc.asyncProperty(
    fc.array(fc.oneof(fc.array(field, { minLength: 2, maxLength: 2 }).map((r) => r.map(quote).join(',')), fc.constantFrom('', '   ', '\t')), { maxLength: 30 }),
    fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(),
    async (lines, eol, trailing) => {
      const bytes = enc.encode(['h1,h2', ...lines].join(eol) + (trailing ? eol : ''));
      const records = (await readCsvRecords(bytes, 'f.csv')).length;
      assert.equal(await countCsvRows(bytes, { chunkChars: 7 }), Math.max(0, records - 1));
    },
  ), { numRuns: 400 });
});

test('counting can be cancelled between chunks', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(countCsvRows(enc.encode('a,b\n1,2\n'), { signal: controller.signal }), { name: 'AbortError' });
});
