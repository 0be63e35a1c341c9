// accuracy, confusion_matrix and classification_report(output_dict=True) against scikit-learn
// 1.2.1 (test/fixtures/numerics/metrics.json, made by scripts/fixtures/numerics.py).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracyCounts, accuracyScore, classificationReport, confusionMatrix } from '../../../src/core/metrics';
import type { Label } from '../../../src/core/types';
import { UserError } from '../../../src/core/types';

interface Row {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}
interface Case {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  labels: Label[] | null;
  report: Record<string, Row | number>;
  confusion: number[][];
}
const fx = JSON.parse(readFileSync(join(__dirname, '../../fixtures/numerics/metrics.json'), 'utf8')) as { cases: Case[] };

const asRow = (r: { precision: number; recall: number; f1: number; support: number }): Row => ({
  precision: r.precision,
  recall: r.recall,
  'f1-score': r.f1,
  support: r.support,
});

describe('metrics match scikit-learn', () => {
  for (const c of fx.cases) {
    test(c.name, () => {
      const labels = c.labels ?? undefined;
      assert.deepEqual(confusionMatrix(c.yTrue, c.yPred, labels), c.confusion);
      const rep = classificationReport(c.yTrue, c.yPred, { labels });
      const dict: Record<string, Row | number> = {};
      for (const k of rep.classes) dict[k.name] = asRow(k);
      if (rep.accuracy !== undefined) dict.accuracy = rep.accuracy;
      if (rep.microAvg) dict['micro avg'] = asRow(rep.microAvg);
      dict['macro avg'] = asRow(rep.macroAvg);
      dict['weighted avg'] = asRow(rep.weightedAvg);
      // Same keys in the same order, and every number identical to the last bit.
      assert.deepEqual(Object.keys(dict), Object.keys(c.report));
      assert.deepEqual(dict, c.report);
      const acc = accuracyCounts(c.yTrue, c.yPred);
      assert.equal(acc.correct, c.yTrue.filter((y, i) => y === c.yPred[i]).length);
      if (typeof c.report.accuracy === 'number') assert.equal(acc.accuracy, c.report.accuracy);
    });
  }

  test('course accuracies are correct / total', () => {
    const yt = Array.from({ length: 120 }, (_, i) => i % 3);
    const yp = yt.map((y, i) => (i < 4 ? (y + 1) % 3 : y));
    assert.deepEqual(accuracyCounts(yt, yp), { accuracy: 0.9666666666666667, correct: 116, total: 120 });
    assert.equal(accuracyScore([1, 2], ['1', 2]), 0.5); // 1 and "1" are different labels
  });

  test('refusals', () => {
    assert.throws(() => accuracyScore([1, 2], [1]), /inconsistent numbers of samples: \[2, 1\]/);
    assert.throws(() => accuracyScore([], []), UserError);
    assert.throws(() => confusionMatrix([0, 1], [0, 1], [5]), /At least one label specified must be in y_true/);
    assert.throws(() => confusionMatrix([0, 1], [0, 1], []), /at least one label/);
    assert.throws(() => classificationReport([0, 'a'], [0, 'a']), UserError);
    assert.throws(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] }), /does not match size of target_names/);
  });

  test('target names replace the class names', () => {
    const rep = classificationReport([0, 1, 2], [0, 1, 1], { targetNames: ['setosa', 'versicolor', 'virginica'] });
    assert.deepEqual(rep.classes.map((c) => [c.label, c.name]), [[0, 'setosa'], [1, 'versicolor'], [2, 'virginica']]);
  });
});
