// Child process of pickleBombs.test.ts: reads one hostile file as the extension and the CLI do
// (importSklearnModel), under the small heap the test gives it, and prints one JSON line: the
// error's name and message and the process's peak memory. A fatal engine error would end this
// process without that line, which the test reports as the failure it is.
import { readFileSync } from 'node:fs';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';

const file = process.argv[2]!;
const bytes = readFileSync(file);
const started = process.hrtime.bigint();
let outcome: { name: string; message: string };
try {
  importSklearnModel([{ label: file, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }]);
  outcome = { name: 'read', message: '' };
} catch (e) {
  outcome = { name: (e as Error).name, message: (e as Error).message };
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ...outcome, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
