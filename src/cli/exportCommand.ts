// model-lab export MODEL_DIR --format joblib|python|onnx: a Model Lab model leaves for scikit-learn
// (the course's .joblib files, or a Python script that trains it again) or for ONNX runtimes.
import { basename, resolve } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { exportOnnx } from '../core/interop/exportOnnx';
import { exportJoblib } from '../core/interop/exportJoblib';
import { versionFromText } from '../core/interop/sklearn/sklearnVersion';
import { environmentRelease, releaseSourceText, warnReleaseMismatch } from './environmentRelease';
import { exportPython, pythonScript } from '../core/interop/exportPython';
import { choiceOption, parseCommand, UsageError } from './args';
import { joblibOptionsOf } from './trainCommand';
import { shellQuote } from '../core/text/shellQuote';
import { EXPORT_HELP } from './help';
import type { CliIO } from './io';
import { EXPORT_FEATURE_NAMES, FeatureNamesRefused } from '../core/interop/exportFeatureNames';

const FORMATS = ['joblib', 'python', 'onnx'] as const;

const OPTIONS = {
  format: { type: 'string' }, out: { type: 'string' }, 'sklearn-version': { type: 'string' }, 'feature-names': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

/** The file name endings of each format's own files. */
const ENDINGS: Readonly<Record<(typeof FORMATS)[number], string>> = { joblib: '.joblib', python: '.py', onnx: '.onnx' };

/**
 * `--format python --out model.onnx` would write a Python script where the user expects an ONNX
 * model (a typo in one of two flags): an --out named for another format is refused before anything
 * is written. Other names (model.txt, a folder) are taken as given.
 */
function refuseOtherFormatsFile(format: (typeof FORMATS)[number], out: string | undefined): void {
  if (out === undefined || format === 'joblib') return; // the joblib export's own check is about folders
  const other = FORMATS.find((f) => f !== format && out.toLowerCase().endsWith(ENDINGS[f]));
  if (other === undefined) return;
  const fixed = out.slice(0, out.length - ENDINGS[other].length) + ENDINGS[format];
  throw new UsageError(`model-lab export: --out ${shellQuote(out)} is named for --format ${other}, but --format ${format} writes ${format === 'python' ? 'a Python script' : 'an ONNX model'} — give --out ${shellQuote(fixed)}${other === 'joblib' ? '' : `, or --format ${other}`}`);
}

/** The script's files check the trained names: where the course's reload code gets files it runs on. */
const PYTHON_NAMES_NOTE = (note: string): string =>
  `model-lab export: note: ${note} — for the course's reload code, export with --format joblib --feature-names load-iris, or give the files a DataFrame with these columns\n`;

/** `model-lab export MODEL_DIR --format joblib|python|onnx [--out DIR|PATH.py|PATH.onnx|-] [--sklearn-version 1.2.1]`. */
export async function runExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('export', args, OPTIONS, 1);
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('model-lab export: give the model folder, e.g. model-lab export models/iris-C1-gscale-s2023 --format joblib');
  if (values.format === undefined) throw new UsageError(`model-lab export: give --format ${FORMATS.join('|')}`);
  const format = choiceOption('export', 'format', values.format, FORMATS);
  if (values['sklearn-version'] !== undefined && format !== 'joblib') {
    throw new UsageError(`model-lab export: --sklearn-version goes with --format joblib, not ${format}`);
  }
  if (values['feature-names'] !== undefined && format !== 'joblib') {
    throw new UsageError(`model-lab export: --feature-names goes with --format joblib, not ${format}`);
  }
  const featureNames = values['feature-names'] === undefined ? 'trained' : choiceOption('export', 'feature-names', values['feature-names'], EXPORT_FEATURE_NAMES);
  const modelDir = resolve(io.cwd, positionals[0]!);
  const out = values.out === undefined || values.out === '-' ? undefined : resolve(io.cwd, values.out);
  if (values.out === '-' && format !== 'python') throw new UsageError('model-lab export: --out - (standard output) goes with --format python');
  refuseOtherFormatsFile(format, values.out);
  switch (format) {
    case 'joblib': {
      // `--out model.joblib` names a file, but the export is a folder of the course's files: a folder
      // called model.joblib would surprise whoever loads it.
      if (out !== undefined && /\.joblib$/i.test(out) && (await nodeFileSystem.stat(out))?.type !== 'directory') {
        throw new UsageError(`model-lab export: --out ${shellQuote(values.out!)} names a .joblib file, but the joblib export writes the course's files (scaler.joblib + classifier.joblib, or model_pipeline.joblib) into a folder — give a folder, e.g. --out ${shellQuote(values.out!.replace(/\.joblib$/i, ''))}`);
      }
      const asked = values['sklearn-version'];
      // A release it cannot write for is a bad flag value (exit 2), as train's and tune's --sklearn-version.
      if (asked !== undefined) joblibOptionsOf('export', { 'save-joblib': true, 'sklearn-version': asked });
      const environment = asked === undefined ? await environmentRelease(io.cwd) : {};
      const r = await exportJoblib(modelDir, nodeFileSystem, { out, sklearnVersion: asked ?? environment.version, featureNames }).catch((e: unknown) => {
        // A model that is not of the iris four cannot take load_iris's names: a bad flag value (exit 2).
        throw e instanceof FeatureNamesRefused ? new UsageError(`model-lab export: ${e.message}`) : e;
      });
      const decided = versionFromText(r.versionFrom);
      const from = decided !== undefined ? `, ${decided}` : releaseSourceText(environment);
      io.out(`Wrote ${r.paths.join(' + ')} (scikit-learn ${r.sklearnVersion}${from}, layout ${r.layout}${r.featureNamesChoice === 'load-iris' ? ", load_iris's feature names" : ''})${replacedText(r.replaced)}\n`);
      warnReleaseMismatch(io, 'export', environment, r.sklearnVersion);
      if (r.featureNamesNote !== undefined) io.err(`model-lab export: note: ${r.featureNamesNote} — use --feature-names load-iris for the course's reload code, or give the files a DataFrame with these columns\n`);
      return 0;
    }
    case 'python': {
      if (values.out === '-') {
        const script = await pythonScript(modelDir, nodeFileSystem);
        io.out(script.text);
        if (script.note !== undefined) io.err(`model-lab export: note: ${script.note}\n`);
        if (script.featureNamesNote !== undefined) io.err(PYTHON_NAMES_NOTE(script.featureNamesNote));
        return 0;
      }
      const r = await exportPython(modelDir, nodeFileSystem, { out });
      io.out(`Wrote ${r.path} — run it with python3, scikit-learn (1.2 to 1.9), pandas and joblib\n`);
      if (r.note !== undefined) io.err(`model-lab export: note: ${r.note}\n`);
      if (r.featureNamesNote !== undefined) io.err(PYTHON_NAMES_NOTE(r.featureNamesNote));
      return 0;
    }
    case 'onnx': {
      const r = await exportOnnx(modelDir, nodeFileSystem, { out });
      io.out(`Wrote ${r.path} (${r.bytes} bytes; classes ${JSON.stringify(r.classes)})${replacedText(r.replaced)}\n`);
      if (r.note !== undefined) io.err(`model-lab export: note: ${r.note}\n`);
      return 0;
    }
  }
}

/** " — it replaced scaler.joblib, which held other bytes": an export writes over files as cp does, and says so. */
function replacedText(replaced: readonly string[]): string {
  if (replaced.length === 0) return '';
  return ` — it replaced ${replaced.map((p) => basename(p)).join(' and ')}, which held other bytes`;
}
