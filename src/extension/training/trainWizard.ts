// "Train Iris Model…": data, layout, seed, train size, kernel, C, gamma — and the degree and coef0
// when a chosen kernel uses them (poly; poly and sigmoid) — then a review: eight to ten steps with
// Back on each, one count, titles that say what each asks (wizardSteps.ts, shared with "Tune Iris
// Model…"). Every step starts at the setting's value for the chosen data's folder (or the earlier
// answer after Back), so Enter keeps it. Kernel, C, gamma, degree, coef0 and seed accept lists; the
// review says how many models that makes before anything is trained.
import { formatSplitSize, type Settings } from '../settings';
import type { Gamma, Kernel, Layout, SplitSize } from '../engine';
import { BACK, pickStep, runSteps, type PickItem, type StepAnswer, type StepPlace } from '../ui/multiStepInput';
import { describeData, type DataChoice } from './dataChoice';
import { splitProblem, type KnownRows } from './trainSizeCheck';
import { modelCount, type ChoiceLists, type TrainChoices } from './trainParameters';
import { coef0Step, cStep, dataStep, degreeStep, gammaStep, keep, kernelsStep, layoutStep, offeredData, seedStep, settingsFollower, someKernelUses, STEP_TITLES, trainSizeStep } from './wizardSteps';

export { askData } from './wizardSteps';

export interface WizardAnswer {
  readonly data: DataChoice;
  readonly choices: TrainChoices;
  /** Set when the lists make more than one model. */
  readonly lists?: ChoiceLists;
}

/** Undefined when the user pressed Escape at any step. */
export async function askTraining(
  s: Settings, dataChoices: readonly PickItem<DataChoice>[], initialData?: DataChoice, settingsFor: (d: DataChoice) => Settings = () => s,
  rowsOf: (d: DataChoice) => Promise<KnownRows | undefined> = async () => undefined,
): Promise<WizardAnswer | undefined> {
  let data = offeredData(dataChoices, initialData);
  type Answers = { layout: Layout; seed: number[]; trainSize: SplitSize; kernel: Kernel[]; C: number[]; gamma: Gamma[]; degree: number[]; coef0: number[] };
  const startOf = (x: Settings): Answers =>
    ({ layout: x.layout, seed: [x.seed], trainSize: x.trainSize, kernel: [x.kernel], C: [x.C], gamma: [x.gamma], degree: [x.degree], coef0: [x.coef0] });
  let { layout, seed, trainSize, kernel, C, gamma, degree, coef0 } = startOf(s);
  // A gamma, degree or coef0 list counts only while a kernel uses it (one left from a kernel chosen
  // before Back, or gamma typed for linear alone, would train the same model again).
  const lists = (): ChoiceLists => ({
    kernel, C, seed,
    gamma: someKernelUses(kernel, 'gamma') ? gamma : gamma.slice(0, 1),
    degree: someKernelUses(kernel, 'degree') ? degree : degree.slice(0, 1),
    coef0: someKernelUses(kernel, 'coef0') ? coef0 : coef0.slice(0, 1),
  });
  const follow = settingsFollower(s, settingsFor, startOf);
  const followData = (d: DataChoice) => ({ layout, seed, trainSize, kernel, C, gamma, degree, coef0 } = follow(d, { layout, seed, trainSize, kernel, C, gamma, degree, coef0 }));

  const done = await runSteps([
    { ask: async (at) => keep<DataChoice>((v) => { data = v; followData(v); })(await dataStep(at(STEP_TITLES.data), dataChoices, data)) },
    { ask: async (at) => keep<Layout>((v) => (layout = v))(await layoutStep(at(STEP_TITLES.layout), layout)) },
    { ask: async (at) => keep<number[]>((v) => (seed = v))(await seedStep(at(STEP_TITLES.seed), seed, 'trains one model per seed')) },
    {
      ask: async (at) => {
        // The data's rows, when known: a size it cannot split is refused here, not after the review.
        const known = await rowsOf(data!);
        return keep<SplitSize>((v) => (trainSize = v))(await trainSizeStep(at(STEP_TITLES.trainSize), trainSize, known && ((size) => splitProblem(size, known))));
      },
    },
    { ask: async (at) => keep<Kernel[]>((v) => (kernel = v))(await kernelsStep(at(STEP_TITLES.kernel), kernel)) },
    { applies: () => someKernelUses(kernel, 'degree'), ask: async (at) => keep<number[]>((v) => (degree = v))(await degreeStep(at(STEP_TITLES.degree), degree, 'trains one model per value')) },
    { applies: () => someKernelUses(kernel, 'coef0'), ask: async (at) => keep<number[]>((v) => (coef0 = v))(await coef0Step(at(STEP_TITLES.coef0), coef0, 'trains one model per value')) },
    { ask: async (at) => keep<number[]>((v) => (C = v))(await cStep(at(STEP_TITLES.C), C, 'trains one model per value')) },
    { ask: async (at) => keep<Gamma[]>((v) => (gamma = v))(await gammaStep(at(STEP_TITLES.gamma), gamma, 'trains one model per value', kernel)) },
    { ask: async (at) => review(at, data!, layout, trainSize, lists()) },
  ]);
  if (!done || !data) return undefined;
  const choices: TrainChoices = { layout, seed: seed[0]!, trainSize, kernel: kernel[0]!, C: C[0]!, gamma: gamma[0]!, degree: degree[0]!, coef0: coef0[0]! };
  return modelCount(lists()) > 1 ? { data, choices, lists: lists() } : { data, choices };
}

