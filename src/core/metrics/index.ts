export { accuracyScore, accuracyCounts } from './accuracy';
export type { AccuracyCounts } from './accuracy';
export { confusionMatrix, uniqueLabels } from './confusionMatrix';
export { classificationReport } from './classificationReport';
export type { ClassificationReport, ClassScores, AverageScores, ReportOptions } from './classificationReport';
