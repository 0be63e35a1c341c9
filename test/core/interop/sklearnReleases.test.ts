// Model Lab against scikit-learn releases other than Debian 12's 1.2.1 (the course's, which
// exportJoblib.test.ts checks against directly): test/fixtures/sklearn-releases/ holds what 1.4.2
// (Debian 13) and 1.9.0 (Debian testing) wrote for the export tests' models, fitted on the same
// splits (scripts/fixtures/sklearn_releases.sh). Their files are read to exactly the model Model Lab
// trains, with the release's predictions; and Model Lab's export for the release holds, attribute for
// attribute (type, dtype, shape, bytes), what the release's own joblib.dump holds — compared through
// describe_objects.py, which Debian's python3 runs on the export.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { loadModelWithData } from '../../../src/core/usecases/checkedModel';
import { exportJoblib } from '../../../src/core/interop/exportJoblib';
import { importJoblib } from '../../../src/core/interop/importJoblib';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { Pipeline } from '../../../src/core/pipeline';
import { StandardScaler } from '../../../src/core/preprocessing/standardScaler';
import { SVC } from '../../../src/core/svm/svc';
import { SKLEARN_RELEASES } from '../../../src/core/interop/sklearn/sklearnVersion';
import { SCRIPTS, requireScikitLearn, runPython } from './python/debianPython';
import { CASES, trainCase } from './exportCases';

const RELEASES_DIR = resolve('test/fixtures/sklearn-releases');

interface ReleaseCase {
  readonly name: string;
  readonly layout: string;
  readonly files: string[];
  readonly predictedIndices: number[];
  readonly objects: Record<string, unknown>;
}

interface Release {
  readonly sklearn: string;
  readonly numpy: string;
  readonly cases: ReleaseCase[];
}

const releases: Release[] = readdirSync(RELEASES_DIR).sort().map((v) => JSON.parse(readFileSync(join(RELEASES_DIR, v, 'expected.json'), 'utf8')) as Release);

let root: string;
const modelDirs = new Map<string, string>();

