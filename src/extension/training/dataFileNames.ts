// The files Model Lab offers and takes as CSV training data: `.csv`, `.data`, the name UCI's
// repository gives its comma-separated files (iris.data, wine.data), often without a header line —
// which the header Quick Fix (dataProblems.ts) adds — and `.csv.gz`, which the core decompresses as
// pandas does (gzipCsv.ts). package.json's Explorer menus and modelLab.dataGlob's default say the same.

/** The default of modelLab.dataGlob: the files offered as training data. */
export const DATA_FILE_GLOB = '**/*.{csv,data,csv.gz}';

/** The data files VS Code opens as text: where a line can be marked and the header Quick Fix offered. */
export const TEXT_DATA_FILE_GLOB = '**/*.{csv,data}';

/** A data file's extension, as DATA_FILE_GLOB names them (case-insensitive). */
const DATA_EXTENSION = /\.(csv|data|csv\.gz)$/i;

/** True for a path Model Lab reads as CSV data. */
export function isDataFileName(path: string): boolean {
  return DATA_EXTENSION.test(path);
}

/** True for a compressed data file: its lines are those of the decompressed text, not of the file VS Code would open. */
export function isCompressedDataFile(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The file's name without its data extension: iris for iris.csv, iris.data and iris.csv.gz. */
export function dataBaseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(DATA_EXTENSION, '');
}

/**
 * What keeps a glob pattern from being read, or undefined when it can be: a "[" never closed by "]",
 * a "{" never closed by "}" (or one inside another, which VS Code's search does not take), a "}"
 * that closes nothing, a range backwards ([z-a]). VS Code's search (ripgrep) refuses these with its
 * own error ("error parsing glob '/[': unclosed character class").
 */
export function globProblem(glob: string): string | undefined {
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // A class: up to the next "]"; a "]" right after "[" (or "[!", "[^") is one of its characters.
      let j = i + 1;
      if (glob[j] === '!' || glob[j] === '^') j++;
      if (glob[j] === ']') j++;
      const end = glob.indexOf(']', j);
      if (end < 0) return `its "[" (character ${i + 1}) is never closed by a "]"`;
      for (const [, from, to] of glob.slice(j, end).matchAll(/(.)-(.)/g)) {
        if (from! > to!) return `its range [${from}-${to}] goes backwards`;
      }
      i = end;
    } else if (c === '{') {
      if (open >= 0) return `its "{" (character ${i + 1}) is inside another {…}, which VS Code's search does not take`;
      open = i;
    } else if (c === '}') {
      if (open < 0) return `its "}" (character ${i + 1}) closes no "{"`;
      open = -1;
    }
  }
  return open >= 0 ? `its "{" (character ${open + 1}) is never closed by a "}"` : undefined;
}
