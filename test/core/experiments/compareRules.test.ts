// The Compare page's rules on real model folders (a sweep over C × gamma × seed on iris, trained
// here): the filter's param=value and comparisons, the one rule for "best" with ties, the chart's
// varying parameters, categories and seed averaging, baseline deltas, and the two-model diff.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import { listModels } from '../../../src/core/usecases/listModels';
import { runSweep } from '../../../src/core/experiments/sweep';
import type { ModelSummary } from '../../../src/core/usecases/contracts';
import { comparisonRows, type ComparisonRow } from '../../../src/core/experiments/comparison';
import { filterRows, parseRowFilter } from '../../../src/core/experiments/rowFilter';
import { BEST_RULE, bestByData, bestModels, markBest, ruleOfData } from '../../../src/core/experiments/bestModels';
import { chartParameter, metricSeries, populationStd, varyingParameters } from '../../../src/core/experiments/metricSeries';
import { baselineDelta } from '../../../src/core/experiments/baseline';
import { diffFacts, modelFacts } from '../../../src/core/experiments/modelFacts';

let modelsDir: string;
let summaries: ModelSummary[];
let rows: ComparisonRow[];
const byName = (name: string) => rows.find((r) => r.name === name)!;
const names = (rs: readonly ComparisonRow[]) => rs.map((r) => r.name).sort();

before(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'model-lab-rules-'));
  await runSweep({
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name: 'm',
  }, { C: [1, 10], gamma: ['scale', 'auto', 0.1], seed: [2023, 7] }, nodeFileSystem);
  summaries = await listModels(modelsDir, nodeFileSystem);
  rows = comparisonRows(summaries);
});
after(() => rmSync(modelsDir, { recursive: true, force: true }));

