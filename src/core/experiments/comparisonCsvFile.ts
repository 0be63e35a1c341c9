// The comparison table written as a CSV file (compare --csv, Compare Models' Export CSV). Apart from
// comparison.ts, which the Compare page bundles: this needs the file system.
import { paths, type FileSystem } from '../io/fileSystem';
import { withOsErrors } from '../io/osErrors';
import { rowsToCsv, type ComparisonRow, type CsvColumnKey } from './comparison';

const encoder = new TextEncoder();

/**
 * Writes the table as a CSV file (rowsToCsv) through the FileSystem's safe writer: never through a
 * link, never over a folder or a device; its folder is made when missing, as an export's is. Throws
 * UserError naming `path` for such a target and for an OS refusal (permission, read-only, full
 * disk), leaving any existing file as it was.
 */
export async function writeComparisonCsv(fs: FileSystem, path: string, rows: readonly ComparisonRow[], columns?: readonly CsvColumnKey[]): Promise<void> {
  const choose = { option: 'csv', text: 'choose another file ({option})', settingText: 'choose another file' } as const;
  await withOsErrors({ path, doing: 'cannot write the CSV file', choose, creates: true }, async () => {
    const dir = paths.dirname(path);
    if (!(await fs.stat(dir))) await fs.mkdir(dir);
    await fs.writeFile(path, encoder.encode(rowsToCsv(rows, columns)));
  });
}
