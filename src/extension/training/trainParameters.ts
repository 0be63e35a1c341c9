// The training parameters as typed in "Train Iris Model…" (and passed to the command by other
// extensions): one value, or for kernel, C, gamma, degree, coef0 and seed a list ("0.1, 1, 10") that trains one
// model per combination — checked by the core's list parser, the same rules as `model-lab train --C 0.1,1,10`.
import { engine, parseDecimal, parseSplitSize, type Gamma, type Kernel, type SplitSize } from '../engine';
import type { Parsed } from '../ui/multiStepInput';
import type { Settings } from '../settings';

/** What "Train Iris Model…" asks: the training settings a run may override. */
export type TrainChoices = Pick<Settings, 'layout' | 'seed' | 'trainSize' | 'kernel' | 'C' | 'gamma' | 'degree' | 'coef0'>;

/** Lists typed for kernel, C, gamma, degree, coef0 or seed (a sweep): every value, in the order typed. */
export interface ChoiceLists {
  readonly kernel: Kernel[];
  readonly C: number[];
  readonly gamma: Gamma[];
  readonly degree: number[];
  readonly coef0: number[];
  readonly seed: number[];
}

/** The number of models a run with these lists trains (the core's count: a linear kernel once per C and seed, rbf once per degree list). */
export function modelCount(lists: ChoiceLists): number {
  return engine().gridSize(lists);
}

/** Kernels as typed: one, or a list such as "rbf, linear" (the core's list rules, as model-lab train/tune --kernel). */
export function parseKernels(text: string): Parsed<Kernel[]> {
  try {
    return { value: engine().parseKernelList(text, 'Kernels') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const MAX_SEED = 4294967295;

/** One seed: a whole number 0 … 4294967295 (numpy RandomState). */
export function parseSeed(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: 'The seed is a whole number from 0 to 4294967295 (numpy RandomState).' };
  const v = Number(t);
  return v <= MAX_SEED ? { value: v } : { error: 'The seed must be at most 4294967295 (2^32 − 1).' };
}

function parseC(text: string): Parsed<number> {
  const v = parseDecimal(text);
  return v !== undefined && v > 0 ? { value: v } : { error: 'C is a positive number, e.g. 1 or 0.5.' };
}

function parseGamma(text: string): Parsed<Gamma> {
  const t = text.trim();
  if (t === 'scale' || t === 'auto') return { value: t };
  const v = parseDecimal(t);
  // >= 0 as in a list ("scale, 0") and as scikit-learn allows.
  return v !== undefined && v >= 0 ? { value: v } : { error: "Gamma is 'scale', 'auto' or a number >= 0, e.g. 0.25." };
}

/**
 * One value with its own parser and messages; text with a comma is a list for the core's parser.
 * Values separated otherwise ("1 10", "0.1;1") are a list typed the wrong way: said so.
 */
function orList<T>(single: (t: string) => Parsed<T>, list: (t: string, what: string) => T[], what: string, example: string): (t: string) => Parsed<T[]> {
  return (text) => {
    if (!text.includes(',')) {
      const r = single(text);
      if ('error' in r && /\S[\s;]+\S/.test(text.trim())) return { error: `${what}: separate the values of a list with commas, e.g. "${example}".` };
      return 'error' in r ? r : { value: [r.value] };
    }
    try {
      return { value: list(text, what) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
}

export const parseSeedOrList = orList(parseSeed, (t, w) => engine().parseSeedList(t, w), 'Seed', '2022, 2023');
export const parseCOrList = orList(parseC, (t, w) => engine().parseCList(t, w), 'C', '0.1, 1, 10');
export const parseGammaOrList = orList(parseGamma, (t, w) => engine().parseGammaList(t, w), 'Gamma', 'scale, 0.1');

/** Degrees of the poly kernel as typed: one, or (for a search) a list such as "2, 3" — the core's rules, as --degree. */
export function parseDegrees(text: string): Parsed<number[]> {
  try {
    return { value: engine().parseDegreeList(text, 'Degree') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** coef0 values as typed: one, or (for a search) a list such as "0, 1" — the core's rules, as --coef0. */
export function parseCoef0s(text: string): Parsed<number[]> {
  try {
    return { value: engine().parseCoef0List(text, 'coef0') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function parseTrainSize(text: string): Parsed<SplitSize> {
  try {
    const s = parseSplitSize(text, 'Train size');
    if (s.kind === 'fraction' && !(s.value > 0 && s.value < 1)) return { error: 'A fraction of the rows must be between 0 and 1 (exclusive), e.g. 0.8.' };
    if (s.kind === 'count' && s.value < 1) return { error: 'A number of rows must be at least 1, e.g. 120.' };
    return { value: s };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
