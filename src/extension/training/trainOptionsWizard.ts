// "Train Iris Model…": asks layout, seed, train size, kernel, C and gamma in turn. Each step starts
// at the setting's value, so Enter keeps it; typed values are checked before they can be accepted.
import * as vscode from 'vscode';
import { engine, parseSplitSize, type Gamma, type Kernel, type Layout, type SplitSize } from '../engine';
import { formatSplitSize, type Settings } from '../settings';

/** What "Train Iris Model…" asks: the training settings a run may override. */
export type TrainChoices = Pick<Settings, 'layout' | 'seed' | 'trainSize' | 'kernel' | 'C' | 'gamma'>;

/** Lists typed for C, gamma or seed (a sweep): every value, in the order typed. */
export interface ChoiceLists {
  readonly C: number[];
  readonly gamma: Gamma[];
  readonly seed: number[];
}

/** The wizard's answer; `lists` is set only when a list gives more than one combination. */
export interface WizardChoices extends TrainChoices {
  readonly lists?: ChoiceLists;
}

const TOTAL_STEPS = 6;

/**
 * A single value keeps its own parser (and messages) exactly; text with a comma is a list checked
 * by the core's list parser (the same rules as `model-lab train --C 0.1,1,10`).
 */
function orList<T>(single: (t: string) => T | string, list: (t: string, what: string) => T[], what: string): (t: string) => T[] | string {
  return (text) => {
    if (!text.includes(',')) {
      const v = single(text);
      return typeof v === 'string' && v !== 'scale' && v !== 'auto' ? v : [v as T];
    }
    try {
      return list(text, what);
    } catch (e) {
      return (e as Error).message;
    }
  };
}

export const parseSeedOrList = orList(parseSeed, (t, w) => engine().parseSeedList(t, w), 'Seed');
export const parseCOrList = orList(parseC, (t, w) => engine().parseCList(t, w), 'C');
export const parseGammaOrList = orList<Gamma>(parseGamma, (t, w) => engine().parseGammaList(t, w), 'Gamma');

export function parseSeed(text: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'The seed is a whole number from 0 to 4294967295 (numpy RandomState).';
  const v = Number(t);
  return v <= 4294967295 ? v : 'The seed must be at most 4294967295 (2^32 − 1).';
}

export function parseTrainSize(text: string): SplitSize | string {
  try {
    const s = parseSplitSize(text, 'Train size');
    if (s.kind === 'fraction' && !(s.value > 0 && s.value < 1)) return 'A fraction of the rows must be between 0 and 1 (exclusive), e.g. 0.8.';
    if (s.kind === 'count' && s.value < 1) return 'A number of rows must be at least 1, e.g. 120.';
    return s;
  } catch (e) {
    return (e as Error).message;
  }
}

export function parseC(text: string): number | string {
  const v = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : 'C is a positive number, e.g. 1 or 0.5.';
}

export function parseGamma(text: string): Gamma | string {
  const t = text.trim();
  if (t === 'scale' || t === 'auto') return t;
  const v = Number(t);
  return t !== '' && Number.isFinite(v) && v > 0 ? v : "Gamma is 'scale', 'auto' or a positive number, e.g. 0.25.";
}

async function pick<T extends string>(step: number, title: string, items: { label: string; value: T; detail?: string }[], initial: T): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  qp.title = title;
  qp.step = step;
  qp.totalSteps = TOTAL_STEPS;
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.value === initial);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

async function input<T>(step: number, title: string, prompt: string, initial: string, parse: (t: string) => T | string): Promise<T | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.step = step;
  box.totalSteps = TOTAL_STEPS;
  box.prompt = prompt;
  box.value = initial;
  box.ignoreFocusOut = true;
  const check = (t: string) => {
    const r = parse(t);
    return typeof r === 'string' && r !== 'scale' && r !== 'auto' ? r : undefined;
  };
  // (List parsers return arrays, so their 'scale'/'auto' never reach this check as strings.)
  return new Promise((resolve) => {
    box.onDidChangeValue((t) => (box.validationMessage = check(t)));
    box.onDidAccept(() => {
      const message = check(box.value);
      box.validationMessage = message;
      if (message) return; // cannot be accepted
      resolve(parse(box.value) as T);
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

/** Undefined when the user pressed Escape at any step. */
export async function askTrainChoices(s: Settings): Promise<WizardChoices | undefined> {
  const layout = await pick<Layout>(1, 'Layout', [
    { label: 'Separate scaler + classifier', value: 'separate', detail: 'scaler.json and classifier.json, like the course' },
    { label: 'One pipeline', value: 'pipeline', detail: 'model_pipeline.json: Pipeline([StandardScaler(), SVC()])' },
  ], s.layout);
  if (!layout) return undefined;
  const seeds = await input(2, 'Seed', 'random_state of train_test_split (0 … 4294967295); a list such as 2022, 2023 trains one model per seed', String(s.seed), parseSeedOrList);
  if (seeds === undefined) return undefined;
  const trainSize = await input(3, 'Train size', 'A fraction of the rows (0.8) or a number of rows (120)', formatSplitSize(s.trainSize), parseTrainSize);
  if (!trainSize) return undefined;
  const kernel = await pick<Kernel>(4, 'Kernel', (['rbf', 'linear', 'poly', 'sigmoid'] as const).map((k) => ({ label: k, value: k })), s.kernel);
  if (!kernel) return undefined;
  const Cs = await input(5, 'C', 'Regularisation parameter C (> 0); a list such as 0.1, 1, 10 trains one model per value', String(s.C), parseCOrList);
  if (Cs === undefined) return undefined;
  const gammas = await input(6, 'Gamma', "'scale', 'auto' or a positive number; a list such as scale, 0.1 trains one model per value", String(s.gamma), parseGammaOrList);
  if (gammas === undefined) return undefined;
  const choices: TrainChoices = { layout, seed: seeds[0]!, trainSize, kernel, C: Cs[0]!, gamma: gammas[0]! };
  return Cs.length * gammas.length * seeds.length > 1 ? { ...choices, lists: { C: Cs, gamma: gammas, seed: seeds } } : choices;
}
