// Tables kept in another format than CSV — written by the real tools (pandas, NumPy, gzip, bzip2, xz,
// zip; Debian has no Parquet writer, so a Parquet file is its signature and a binary page header;
// a .gz file is read, gzipCsv.test.ts)
// — given to the real CLI as --data: each refused with one line that says what the file is and how
// to write it as CSV, nothing saved; the same through predict, also from standard input. CSV files
// that merely start like a signature ("PAR1,…", "BZh,…") still train.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, runCliSync } from './cliProcess';
import { requireScikitLearn, runPython } from '../interop/python/debianPython';

let dir: string;
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-not-csv-'));
  copyFileSync(resolve('test/e2e/fixtures/iris.csv'), join(dir, 'iris.csv'));
  const py = runPython(['-c', [
    'import bz2, gzip, lzma, zipfile, numpy as np, pandas as pd',
    'df = pd.read_csv("iris.csv")',
    'df.to_excel("iris.xlsx", index=False)',
    'df.to_json("iris.json")',
    'df.to_json("iris.jsonl", orient="records", lines=True)',
    'df.to_json("pretty.json", orient="records", indent=2)',
    'df.to_pickle("iris.pkl")',
    'np.save("iris.npy", df.drop(columns=["target"]).values)',
    'raw = open("iris.csv", "rb").read()',
    'open("iris.csv.bz2", "wb").write(bz2.compress(raw))',
    'open("iris.csv.xz", "wb").write(lzma.compress(raw))',
    'zipfile.ZipFile("iris.zip", "w").write("iris.csv")',
    'open("renamed.csv", "wb").write(gzip.compress(raw))',
    'import shutil; shutil.copy("iris.xlsx", "workbook.csv")  # a workbook saved under a .csv name',
  ].join('\n')], dir);
  assert.equal(py.code, 0, py.err);
  writeFileSync(join(dir, 'iris.parquet'), Buffer.concat([Buffer.from('PAR1'), Buffer.from([0x15, 0x04, 0x15, 0xa0, 0x1f]), Buffer.alloc(64)]));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const CASES: Record<string, string> = {
  'iris.xlsx': 'an Excel workbook, not CSV text — in Excel save it as "CSV UTF-8 (Comma delimited)", or in pandas: pd.read_excel("iris.xlsx").to_csv("iris.csv", index=False)',
  'iris.json': 'JSON, not CSV text — write it as CSV in pandas: pd.read_json("iris.json").to_csv("iris.csv", index=False)',
  'iris.jsonl': 'JSON Lines, not CSV text — write it as CSV in pandas: pd.read_json("iris.jsonl", lines=True).to_csv("iris.csv", index=False)',
  'pretty.json': 'JSON, not CSV text — write it as CSV in pandas: pd.read_json("pretty.json").to_csv("pretty.csv", index=False)',
  'iris.pkl': 'a Python pickle (DataFrame.to_pickle or joblib.dump?), not CSV text — Model Lab never loads a pickle as data: write the table with df.to_csv(…, index=False); a scikit-learn model saved with joblib goes in with model-lab import',
  'iris.npy': 'a NumPy array (.npy), not CSV text, and it has no column names — write it as CSV with a header: pd.DataFrame(np.load(…), columns=[…]).to_csv(…, index=False)',
  'iris.csv.bz2': 'compressed with bzip2, not CSV text — pandas decompresses it as it reads; Model Lab reads gzip (.gz) only: decompress it (bunzip2 -c iris.csv.bz2 > iris.csv) and give that file',
  'iris.csv.xz': 'compressed with xz, not CSV text — pandas decompresses it as it reads; Model Lab reads gzip (.gz) only: decompress it (unxz -c iris.csv.xz > iris.csv) and give that file',
  'iris.zip': 'a zip archive (or a workbook saved as one), not CSV text — unzip it and give the CSV file inside, or save the workbook as CSV',
  'iris.parquet': 'a Parquet file, not CSV text — write it as CSV in pandas: pd.read_parquet("iris.parquet").to_csv("iris.csv", index=False)',
  'workbook.csv': 'an Excel workbook, not CSV text — in Excel save it as "CSV UTF-8 (Comma delimited)", or in pandas: pd.read_excel("workbook.csv").to_csv("workbook.plain.csv", index=False)',
  'renamed.csv': 'compressed with gzip, but its name does not end in .gz, so it is read as text (as pandas reads it) — name it renamed.csv.gz, which Model Lab decompresses as pandas does, or decompress it (gunzip -c renamed.csv > renamed.plain.csv) and give that file',
};

for (const [file, says] of Object.entries(CASES)) {
  test(`model-lab train --data ${file}: what it is and how to write it as CSV`, () => {
    const r = runCliSync(['train', '--data', file, '--out', 'models'], dir);
    assert.deepEqual([r.code, r.out, r.err], [1, '', `model-lab train: ${file}: this is ${says}\n`]);
    assert.equal(existsSync(join(dir, 'models')) && readdirSync(join(dir, 'models')).length > 0, false, 'nothing saved');
  });
}

test('predict says the same, from the file and from standard input', () => {
  const trained = runCliSync(['train', '--data', 'iris.csv', '--out', 'kept', '--name', 'm'], dir);
  assert.equal(trained.code, 0, trained.err);
  const fromFile = runCliSync(['predict', 'kept/m', '--data', 'iris.csv.bz2'], dir);
  assert.deepEqual([fromFile.code, fromFile.err], [1, `model-lab predict: iris.csv.bz2: this is ${CASES['iris.csv.bz2']}\n`]);
  const piped = spawnSync(process.execPath, [cliPath(), 'predict', 'kept/m', '--data', '-'], { cwd: dir, input: readFileSync(join(dir, 'iris.json')), encoding: 'utf8' });
  assert.deepEqual([piped.status, piped.stdout, piped.stderr], [1, '', 'model-lab predict: standard input: this is JSON, not CSV text — write it as CSV in pandas: pd.read_json(…).to_csv(…, index=False)\n']);
});

test('a CSV whose header starts like a signature (PAR1, BZh) or holds braces is read as CSV', () => {
  const rows = ['1,2,0', '3,4,1', '5,6,0', '7,9,1', '2,2,0', '8,8,1'];
  writeFileSync(join(dir, 'par.csv'), ['PAR1,PAR2,target', ...rows].join('\n') + '\n');
  writeFileSync(join(dir, 'bzh.csv'), ['BZh9,x,target', ...rows].join('\n') + '\n');
  writeFileSync(join(dir, 'braces.csv'), ['{a},[b],target', ...rows].join('\n') + '\n');
  for (const file of ['par.csv', 'bzh.csv', 'braces.csv']) {
    const r = runCliSync(['train', '--data', file, '--out', 'ok'], dir);
    assert.equal(r.code, 0, `${file}: ${r.err}`);
    assert.match(r.out, /^Train Accuracy : /);
  }
});