before(async () => {
  requireScikitLearn();
  root = mkdtempSync(join(tmpdir(), 'model-lab-releases-'));
  for (const c of CASES) modelDirs.set(c.name, (await trainCase(c, join(root, 'models'))).modelDir);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** describe_objects.py's description of each file, as Debian's scikit-learn 1.2.1 loads it. */
function describeFiles(files: readonly string[]): Record<string, unknown> {
  const r = runPython([join(SCRIPTS, 'describe_objects.py'), ...files], root);
  assert.equal(r.code, 0, `describe_objects.py failed (a warning under -W error counts):\n${r.err}`);
  return JSON.parse(r.out) as Record<string, unknown>;
}

/** Exports every case's model for `version` and describes the files, per case and file name. */
async function describeExports(version: string): Promise<Map<string, Record<string, unknown>>> {
  const written: { name: string; file: string; path: string }[] = [];
  for (const c of CASES) {
    const out = join(root, 'exports', version, c.name);
    const r = await exportJoblib(modelDirs.get(c.name)!, nodeFileSystem, { out, sklearnVersion: version });
    for (const path of r.paths) written.push({ name: c.name, file: path.slice(out.length + 1), path });
  }
  const described = describeFiles(written.map((w) => w.path));
  const byCase = new Map<string, Record<string, unknown>>();
  for (const w of written) byCase.set(w.name, { ...byCase.get(w.name), [w.file]: described[w.path] });
  return byCase;
}

test('the fixtures are those of the releases Model Lab writes for, every export case in each', () => {
  assert.deepEqual(releases.map((r) => r.sklearn), SKLEARN_RELEASES.filter((r) => r.tested !== '1.2.1').map((r) => r.tested));
  for (const r of releases) assert.deepEqual(r.cases.map((c) => c.name), CASES.map((c) => c.name), r.sklearn);
  assert.ok(releases.every((r) => /^2\./.test(r.numpy)), 'written with numpy 2 (numpy._core in the pickles)');
});

for (const release of releases) {
  describe(`scikit-learn ${release.sklearn}`, () => {
    for (const c of release.cases) {
      test(`${c.name}: its files read to the model Model Lab trains, with its predictions`, async () => {
        const dir = join(RELEASES_DIR, release.sklearn, c.name);
        const imported = importSklearnModel(c.files.map((f) => ({ label: f, bytes: new Uint8Array(readFileSync(join(dir, f))) })));
        assert.equal(imported.sklearnVersion, release.sklearn);
        const { model, data } = await loadModelWithData(modelDirs.get(c.name)!, nodeFileSystem);
        assert.deepEqual(imported.scaler, model.pipeline.scaler.toJSON());
        assert.deepEqual(JSON.parse(JSON.stringify(imported.svc)), JSON.parse(JSON.stringify(model.pipeline.svc.toJSON())));
        // JSON has no -0: libsvm's signed zeros come back from rawDualCoefNegativeZeros.
        assert.deepEqual(imported.svc.rawDualCoef, model.pipeline.svc.toJSON().rawDualCoef, 'the signed zeros too');
        const predicted = new Pipeline(StandardScaler.fromJSON(imported.scaler), SVC.fromJSON(imported.svc)).predict(data.X);
        assert.deepEqual(predicted.map((p) => imported.svc.classes.indexOf(p)), c.predictedIndices);
      });
    }

    test('Model Lab\'s export for it holds what its own joblib.dump holds, attribute for attribute', async () => {
      const ours = await describeExports(release.sklearn);
      for (const c of release.cases) assert.deepEqual(ours.get(c.name), c.objects, c.name);
    });
  });
}

test('the comparison sees a difference: the 1.2.1 export is not what 1.9.0 writes', async () => {
  const ours = await describeExports('1.2.1');
  const release = releases.find((r) => r.sklearn === '1.9.0')!;
  const c = release.cases.find((x) => x.name === 'course-pipeline')!;
  assert.notDeepEqual(ours.get(c.name), c.objects);
  const text = JSON.stringify(c.objects);
  assert.match(text, /"transform_input"/);
  assert.doesNotMatch(JSON.stringify(ours.get(c.name)), /"transform_input"/);
});

test('a model imported from a release\'s files exports back for that release unless another is asked for', async () => {
  for (const release of releases) {
    const c = release.cases.find((x) => x.name === 'course-pipeline')!;
    const dir = join(RELEASES_DIR, release.sklearn, c.name);
    const imported = await importJoblib({ path: join(dir, c.files[0]!), modelsDir: join(root, 'imported'), name: `from-${release.sklearn}` }, nodeFileSystem);
    const back = await exportJoblib(imported.modelDir, nodeFileSystem, { out: join(root, 'back', release.sklearn) });
    assert.deepEqual([back.sklearnVersion, back.versionFrom], [release.sklearn, 'import']);
    const reread = importSklearnModel(back.paths.map((p) => ({ label: p, bytes: new Uint8Array(readFileSync(p)) })));
    assert.equal(reread.sklearnVersion, release.sklearn);
    // Back for that release, the objects are the release's own (the same fit: see the export test above).
    assert.deepEqual(describeFiles(back.paths)[back.paths[0]!], c.objects[c.files[0]!]);
    const asked = await exportJoblib(imported.modelDir, nodeFileSystem, { out: join(root, 'asked', release.sklearn), sklearnVersion: '1.2.1' });
    assert.deepEqual([asked.sklearnVersion, asked.versionFrom], ['1.2.1', 'asked']);
  }
  const trained = await exportJoblib(modelDirs.get('course-pipeline')!, nodeFileSystem, { out: join(root, 'default') });
  assert.deepEqual([trained.sklearnVersion, trained.versionFrom], ['1.2.1', 'default']);
});
