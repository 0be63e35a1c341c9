// Scores one part of the data with the metrics module (scikit-learn's accuracy_score,
// confusion_matrix and classification_report), in the model's class order.
import type { Label } from '../types';
import { accuracyCounts, classificationReport, confusionMatrix } from '../metrics';
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
