// model-lab predict MODEL_DIR --data PATH.csv: one label per row, in input order.
import { resolve } from 'node:path';
import { predict } from '../core/usecases/predict';
import { pythonFloat } from '../core/text/pythonFloat';
import { pythonLabel } from '../core/labels';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { refuseCredentialUrl } from '../core/datasets/dataSpec';
import { parseCommand, UsageError } from './args';
import { PREDICT_HELP } from './help';
import type { CliIO } from './io';

const OPTIONS = { data: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runPredict(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('predict', args, OPTIONS, 1);
  if (values.help) {
    io.out(PREDICT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab predict: give the model folder, e.g. model-lab predict models/NAME --data rows.csv');
  if (values.data === undefined) throw new UsageError('model-lab predict: give the rows to label with --data PATH.csv');
  try {
    refuseCredentialUrl(values.data, '--data');
  } catch (e) {
    throw new UsageError(`model-lab predict: ${(e as Error).message}`);
  }
  const result = await predict(resolve(io.cwd, positionals[0]), resolve(io.cwd, values.data), nodeFileSystem, { signal: io.signal });
  if (values.json) {
    io.out(JSON.stringify({
      model: result.modelDir, predictions: result.predictions, names: result.predictionNames,
      ...(result.accuracy ? { accuracy: result.accuracy.accuracy, correct: result.accuracy.correct, total: result.accuracy.total } : {}),
    }) + '\n');
    return 0;
  }
  // Labels as Python prints them (1.0 for a float class), with the class name beside when it differs.
  const texts = result.predictions.map((p) => pythonLabel(p, result.labelType));
  const named = texts.some((t, i) => t !== result.predictionNames[i]);
  io.out(texts.map((t, i) => (named ? `${t}\t${result.predictionNames[i]}` : t)).join('\n') + '\n');
  if (result.accuracy) io.out(`Accuracy : ${pythonFloat(result.accuracy.accuracy)} (${result.accuracy.correct}/${result.accuracy.total})\n`);
  return 0;
}
