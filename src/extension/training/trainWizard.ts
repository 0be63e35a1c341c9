// "Train Iris Model…": data, layout, seed, train size, kernel, C, gamma, then a review — eight steps
// with Back on each, one count, titles that say what each asks. Every step starts at the setting's
// value (or the earlier answer after Back), so Enter keeps it. C, gamma and seed accept lists; the
// review says how many models that makes before anything is trained.
import { formatSplitSize, type Settings } from '../settings';
import type { Gamma, Kernel, Layout, SplitSize } from '../engine';
import { BACK, inputStep, pickStep, runSteps, type PickItem, type StepAnswer } from '../ui/multiStepInput';
import { describeData, type DataChoice } from './dataChoice';
import { modelCount, parseCOrList, parseGammaOrList, parseSeedOrList, parseTrainSize, type ChoiceLists, type TrainChoices } from './trainParameters';

export interface WizardAnswer {
  readonly data: DataChoice;
  readonly choices: TrainChoices;
  /** Set when the lists make more than one model. */
  readonly lists?: ChoiceLists;
}

const TOTAL_STEPS = 8;
const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];

const place = (step: number, title: string) => ({ step, totalSteps: TOTAL_STEPS, title });

/** Undefined when the user pressed Escape at any step. */
export async function askTraining(s: Settings, dataChoices: readonly PickItem<DataChoice>[], initialData?: DataChoice): Promise<WizardAnswer | undefined> {
  let data: DataChoice | undefined = dataChoices.find((i) => initialData && JSON.stringify(i.value) === JSON.stringify(initialData))?.value;
  let layout: Layout = s.layout;
  let seed: number[] = [s.seed];
  let trainSize: SplitSize = s.trainSize;
  let kernel: Kernel = s.kernel;
  let C: number[] = [s.C];
  let gamma: Gamma[] = [s.gamma];
  const keep = <T>(set: (v: T) => void) => (answer: StepAnswer<T>): StepAnswer<T> => {
    if (answer !== undefined && answer !== BACK) set(answer);
    return answer;
  };
  const lists = (): ChoiceLists => ({ C, gamma, seed });

  const done = await runSteps([
    async () => keep<DataChoice>((v) => (data = v))(await pickStep(place(1, 'Training data'), dataChoices, {
      active: data, matchOnDescription: true,
      placeholder: 'A CSV file of the workspace, the built-in iris data or the database',
    })),
    async () => keep<Layout>((v) => (layout = v))(await pickStep(place(2, 'Layout: how the model is saved'), [
      { label: 'Separate scaler + classifier', value: 'separate', detail: 'scaler.json and classifier.json, like the course' },
      { label: 'One pipeline', value: 'pipeline', detail: 'pipeline.json: Pipeline([StandardScaler(), SVC()])' },
    ], { active: layout })),
    async () => keep<number[]>((v) => (seed = v))(await inputStep(place(3, 'Seed: random_state of train_test_split'),
      'A whole number (0 … 4294967295); a list such as 2022, 2023 trains one model per seed', seed.join(', '), parseSeedOrList)),
    async () => keep<SplitSize>((v) => (trainSize = v))(await inputStep(place(4, 'Train size'),
      'A fraction of the rows (0.8) or a number of rows (120)', formatSplitSize(trainSize), parseTrainSize)),
    async () => keep<Kernel>((v) => (kernel = v))(await pickStep(place(5, 'Kernel of the SVC'), KERNELS.map((k) => ({ label: k, value: k })), { active: kernel })),
    async () => keep<number[]>((v) => (C = v))(await inputStep(place(6, 'C: regularisation of the SVC'),
      'A positive number; a list such as 0.1, 1, 10 trains one model per value', C.join(', '), parseCOrList)),
    async () => keep<Gamma[]>((v) => (gamma = v))(await inputStep(place(7, 'Gamma: kernel coefficient'),
      `'scale', 'auto' or a positive number; a list such as scale, 0.1 trains one model per value${kernel === 'linear' ? ' (the linear kernel does not use it)' : ''}`,
      gamma.join(', '), parseGammaOrList)),
    async () => review(data!, layout, trainSize, kernel, lists()),
  ]);
  if (!done || !data) return undefined;
  const choices: TrainChoices = { layout, seed: seed[0]!, trainSize, kernel, C: C[0]!, gamma: gamma[0]! };
  return modelCount(lists()) > 1 ? { data, choices, lists: lists() } : { data, choices };
}

/** The last step: what will be trained, and Train or Back. */
async function review(data: DataChoice, layout: Layout, trainSize: SplitSize, kernel: Kernel, l: ChoiceLists): Promise<StepAnswer<true>> {
  const n = modelCount(l);
  const grid = [
    l.C.length > 1 ? `C ${l.C.join(', ')}` : `C=${l.C[0]}`,
    l.gamma.length > 1 ? `gamma ${l.gamma.join(', ')}` : `gamma=${l.gamma[0]}`,
    l.seed.length > 1 ? `seed ${l.seed.join(', ')}` : `seed ${l.seed[0]}`,
  ].join(' × ');
  const answer = await pickStep(place(8, n > 1 ? `Review: ${n} models` : 'Review'), [
    {
      label: `$(play) Train ${n === 1 ? 'the model' : `${n} models`}`,
      description: `${grid} on ${describeData(data)}`,
      detail: `${kernel} kernel · train size ${formatSplitSize(trainSize)} · ${layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'}${n > 1 ? ' · then Compare Models opens with them' : ''}`,
      value: 'train' as const,
    },
    { label: '$(arrow-left) Back', description: 'change an answer', value: 'back' as const },
  ]);
  return answer === 'back' ? BACK : answer === 'train' ? true : answer;
}

/** "Train Iris Model" with several data choices: the one question it asks. */
export async function askData(dataChoices: readonly PickItem<DataChoice>[]): Promise<DataChoice | undefined> {
  const answer = await pickStep({ step: 1, totalSteps: 1, title: 'Training data' }, dataChoices, {
    matchOnDescription: true,
    placeholder: 'A CSV file of the workspace, the built-in iris data or the database',
  });
  return answer === BACK ? undefined : answer;
}