describe('filter', () => {
  test('param=value in the notation of the legends: C=10, gamma=0.1, gamma=scale, kernel=rbf, seed=7, data=iris', () => {
    assert.equal(rows.length, 12);
    assert.deepEqual(names(filterRows(rows, 'C=10')), names(rows.filter((r) => r.C === 10)));
    assert.equal(filterRows(rows, 'C=10').length, 6);
    assert.deepEqual(names(filterRows(rows, 'gamma=0.1')), ['m-C1-g0.1-s2023', 'm-C1-g0.1-s7', 'm-C10-g0.1-s2023', 'm-C10-g0.1-s7']);
    assert.deepEqual(names(filterRows(rows, 'gamma=scale C=1 seed=7')), ['m-C1-gscale-s7']);
    assert.deepEqual(names(filterRows(rows, 'gamma = AUTO c=1e1')), ['m-C10-gauto-s2023', 'm-C10-gauto-s7']);
    assert.equal(filterRows(rows, 'kernel=rbf').length, 12);
    assert.equal(filterRows(rows, 'kernel=linear').length, 0);
    assert.equal(filterRows(rows, 'data=iris').length, 12);
    assert.equal(filterRows(rows, 'gamma!=0.1').length, 8, 'scale and auto are not 0.1');
    assert.equal(filterRows(rows, 'gamma>0.01').length, 4, 'only numeric gammas order');
  });

  test('comparisons on accuracies take fractions or percentages; a percentage compares the value as shown', () => {
    const valid = (pred: (v: number) => boolean) => names(rows.filter((r) => pred(r.validAccuracy!)));
    assert.deepEqual(names(filterRows(rows, 'valid>=0.9')), valid((v) => v >= 0.9));
    assert.deepEqual(names(filterRows(rows, 'valid>=90%')), valid((v) => v >= 0.9));
    assert.deepEqual(names(filterRows(rows, 'valid>=90')), valid((v) => v >= 0.9), 'a bare 90 is a percentage');
    assert.deepEqual(names(filterRows(rows, 'train<1')), names(rows.filter((r) => r.trainAccuracy! < 1)));
    const some = rows.find((r) => !Number.isInteger(r.validAccuracy! * 100))!;
    const shown = (some.validAccuracy! * 100).toFixed(2);
    assert.ok(filterRows(rows, `valid=${shown}%`).includes(some), `valid=${shown}% finds ${some.validAccuracy}`);
    assert.equal(filterRows(rows, `valid=${some.validAccuracy}`).includes(some), true, 'a fraction compares exactly');
    assert.equal(filterRows(rows, `valid=${(some.validAccuracy! * 100).toFixed(1)}`).includes(some), true, 'to the digits typed');
    // A threshold is exact: a value shown rounded up to it stays out (valid>=94% let 93.92 % in).
    const rounded = Math.round(some.validAccuracy! * 100);
    const above = rounded > some.validAccuracy! * 100;
    assert.equal(filterRows(rows, `valid>=${rounded}%`).includes(some), !above, `valid>=${rounded}% and ${some.validAccuracy}`);
    assert.equal(filterRows(rows, `valid<${rounded}`).includes(some), above);
    const close = { ...rows[0]!, validAccuracy: 0.93925 };
    assert.deepEqual(filterRows([close], 'valid>=94%'), [], '93.93 % is below 94 %');
    assert.deepEqual(filterRows([close], 'valid>=94'), []);
    assert.deepEqual(filterRows([close], 'valid<94%'), [close]);
    assert.deepEqual(filterRows([close], 'valid=93.92%'), [close], '= still compares as shown');
    assert.deepEqual(filterRows([{ ...close, validAccuracy: 0.57 }], 'valid>=57%'), [{ ...close, validAccuracy: 0.57 }], '0.57 is 57 %');
  });

  test('data=NAME matches a data file by its name without extension (data=iris found no iris.csv models)', () => {
    const row = { ...rows[0]!, dataSource: 'csv', dataPath: '/w/data/iris.csv' };
    const gz = { ...rows[0]!, dataSource: 'csv', dataPath: '/w/flowers.csv.gz' };
    assert.deepEqual(filterRows([row, gz], 'data=iris'), [row]);
    assert.deepEqual(filterRows([row, gz], 'data=iris.csv'), [row]);
    assert.deepEqual(filterRows([row, gz], 'data=flowers'), [gz]);
    assert.deepEqual(filterRows([row, gz], 'data!=iris'), [gz]);
  });

  test('free words still match any cell, together with conditions', () => {
    assert.deepEqual(names(filterRows(rows, 'C10 s7 gamma=auto')), ['m-C10-gauto-s7']);
    assert.equal(filterRows(rows, 'best').length, rows.filter((r) => r.best).length);
    assert.equal(filterRows(rows, '').length, 12);
  });

  test('what cannot mean anything is a problem with the fix, and left out', () => {
    assert.deepEqual(parseRowFilter('valid>=high').problems, ['"valid>=high": valid needs a number — e.g. valid>=0.9 or valid>=90%']);
    assert.deepEqual(parseRowFilter('gama=0.1').problems, ['"gama=0.1": no column "gama" — did you mean gamma=0.1?']);
    assert.match(parseRowFilter('colour=red').problems[0]!, /no column "colour" — use one of C, gamma, kernel/);
    assert.deepEqual(parseRowFilter('kernel>rbf').problems, ['"kernel>rbf": > needs a number, and kernel is text here — use = or !=, e.g. kernel=rbf']);
    assert.deepEqual(parseRowFilter('C=').problems, ['"C=": nothing after = — e.g. C=10']);
    const f = parseRowFilter('C=10 seed=x');
    assert.equal(f.conditions.length, 1);
    assert.equal(filterRows(rows, f).length, 6);
    // A URL's query is a word, not a condition.
    assert.deepEqual(parseRowFilter('postgres://h/db?table=iris').words, ['postgres://h/db?table=iris']);
  });
});

describe('best', () => {
  test('highest validation accuracy; every tie is best, and said to be a tie', () => {
    const top = Math.max(...rows.map((r) => r.validAccuracy!));
    const b = bestModels(rows);
    assert.equal(b.rule, BEST_RULE.validation);
    assert.deepEqual(names(b.best), names(rows.filter((r) => r.validAccuracy === top)));
    assert.equal(b.tie, b.best.length > 1);
    assert.deepEqual(names(rows.filter((r) => r.best)), names(b.best));
  });

  test('tuned models: the highest CV mean first, validation accuracy breaks its ties; damaged never best', () => {
    const [a, b, c, d] = rows;
    const tuned = markBest([
      { ...a!, cvMean: 0.95, validAccuracy: 0.9 },
      { ...b!, cvMean: 0.95, validAccuracy: 0.93 },
      { ...c!, cvMean: 0.9, validAccuracy: 1 },
      { ...d!, validAccuracy: 1 },
      { ...a!, name: 'x', status: 'damaged' as const, validAccuracy: 1, cvMean: 1 },
    ]);
    const best = bestModels(tuned);
    assert.equal(best.basis, 'crossValidation');
    assert.equal(best.rule, BEST_RULE.crossValidation);
    assert.deepEqual(best.best.map((r) => r.name), [b!.name]);
    assert.deepEqual(tuned.map((r) => r.best), [false, true, false, false, false]);
    assert.deepEqual(bestModels([]).best, []);
    // A sweep result mapped to the rule's fields (what the toast after a sweep uses).
    assert.deepEqual(bestModels([{ validAccuracy: 1 }, { validAccuracy: 0.9 }, { validAccuracy: 1 }]).best.length, 2);
  });
});