/** The last step: what will be trained, and Train or Back. */
async function review(at: (title: string) => StepPlace, data: DataChoice, layout: Layout, trainSize: SplitSize, l: ChoiceLists): Promise<StepAnswer<true>> {
  const n = modelCount(l);
  // degree and coef0 lists are in the grid; one value of them is said with the kernel (detail).
  const listed = (name: 'degree' | 'coef0') => someKernelUses(l.kernel, name) && l[name].length > 1;
  const grid = [
    ...(l.kernel.length > 1 ? [`kernel ${l.kernel.join(', ')}`] : []),
    l.C.length > 1 ? `C ${l.C.join(', ')}` : `C=${l.C[0]}`,
    // The linear kernel alone uses no gamma: the review does not name one.
    ...(!someKernelUses(l.kernel, 'gamma') ? [] : [l.gamma.length > 1 ? `gamma ${l.gamma.join(', ')}` : `gamma=${l.gamma[0]}`]),
    ...(listed('degree') ? [`degree ${l.degree.join(', ')}`] : []),
    ...(listed('coef0') ? [`coef0 ${l.coef0.join(', ')}`] : []),
    l.seed.length > 1 ? `seed ${l.seed.join(', ')}` : `seed ${l.seed[0]}`,
  ].join(' × ');
  const answer = await pickStep(at(n > 1 ? `Review: ${n} models` : 'Review'), [
    {
      label: `$(play) Train ${n === 1 ? 'the model' : `${n} models`}`,
      description: `${grid} on ${describeData(data)}`,
      detail: `${l.kernel.length > 1 ? `${l.kernel.join(', ')} kernels${l.kernel.includes('linear') && l.gamma.length > 1 ? ' (linear once per C and seed: it does not use gamma)' : ''}` : `${l.kernel[0]} kernel`}${someKernelUses(l.kernel, 'degree') && !listed('degree') ? ` · degree ${l.degree[0]}` : ''}${someKernelUses(l.kernel, 'coef0') && !listed('coef0') ? ` · coef0 ${l.coef0[0]}` : ''} · train size ${formatSplitSize(trainSize)} · ${layout === 'pipeline' ? 'one pipeline' : 'separate scaler + classifier'}${n > 1 ? ' · then Compare Models opens with them' : ''}`,
      value: 'train' as const,
    },
    { label: '$(arrow-left) Back', description: 'change an answer', value: 'back' as const },
  ]);
  return answer === 'back' ? BACK : answer === 'train' ? true : answer;
}
