// Compare Models with a tuned model among trained ones, from real model folders: the core tunes
// iris (GridSearchCV fixture case iris-k5-twelve) and trains the course's model (validation 100 %)
// into one models folder, listModels reads them as the extension's store does, comparisonRows makes
// the rows. The page shows the CV columns (mean, std, rank of the chosen candidate), ranks by the CV
// mean (the tuned model is best although an untuned one has the same validation accuracy), and
// sorts by the CV mean with untuned models last.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { post } from './pageHarness';
import { startCompareHarness, type CompareHarness, type CompareProbe } from './compareHarness';
import { fixtureCase } from './tuneView';
import { dataOptionsOf, gridOf } from '../core/experiments/tune/gridsearchFixture';
import { tune } from '../../src/core/experiments/tune/tune';
import { train } from '../../src/core/usecases/train';
import { listModels } from '../../src/core/usecases/listModels';
import { comparisonRows } from '../../src/core/experiments/comparison';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import type { CompareRow } from '../../src/protocol/comparePanel';

const names = (page: Page) => page.$$eval('#rows tr.model-row td.col-name button.open', (bs) => bs.map((b) => b.textContent ?? ''));

describe('Compare Models with a tuned model', () => {
  let harness: CompareHarness;
  let rows: CompareRow[];
  let scratch: string | undefined;
  const c = fixtureCase();
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'model-lab-compare-tuned-'));
    const modelsDir = join(scratch, 'models');
    await tune({ ...dataOptionsOf(c), layout: 'separate', grid: gridOf(c), cv: c.cv, modelsDir, name: 'tuned' }, nodeFileSystem);
    for (const [name, C] of [['trained-C1', 1], ['trained-C10', 10]] as const) {
      await train({
        data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C, gamma: 'scale',
        degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
      }, nodeFileSystem, {});
    }
    rows = comparisonRows(await listModels(modelsDir, nodeFileSystem)).map((r) => ({ ...r, id: `file://${r.dir}` }));
    harness = await startCompareHarness();
  });
  after(async () => {
    await harness?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('CV columns from model.json, best by the CV mean, sortable by it with untuned models last', async () => {
    const tuned = rows.find((r) => r.name === 'tuned')!;
    const best = c.candidates[c.bestIndex]!;
    assert.deepEqual([tuned.cvMean, tuned.cvStd, tuned.cvRank], [best.mean, best.std, best.rank], 'the chosen candidate\'s scores, as GridSearchCV reported them');
    assert.equal(rows.find((r) => r.name === 'trained-C1')!.validAccuracy, tuned.validAccuracy, 'an untuned model as good on the validation split');
    const page = await harness.open('light');
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    assert.deepEqual(await page.$$eval('th[data-key^="cv"]', (ths) => ths.map((t) => t.getAttribute('data-key'))), ['cvMean', 'cvStd', 'cvRank']);
    const cells = (name: string) => page.$$eval(`#rows tr.model-row:has(td.col-name button:text-is("${name}")) td`, (tds) => Object.fromEntries(tds.map((t) => [t.className, t.textContent])));
    const t = await cells('tuned');
    assert.deepEqual([t['num col-cvMean'], t['num col-cvStd'], t['num col-cvRank']], ['95.00 %', '3.12', '1']);
    assert.equal((await cells('trained-C1'))['num col-cvMean'], '');
    // The one rule: among tuned models the highest CV mean, so only the tuned model is starred.
    assert.deepEqual(await page.$$eval('#rows tr.model-row.best td.col-name button.open', (bs) => bs.map((b) => b.textContent)), ['tuned']);
    assert.match((await page.textContent('#best-note')) ?? '', /highest mean cross-validation accuracy among tuned models, then highest validation accuracy\. tuned, at a mean CV accuracy of 95\.00 % and 100\.00 % validation accuracy\./);
    await page.click('th[data-key="cvMean"] button');
    assert.equal(await page.getAttribute('th[data-key="cvMean"]', 'aria-sort'), 'descending');
    assert.deepEqual(await names(page), ['tuned', 'trained-C1', 'trained-C10']);
    await page.click('th[data-key="cvMean"] button');
    assert.equal((await names(page))[0], 'tuned', 'missing values stay last in both directions');
    const p = await page.evaluate(() => { const w = window as unknown as CompareProbe; return { v: w.__violations, e: w.__errors }; });
    assert.deepEqual(p, { v: [], e: [] });
    await page.close();
  });
});
