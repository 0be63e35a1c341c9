// A sweep from "Train Iris Model…" (C, gamma or seed typed as lists): the core's runSweep trains
// one model per combination under ONE cancellable progress notification ("Model i of N …"), then
// Compare Models opens with the new models selected.
import * as vscode from 'vscode';
import type { TrainOptions } from './engine';
import type { SweepResult } from '../core/experiments/sweep';
import type { ChoiceLists } from './trainOptionsWizard';
import type { ModelsLocation } from './modelLocations';
import type { OutputLog } from './outputLog';
import { loadCore } from './lazyCore';
import { formatPercent } from '../protocol/resultsPanel';
import { showError } from './errors';
import { withTrainingProgress } from './trainingProgress';

export interface SweepHooks {
  log: OutputLog;
  afterSave(uri: vscode.Uri): Promise<void>;
  compare(uris: vscode.Uri[]): Promise<void>;
}

export async function runSweepCommand(hooks: SweepHooks, base: TrainOptions, lists: ChoiceLists, location: ModelsLocation): Promise<SweepResult | undefined> {
  const { log } = hooks;
  const core = loadCore();
  const planned = core.gridSize(lists);
  log.channel.show(true);
  log.line(`--- ${new Date().toISOString()} Train Iris Model: sweep of ${planned} models`);
  log.line(`C: ${lists.C.join(', ')} · gamma: ${lists.gamma.join(', ')} · seed: ${lists.seed.join(', ')}`);
  let result: SweepResult;
  try {
    result = await withTrainingProgress((signal, progress) =>
      core.runSweep(base, lists, location.fs, {
        signal,
        progress,
        log: (line) => log.line(line),
        onStart: (i, total, p) => log.line(`[${i + 1}/${total}] C=${p.C}, gamma=${p.gamma}, seed=${p.seed}`),
      }));
  } catch (e) {
    showError(log, e);
    await hooks.afterSave(location.modelsUri); // models saved before a refusal are kept and listed
    return undefined;
  }
  const uris = result.models.map((m) => location.fs.uri(m.result.modelDir));
  await hooks.afterSave(location.modelsUri);
  const trained = `${result.models.length} of ${result.planned}`;
  if (result.cancelled) log.line(`Sweep cancelled: ${trained} models were trained and kept; the one in progress left nothing behind.`);
  if (result.models.length === 0) return result;
  const best = result.models.reduce((a, b) => (b.result.valid.accuracy > a.result.valid.accuracy ? b : a));
  const summary = result.cancelled
    ? `Model Lab: sweep cancelled after ${trained} models.`
    : `Trained ${result.models.length} models: best validation accuracy ${formatPercent(best.result.valid.accuracy)} ("${best.result.name}").`;
  void vscode.window.showInformationMessage(summary);
  await hooks.compare(uris);
  return result;
}
