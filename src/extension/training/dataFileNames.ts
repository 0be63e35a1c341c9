// The files Model Lab offers and takes as CSV training data: `.csv`, and `.data`, the name UCI's
// repository gives its comma-separated files (iris.data, wine.data), often without a header line —
// which the header Quick Fix (dataProblems.ts) adds. package.json's Explorer menus say the same.

/** The default of modelLab.dataGlob, and the files the header Quick Fix is offered on. */
export const DATA_FILE_GLOB = '**/*.{csv,data}';

/** True for a path Model Lab reads as CSV data (case-insensitive extension). */
export function isDataFileName(path: string): boolean {
  return /\.(csv|data)$/i.test(path);
}
