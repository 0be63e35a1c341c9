// model-lab compare: the models of a models folder side by side, sorted and filtered, best
// validation accuracy marked; as a text table, JSON or CSV.
import { resolve } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { UserError } from '../core/types';
import { ManifestCache } from '../core/experiments/manifestCache';
import { checkModelsFolder } from '../core/artifacts/modelsFolder';
import type { ComparisonColumnKey, ComparisonRow, SortDirection } from '../core/experiments/comparison';
import { CHANGED_SINCE_SAVING, COMPARISON_COLUMNS, cellText, columnNamed, dataText, comparisonColumn, comparisonRows, rowsToCsv, sortRows, visibleColumns } from '../core/experiments/comparison';
import { writeComparisonCsv } from '../core/experiments/comparisonCsvFile';
import { oneLineLabel } from '../core/labels';
import { filterRows, parseRowFilter } from '../core/experiments/rowFilter';
import { bestByData, ruleOfData } from '../core/experiments/bestModels';
import { withChangedModels } from '../core/experiments/changedModels';
import { parseCommand, UsageError } from './args';
import { COMPARE_HELP } from './help';
import type { CliIO } from './io';
import { maxOf } from '../core/extremes';
import { PartialOutput } from './partialOutput';

const OPTIONS = {
  out: { type: 'string' }, sort: { type: 'string' }, filter: { type: 'string' }, csv: { type: 'string' },
  json: { type: 'boolean' }, quick: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Columns of the text table (the JSON and CSV outputs have them all); CV columns when a model is tuned. */
const TABLE: readonly ComparisonColumnKey[] = ['name', 'origin', 'created', 'dataSource', 'seed', 'trainSize', 'kernel', 'C', 'gamma', 'degree', 'coef0', 'trainAccuracy', 'validAccuracy', 'cvMean', 'cvStd', 'status'];

/** The columns of one models folder: Folder tells a multi-root VS Code workspace's models folders apart. */
const CLI_COLUMNS = COMPARISON_COLUMNS.filter((c) => c.key !== 'folder');

/** "validAccuracy", "valid", "C:asc", "created:desc". */
export function sortSpecOf(text: string): { key: ComparisonColumnKey; direction: SortDirection } {
  const [name, dir, extra] = text.split(':');
  const column = columnNamed(name.trim());
  if (!column || !CLI_COLUMNS.includes(column) || extra !== undefined) {
    throw new UsageError(`model-lab compare: --sort "${text}" is not a column — use one of ${CLI_COLUMNS.map((c) => c.key).join(', ')} (or valid, train, cv), optionally with :asc or :desc`);
  }
  if (dir !== undefined && dir !== 'asc' && dir !== 'desc') {
    throw new UsageError(`model-lab compare: --sort "${text}": the direction must be asc or desc`);
  }
  return { key: column.key, direction: (dir as SortDirection | undefined) ?? column.defaultDirection };
}

/**
 * On a terminal narrower than the table, columns are left out in this order — but a column whose
 * cells are all alike (it tells no model from another) before any that differs, Created first of
 * all. The name, the validation accuracy and the status stay; the table says what it left out.
 */
const LEFT_OUT_FIRST: readonly ComparisonColumnKey[] = ['created', 'origin', 'trainSize', 'dataSource', 'cvStd', 'seed', 'coef0', 'degree', 'gamma', 'C', 'kernel', 'trainAccuracy', 'cvMean'];

/** The table as text; with `width` (a terminal's), columns are left out until its lines fit, and a last line names them. */
function textTable(rows: readonly ComparisonRow[], width?: number): string {
  const shown = new Set(visibleColumns(rows).map((c) => c.key));
  let columns = TABLE.filter((k) => shown.has(k));
  // A folder name holding a line break or a tab (made by hand) is shown as its repr, so each row stays one line.
  const cell = (r: ComparisonRow, k: ComparisonColumnKey) => oneLineLabel(k === 'created' ? cellText(r, k).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : k === 'dataSource' ? dataText(r) : cellText(r, k));
  const render = (keys: readonly ComparisonColumnKey[]) => {
    const header = ['', ...keys.map((k) => comparisonColumn(k)!.title)];
    const body = rows.map((r) => [`${r.best ? '*' : ''}${r.dataDiffers ? '≠' : ''}`, ...keys.map((k) => cell(r, k))]);
    const widths = header.map((h, i) => maxOf([h.length, ...body.map((b) => b[i].length)]));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return { lines: [line(header), ...body.map(line)], width: widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) };
  };
  let table = render(columns);
  const leftOut: string[] = [];
  const alike = (k: ComparisonColumnKey) => new Set(rows.map((r) => cell(r, k))).size <= 1;
  const order = ['created' as const, ...LEFT_OUT_FIRST.filter((k) => k !== 'created' && alike(k)), ...LEFT_OUT_FIRST.filter((k) => k !== 'created' && !alike(k))];
  for (const k of order) {
    // A line as wide as the terminal wraps in some terminals: keep one column free.
    if (width === undefined || table.width < width) break;
    if (!columns.includes(k)) continue;
    columns = columns.filter((c) => c !== k);
    leftOut.push(comparisonColumn(k)!.title);
    table = render(columns);
  }
  const listOf = (status: ComparisonRow['status']) => rows.filter((r) => r.status === status).map((r) => `  ${oneLineLabel(r.name)}: ${(r.error ?? status).replace(CHANGED_SINCE_SAVING, '')}`);
  const damaged = listOf('damaged');
  const changed = listOf('changed');
  const note = leftOut.length ? ['', `Left out for the terminal's ${width} columns: ${leftOut.join(', ')} (all: --csv - or --json)`] : [];
  return [
    ...table.lines, ...note,
    ...(changed.length ? ['', 'Changed since saving (recorded numbers shown; train the model again or restore its files):', ...changed] : []),
    ...(damaged.length ? ['', 'Damaged:', ...damaged] : []),
  ].join('\n') + '\n';
}

