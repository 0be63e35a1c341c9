// model-lab tune's use case against GridSearchCV: every fold score, mean, std, rank, best_index_ and the
// refitted model's accuracies equal scikit-learn's bit for bit on every fixture case (iris with K = 3, 5,
// 10, string labels, noisy rows, all kernels, ties, failed fits); the saved model.json records the search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../../src/core/io/nodeFileSystem';
import { loadModel } from '../../../../src/core/artifacts/loadModel';
import { parseManifest } from '../../../../src/core/artifacts/manifest';
import { validate } from '../../../../src/core/usecases/validate';
import { UserError } from '../../../../src/core/types';
import { isAbortError } from '../../../../src/core/abort';
import { describeHowFar, tune, type TuneOptions, type TuneProgress } from '../../../../src/core/experiments/tune/tune';
import { fixture, gridOf, dataOptionsOf, type GridCase } from './gridsearchFixture';

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-tune-')); });
after(() => rmSync(root, { recursive: true, force: true }));

function optionsOf(c: GridCase, modelsDir: string): TuneOptions {
  return { ...dataOptionsOf(c), layout: 'separate', grid: gridOf(c), cv: c.cv, modelsDir, name: c.id, confirmed: true };
}

for (const c of fixture.cases) {
  test(`${c.id}: cv_results_, best_params_ and the refit equal GridSearchCV's`, async () => {
    const warnings: string[] = [];
    const modelsDir = join(root, 'cases');
    const r = await tune(optionsOf(c, modelsDir), nodeFileSystem, { onWarning: (w) => warnings.push(w) });
    assert.equal(r.search.candidates.length, c.candidates.length);
    r.search.candidates.forEach((got, i) => {
      const want = c.candidates[i];
      for (const [k, v] of Object.entries(want.params)) assert.equal(got.params[k as keyof typeof got.params], v, `candidate ${i} ${k}`);
      assert.deepEqual(got.foldScores, want.splitScores, `candidate ${i} fold scores`);
      assert.equal(got.meanScore, want.mean, `candidate ${i} mean`);
      assert.equal(got.stdScore, want.std, `candidate ${i} std`);
      assert.equal(got.rank, want.rank, `candidate ${i} rank`);
    });
    assert.equal(r.search.bestIndex, c.bestIndex);
    for (const [k, v] of Object.entries(c.bestParams)) assert.equal(r.best.params[k as keyof typeof r.best.params], v, `best ${k}`);
    assert.equal(r.best.meanScore, c.bestScore);
    assert.equal(r.model.train.accuracy, c.trainAccuracy);
    assert.equal(r.model.valid.accuracy, c.validAccuracy);
    // scikit-learn's warnings: few class members, and how many fits failed.
    assert.deepEqual(warnings.filter((w) => w.startsWith('The least populated')), c.warnings);
    assert.deepEqual(warnings.filter((w) => / fits failed out of /.test(w)).map((w) => w.replace(/ The score .*$/s, '')), c.fitFailures);
    // The refitted model is an ordinary model folder; its model.json records the whole search.
    const loaded = await loadModel(nodeFileSystem, r.model.modelDir);
    assert.deepEqual(loaded.pipeline.svc.nSupport, c.refitSupport);
    assert.deepEqual(loaded.manifest.search, r.search);
    // "created" is the time of saving (docs/artifact-format.md; the results tab and the tree say
    // "Saved"): after the data was read and the whole search ran, not when the command started.
    const created = Date.parse(loaded.manifest.created);
    const readAt = String((loaded.manifest.data as { readAt?: unknown }).readAt);
    assert.ok(created > Date.parse(readAt) && created <= Date.now(), `created ${loaded.manifest.created}, data read at ${readAt}`);
    const v = await validate(r.model.modelDir, nodeFileSystem);
    assert.equal(v.status, 'matches');
  });
}

