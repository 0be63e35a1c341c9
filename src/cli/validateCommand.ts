// model-lab validate MODEL_DIR: reload, recompute, compare with what training recorded.
import { resolve } from 'node:path';
import { savedDataWarning, validate } from '../core/usecases/validate';
import { pythonFloat } from '../core/text/pythonFloat';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { parseCommand, UsageError } from './args';
import { VALIDATE_HELP } from './help';
import { statusLine } from './statusLine';
import type { CliIO } from './io';
import type { ModelManifest } from '../core/artifacts/manifest';

const OPTIONS = { json: { type: 'boolean' }, 'as-is': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `model-lab validate MODEL_DIR [--json] [--as-is]`; resolves to the exit code (1 when the accuracies differ or the model cannot be loaded). */
export async function runValidate(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('validate', args, OPTIONS, 1);
  if (values.help) {
    io.out(VALIDATE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab validate: give the model folder, e.g. model-lab validate models/iris-C1-gscale-s2023');
  const modelDir = resolve(io.cwd, positionals[0]);
  const status = statusLine(io);
  let report;
  try {
    report = await validate(modelDir, nodeFileSystem, {
      signal: io.signal, progress: status.progress,
      log: values.json ? undefined : (line) => {
        status.clear();
        if (!line.startsWith('Could not load')) io.out(line + '\n');
      },
    }, { acceptEdited: values['as-is'] === true });
  } finally {
    status.clear();
  }
  // What training warned about the data (a feature that numbers the rows), said again at each validation.
  const warning = savedDataWarning(report);
  if (values.json) {
    io.out(JSON.stringify({
      model: modelDir,
      status: report.status,
      matches: report.status === 'matches',
      ...(report.error !== undefined ? { error: report.error } : {}),
      ...(report.edited?.length ? { edited: report.edited } : {}),
      ...(report.git ? { git: report.git } : {}),
      ...(warning ? { warnings: [warning.message] } : {}),
      ...(report.train && report.valid && report.recorded ? {
        trainAccuracy: report.train.accuracy,
        validAccuracy: report.valid.accuracy,
        recorded: { trainAccuracy: report.recorded.train, validAccuracy: report.recorded.valid },
        train: { correct: report.train.correct, total: report.train.total, confusion: report.train.confusion, perClass: report.train.perClass },
        valid: { correct: report.valid.correct, total: report.valid.total, confusion: report.valid.confusion, perClass: report.valid.perClass },
      } : {}),
    }) + '\n');
    return report.status === 'matches' ? 0 : 1;
  }
  if (report.status === 'could-not-load') {
    io.err(`model-lab validate: ${report.error}\n`);
    return 1;
  }
  if (warning) io.err(`model-lab validate: warning: ${warning.message}\n`);
  const r = report.recorded!;
  io.out(`Recorded Train Accuracy : ${pythonFloat(r.train)}\nRecorded Valid Accuracy : ${pythonFloat(r.valid)}\n`);
  if (report.edited?.length) {
    // --as-is on a changed model: what its files predict now, never a verdict on the saved model.
    io.out(`Evaluated as the files are now — changed since saving: ${report.edited.join(', ')}. This is what the edited model predicts, not what was saved.\n`);
    io.out(report.status === 'matches'
      ? 'The edited files still reproduce the recorded accuracies.\n'
      : 'DIFFERENT: the edited files do not reproduce the recorded accuracies.\n');
    return report.status === 'matches' ? 0 : 1;
  }
  const m = report.manifest === undefined ? undefined : (report.manifest as ModelManifest).metrics;
  const counts = (correct: number, total: number) => `${correct}/${total}`;
  // The same accuracies with other counts (a model.json edited and sealed again): say which differ.
  const countsOnly = report.status === 'differs' && m && report.train && report.valid && report.train.accuracy === r.train && report.valid.accuracy === r.valid;
  io.out(report.status === 'matches'
    ? 'Match: the reloaded model reproduces the recorded accuracies exactly.\n'
    : countsOnly
      ? `DIFFERENT: model.json records ${counts(m.trainCorrect, m.trainTotal)} right in training and ${counts(m.validCorrect, m.validTotal)} in validation; the reloaded model gets ${counts(report.train!.correct, report.train!.total)} and ${counts(report.valid!.correct, report.valid!.total)}.\n`
      : 'DIFFERENT: the reloaded model does not reproduce the recorded accuracies.\n');
  return report.status === 'matches' ? 0 : 1;
}