/** `model-lab compare [options]`; resolves to the exit code. Throws UsageError/UserError for refusals. */
export async function runCompare(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseCommand('compare', args, OPTIONS, 0);
  if (v.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  const sort = sortSpecOf(v.sort ?? 'validAccuracy');
  const filter = parseRowFilter(v.filter ?? '');
  if (filter.problems.length > 0) throw new UsageError(`model-lab compare: --filter ${filter.problems[0]}`);
  const modelsDir = resolve(io.cwd, v.out ?? 'models');
  if (!(await checkModelsFolder(nodeFileSystem, modelsDir))) {
    throw new UserError(`${modelsDir}: no models folder there — train a model first (model-lab train --out ${JSON.stringify(v.out ?? 'models')}) or give --out`);
  }
  // --quick checks model.json only; by default every file's sha256 is checked, as validate does.
  const cache = new ManifestCache(nodeFileSystem, { verify: v.quick ? 'manifest' : 'files' });
  // A model whose files changed since saving keeps its recorded numbers, marked "changed", as in VS Code.
  const { summaries, changes } = await withChangedModels(await cache.list(modelsDir), nodeFileSystem);
  const all = comparisonRows(summaries, (s) => changes.get(s));
  const rows = sortRows(filterRows(all, filter), sort.key, sort.direction);
  // Each data source has its own best: models of other data were validated on other rows.
  const bestOfData = bestByData(all).filter((g) => g.best.length > 0);
  const bestRule = ruleOfData(bestOfData);

  const csvFile = v.csv !== undefined && v.csv !== '-' ? resolve(io.cwd, v.csv) : undefined;
  // With --json a CSV file that cannot be written still leaves the listing: printed, with the failure in "error".
  let csvFailure: unknown;
  if (csvFile !== undefined) {
    try {
      await writeComparisonCsv(nodeFileSystem, csvFile, rows);
    } catch (e) {
      if (!v.json) throw e;
      csvFailure = e;
    }
  }
  if (v.json) {
    const document = {
      modelsDir, sort, filter: v.filter ?? '', total: all.length,
      best: rows.filter((r) => r.best).map((r) => r.name), bestRule,
      bestOfData: bestOfData.map((g) => ({ data: dataText(g.best[0]!), dataPath: g.best[0]!.dataPath, best: g.best.map((r) => r.name), rule: g.rule })),
      ...(csvFile !== undefined && csvFailure === undefined ? { csv: csvFile } : {}),
      models: rows,
    };
    if (csvFailure !== undefined) throw new PartialOutput(document, csvFailure);
    io.out(JSON.stringify(document) + '\n');
  } else if (v.csv === '-') {
    io.out(rowsToCsv(rows));
  } else if (all.length === 0) {
    io.out(`No models in ${modelsDir} yet — train some with: model-lab train --out ${JSON.stringify(v.out ?? 'models')}\n`);
  } else {
    io.out(textTable(rows, io.outColumns));
    const shown = rows.length === all.length ? (all.length === 1 ? '1 model' : `${all.length} models`) : `${rows.length} of ${all.length} model${all.length === 1 ? '' : 's'} match${rows.length === 1 ? 'es' : ''} "${v.filter}"`;
    // The line speaks of the data sources of the rows shown (a filter may show one of them).
    const shownRows = new Set(rows);
    const groups = rows.length === 0 ? bestOfData : bestOfData.filter((g) => g.models.some((m) => shownRows.has(m)));
    const ties = groups.filter((g) => g.tie);
    const tie = groups.length < 2
      ? (ties.length > 0 ? ` (${ties[0]!.best.length} models tie)` : '')
      : ties.length > 0 ? ` (${ties.map((g) => `${g.best.length} models tie on ${dataText(g.best[0]!)}`).join(', ')})` : '';
    const per = bestOfData.length < 2 ? 'best'
      : groups.length === 1 ? `best of the ${dataText(groups[0]!.best[0]!)} models (each data source has its own best)`
      : `best of each data source (${groups.length}: models of different data are not ranked against each other)`;
    const differs = rows.some((r) => r.dataDiffers) ? '; ≠ = trained on other rows of its data than the other models (data.csv differs)' : '';
    io.out(`\n${shown}; * = ${per}: ${ruleOfData(groups)}${tie}${differs}${v.csv !== undefined ? `; table written to ${resolve(io.cwd, v.csv)}` : ''}\n`);
    if (cache.lastNotModels.length > 0) io.out(`Not models (no model.json), left out: ${cache.lastNotModels.map((n) => oneLineLabel(n.name)).join(', ')}\n`);
  }
  return 0;
}