describe('best of each data source', () => {
  test('models of other data are ranked only among themselves; the rule says how it differs between sources', () => {
    const other = rows.slice(0, 3).map((r, i) => ({ ...r, name: `p${i}`, dataSource: 'csv', dataPath: '/d/petals.csv', validAccuracy: [0.5, 0.6, 0.6][i]! }));
    const marked = markBest([...rows, ...other]);
    const groups = bestByData(marked);
    assert.equal(groups.length, 2);
    assert.deepEqual(names(groups[0]!.best), names(bestModels(rows).best), 'the iris rows keep their own best');
    assert.deepEqual(groups[1]!.best.map((r) => r.name), ['p1', 'p2']);
    assert.equal(groups[1]!.tie, true);
    assert.deepEqual(marked.filter((r) => r.best).map((r) => r.name).sort(), [...names(bestModels(rows).best), 'p1', 'p2'].sort());
    assert.equal(ruleOfData(groups), BEST_RULE.validation);
    // The built-in iris has no path that matters; another path of the same CSV name is other data.
    assert.equal(bestByData([{ dataSource: 'iris', dataPath: 'iris' }, { dataSource: 'iris' }]).length, 1);
    assert.equal(bestByData([{ dataSource: 'csv', dataPath: '/a/x.csv' }, { dataSource: 'csv', dataPath: '/b/x.csv' }]).length, 2);
    const tunedToo = bestByData([...rows, ...other.map((r) => ({ ...r, cvMean: 0.7 }))]);
    assert.equal(ruleOfData(tunedToo), `${BEST_RULE.crossValidation} where some models of the data were tuned, else the ${BEST_RULE.validation}`);
  });
});

describe('chart series', () => {
  test('the x axis follows what varies: C, gamma and seed here; a choice that does not vary falls back', () => {
    assert.deepEqual(varyingParameters(rows), ['C', 'gamma', 'seed']);
    const onlyC = rows.filter((r) => r.gamma === 'scale' && r.seed === 2023);
    assert.deepEqual(varyingParameters(onlyC), ['C']);
    assert.equal(chartParameter(onlyC, 'gamma'), 'C');
    assert.equal(chartParameter(rows, 'gamma'), 'gamma');
  });

  test('gamma: numbers then "auto" and "scale" as categories; seeds averaged (mean ± numpy std)', () => {
    const s = metricSeries(rows, 'validAccuracy', 'gamma');
    assert.deepEqual(s.axis, { kind: 'category', categories: ['0.1', 'auto', 'scale'] });
    assert.deepEqual(s.lines.map((l) => l.label), ['C=1', 'C=10']);
    assert.equal(s.seedsAveraged, true);
    const p = s.lines[0]!.points.find((x) => x.x === 'auto')!;
    const pair = [byName('m-C1-gauto-s2023').validAccuracy!, byName('m-C1-gauto-s7').validAccuracy!];
    assert.deepEqual(p.names, ['m-C1-gauto-s7', 'm-C1-gauto-s2023'], 'natural order');
    assert.equal(p.y, (pair[0]! + pair[1]!) / 2);
    assert.equal(p.std, Math.abs(pair[0]! - pair[1]!) / 2);
    assert.equal(s.excluded.length, 0);
  });

  test('seed on the x axis: categories, no averaging; kernel is a category too', () => {
    const s = metricSeries(rows, 'validAccuracy', 'seed');
    assert.deepEqual(s.axis.categories, ['7', '2023']);
    assert.equal(s.seedsAveraged, false);
    assert.equal(s.lines.length, 6);
    const k = metricSeries([...rows, { ...rows[0]!, name: 'lin', kernel: 'linear' }], 'validAccuracy', 'kernel');
    assert.deepEqual(k.axis.categories, ['linear', 'rbf']);
  });

  test('kernel on the x axis, rbf beside poly: the rbf line says degree and coef0 are not used (not "all models")', () => {
    const base = rows.filter((r) => r.status === 'ok' && r.seed === 2023 && r.C === 1 && r.gamma === 'scale')[0]!;
    const mixed = [base, { ...base, name: 'p', kernel: 'poly' as const, degree: 3, coef0: 0 }, { ...base, name: 's', kernel: 'sigmoid' as const, coef0: 1 }];
    const s = metricSeries(mixed, 'validAccuracy', 'kernel');
    assert.deepEqual(s.lines.map((l) => [l.label, l.points.map((p) => p.x)]), [
      ['degree=3, coef0=0', ['poly']],
      ['coef0=1', ['sigmoid']],
      ['degree, coef0 not used', ['rbf']],
    ]);
    // The linear kernel does not use gamma either: its line says so, as rbf's does for degree and coef0.
    assert.deepEqual(metricSeries([base, { ...base, name: 'l', kernel: 'linear' as const }], 'validAccuracy', 'kernel').lines.map((l) => [l.label, l.points.map((p) => p.x)]), [
      ['gamma=scale', ['rbf']],
      ['gamma not used', ['linear']],
    ]);
    // Nothing else varies: one line, unlabelled (the legend calls it "all models").
    assert.deepEqual(metricSeries([base, { ...base, name: 'c2', C: 2 }], 'validAccuracy', 'C').lines.map((l) => l.label), ['']);
  });

  test('numpy std: population, 0 for one value', () => {
    assert.equal(populationStd([1]), 0);
    assert.equal(populationStd([0.9, 1]), 0.04999999999999999);
    assert.equal(populationStd([2, 4, 4, 4, 5, 5, 7, 9]), 2);
  });
});

