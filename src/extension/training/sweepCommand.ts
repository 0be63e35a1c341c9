// A sweep from "Train Iris Model…" (kernel, C, gamma, degree, coef0 or seed as lists): the core's runSweep trains
// one model per combination, fitted on the window's worker threads, under ONE cancellable progress
// notification ("Model i of N …"), then Compare Models opens with the new models selected.
import type * as vscode from 'vscode';
import type { ModelLabContext } from '../context';
import { bestModels, engine, type SweepResult, type TrainOptions } from '../engine';
import { dataWarning } from './dataProblems';
import type { ChoiceLists } from './trainParameters';
import { someKernelUses } from './wizardSteps';
import type { ModelsLocation } from '../models/modelLocations';
import { formatPercent } from '../../protocol/resultsPanel';
import { withProgress } from '../ui/progress';

/** `file`: the CSV trained on, whose folder a data warning's fix sets its setting for. */
export async function runSweep(ctx: ModelLabContext, base: TrainOptions, lists: ChoiceLists, location: ModelsLocation, file?: vscode.Uri): Promise<SweepResult | undefined> {
  const { log } = ctx;
  const planned = engine().gridSize(lists, base);
  log.line(`--- ${new Date().toISOString()} Train Iris Model: sweep of ${planned} models`);
  const kernelTerms = `${someKernelUses(lists.kernel, 'degree') ? ` · degree: ${lists.degree.join(', ')}` : ''}${someKernelUses(lists.kernel, 'coef0') ? ` · coef0: ${lists.coef0.join(', ')}` : ''}`;
  log.line(`kernel: ${lists.kernel.join(', ')} · C: ${lists.C.join(', ')} · gamma: ${lists.gamma.join(', ')}${kernelTerms} · seed: ${lists.seed.join(', ')}`);
  let result: SweepResult;
  try {
    result = await withProgress('Training…', (signal, progress) =>
      engine().runSweep(base, lists, location.fs, {
        signal,
        progress,
        // The models are fitted on the window's worker threads (modelLab.jobs), saved here one at a time.
        runner: ctx.sweepRunner((text) => progress.report(text)),
        log: (line) => log.line(line),
        onDataWarning: dataWarning(ctx, file),
        onSave: (i, total, p) => log.line(`[${i + 1}/${total}] ${engine().describePoint(p, engine().sweepVaries(lists))}`),
      }));
  } finally {
    await ctx.store.refresh(); // models saved before a refusal or a cancel are kept and listed
  }
  const trained = `${result.models.length} of ${result.planned}`;
  if (result.cancelled) log.line(`Sweep cancelled: ${trained} models were trained and kept; the ones in progress left nothing behind.`);
  if (result.models.length === 0) return result;
  // The one rule for "best" that Compare Models and the CLI use; ties are named as ties.
  const best = bestModels(result.models.map((m) => ({ name: m.result.name, validAccuracy: m.result.valid.accuracy })));
  const top = best.best[0];
  const who = !top ? '' : best.tie ? `${best.best.length} models tie at ${formatPercent(top.validAccuracy)}` : `"${top.name}" at ${formatPercent(top.validAccuracy)}`;
  void ctx.notify.info(result.cancelled
    ? `Sweep cancelled after ${trained} models.`
    : `Trained ${result.models.length} models. Best (${best.rule}): ${who}.`);
  const listed = await Promise.all(result.models.map((m) => ctx.store.find(location.fs.uri(m.result.modelDir))));
  await ctx.compare.open(listed.filter((m) => m !== undefined));
  return result;
}
