// "Tune Iris Model…": the questions of "Train Iris Model…" (wizardSteps.ts) with lists for the
// kernels, C and gamma (and the degree and coef0 when a listed kernel uses them), then the folds and
// a review that counts the fits before any is run — "12 candidates × 5 folds = 60 fits on
// iris.csv", Tune or Back. Nine to eleven steps, Back on each.
import { candidateCount, MAX_FITS_WITHOUT_CONFIRMATION, type Gamma, type Kernel, type Layout, type SearchGrid, type SplitSize } from '../engine';
import { formatSplitSize, type Settings } from '../settings';
import { BACK, inputStep, pickStep, runSteps, type Parsed, type PickItem, type StepAnswer, type StepPlace } from '../ui/multiStepInput';
import { describeData, type DataChoice } from './dataChoice';
import { parseKernels } from './trainParameters';
import { foldsProblem, trainSizeProblem, type KnownRows } from './trainSizeCheck';
import { coef0Step, cStep, dataStep, degreeStep, gammaStep, keep, layoutStep, offeredData, seedStep, settingsFollower, someKernelUses, STEP_TITLES, trainSizeStep } from './wizardSteps';

/** What "Tune Iris Model…" asks: the data and split of a training run, the grid and the folds. */
export interface TuneAnswer {
  readonly data: DataChoice;
  readonly layout: Layout;
  readonly seed: number;
  readonly trainSize: SplitSize;
  readonly grid: SearchGrid;
  readonly cv: number;
}

/** scikit-learn's default cv. */
export const DEFAULT_FOLDS = 5;
/** More folds than this is a typo (each fold refits every candidate). */
export const MAX_FOLDS = 1000;
/** The grid offered first: 4 × 3 = 12 candidates, the C and gamma ranges the course's sweep explores. */
const DEFAULT_C = [0.1, 1, 10, 100];
const DEFAULT_GAMMA: Gamma[] = ['scale', 'auto', 0.1];

export const TUNE_TITLES = {
  kernels: STEP_TITLES.kernels,
  folds: 'Folds: K of StratifiedKFold',
} as const;

/** K as typed: a whole number of folds, at least 2. */
export function parseFolds(text: string): Parsed<number> {
  const t = text.trim();
  const k = Number(t);
  if (!/^\d+$/.test(t) || k < 2 || k > MAX_FOLDS) return { error: `The folds are a whole number from 2 to ${MAX_FOLDS} (scikit-learn's default is ${DEFAULT_FOLDS}).` };
  return { value: k };
}


/** The folds as typed, and (the data's rows known) no more than the train size leaves training rows. */
function foldsFor(known: KnownRows | undefined, trainSize: SplitSize): (text: string) => Parsed<number> {
  return (text) => {
    const r = parseFolds(text);
    const problem = 'error' in r || !known ? undefined : foldsProblem(r.value, trainSize, known);
    return problem === undefined ? r : { error: problem };
  };
}

/** The lists and folds answered last time (workspace state): the next run offers them again. */
export interface LastTuneLists {
  readonly kernel: Kernel[];
  readonly C: number[];
  readonly gamma: Gamma[];
  readonly degree: number[];
  readonly coef0: number[];
  readonly cv: number;
}

export const LAST_TUNE_LISTS_KEY = 'modelLab.lastTuneLists';

