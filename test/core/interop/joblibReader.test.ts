import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { UserError } from '../../../src/core/types';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { readJoblib } from '../../../src/core/interop/joblib/readJoblib';
import { expected, fixtureFile, modelFiles } from './fixtures';

describe('reading scikit-learn .joblib files', () => {
  test('fixtures come from the tested scikit-learn release', () => {
    assert.match(expected.sklearn, /^1\.2\./);
  });

  for (const m of expected.models) {
    test(`${m.name}: every fitted array equals scikit-learn's, bit for bit`, () => {
      const r = importSklearnModel(modelFiles(m));
      assert.equal(r.layout, m.layout);
      assert.equal(r.sklearnVersion, expected.sklearn);
      assert.deepEqual(r.scaler.mean, m.raw.mean);
      assert.deepEqual(r.scaler.var, m.raw.var);
      assert.deepEqual(r.scaler.scale, m.raw.scale);
      assert.equal(r.scaler.nSamplesSeen, m.raw.nSamplesSeen);
      assert.deepEqual(r.svc.classes, m.raw.classes);
      assert.deepEqual(r.svc.supportVectors, m.raw.supportVectors);
      assert.deepEqual(r.svc.support, m.raw.support);
      assert.deepEqual(r.svc.rawDualCoef, m.raw.dualCoef);
      assert.deepEqual(r.svc.rawIntercept, m.raw.intercept);
      assert.deepEqual(r.svc.nSupport, m.raw.nSupport);
      assert.deepEqual(r.svc.nIter, m.raw.nIter);
      assert.deepEqual(r.svc.classWeight, m.raw.classWeight);
      assert.equal(r.svc.fitStatus, m.raw.fitStatus);
      assert.equal(r.svc.gammaValue, m.raw.gamma);
      assert.equal(r.svc.params.kernel, m.kernel);
      assert.equal(r.svc.params.C, m.raw.C);
      assert.equal(r.svc.params.degree, m.raw.degree);
      assert.equal(r.svc.params.coef0, m.raw.coef0);
      assert.equal(r.svc.params.decisionFunctionShape, m.raw.decisionFunctionShape);
      assert.deepEqual(r.featureNames, m.featureNamesIn);
      const want = m.compress === 'None' ? 'none' : m.compress === '3' ? 'zlib' : 'gzip';
      assert.ok(r.compression.every((c) => c === want), `${r.compression} vs ${m.compress}`);
    });
  }

  test('files of scikit-learn 1.2 to 1.9 are read; a release outside them is refused, naming the range', () => {
    const m = expected.models.find((x) => x.name === 'course-pipeline')!;
    const [file] = modelFiles(m);
    // The version is a short string in the pickle: one of the same length keeps the file valid.
    const saying = (version: string) => {
      const bytes = Buffer.from(file!.bytes);
      let at = bytes.indexOf(expected.sklearn, 0, 'latin1');
      assert.ok(at > 0);
      for (; at >= 0; at = bytes.indexOf(expected.sklearn, at + 1, 'latin1')) bytes.write(version, at, 'latin1');
      return { label: 'model_pipeline.joblib', bytes: new Uint8Array(bytes) };
    };
    for (const v of ['1.3.2', '1.5.2', '1.8.0', '1.9.9']) assert.equal(importSklearnModel([saying(v)]).sklearnVersion, v);
    for (const v of ['1.1.3', '2.0.0', '1.2.x']) {
      assert.throws(() => importSklearnModel([saying(v)]), (e: Error) => {
        assert.ok(e instanceof UserError);
        assert.equal(e.message, `model_pipeline.joblib: the Pipeline was saved by scikit-learn ${v}; Model Lab reads files from scikit-learn 1.2 to 1.9 ` +
          '(tested with 1.2.1, 1.4.2 and 1.9.0; the private attributes it relies on change between releases). Re-save it with one of those, or retrain it in Model Lab.');
        return true;
      });
    }
  });

  test('the scaler and classifier files may be given in either order', () => {
    const m = expected.models.find((x) => x.name === 'course-separate')!;
    const [a, b] = modelFiles(m);
    assert.deepEqual(importSklearnModel([b!, a!]).svc, importSklearnModel([a!, b!]).svc);
  });

  test('a scaler alone is refused with what to add', () => {
    assert.throws(() => importSklearnModel([fixtureFile('models/course-separate/scaler.joblib')]), (e: Error) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /holds a StandardScaler/);
      assert.match(e.message, /--classifier/);
      return true;
    });
  });

  for (const h of expected.hostile) {
    test(`refuses ${h.file}, saying why`, () => {
      assert.throws(() => importSklearnModel([fixtureFile(h.file)]), (e: Error) => {
        assert.ok(e instanceof UserError, `${e.name}: ${e.message}`);
        for (const s of h.expect) assert.ok(e.message.includes(s), `"${e.message}" should mention "${s}"`);
        assert.ok(e.message.includes(h.file), 'names the file');
        return true;
      });
    });
  }

  test('a fitted GridSearchCV is refused with the way in: save its best_estimator_ (scikit-learn 1.2.1 at test time)', () => {
    const py = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', `
import io, sys, joblib
from sklearn.datasets import load_iris; from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline; from sklearn.preprocessing import StandardScaler; from sklearn.svm import SVC
X, y = load_iris(return_X_y=True)
gs = GridSearchCV(Pipeline([('scaler', StandardScaler()), ('svc', SVC())]), {'svc__C': [1, 10]}, cv=3).fit(X, y)
b = io.BytesIO(); joblib.dump(gs, b); sys.stdout.buffer.write(b.getvalue())
`], { maxBuffer: 1 << 26 });
    assert.equal(py.status, 0, String(py.stderr));
    assert.throws(() => importSklearnModel([{ label: 'search.joblib', bytes: new Uint8Array(py.stdout) }]), (e: Error) => {
      assert.match(e.message, /^search\.joblib: byte \d+: refusing to load: it holds "sklearn\.model_selection\._search\.GridSearchCV", a search, not a model — save the model it chose, joblib\.dump\(search\.best_estimator_, "model\.joblib"\) \(refit=True\), and import that$/);
      return true;
    });
  });

  test('a zlib bomb is refused once it expands past the cap', () => {
    const bomb = deflateSync(new Uint8Array(4 * 1024 * 1024), { level: 9 });
    assert.throws(() => readJoblib(bomb, 'bomb.joblib', { maxDecompressed: 1024 * 1024 }), (e: Error) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /bomb\.joblib.*expands beyond 1048576 bytes/);
      return true;
    });
  });

  test('bytes after the end of the pickle are refused', () => {
    const good = fixtureFile('models/course-pipeline/model_pipeline.joblib').bytes;
    const extra = new Uint8Array(good.length + 3);
    extra.set(good);
    assert.throws(() => readJoblib(extra, 'extra.joblib'), /3 unexpected bytes after the end of the pickle/);
  });
});
