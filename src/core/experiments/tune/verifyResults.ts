// tune --collect's check that the units' result files hold what their units give: a result file is a
// few hundred bytes of JSON anyone with write access to the shared folder can edit, and its score
// decides which candidate is refitted. Units are re-scored here with the very code tune-unit and an
// in-process tune run (runCvUnit on the same folds, one after another in this thread), so an honest
// result is reproduced exactly and any difference is an edit, damage, or another build or kernel.
import { paths } from '../../io/fileSystem';
import { UserError } from '../../types';
import { runUnitsInThisThread } from './unitRunner';
import { summarizeSearch, type SearchPlan } from './gridSearch';
import type { CvData, CvUnitResult } from './cvUnit';
import { resultFileName, type UnitTask } from './unitTask';

/** Which units --collect re-scores: the best candidate's folds (default), every unit, or none. */
export type VerifyMode = 'best' | 'all' | 'none';
export const VERIFY_MODES: readonly VerifyMode[] = ['best', 'all', 'none'];

/** Result files named in a refusal before "and N more". */
const MAX_NAMED_FILES = 5;

function outcomeText(r: CvUnitResult): string {
  return 'error' in r ? 'a failed fit' : `${r.correct} of ${r.total} correct`;
}

function sameOutcome(a: CvUnitResult, b: CvUnitResult): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b;
  return a.correct === b.correct && a.total === b.total;
}

/** What the refusal needs besides the plan and results: where the files are and how to name units. */
export interface VerifySource {
  readonly dir: string;
  readonly task: UnitTask;
  /** Units whose result was read from a file (missing units, merged with --partial, are not re-scored). */
  readonly fromFile: ReadonlySet<number>;
}

/**
 * Re-scores the units `mode` asks for (results in unit order, one per plan unit) and throws a
 * UserError naming every result file whose outcome differs. Resolves when all agree; rejects with the
 * abort error when cancelled.
 */
export async function verifyResults(
  mode: VerifyMode, data: CvData, plan: SearchPlan, results: readonly CvUnitResult[], source: VerifySource,
  events: { signal?: AbortSignal; onStart?(done: number, total: number): void } = {},
): Promise<void> {
  if (mode === 'none') return;
  const K = plan.nSplits;
  let chosen: number[];
  if (mode === 'all') chosen = plan.units.map((_, i) => i);
  else {
    const best = summarizeSearch(plan, results).record.bestIndex;
    chosen = Array.from({ length: K }, (_, f) => best * K + f);
  }
  chosen = chosen.filter((i) => source.fromFile.has(i));
  const rescored = await runUnitsInThisThread({ data, folds: plan.folds, units: chosen.map((i) => plan.units[i]!) }, {
    ...(events.signal !== undefined ? { signal: events.signal } : {}),
    onStart: (i) => events.onStart?.(i, chosen.length),
  });
  const differ = chosen.flatMap((unit, i) => (sameOutcome(results[unit]!, rescored[i]!) ? [] : [{ unit, here: rescored[i]! }]));
  if (differ.length === 0) return;
  const candidates = source.task.units / K;
  const named = differ.slice(0, MAX_NAMED_FILES).map(({ unit, here }) => {
    const file = paths.join(source.dir, resultFileName(source.task.search, unit));
    return `${file} (unit ${unit}, candidate ${Math.floor(unit / K) + 1} of ${candidates}, fold ${(unit % K) + 1} of ${K}) says ${outcomeText(results[unit]!)}, re-scored here ${outcomeText(here)}`;
  }).join('; ');
  const more = differ.length > MAX_NAMED_FILES ? `; and ${differ.length - MAX_NAMED_FILES} more` : '';
  const which = mode === 'best' ? 'the best candidate\'s folds' : 'every unit';
  throw new UserError(
    `${differ.length} of ${chosen.length} results differ from re-scoring ${which} here: ${named}${more}`
    + ` — edited or damaged, or run on a processor whose OpenBLAS kernel rounds differently (docs/distributed-tuning.md);`
    + ` run ${differ.length === 1 ? 'that unit' : 'those units'} again (model-lab tune-unit … --out ${source.dir}), then collect`,
  );
}
