// CSV read as a stream of pieces (predict's bounded-memory path) gives exactly the records and line
// numbers of reading the whole text, and its refusals name the same lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCsvRecords } from '../../../src/core/datasets/csvRecords';
import { csvPieces, forEachStreamedCsvRecord } from '../../../src/core/datasets/csvPieces';
import { UserError } from '../../../src/core/types';

const enc = new TextEncoder();

/** The bytes in chunks of `size` (a stream's arbitrary cuts, also inside characters and quotes). */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function streamed(bytes: Uint8Array, chunk: number, piece: number) {
  const out: { fields: string[]; line: number }[] = [];
  await forEachStreamedCsvRecord(chunked(bytes, chunk), 'f.csv', (fields, line) => out.push({ fields, line }), (fields, line) => out.push({ fields, line }), {}, piece);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return e.message;
  }
  assert.fail('expected a refusal');
}

test('records and lines equal a whole read, whatever the chunk and piece sizes (quotes with line breaks, CRLF, BOM, blank lines)', async () => {
  const field = fc.oneof(fc.constantFrom('1', '2.5', '-0', 'é', 'a b', '', 'x"y', 'a,b', 'two\nlines', 'two\r\nlines'), fc.string({ maxLength: 4 }).filter((s) => [...s].every((c) => c >= ' ' && c !== '"' && c !== '\u007f')));
  const quote = (f: string) => (/[",\r\n]/.test(f) || f !== f.trim() ? `"${f.replace(/"/g, '""')}"` : f);
  await fc.assert(fc.asyncProperty(
    fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
    fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 80 }),
    async (rows, eol, bom, chunk, piece) => {
      const text = (bom ? '\uFEFF' : '') + ['h1,h2,h3', ...rows.map((r) => r.map(quote).join(','))].join(eol) + eol + eol;
      const bytes = enc.encode(text);
      const whole = (await readCsvRecords(bytes, 'f.csv')).map((r) => ({ fields: r.fields, line: r.line }));
      assert.deepEqual(await streamed(bytes, chunk, piece), whole);
    },
  ), { numRuns: 300 });
});

test('pieces end after a line feed outside quotes and number their first line', async () => {
  const bytes = enc.encode('a,b\n1,"x\ny"\n2,3\n4,5\n');
  const pieces = [];
  for await (const p of csvPieces(chunked(bytes, 3), 5)) pieces.push({ text: new TextDecoder().decode(p.bytes), firstLine: p.firstLine });
  assert.deepEqual(pieces, [
    { text: 'a,b\n', firstLine: 1 }, { text: '1,"x\ny"\n', firstLine: 2 }, { text: '2,3\n', firstLine: 4 }, { text: '4,5\n', firstLine: 5 },
  ]);
});

test('refusals in a later piece name the line of the whole file (expected refusals)', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${i},${i}`);
  const ragged = enc.encode(['a,b', ...rows.slice(0, 40), '1,2,3', ...rows.slice(40)].join('\n') + '\n');
  const whole = await refusal(readCsvRecords(ragged, 'f.csv'));
  assert.equal(await refusal(streamed(ragged, 7, 16)), whole);
  assert.match(whole, /^f\.csv line 42: the row has 3 fields but the header has 2/);

  const latin1 = new Uint8Array([...enc.encode(['a,b', ...rows.slice(0, 30)].join('\n') + '\n1,caf'), 0xe9, ...enc.encode('\n2,3\n')]);
  assert.equal(await refusal(streamed(latin1, 5, 20)), await refusal(readCsvRecords(latin1, 'f.csv')));
  assert.match(await refusal(streamed(latin1, 5, 20)), /^f\.csv line 32, column "b": byte 0xE9 is not UTF-8 text/);

  const open = enc.encode(['a,b', ...rows.slice(0, 20), '1,"never closed', ...rows.slice(20)].join('\n') + '\n');
  assert.equal(await refusal(streamed(open, 9, 12)), await refusal(readCsvRecords(open, 'f.csv')));
});

test('a refusal thrown by the caller keeps its own line number', async () => {
  const bytes = enc.encode(['a,b', ...Array.from({ length: 30 }, (_, i) => `${i},${i}`)].join('\n') + '\n');
  const message = await refusal(forEachStreamedCsvRecord(chunked(bytes, 4), 'f.csv', () => undefined, (fields, line) => {
    if (fields[0] === '25') throw new UserError(`f.csv line ${line}: caller says no`);
  }, {}, 10));
  assert.equal(message, 'f.csv line 27: caller says no');
});
