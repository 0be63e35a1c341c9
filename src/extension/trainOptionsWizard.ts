// "Train Iris Model…": asks layout, seed, train size, kernel, C and gamma in turn. Each step starts
// at the setting's value, so Enter keeps it; typed values are checked before they can be accepted.
import * as vscode from 'vscode';
import type { Layout } from '../core/usecases/contracts';
import type { Gamma, Kernel } from '../core/svm/svc';
import type { SplitSize } from '../core/types';
import { parseSplitSize } from './engine';
import { formatSplitSize, type Settings } from './settings';

export interface TrainChoices {
  layout: Layout;
  seed: number;
  trainSize: SplitSize;
  kernel: Kernel;
  C: number;
  gamma: Gamma;
}

const TOTAL_STEPS = 6;

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
export async function askTrainChoices(s: Settings): Promise<TrainChoices | undefined> {
  const layout = await pick<Layout>(1, 'Layout', [
    { label: 'Separate scaler + classifier', value: 'separate', detail: 'scaler.json and classifier.json, like the course' },
    { label: 'One pipeline', value: 'pipeline', detail: 'model_pipeline.json: Pipeline([StandardScaler(), SVC()])' },
  ], s.layout);
  if (!layout) return undefined;
  const seed = await input(2, 'Seed', 'random_state of train_test_split (0 … 4294967295)', String(s.seed), parseSeed);
  if (seed === undefined) return undefined;
  const trainSize = await input(3, 'Train size', 'A fraction of the rows (0.8) or a number of rows (120)', formatSplitSize(s.trainSize), parseTrainSize);
  if (!trainSize) return undefined;
  const kernel = await pick<Kernel>(4, 'Kernel', (['rbf', 'linear', 'poly', 'sigmoid'] as const).map((k) => ({ label: k, value: k })), s.kernel);
  if (!kernel) return undefined;
  const C = await input(5, 'C', 'Regularisation parameter C (> 0)', String(s.C), parseC);
  if (C === undefined) return undefined;
  const gamma = await input(6, 'Gamma', "'scale', 'auto' or a positive number", String(s.gamma), parseGamma);
  if (gamma === undefined) return undefined;
  return { layout, seed, trainSize, kernel, C, gamma };
}
