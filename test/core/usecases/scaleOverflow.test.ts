// Values whose squares overflow a double: scikit-learn's StandardScaler gets an infinite variance
// and its SVC refuses the result; Model Lab refuses the row at its line and column, before any fit
// (it said 'StandardScaler JSON: field "var" has a non-finite …' or 'X row 0, column 0 is not a finite
// number (NaN)'). Only the training part is scaled: such a value among the validation rows is only
// predicted, and trains as in scikit-learn; so does a large value whose column still scales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../hardening/cliProcess';
import { requireScikitLearn, runPython } from '../interop/python/debianPython';

const rows = (a: string[], b: string[]) => ['a,b,target', ...a.map((x, i) => `${x},${b[i]},${i % 2}`)].join('\n') + '\n';
const FIT = `
import sys, pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
d = pd.read_csv(sys.argv[1]); X = d[['a', 'b']]; y = d.target
Xtr, Xte, ytr, yte = train_test_split(X, y, train_size=0.8, random_state=2023)
try:
    import warnings; warnings.simplefilter('ignore')
    s = StandardScaler().fit(Xtr); m = SVC().fit(s.transform(Xtr), ytr)
    print(repr(m.score(s.transform(Xtr), ytr)), repr(m.score(s.transform(Xte), yte)))
except ValueError as e:
    print('refused:', e)
`;

test('a training value whose square overflows is refused at its line and column; scikit-learn fails on the same file', async () => {
  requireScikitLearn();
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-overflow-'));
  try {
    const cases: [string, string, string][] = [
      [rows(['1e200', '3', '5', '7', '9', '2'], ['2', '4', '6', '8', '1', '3']), 'line 2, column "a": 1e+200', 'first row'],
      [rows(['1.7976931348623157e308', '3', '5', '7', '9', '2'], ['2', '4', '6', '8', '1', '3']), 'line 2, column "a": 1.7976931348623157e+308', 'the largest double'],
      [rows(['3', '3', '5', '7', '9', '2'], ['2', '4', '6', '8', '1', '-1e200']), 'line 7, column "b": -1e+200', 'negative, second column'],
    ];
    for (const [text, where, what] of cases) {
      writeFileSync(join(dir, 'h.csv'), text);
      const r = runCliSync(['train', '--data', 'h.csv', '--out', 'models'], dir);
      assert.equal(r.code, 1, what);
      assert.match(r.err, new RegExp(`^model-lab train: h\\.csv ${where.replace(/[.+]/g, '\\$&')} is too large to scale: .* — fix the row, or give the column in a larger unit\\n$`), what);
      const sk = runPython(['-c', FIT, 'h.csv'], dir);
      for (const more of [['tune', '--cv', '2', '--yes', '--jobs', '1'], ['train', '--C', '1,10', '--jobs', '1']]) {
        const r2 = runCliSync([...more, '--data', 'h.csv', '--out', 'models'], dir);
        assert.equal(r2.code, 1, `${what}: ${more.join(' ')}: ${r2.err}${r2.out}`);
        assert.match(r2.err, new RegExp(`h\\.csv ${where.replace(/[.+]/g, '\\$&')} is too large to scale`), `${what}: ${more.join(' ')}`);
      }
      assert.match(sk.out, /^refused: (The dual coefficients or intercepts are not finite|Input X contains NaN)/, `${what}: scikit-learn fails too (${sk.out}${sk.err})`);
    }
    // 1e150 still scales; -1e200 in a validation row (train_test_split puts row 2 of 6 there) is only
    // predicted: both train, with scikit-learn's accuracies.
    for (const [name, text] of [['big.csv', rows(['1e150', '3', '5', '7', '9', '2'], ['2', '4', '6', '8', '1', '3'])], ['valid.csv', rows(['3', '3', '5', '7', '9', '2'], ['2', '4', '-1e200', '8', '1', '3'])]]) {
      writeFileSync(join(dir, name!), text!);
      const ok = runCliSync(['train', '--data', name!, '--out', 'models'], dir);
      assert.equal(ok.code, 0, ok.err);
      const [train, valid] = runPython(['-c', FIT, name!], dir).out.trim().split(' ');
      assert.match(ok.out, new RegExp(`Train Accuracy : ${train!.replace('.', '\\.')}\\nValid Accuracy : ${valid!.replace('.', '\\.')}\\n`), name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
