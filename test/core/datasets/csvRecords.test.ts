// The line each record starts on, and the line a refusal names, counted by hand: blank lines, lines of
// spaces, CRLF and a lone CR inside quoted fields (csv-parse counts a CRLF inside quotes twice, so
// the lines are counted by csvRecords.ts itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvRecords } from '../../../src/core/datasets/csvRecords';

const refusal = async (text: string) => {
  try {
    await readCsvRecords(text, 'f.csv');
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected a refusal');
};

test('each record names the line it starts on, after quoted line breaks (CRLF, CR, LF), blank lines and lines of spaces', async () => {
  const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n   \r\n2,3\r\n4,"p\rq"\r\n5,"m\nn"\r\n6,7';
  const records = (await readCsvRecords(text, 'f.csv')).map((r) => [r.fields.join('|'), r.line]);
  assert.deepEqual(records, [['a|b', 1], ['1|x\r\ny', 2], ['2|3', 6], ['4|p\rq', 7], ['5|m\nn', 9], ['6|7', 11]]);
});

test('a ragged row and an unclosed quote are named at their own line, after blank lines and a CRLF inside quotes', async () => {
  assert.match(await refusal('a,b\r\n1,"x\r\ny"\r\n\r\n1,2,3\r\n'), /^f\.csv line 5: the row has 3 fields but the header has 2/);
  assert.match(await refusal('a,b\n1,2\n\n\n3,"never\n4,5\n'), /^f\.csv line 5: a quoted field opened here is never closed/);
});