describe('baseline and diff', () => {
  test('DVC-style deltas: metrics by difference, parameters changed or not; the baseline against itself: nothing', () => {
    const base = byName('m-C1-gscale-s2023');
    const other = byName('m-C10-g0.1-s2023');
    const dv = baselineDelta(other, base, 'validAccuracy')!;
    assert.equal(dv.kind, 'metric');
    assert.equal(dv.delta, other.validAccuracy! - base.validAccuracy!);
    assert.equal(dv.changed, other.validAccuracy !== base.validAccuracy);
    assert.deepEqual(baselineDelta(other, base, 'C'), { changed: true, delta: 9, baselineText: '1.0', kind: 'parameter' });
    assert.deepEqual(baselineDelta(other, base, 'gamma'), { changed: true, baselineText: 'scale', kind: 'parameter' });
    assert.deepEqual(baselineDelta(other, base, 'seed'), { changed: false, delta: 0, baselineText: '2023', kind: 'parameter' });
    assert.equal(baselineDelta(other, base, 'name'), undefined);
    assert.equal(baselineDelta(base, base, 'validAccuracy')!.changed, false);
  });

  test('two models side by side: parameters, metrics, data and provenance, differences marked', () => {
    const a = summaries.find((s) => s.name === 'm-C1-gscale-s2023')!.manifest!;
    const b = summaries.find((s) => s.name === 'm-C10-gscale-s7')!.manifest!;
    const fa = modelFacts(a);
    assert.deepEqual(fa.filter((f) => f.group === 'Data' && ['rows', 'sha256'].includes(f.label)).map((f) => f.value), ['150', a.data.sha256]);
    const diff = diffFacts(fa, modelFacts(b));
    const differs = diff.filter((r) => r.differs).map((r) => `${r.group}/${r.label}`);
    assert.ok(differs.includes('Parameters/C') && differs.includes('Split/seed') && differs.includes('Provenance/created'), differs.join(', '));
    assert.ok(!differs.includes('Parameters/gamma') && !differs.includes('Data/sha256'), 'same data, same gamma');
    assert.deepEqual(diff.find((r) => r.label === 'C'), { group: 'Parameters', label: 'C', a: '1.0', b: '10.0', differs: true });
    // A PostgreSQL snapshot's id range and a git record appear when the manifest has them.
    const pg = { ...b, data: { ...b.data, source: 'postgres', idRange: [101, 250], table: 'iris_data' }, git: { commit: 'abc123', dirty: true } };
    const d2 = diffFacts(fa, modelFacts(pg as typeof b));
    assert.deepEqual(d2.find((r) => r.label === 'id range'), { group: 'Data', label: 'id range', b: '101 … 250', differs: true });
    assert.deepEqual(d2.find((r) => r.label === 'git dirty'), { group: 'Provenance', label: 'git dirty', b: 'yes (uncommitted changes)', differs: true });
    assert.deepEqual([...new Set(d2.map((r) => r.group))], ['Parameters', 'Metrics', 'Data', 'Split', 'Provenance']);
  });
});
