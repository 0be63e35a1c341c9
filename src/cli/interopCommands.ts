// model-lab validate PATH.joblib / import PATH.joblib: models saved by scikit-learn come in (read,
// never executed). Models go out with model-lab export (exportCommand.ts).
import { resolve } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import type { SplitSize } from '../core/types';
import { pythonFloat } from '../core/text/pythonFloat';
import { pythonLabelList } from '../core/labels';
import { checkJoblibModel, DEFAULT_SEED, type JoblibCheckOptions } from '../core/interop/validateJoblib';
import { importJoblib } from '../core/interop/importJoblib';
import { findEarlierImport, importedBeforeText } from '../core/interop/importedBefore';
import { intOption, nameOption, numberOption, parseCommand, UsageError } from './args';
import { dataSpecOf } from './trainCommand';
import { parsePostgresUrl } from '../core/database/connectionUrl';
import { IMPORT_HELP, VALIDATE_JOBLIB_HELP } from './help';
import type { CliIO } from './io';

const CHECK_OPTIONS = {
  classifier: { type: 'string' },
  data: { type: 'string' },
  seed: { type: 'string' },
  'train-size': { type: 'string' },
  target: { type: 'string' },
  drop: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function trainSizeOption(command: string, text: string): SplitSize {
  const v = numberOption(command, 'train-size', text, (x) => x > 0, 'a fraction between 0 and 1 (e.g. 0.8) or a row count (e.g. 120)');
  if (v < 1 && !/^\s*[+]?\d+\s*$/.test(text)) return { kind: 'fraction', value: v };
  if (Number.isInteger(v) && /^\s*[+]?\d+\s*$/.test(text)) return { kind: 'count', value: v };
  throw new UsageError(`model-lab ${command}: --train-size "${text}" must be a fraction below 1 (0.8) or a whole row count (120)`);
}

function checkOptions(command: string, io: CliIO, values: Record<string, string | boolean | undefined>, path: string): JoblibCheckOptions {
  const spec = typeof values.data === 'string' ? dataSpecOf(values.data, io.cwd, command) : undefined;
  // A scikit-learn file is checked on data a later check can read again as it was: iris or a CSV file.
  if (spec?.kind === 'postgres') {
    throw new UsageError(`model-lab ${command}: --data ${spec.spec.url}: a scikit-learn file is read against the built-in iris data or a CSV file, not a database table — save the table as CSV (\\copy ${parsePostgresUrl(spec.spec.url).table} TO 'data.csv' CSV HEADER in psql) and give its path with --data`);
  }
  const data = spec?.kind === 'iris' || spec?.kind === 'csv' ? spec : undefined;
  return {
    path: resolve(io.cwd, path),
    classifierPath: typeof values.classifier === 'string' ? resolve(io.cwd, values.classifier) : undefined,
    data,
    seed: typeof values.seed === 'string' ? intOption(command, 'seed', values.seed, 0, 4294967295) : DEFAULT_SEED,
    trainSize: typeof values['train-size'] === 'string' ? trainSizeOption(command, values['train-size']) : undefined,
    target: typeof values.target === 'string' ? values.target : undefined,
    // As train's --drop: columns of the CSV that are not features (a row number "Id").
    drop: typeof values.drop === 'string' ? values.drop.split(',').map((c) => c.trim()).filter((c) => c !== '') : undefined,
  };
}

/** `model-lab validate PATH.joblib ...` (args after `validate`). */
export async function runValidateJoblib(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('validate', args, { ...CHECK_OPTIONS, json: { type: 'boolean' } }, 1);
  if (values.help) {
    io.out(VALIDATE_JOBLIB_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab validate: give the .joblib file, e.g. model-lab validate model_pipeline.joblib');
  const options = checkOptions('validate', io, values, positionals[0]!);
  const r = await checkJoblibModel(options, nodeFileSystem, { signal: io.signal, log: values.json ? undefined : (l) => io.out(l + '\n') });
  if (values.json) {
    io.out(JSON.stringify({
      files: r.files,
      layout: r.model.layout,
      sklearnVersion: r.model.sklearnVersion,
      kernel: r.model.svc.params.kernel,
      classes: r.model.svc.classes,
      data: r.dataSpec.kind === 'csv' ? r.dataSpec.path : 'iris',
      dataChoice: r.dataChoice,
      seed: r.seed,
      trainSize: r.trainSize,
      trainAccuracy: r.train.accuracy,
      validAccuracy: r.valid.accuracy,
      train: r.train,
      valid: r.valid,
      notes: r.notes,
    }) + '\n');
    return 0;
  }
  const data = r.dataSpec.kind === 'csv' ? r.dataSpec.path : 'built-in iris data';
  io.out(`Read ${r.files.join(' + ')} (scikit-learn ${r.model.sklearnVersion}, ${r.model.layout}, ${r.model.svc.params.kernel} SVC, ` +
    `classes ${pythonLabelList(r.model.svc.classes, r.model.labelType)}) on ${data}, seed ${r.seed}.\n`);
  for (const n of r.notes) io.err(`model-lab validate: note: ${n}\n`);
  return 0;
}

/** `model-lab import PATH.joblib [--classifier PATH] [--out models] [--name N]`. */
export async function runImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('import', args, { ...CHECK_OPTIONS, out: { type: 'string' }, name: { type: 'string' } }, 1);
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab import: give the .joblib file, e.g. model-lab import model_pipeline.joblib');
  const name = nameOption('import', typeof values.name === 'string' ? values.name : undefined);
  const options = {
    ...checkOptions('import', io, values, positionals[0]!),
    modelsDir: resolve(io.cwd, typeof values.out === 'string' ? values.out : 'models'),
    name,
  };
  // The same bytes imported before: imported again (scripts keep working), said in a note.
  const before = await findEarlierImport(options, nodeFileSystem);
  const r = await importJoblib(options, nodeFileSystem, { signal: io.signal, log: (l) => io.out(l + '\n') });
  io.out(`Train Accuracy : ${pythonFloat(r.train.accuracy)}\nValid Accuracy : ${pythonFloat(r.valid.accuracy)}\n`);
  for (const n of r.notes) io.err(`model-lab import: note: ${n}\n`);
  if (before.models.length > 0) io.err(`model-lab import: note: ${importedBeforeText(before)}; "${r.name}" is another model of ${before.files.length === 1 ? 'it' : 'them'}\n`);
  return 0;
}