test('refusals before anything is saved: K < 2, an empty list (before the data is read), impossible folds, then too many fits without confirmation', async () => {
  const c = fixture.cases[0];
  const modelsDir = join(root, 'refused');
  const refused = async (o: Partial<TuneOptions>, pattern: RegExp) => {
    await assert.rejects(tune({ ...optionsOf(c, modelsDir), ...o }, nodeFileSystem), (e: unknown) => e instanceof UserError && pattern.test(e.message));
  };
  await refused({ cv: 1 }, /^k-fold cross-validation requires at least one train\/test split by setting n_splits=2 or more, got n_splits=1\. — give --cv/);
  await refused({ grid: { ...gridOf(c), C: [] } }, /^Parameter grid for parameter 'svc__C' need to be a non-empty sequence — give --C/);
  await refused({ grid: { ...gridOf(c), gamma: ['scale'], C: Array.from({ length: 101 }, (_, i) => i + 1) }, confirmed: false }, /^the grid has 101 candidates × 5 folds = 505 fits \(more than 500\) — shorten the lists, or add --yes/);
  // The training part of iris (seed 2023) holds 38, 39 and 43 rows of the three classes.
  await refused({ cv: 44 }, /^n_splits=44 cannot be greater than the number of members in each class\. — the training part of iris has 120 rows \(per class 0: 38, 1: 39, 2: 43\): use a smaller --cv$/);
  await refused({ cv: 39, confirmed: false }, /^The least populated class in y has only 38 members, which is less than n_splits=39\. — in the training part of iris, class "0" has 38 rows; use --cv 38 or fewer, or add --yes/);
  // The two that a user may overrule say so, with a question a UI can ask before running again with confirmed.
  await assert.rejects(tune({ ...optionsOf(c, modelsDir), cv: 39, confirmed: false }, nodeFileSystem), (e: any) => e.needsConfirmation === true && /^The least populated class .* \(in the training part of iris, class "0" has 38 rows\.\) Run anyway, as scikit-learn does/.test(e.question));
  await assert.rejects(tune({ ...optionsOf(c, modelsDir), grid: { ...gridOf(c), gamma: ['scale'], C: Array.from({ length: 101 }, (_, i) => i + 1) }, confirmed: false }, nodeFileSystem), (e: any) => e.question === 'Run all 505 fits (101 candidates × 5 folds)?');
  // Folds the data cannot give are refused before the question about many fits (45 × 101 = 4,545 fits).
  await refused({ cv: 45, grid: { ...gridOf(c), gamma: ['scale'], C: Array.from({ length: 101 }, (_, i) => i + 1) }, confirmed: false }, /^n_splits=45 cannot be greater than the number of members in each class\./);
  await refused({ cv: 121 }, /^Cannot have number of splits n_splits=121 greater than the number of samples: n_samples=120\./);
  assert.throws(() => readdirSync(modelsDir));
});

test('progress names the candidate and fold; cancelling mid-search saves nothing and leaves no temp folder', async () => {
  const c = fixture.cases[0];
  const modelsDir = join(root, 'cancelled');
  const seen: TuneProgress[] = [];
  const texts: string[] = [];
  const controller = new AbortController();
  await assert.rejects(tune(optionsOf(c, modelsDir), nodeFileSystem, {
    signal: controller.signal,
    progress: { report: (s) => texts.push(s) },
    onProgress: (p) => { seen.push(p); if (p.done === 17) controller.abort(); },
  }), (e: unknown) => isAbortError(e));
  // Unit 17 (candidate 4, fold 2) finished; the next one never started.
  assert.equal(texts.at(-1), 'Candidate 4 of 6, fold 2 of 5');
  assert.ok(!texts.includes('Candidate 4 of 6, fold 3 of 5'));
  assert.equal(seen.at(-1)!.done, 17);
  // The search stopped before the refit: the models folder was never even created.
  assert.throws(() => readdirSync(modelsDir), /ENOENT/);
  assert.equal(describeHowFar(seen.at(-1)), 'after 17 of 30 fits (candidate 4 of 6, fold 2 of 5 was running)');
});

test('cancelled during the refit: said as the refit, not as the last fold; nothing saved', async () => {
  const c = fixture.cases[0];
  const modelsDir = join(root, 'cancelled-refit');
  let where: TuneProgress | undefined;
  const controller = new AbortController();
  await assert.rejects(tune(optionsOf(c, modelsDir), nodeFileSystem, {
    signal: controller.signal,
    progress: { report: (s) => { if (s === 'Refitting the best candidate') controller.abort(); } },
    onProgress: (p) => { where = p; },
  }), (e: unknown) => isAbortError(e));
  // It said "after 30 of 30 fits (candidate 6 of 6, fold 5 of 5 was the last)".
  assert.equal(describeHowFar(where), 'during the refit of the best candidate (after all 30 fits of the cross-validation)');
  assert.throws(() => readdirSync(modelsDir), /ENOENT/, 'nothing saved: the models folder was not even created');
});

test('a damaged search record is refused when the model is read, naming the field', async () => {
  const c = fixture.cases[0];
  const r = await tune(optionsOf(c, join(root, 'damaged')), nodeFileSystem);
  const json = JSON.parse(readFileSync(join(r.model.modelDir, 'model.json'), 'utf8'));
  const broken = (mutate: (m: any) => void, pattern: RegExp) => {
    const m = structuredClone(json);
    mutate(m);
    assert.throws(() => parseManifest(m), pattern);
  };
  broken((m) => { m.search.bestIndex = 0; }, /field "search.bestIndex": expected the first candidate ranked 1/);
  broken((m) => { m.search.candidates.pop(); }, /field "search.candidates": expected 6 candidates/);
  broken((m) => { m.search.candidates[1].foldScores.push(1); }, /field "search.candidates\[1\].foldScores": expected 5 scores/);
  broken((m) => { m.search.candidates[0].params.kernel = 'cubic'; }, /field "search.candidates\[0\].params.kernel"/);
  broken((m) => { m.search.cv.nSplits = 1; }, /field "search.cv.nSplits"/);
  broken((m) => { m.params.svc.C = 10; }, /field "search.bestIndex": candidate 2's params .* are not the model's own/);
  delete json.search;
  assert.equal(parseManifest(json).search, undefined);
});
