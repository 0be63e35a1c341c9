// model-lab tune-unit: runs ONE unit of a plan written by `tune --plan` — given as the plan line itself
// (--task, for GNU parallel and xargs) or as the plan file and a line index (--plan --index, for a
// Kubernetes Indexed Job or a Slurm array) — and writes its small result file into --out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { UserError } from '../core/types';
import { withOsErrors } from '../core/io/osErrors';
import { runUnitTask, writeUnitFile } from '../core/experiments/tune/unitFiles';
import { failureFileName, FAILURE_FORMAT, parseUnitTask, resultFileName, UNIT_FORMAT_VERSION, type UnitTask } from '../core/experiments/tune/unitTask';
import { pythonFloat } from '../core/text/pythonFloat';
import { hostname } from 'node:os';
import { intOption, parseCommand, UsageError } from './args';
import { TUNE_UNIT_HELP } from './help';
import type { CliIO } from './io';

const OPTIONS = {
  task: { type: 'string' }, plan: { type: 'string' }, index: { type: 'string' }, out: { type: 'string' },
  'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

/** The task as given: the JSON line itself, or line `index` (0-based) of the plan file. */
function taskText(v: { task?: string; plan?: string; index?: string }, cwd: string): { text: string; where: string } {
  if ((v.task === undefined) === (v.plan === undefined)) {
    throw new UsageError('model-lab tune-unit: give the unit as --task LINE, or as --plan FILE --index N (one of the two)');
  }
  if (v.task !== undefined) {
    if (v.index !== undefined) throw new UsageError('model-lab tune-unit: --index goes with --plan, not with --task');
    return { text: v.task, where: '--task' };
  }
  if (v.index === undefined) throw new UsageError('model-lab tune-unit: --plan needs --index N (the 0-based line, e.g. $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID)');
  const index = intOption('tune-unit', 'index', v.index, 0, Number.MAX_SAFE_INTEGER);
  const file = resolve(cwd, v.plan!);
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  } catch (e) {
    throw new UserError(`${file}: cannot read the plan (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}) — give --plan the file written by model-lab tune --plan`);
  }
  if (index >= lines.length) throw new UserError(`${file}: --index ${index} is past its last unit (${lines.length} lines, indices 0 to ${lines.length - 1})`);
  return { text: lines[index], where: `${file} line ${index + 1}` };
}

export async function runTuneUnit(args: string[], io: CliIO): Promise<number> {
  const { values: v } = parseCommand('tune-unit', args, OPTIONS, 0);
  if (v.help) {
    io.out(TUNE_UNIT_HELP);
    return 0;
  }
  if (v.out === undefined) throw new UsageError('model-lab tune-unit: --out DIR is required (the results folder that model-lab tune --collect reads)');
  const out = resolve(io.cwd, v.out);
  const { text, where } = taskText(v, io.cwd);
  let task: UnitTask;
  try {
    task = parseUnitTask(JSON.parse(text));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'not a JSON line' : (e as Error).message;
    throw new UserError(`${where}: not a tune unit (${why}) — give a line of the plan written by model-lab tune --plan`);
  }
  let result;
  try {
    result = await runUnitTask(task, nodeFileSystem, { ...(v['data-dir'] !== undefined ? { dataDir: resolve(io.cwd, v['data-dir']) } : {}), signal: io.signal });
  } catch (e) {
    // Leave a note for --collect, which names the unit and why it has no result.
    if (e instanceof UserError) {
      await writeUnitFile(nodeFileSystem, out, failureFileName(task.search, task.unit), {
        format: FAILURE_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search: task.search, unit: task.unit, error: e.message, host: hostname(),
      }).catch(() => undefined);
    }
    throw e;
  }
  const file = await withOsErrors(
    { path: out, doing: 'cannot write the unit\'s result in this results folder', choose: 'choose another results folder (--out)' },
    () => writeUnitFile(nodeFileSystem, out, resultFileName(task.search, task.unit), result),
  );
  const candidates = task.units / task.spec.cv;
  const o = result.outcome;
  const what = 'error' in o ? `the fit failed (scored nan, as scikit-learn does): ${o.error}` : `${o.correct} of ${o.total} correct (${pythonFloat(o.correct / o.total)})`;
  io.out(`unit ${task.unit} (candidate ${task.candidate + 1} of ${candidates}, fold ${task.fold + 1} of ${task.spec.cv}): ${what} → ${file}\n`);
  return 0;
}