/** The remembered lists, each checked again as the wizard would read it typed; undefined when any is not. */
export function lastTuneListsOf(raw: unknown): LastTuneLists | undefined {
  const r = typeof raw === 'object' && raw !== null ? raw as Record<string, unknown> : {};
  const list = <T>(v: unknown, ok: (x: unknown) => boolean): T[] | undefined => (Array.isArray(v) && v.length > 0 && v.every(ok) ? v as T[] : undefined);
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const kernel = list<Kernel>(r.kernel, (x) => x === 'rbf' || x === 'linear' || x === 'poly' || x === 'sigmoid');
  const C = list<number>(r.C, (x) => finite(x) && (x as number) > 0);
  const gamma = list<Gamma>(r.gamma, (x) => x === 'scale' || x === 'auto' || (finite(x) && (x as number) >= 0));
  const degree = list<number>(r.degree, (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 1000);
  const coef0 = list<number>(r.coef0, finite);
  const cv = parseFolds(String(r.cv));
  if (!kernel || !C || !gamma || !degree || !coef0 || 'error' in cv) return undefined;
  return { kernel, C, gamma, degree, coef0, cv: cv.value };
}

/** The grid of the wizard's lists. */
export function gridOf(kernel: readonly Kernel[], C: readonly number[], gamma: readonly Gamma[], degree: readonly number[] = [3], coef0: readonly number[] = [0]): SearchGrid {
  return { kernel, C, gamma, degree, coef0 };
}

/** Undefined when the user pressed Escape at any step. */
export async function askTuning(
  s: Settings, dataChoices: readonly PickItem<DataChoice>[], initialData?: DataChoice, settingsFor: (d: DataChoice) => Settings = () => s,
  last?: LastTuneLists, rowsOf: (d: DataChoice) => Promise<KnownRows | undefined> = async () => undefined,
): Promise<TuneAnswer | undefined> {
  let data = offeredData(dataChoices, initialData);
  type Answers = { layout: Layout; seed: number[]; trainSize: SplitSize; kernel: Kernel[]; degree: number[]; coef0: number[] };
  const startOf = (x: Settings): Answers =>
    ({ layout: x.layout, seed: [x.seed], trainSize: x.trainSize, kernel: [x.kernel], degree: [x.degree], coef0: [x.coef0] });
  let { layout, seed, trainSize, kernel, degree, coef0 } = startOf(s);
  const follow = settingsFollower(s, settingsFor, startOf);
  const followData = (d: DataChoice) => ({ layout, seed, trainSize, kernel, degree, coef0 } = follow(d, { layout, seed, trainSize, kernel, degree, coef0 }));
  // The lists answered last time, kept also when that search was refused ("choose fewer folds").
  if (last) ({ kernel, degree, coef0 } = last);
  let C: number[] = last?.C ?? DEFAULT_C;
  let gamma: Gamma[] = last?.gamma ?? DEFAULT_GAMMA;
  let cv = last?.cv ?? DEFAULT_FOLDS;
  /** The chosen data's rows, when known (asked again at the train size step, as the data may have changed). */
  let known: KnownRows | undefined;
  const listMeans = 'searches every value';
  // A gamma, degree or coef0 list is searched only when a kernel that uses it is in the grid (gamma
  // listed for linear alone would fit each model once per value): else its first value, as Train does.
  const grid = () => gridOf(kernel, C, someKernelUses(kernel, 'gamma') ? gamma : gamma.slice(0, 1),
    someKernelUses(kernel, 'degree') ? degree : [3], someKernelUses(kernel, 'coef0') ? coef0 : [0]);

  const done = await runSteps([
    { ask: async (at) => keep<DataChoice>((v) => { data = v; followData(v); })(await dataStep(at(STEP_TITLES.data), dataChoices, data)) },
    { ask: async (at) => keep<Layout>((v) => (layout = v))(await layoutStep(at(STEP_TITLES.layout), layout)) },
    { ask: async (at) => keep<number[]>((v) => (seed = v))(await seedStep(at(STEP_TITLES.seed), seed)) },
    {
      ask: async (at) => {
        // The data's rows, when known: a size it cannot split is refused here, not after the last step.
        known = await rowsOf(data!);
        const rows = known;
        return keep<SplitSize>((v) => (trainSize = v))(await trainSizeStep(at(STEP_TITLES.trainSize), trainSize, rows && ((size) => trainSizeProblem(size, rows))));
      },
    },
    { ask: async (at) => keep<Kernel[]>((v) => (kernel = v))(await inputStep(at(TUNE_TITLES.kernels),
      `rbf, linear, poly or sigmoid; a list such as rbf, linear ${listMeans}`, kernel.join(', '), parseKernels)) },
    { applies: () => someKernelUses(kernel, 'degree'), ask: async (at) => keep<number[]>((v) => (degree = v))(await degreeStep(at(STEP_TITLES.degree), degree, listMeans)) },
    { applies: () => someKernelUses(kernel, 'coef0'), ask: async (at) => keep<number[]>((v) => (coef0 = v))(await coef0Step(at(STEP_TITLES.coef0), coef0, listMeans)) },
    { ask: async (at) => keep<number[]>((v) => (C = v))(await cStep(at(STEP_TITLES.C), C, listMeans)) },
    { ask: async (at) => keep<Gamma[]>((v) => (gamma = v))(await gammaStep(at(STEP_TITLES.gamma), gamma, listMeans, kernel)) },
    { ask: async (at) => keep<number>((v) => (cv = v))(await inputStep(at(TUNE_TITLES.folds),
      `Each candidate is fitted K times, on all folds but one, and scored on the one left out (scikit-learn's default is ${DEFAULT_FOLDS})`, String(cv), foldsFor(known, trainSize))) },
    { ask: async (at) => review(at, { data: data!, layout, seed: seed[0]!, trainSize, grid: grid(), cv }) },
  ]);
  if (!done || !data) return undefined;
  return { data, layout, seed: seed[0]!, trainSize, grid: grid(), cv };
}

/** "12 candidates × 5 folds = 60 fits". */
export function describeSearchSize(grid: SearchGrid, cv: number): string {
  const n = candidateCount(grid);
  return `${n} candidate${n === 1 ? '' : 's'} × ${cv} folds = ${n * cv} fits`;
}

/** The last step: how many fits on what, and Tune or Back. */
async function review(at: (title: string) => StepPlace, a: TuneAnswer): Promise<StepAnswer<true>> {
  const size = describeSearchSize(a.grid, a.cv);
  const many = candidateCount(a.grid) * a.cv > MAX_FITS_WITHOUT_CONFIRMATION ? ` · more than ${MAX_FITS_WITHOUT_CONFIRMATION} fits: asks before running them` : '';
  const answer = await pickStep(at(`Review: ${size}`), [
    {
      label: '$(play) Tune',
      description: `${size} on ${describeData(a.data)}`,
      detail: `kernel ${a.grid.kernel.join(', ')}${a.grid.degree.length > 1 || a.grid.degree[0] !== 3 ? ` × degree ${a.grid.degree.join(', ')}` : ''}${a.grid.coef0.length > 1 || a.grid.coef0[0] !== 0 ? ` × coef0 ${a.grid.coef0.join(', ')}` : ''} × C ${a.grid.C.join(', ')} × gamma ${a.grid.gamma.join(', ')} · seed ${a.seed} · train size ${formatSplitSize(a.trainSize)} · ${a.layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'}${many} · then the best is refitted and saved`,
      value: 'tune' as const,
    },
    { label: '$(arrow-left) Back', description: 'change an answer', value: 'back' as const },
  ]);
  return answer === 'back' ? BACK : answer === 'tune' ? true : answer;
}
