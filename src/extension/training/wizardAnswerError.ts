// A refusal whose remedy is the train size a wizard asked for: said as that answer ("choose the train
// size (Tune Iris Model…) …"), not as the setting modelLab.trainSize with Open Settings, which the
// user never touched — and, at the wizard's own step, as the answer being typed ("choose a train size …").
import { UserError } from '../engine';
import { detailOf } from '../ui/vsCodeTerms';

/** The refusal with its remedy's option said as `answer`; undefined for any other error. */
export function wizardAnswerText(e: unknown, answer: string): string | undefined {
  const detail = detailOf(e);
  const r = detail?.remedy;
  if (r?.option !== 'train-size' || detail?.base === undefined) return undefined;
  return `${detail.base}${detail.joiner ?? ' — '}${r.text.replace('{option}', answer)}`;
}

/** The refusal in the wizard's terms; undefined for any other error. */
export function wizardAnswerError(e: unknown, wizard: 'Train Iris Model…' | 'Tune Iris Model…'): UserError | undefined {
  const text = wizardAnswerText(e, `the train size (${wizard})`);
  return text === undefined ? undefined : new UserError(text);
}
