// "Train Iris Model…": data, layout, seed, train size, kernel, C, gamma, then a review — eight steps
// with Back on each, one count, titles that say what each asks (wizardSteps.ts, shared with "Tune
// Iris Model…"). Every step starts at the setting's value for the chosen data's folder (or the
// earlier answer after Back), so Enter keeps it. Kernel, C, gamma and seed accept lists; the review says how
// many models that makes before anything is trained.
import { formatSplitSize, type Settings } from '../settings';
import type { Gamma, Kernel, Layout, SplitSize } from '../engine';
import { BACK, pickStep, runSteps, type PickItem, type StepAnswer } from '../ui/multiStepInput';
import { describeData, type DataChoice } from './dataChoice';
import { modelCount, type ChoiceLists, type TrainChoices } from './trainParameters';
import { cStep, dataStep, gammaStep, keep, kernelsStep, layoutStep, offeredData, placeIn, seedStep, settingsFollower, STEP_TITLES, trainSizeStep } from './wizardSteps';

export { askData } from './wizardSteps';

export interface WizardAnswer {
  readonly data: DataChoice;
  readonly choices: TrainChoices;
  /** Set when the lists make more than one model. */
  readonly lists?: ChoiceLists;
}

const place = placeIn(8);

/** Undefined when the user pressed Escape at any step. */
export async function askTraining(
  s: Settings, dataChoices: readonly PickItem<DataChoice>[], initialData?: DataChoice, settingsFor: (d: DataChoice) => Settings = () => s,
): Promise<WizardAnswer | undefined> {
  let data = offeredData(dataChoices, initialData);
  const startOf = (x: Settings): { layout: Layout; seed: number[]; trainSize: SplitSize; kernel: Kernel[]; C: number[]; gamma: Gamma[] } =>
    ({ layout: x.layout, seed: [x.seed], trainSize: x.trainSize, kernel: [x.kernel], C: [x.C], gamma: [x.gamma] });
  let { layout, seed, trainSize, kernel, C, gamma } = startOf(s);
  const lists = (): ChoiceLists => ({ kernel, C, gamma, seed });
  const follow = settingsFollower(s, settingsFor, startOf);
  const followData = (d: DataChoice) => ({ layout, seed, trainSize, kernel, C, gamma } = follow(d, { layout, seed, trainSize, kernel, C, gamma }));

  const done = await runSteps([
    async () => keep<DataChoice>((v) => { data = v; followData(v); })(await dataStep(place(1, STEP_TITLES.data), dataChoices, data)),
    async () => keep<Layout>((v) => (layout = v))(await layoutStep(place(2, STEP_TITLES.layout), layout)),
    async () => keep<number[]>((v) => (seed = v))(await seedStep(place(3, STEP_TITLES.seed), seed, 'trains one model per seed')),
    async () => keep<SplitSize>((v) => (trainSize = v))(await trainSizeStep(place(4, STEP_TITLES.trainSize), trainSize)),
    async () => keep<Kernel[]>((v) => (kernel = v))(await kernelsStep(place(5, STEP_TITLES.kernel), kernel)),
    async () => keep<number[]>((v) => (C = v))(await cStep(place(6, STEP_TITLES.C), C, 'trains one model per value')),
    async () => keep<Gamma[]>((v) => (gamma = v))(await gammaStep(place(7, STEP_TITLES.gamma), gamma, 'trains one model per value', kernel)),
    async () => review(data!, layout, trainSize, lists()),
  ]);
  if (!done || !data) return undefined;
  const choices: TrainChoices = { layout, seed: seed[0]!, trainSize, kernel: kernel[0]!, C: C[0]!, gamma: gamma[0]! };
  return modelCount(lists()) > 1 ? { data, choices, lists: lists() } : { data, choices };
}

/** The last step: what will be trained, and Train or Back. */
async function review(data: DataChoice, layout: Layout, trainSize: SplitSize, l: ChoiceLists): Promise<StepAnswer<true>> {
  const n = modelCount(l);
  const grid = [
    ...(l.kernel.length > 1 ? [`kernel ${l.kernel.join(', ')}`] : []),
    l.C.length > 1 ? `C ${l.C.join(', ')}` : `C=${l.C[0]}`,
    l.gamma.length > 1 ? `gamma ${l.gamma.join(', ')}` : `gamma=${l.gamma[0]}`,
    l.seed.length > 1 ? `seed ${l.seed.join(', ')}` : `seed ${l.seed[0]}`,
  ].join(' × ');
  const answer = await pickStep(place(8, n > 1 ? `Review: ${n} models` : 'Review'), [
    {
      label: `$(play) Train ${n === 1 ? 'the model' : `${n} models`}`,
      description: `${grid} on ${describeData(data)}`,
      detail: `${l.kernel.length > 1 ? `${l.kernel.join(', ')} kernels${l.kernel.includes('linear') && l.gamma.length > 1 ? ' (linear once per C and seed: it does not use gamma)' : ''}` : `${l.kernel[0]} kernel`} · train size ${formatSplitSize(trainSize)} · ${layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'}${n > 1 ? ' · then Compare Models opens with them' : ''}`,
      value: 'train' as const,
    },
    { label: '$(arrow-left) Back', description: 'change an answer', value: 'back' as const },
  ]);
  return answer === 'back' ? BACK : answer === 'train' ? true : answer;
}
