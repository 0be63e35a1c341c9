// A core error in VS Code's terms. The core says its remedies as the CLI does ("— name the label
// column with --target"); here the flag becomes the setting that plays its part ("the setting
// modelLab.targetColumn"), and a remedy whose flags VS Code does not have (--classifier, --max-rows)
// is said with the core's phrase for front ends with settings.
import { isUserError, type RemedyOption, type UserErrorDetail } from '../engine';

/** The setting that plays the part of a CLI option, where there is one. */
const SETTING_OF: Partial<Record<RemedyOption, string>> = {
  target: 'modelLab.targetColumn',
  drop: 'modelLab.dropColumns',
  dropna: 'modelLab.dropna',
  data: 'modelLab.dataGlob',
  'train-size': 'modelLab.trainSize',
  'train-rows-limit': 'modelLab.trainRowsLimit',
  out: 'modelLab.modelsFolder',
  'class-names': 'modelLab.classNames',
  'allow-cleartext-password': 'modelLab.database.allowCleartextPassword',
  'database-url': 'modelLab.database.url',
  'sklearn-version': 'modelLab.sklearnVersion',
};

/** The detail a core UserError carries (line, column, remedy), if any. */
export function detailOf(e: unknown): UserErrorDetail | undefined {
  return isUserError(e) ? (e as Error & { detail?: UserErrorDetail }).detail : undefined;
}

function phraseOf(detail: UserErrorDetail | undefined) {
  const r = detail?.remedy;
  if (!r || detail?.base === undefined) return undefined;
  const phrase = r.settingText ?? r.text;
  const setting = SETTING_OF[r.option];
  if (phrase.includes('{option}') && setting === undefined) return undefined;
  // The value as the setting takes it where that differs from the flag's (a list setting: ["a", "b"]).
  return { phrase, setting: phrase.includes('{option}') ? setting : undefined, value: r.settingValue ?? r.value };
}

/** The message in VS Code's terms: "… with --target" becomes "… with the setting modelLab.targetColumn". */
export function inVsCodeTerms(e: Error, detail: UserErrorDetail | undefined = detailOf(e)): string {
  const p = phraseOf(detail);
  if (!p) return e.message;
  const text = p.setting === undefined ? p.phrase : p.phrase.replace('{option}', `the setting ${p.setting}${p.value !== undefined ? ` (${p.value})` : ''}`);
  const base = detail!.base!;
  // After a full sentence the remedy is a sentence of its own; otherwise it is joined as the CLI joins it.
  return base.endsWith('.') ? `${base} ${text[0]!.toUpperCase()}${text.slice(1)}` : `${base}${detail!.joiner ?? ' — '}${text}`;
}

/** The setting the message in VS Code's terms names (for an Open Settings button), if any. */
export function remedySetting(detail: UserErrorDetail | undefined): string | undefined {
  return phraseOf(detail)?.setting;
}
