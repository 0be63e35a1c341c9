// Which pickle protocols are read: joblib.dump and pickle.dump of the course's Pipeline by Debian's
// scikit-learn 1.2.1 with every protocol. 2 to 5 read to exactly the default file's model (pickle.dump's
// protocol 2 spells an empty array's data as __builtin__.bytes(), allowed without arguments only); 0 and 1
// (text opcodes, no PROTO opcode: joblib.dump(..., protocol=0) starts "ccopy_reg\n_reconstructor\n")
// are refused with one line that names the protocol and how to re-save — plain, zlib or gzip — not
// "this is not a joblib file".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/core/types';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { readJoblib } from '../../../src/core/interop/joblib/readJoblib';
import { PyBytes } from '../../../src/core/interop/pickle/pickleValues';
import { requireScikitLearn, runPython } from './python/debianPython';
import { runCliSync } from '../hardening/cliProcess';

const SCRIPT = `
import pickle, joblib
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
df = load_iris(as_frame=True).frame
X, y = df.drop(columns=["target"]), df["target"]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)
pipe = Pipeline([("scaler", StandardScaler()), ("svc", SVC())]).fit(X_train, y_train)
joblib.dump(pipe, "default.joblib")
for protocol in range(6):
    joblib.dump(pipe, f"p{protocol}.joblib", protocol=protocol)
    with open(f"p{protocol}.pkl", "wb") as f: pickle.dump(pipe, f, protocol=protocol)
for protocol in (0, 1):
    joblib.dump(pipe, f"p{protocol}-zlib.joblib", protocol=protocol, compress=3)
    joblib.dump(pipe, f"p{protocol}-gzip.joblib", protocol=protocol, compress=("gzip", 3))
with open("array-p0.pkl", "wb") as f: pickle.dump(pipe[0].mean_, f, protocol=0)
`;

const OLD = (file: string): RegExp =>
  new RegExp(`^${file.replace(/[.]/g, '\\.')}: pickle protocol 0 or 1, which Model Lab does not read; re-save it with joblib\\.dump\\(model, path\\) \\(or pickle\\.dump\\(model, f\\)\\) without protocol=: the default, 4 \\(5 from Python 3\\.14\\), is read\\.$`);

let dir: string;
before(() => {
  requireScikitLearn();
  dir = mkdtempSync(join(tmpdir(), 'model-lab-protocols-'));
  writeFileSync(join(dir, 'make.py'), SCRIPT);
  const r = runPython(['make.py'], dir);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => ({ label: name, bytes: new Uint8Array(readFileSync(join(dir, name))) });

test('joblib.dump and pickle.dump with protocols 2 to 5 read to exactly the default file\'s model', () => {
  const model = importSklearnModel([file('default.joblib')]);
  assert.match(readFileSync(join(dir, 'p2.pkl')).toString('latin1'), /c__builtin__\nbytes\n/);
  for (const name of ['p2.joblib', 'p3.joblib', 'p4.joblib', 'p5.joblib', 'p2.pkl', 'p3.pkl', 'p4.pkl', 'p5.pkl']) {
    assert.deepEqual(importSklearnModel([file(name)]), model, name);
  }
});

test('protocols 0 and 1, from joblib.dump (plain, zlib, gzip) and pickle.dump, are refused naming the protocol and the way out', () => {
  assert.match(readFileSync(join(dir, 'p0.joblib')).toString('latin1'), /^ccopy_reg\n_reconstructor\n/);
  for (const name of ['p0.joblib', 'p1.joblib', 'p0-zlib.joblib', 'p1-zlib.joblib', 'p0-gzip.joblib', 'p1-gzip.joblib', 'p0.pkl', 'p1.pkl', 'array-p0.pkl']) {
    assert.throws(() => importSklearnModel([file(name)]), (e: Error) => e instanceof UserError && OLD(name).test(e.message), name);
  }
});

test('model-lab validate says it in one line on stderr, exit 1', () => {
  const r = runCliSync(['validate', 'p0.joblib'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^model-lab validate: .*p0\.joblib: pickle protocol 0 or 1, which Model Lab does not read; re-save it with joblib\.dump\(model, path\) .*\n$/);
  assert.equal(r.err.split('\n').length, 2);
});

test('the protocol 0/1 line needs a pickle\'s shape: a GLOBAL line or an opening container, and STOP at the end', () => {
  const read = (text: string) => () => readJoblib(new TextEncoder().encode(text), 'f.joblib');
  assert.throws(read('cnumpy.core.multiarray\n_reconstruct\np0\n.'), (e: Error) => OLD('f.joblib').test(e.message));
  assert.throws(read('(lp0\nI1\na.'), (e: Error) => OLD('f.joblib').test(e.message));
  for (const text of ['col,a\n1,2\n', 'cnumpy.core.multiarray\n_reconstruct\np0\n', 'c not a name\nx\n.', 'hello.']) {
    assert.throws(read(text), (e: Error) => e instanceof UserError && /this is not a joblib file/.test(e.message), JSON.stringify(text));
  }
});

test('bytes is called only as protocol 2 writes it, bytes() for b"": with an argument it is refused, nothing run', () => {
  const pickle = (body: string) => Uint8Array.from([0x80, 0x02, ...Buffer.from(body, 'latin1'), 0x2e]);
  for (const module of ['__builtin__', 'builtins']) {
    const { root } = readJoblib(pickle(`c${module}\nbytes\n)R`), 'f.pkl');
    assert.ok(root instanceof PyBytes && root.bytes.length === 0);
    assert.throws(() => readJoblib(pickle(`c${module}\nbytes\nK\x05\x85R`), 'f.pkl'),
      (e: Error) => e instanceof UserError && new RegExp(`${module}\\.bytes is only accepted without arguments`).test(e.message));
  }
});
