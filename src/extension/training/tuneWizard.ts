// "Tune Iris Model…": the questions of "Train Iris Model…" (wizardSteps.ts) with lists for the
// kernels, C and gamma, then the folds and a review that counts the fits before any is run —
// "12 candidates × 5 folds = 60 fits on iris.csv", Tune or Back. Nine steps, Back on each.
import { candidateCount, MAX_FITS_WITHOUT_CONFIRMATION, type Gamma, type Kernel, type Layout, type SearchGrid, type SplitSize } from '../engine';
import { formatSplitSize, type Settings } from '../settings';
import { BACK, inputStep, pickStep, runSteps, type Parsed, type PickItem, type StepAnswer } from '../ui/multiStepInput';
import { describeData, type DataChoice } from './dataChoice';
import { parseKernels } from './trainParameters';
import { cStep, dataStep, gammaStep, keep, layoutStep, offeredData, placeIn, seedStep, settingsFollower, STEP_TITLES, trainSizeStep } from './wizardSteps';

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

const place = placeIn(9);

/** K as typed: a whole number of folds, at least 2. */
export function parseFolds(text: string): Parsed<number> {
  const t = text.trim();
  const k = Number(t);
  if (!/^\d+$/.test(t) || k < 2 || k > MAX_FOLDS) return { error: `The folds are a whole number from 2 to ${MAX_FOLDS} (scikit-learn's default is ${DEFAULT_FOLDS}).` };
  return { value: k };
}


/** The grid of the wizard's lists (degree and coef0 keep SVC's defaults). */
export function gridOf(kernel: readonly Kernel[], C: readonly number[], gamma: readonly Gamma[]): SearchGrid {
  return { kernel, C, gamma, degree: [3], coef0: [0] };
}

/** Undefined when the user pressed Escape at any step. */
export async function askTuning(
  s: Settings, dataChoices: readonly PickItem<DataChoice>[], initialData?: DataChoice, settingsFor: (d: DataChoice) => Settings = () => s,
): Promise<TuneAnswer | undefined> {
  let data = offeredData(dataChoices, initialData);
  const startOf = (x: Settings): { layout: Layout; seed: number[]; trainSize: SplitSize; kernel: Kernel[] } =>
    ({ layout: x.layout, seed: [x.seed], trainSize: x.trainSize, kernel: [x.kernel] });
  let { layout, seed, trainSize, kernel } = startOf(s);
  const follow = settingsFollower(s, settingsFor, startOf);
  const followData = (d: DataChoice) => ({ layout, seed, trainSize, kernel } = follow(d, { layout, seed, trainSize, kernel }));
  let C: number[] = DEFAULT_C;
  let gamma: Gamma[] = DEFAULT_GAMMA;
  let cv = DEFAULT_FOLDS;
  const listMeans = 'searches every value';

  const done = await runSteps([
    async () => keep<DataChoice>((v) => { data = v; followData(v); })(await dataStep(place(1, STEP_TITLES.data), dataChoices, data)),
    async () => keep<Layout>((v) => (layout = v))(await layoutStep(place(2, STEP_TITLES.layout), layout)),
    async () => keep<number[]>((v) => (seed = v))(await seedStep(place(3, STEP_TITLES.seed), seed)),
    async () => keep<SplitSize>((v) => (trainSize = v))(await trainSizeStep(place(4, STEP_TITLES.trainSize), trainSize)),
    async () => keep<Kernel[]>((v) => (kernel = v))(await inputStep(place(5, TUNE_TITLES.kernels),
      `rbf, linear, poly or sigmoid; a list such as rbf, linear ${listMeans}`, kernel.join(', '), parseKernels)),
    async () => keep<number[]>((v) => (C = v))(await cStep(place(6, STEP_TITLES.C), C, listMeans)),
    async () => keep<Gamma[]>((v) => (gamma = v))(await gammaStep(place(7, STEP_TITLES.gamma), gamma, listMeans, kernel)),
    async () => keep<number>((v) => (cv = v))(await inputStep(place(8, TUNE_TITLES.folds),
      `Each candidate is fitted K times, on all folds but one, and scored on the one left out (scikit-learn's default is ${DEFAULT_FOLDS})`, String(cv), parseFolds)),
    async () => review({ data: data!, layout, seed: seed[0]!, trainSize, grid: gridOf(kernel, C, gamma), cv }),
  ]);
  if (!done || !data) return undefined;
  return { data, layout, seed: seed[0]!, trainSize, grid: gridOf(kernel, C, gamma), cv };
}

/** "12 candidates × 5 folds = 60 fits". */
export function describeSearchSize(grid: SearchGrid, cv: number): string {
  const n = candidateCount(grid);
  return `${n} candidate${n === 1 ? '' : 's'} × ${cv} folds = ${n * cv} fits`;
}

/** The last step: how many fits on what, and Tune or Back. */
async function review(a: TuneAnswer): Promise<StepAnswer<true>> {
  const size = describeSearchSize(a.grid, a.cv);
  const many = candidateCount(a.grid) * a.cv > MAX_FITS_WITHOUT_CONFIRMATION ? ` · more than ${MAX_FITS_WITHOUT_CONFIRMATION} fits: asks before running them` : '';
  const answer = await pickStep(place(9, `Review: ${size}`), [
    {
      label: '$(play) Tune',
      description: `${size} on ${describeData(a.data)}`,
      detail: `kernel ${a.grid.kernel.join(', ')} × C ${a.grid.C.join(', ')} × gamma ${a.grid.gamma.join(', ')} · seed ${a.seed} · train size ${formatSplitSize(a.trainSize)} · ${a.layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'}${many} · then the best is refitted and saved`,
      value: 'tune' as const,
    },
    { label: '$(arrow-left) Back', description: 'change an answer', value: 'back' as const },
  ]);
  return answer === 'back' ? BACK : answer === 'tune' ? true : answer;
}
