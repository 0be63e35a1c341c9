// The questions "Train Iris Model…" and "Tune Iris Model…" share: data, layout, seed, train size,
// kernel (and its degree and coef0), C and gamma — one function per step, each with its title, its check and the earlier
// answer (or the setting) as the starting value, so both wizards ask them the same way. A wizard
// places them in its own count ("3/9") and keeps the answers (keep) across Back.
import { kernelUses, type Gamma, type Kernel, type Layout, type SplitSize } from '../engine';
import { formatSplitSize, type Settings } from '../settings';
import { BACK, inputStep, pickStep, type Parsed, type PickItem, type StepAnswer, type StepPlace } from '../ui/multiStepInput';
import type { DataChoice } from './dataChoice';
import { parseCoef0s, parseCOrList, parseDegrees, parseGammaOrList, parseKernels, parseSeed, parseSeedOrList, parseTrainSize } from './trainParameters';

/** The steps' titles: what each asks (the end-to-end journey finds the steps by them). */
export const STEP_TITLES = {
  data: 'Training data',
  layout: 'Layout: how the model is saved',
  seed: 'Seed: random_state of train_test_split',
  trainSize: 'Train size',
  kernel: 'Kernel of the SVC',
  /** After "Several kernels…": its own title, so the typed list is not taken for the single choice. */
  kernels: 'Kernels of the SVC',
  C: 'C: regularization of the SVC',
  gamma: 'Gamma: kernel coefficient',
  degree: 'Degree of the poly kernel',
  coef0: 'coef0: independent term of the kernel',
} as const;

export const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];

const DATA_PLACEHOLDER = 'A CSV file of the workspace, the built-in iris data or the database';

/**
 * The answers a wizard starts from follow the chosen data's folder settings (a folder of a multi-root
 * workspace may set its own): `startOf` makes a wizard's answers from settings; the function returned
 * takes the chosen data and the answers so far, and gives back each answer still at the last folder's
 * value as the new folder's value — an answer the user changed stays.
 */
export function settingsFollower<T extends object>(first: Settings, settingsFor: (d: DataChoice) => Settings, startOf: (s: Settings) => T): (d: DataChoice, answers: T) => T {
  let before = startOf(first);
  return (d, answers) => {
    const after = startOf(settingsFor(d));
    const out = { ...answers };
    for (const k of Object.keys(answers) as (keyof T)[]) {
      if (JSON.stringify(answers[k]) === JSON.stringify(before[k])) out[k] = after[k];
    }
    before = after;
    return out;
  };
}

/** Wraps a step's answer: a value (not Back, not Escape) is handed to `set`; the answer goes on to runSteps. */
export function keep<T>(set: (v: T) => void): (answer: StepAnswer<T>) => StepAnswer<T> {
  return (answer) => {
    if (answer !== undefined && answer !== BACK) set(answer);
    return answer;
  };
}

/** The data choice that equals `initial` among the offered ones (to start the first step on it). */
export function offeredData(items: readonly PickItem<DataChoice>[], initial: DataChoice | undefined): DataChoice | undefined {
  return items.find((i) => initial && JSON.stringify(i.value) === JSON.stringify(initial))?.value;
}

export function dataStep(place: StepPlace, items: readonly PickItem<DataChoice>[], current: DataChoice | undefined): Promise<StepAnswer<DataChoice>> {
  return pickStep(place, items, { active: current, matchOnDescription: true, placeholder: DATA_PLACEHOLDER });
}

export function layoutStep(place: StepPlace, current: Layout): Promise<StepAnswer<Layout>> {
  return pickStep(place, [
    { label: 'Separate scaler + classifier', value: 'separate', detail: 'scaler.json + classifier.json; Export to scikit-learn writes the course\'s scaler.joblib + classifier.joblib' },
    { label: 'One pipeline', value: 'pipeline', detail: 'pipeline.json: Pipeline([StandardScaler(), SVC()]); exported as model_pipeline.joblib' },
  ], { active: current });
}

/** The seed: one value, or (`listMeans` given, e.g. "trains one model per seed") a list. */
export function seedStep(place: StepPlace, current: readonly number[], listMeans?: string): Promise<StepAnswer<number[]>> {
  const one = 'A whole number (0 … 4294967295)';
  if (listMeans === undefined) {
    const parse = (t: string): Parsed<number[]> => {
      const r = parseSeed(t);
      return 'error' in r ? r : { value: [r.value] };
    };
    return inputStep(place, one, current.join(', '), parse);
  }
  return inputStep(place, `${one}; a list such as 2022, 2023 ${listMeans}`, current.join(', '), parseSeedOrList);
}

