// A refusal whose remedy is the train size a wizard asked for: said as that answer ("choose the train
// size (Tune Iris Model…) …"), not as the setting modelLab.trainSize with Open Settings, which the
// user never touched.
import { UserError } from '../engine';
import { detailOf } from '../ui/vsCodeTerms';

/** The refusal in the wizard's terms; undefined for any other error. */
export function wizardAnswerError(e: unknown, wizard: 'Train Iris Model…' | 'Tune Iris Model…'): UserError | undefined {
  const detail = detailOf(e);
  const r = detail?.remedy;
  if (r?.option !== 'train-size' || detail?.base === undefined) return undefined;
  return new UserError(`${detail.base}${detail.joiner ?? ' — '}${r.text.replace('{option}', `the train size (${wizard})`)}`);
}
