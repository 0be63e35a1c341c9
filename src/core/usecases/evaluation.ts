// Scores one part of the data with the metrics module (scikit-learn's accuracy_score,
// confusion_matrix and classification_report), in the model's class order.
import type { Label } from '../types';
import { accuracyCounts, classificationReport, confusionMatrix } from '../metrics';
import { compareLabels, labelKey } from '../labels';
import type { SplitEvaluation } from './contracts';

export function evaluate(
  yTrue: readonly Label[], yPred: Label[], indices: number[], classes: readonly Label[], names: readonly string[],
): SplitEvaluation {
  const report = classificationReport(yTrue, yPred, { labels: classes, targetNames: names });
  return {
    ...accuracyCounts(yTrue, yPred),
    confusion: confusionMatrix(yTrue, yPred, classes),
    perClass: report.classes.map((c) => ({ label: c.label, name: c.name, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    indices,
    predictions: yPred,
  };
}

/**
 * The classes the metrics are shown for: the model's, and any label of the data it never saw in
 * training (a class only in the validation part), by its value — as scikit-learn's confusion_matrix
 * and classification_report count the labels of y_true too. In scikit-learn's class order.
 */
export function evaluationClasses(classes: readonly Label[], names: readonly string[], y: readonly Label[]): { classes: Label[]; names: string[] } {
  const known = new Map(classes.map((c, i) => [labelKey(c), names[i] ?? String(c)]));
  const unseen = new Map<string, Label>();
  for (const l of y) if (!known.has(labelKey(l))) unseen.set(labelKey(l), l);
  if (unseen.size === 0) return { classes: [...classes], names: [...names] };
  const all = [...classes, ...unseen.values()].sort(compareLabels);
  return { classes: all, names: all.map((l) => known.get(labelKey(l)) ?? String(l)) };
}