/** The train size; `check`, given, also refuses a size the chosen data cannot take (trainSizeCheck.ts). */
export function trainSizeStep(place: StepPlace, current: SplitSize, check?: (size: SplitSize) => string | undefined): Promise<StepAnswer<SplitSize>> {
  const parse = (t: string): Parsed<SplitSize> => {
    const r = parseTrainSize(t);
    const problem = 'error' in r || !check ? undefined : check(r.value);
    return problem === undefined ? r : { error: problem };
  };
  return inputStep(place, 'A fraction of the rows (0.8) or a number of rows (120)', formatSplitSize(current), parse);
}

const SEVERAL = 'several';

/**
 * One kernel from the list, or "Several kernels…" and then a list typed as for model-lab train
 * --kernel ("rbf, linear": one model per kernel); Back from the list comes back to the choice.
 */
export async function kernelsStep(place: StepPlace, current: readonly Kernel[]): Promise<StepAnswer<Kernel[]>> {
  for (;;) {
    const picked = await pickStep<Kernel | typeof SEVERAL>(place, [
      ...KERNELS.map((k) => ({ label: k, value: k })),
      { label: 'Several kernels…', description: 'one model per kernel, e.g. rbf, linear', value: SEVERAL },
    ], { active: current.length > 1 ? SEVERAL : current[0] });
    if (picked === undefined || picked === BACK) return picked;
    if (picked !== SEVERAL) return [picked];
    const typed = await inputStep({ ...place, title: STEP_TITLES.kernels }, 'Kernels separated by commas, e.g. rbf, linear: trains one model per kernel (rbf, linear, poly, sigmoid)', current.join(', '), parseKernels);
    if (typed !== BACK) return typed;
  }
}

/** C: one positive number or a list; `listMeans` says what a list does ("trains one model per value"). */
export function cStep(place: StepPlace, current: readonly number[], listMeans: string): Promise<StepAnswer<number[]>> {
  return inputStep(place, `A positive number; a list such as 0.1, 1, 10 ${listMeans}`, current.join(', '), parseCOrList);
}

/** Gamma: 'scale', 'auto' or a number >= 0, or a list; noted as unused when only the linear kernel is chosen. */
export function gammaStep(place: StepPlace, current: readonly Gamma[], listMeans: string, kernels: readonly Kernel[]): Promise<StepAnswer<Gamma[]>> {
  const unused = kernels.length > 0 && kernels.every((k) => k === 'linear') ? ' (the linear kernel does not use it)' : '';
  return inputStep(place, `'scale', 'auto' or a number >= 0; a list such as scale, 0.1 ${listMeans}${unused}`, current.join(', '), parseGammaOrList);
}

/** True when one of the chosen kernels uses the parameter: the degree and coef0 steps are asked only then. */
export function someKernelUses(kernels: readonly Kernel[], parameter: 'gamma' | 'degree' | 'coef0'): boolean {
  return kernels.some((k) => kernelUses(k, parameter));
}

/** The poly kernel's degree: one whole number, or a list. */
export function degreeStep(place: StepPlace, current: readonly number[], listMeans: string): Promise<StepAnswer<number[]>> {
  const prompt = `(gamma u·v + coef0)^degree: a whole number 0 … 1000 (scikit-learn's default is 3); a list such as 2, 3 ${listMeans}; other kernels ignore it`;
  return inputStep(place, prompt, current.join(', '), parseDegrees);
}

/** coef0 of the poly and sigmoid kernels: one number, or a list. */
export function coef0Step(place: StepPlace, current: readonly number[], listMeans: string): Promise<StepAnswer<number[]>> {
  const prompt = `The term added in the poly and sigmoid kernels: a number (scikit-learn's default is 0); a list such as 0, 1 ${listMeans}; the rbf and linear kernels ignore it`;
  return inputStep(place, prompt, current.join(', '), parseCoef0s);
}

/** A one-question data choice (Train Iris Model with several data files): undefined on Escape. */
export async function askData(items: readonly PickItem<DataChoice>[]): Promise<DataChoice | undefined> {
  const answer = await pickStep({ step: 1, totalSteps: 1, title: STEP_TITLES.data }, items, { matchOnDescription: true, placeholder: DATA_PLACEHOLDER });
  return answer === BACK ? undefined : answer;
}
