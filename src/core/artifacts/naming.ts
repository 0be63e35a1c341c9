// Model folder names that say what the model is — data, kernel, C, gamma, seed, and a poly or
// sigmoid kernel's degree and coef0 when they are not SVC's defaults — and stay short (every Model
// Lab model is a StandardScaler + SVC, so that is not repeated): iris-C1-gscale-s2023,
// iris-poly-d2-r1-C1-gscale-s2023 ('r' is coef0, as in libsvm's -r). A single model and a sweep's
// models are named alike; saving appends -2, -3, … when the name is taken, so nothing is ever
// overwritten.
import { tableOfUrl } from '../database/connectionUrl';
import { dataFileStem } from '../text/dataFileStem';
import type { DataSpec, TrainOptions } from '../usecases/contracts';
import { UserError } from '../types';
import { paths } from '../io/fileSystem';
import { kernelUses } from '../svm/kernelParameters';

/** 'iris', the CSV file's base name, or the postgres table, made safe for a folder name. */
export function dataSlug(spec: DataSpec): string {
  let raw: string;
  if (spec.kind === 'iris') raw = 'iris';
  else if (spec.kind === 'csv') raw = dataFileStem(paths.basename(spec.path));
  else {
    // No table= in the URL reads the default table (iris_data), so the model is named after it.
    raw = tableOfUrl(spec.spec.url);
  }
  return slugOf(raw).slice(0, 40) || 'data';
}

/**
 * Text as a part of a folder name: lower case, runs of other characters as one '-'; accented letters
 * keep their base letter ("Données été" → donnees-ete, not donn-es-t). Empty when nothing is left.
 */
export function slugOf(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A parameter value as it appears in a folder name: 0.1, 10, 1e-7, scale (no '+', which names refuse). */
export function nameValue(v: number | string): string {
  return String(v).replace('+', '');
}

/** The parameters that tell models apart, as a name part: [kernel-][dN-][rX-]C1-gscale-s2023 (kernel only when not rbf). */
export function parameterSlug(p: Pick<TrainOptions, 'kernel' | 'C' | 'gamma' | 'seed'> & Partial<Pick<TrainOptions, 'degree' | 'coef0'>>): string {
  const degree = p.degree !== undefined && p.degree !== 3 && kernelUses(p.kernel, 'degree') ? `d${p.degree}-` : '';
  const coef0 = p.coef0 !== undefined && p.coef0 !== 0 && kernelUses(p.kernel, 'coef0') ? `r${nameValue(p.coef0)}-` : '';
  const kernel = p.kernel === 'rbf' ? '' : `${p.kernel}-${degree}${coef0}`;
  const gamma = kernelUses(p.kernel, 'gamma') ? `-g${nameValue(p.gamma)}` : '';
  return `${kernel}C${nameValue(p.C)}${gamma}-s${p.seed}`;
}

/** e.g. iris-C1-gscale-s2023; `prefix` (e.g. from --name in a sweep) replaces the data's name ("iris"). */
export function modelNameFor(options: Pick<TrainOptions, 'data' | 'kernel' | 'C' | 'gamma' | 'seed'> & Partial<Pick<TrainOptions, 'degree' | 'coef0'>>, prefix?: string): string {
  return checkModelName(`${prefix ?? dataSlug(options.data)}-${parameterSlug(options)}`);
}

/** The longest model name Model Lab gives or takes (saving may add "-2", "-3" … to a name taken). */
export const MAX_MODEL_NAME = 128;

/** What is wrong with a model name (not a single plain folder name), or undefined when it is fine. */
export function modelNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && name.length <= MAX_MODEL_NAME && !name.includes('..')
    ? undefined
    : `use the letters a-z and A-Z, digits, '.', '_' and '-' (at most ${MAX_MODEL_NAME}), starting with a letter or digit`;
}

/** Refuses names that are not a single plain folder name. */
export function checkModelName(name: string): string {
  const problem = modelNameProblem(name);
  if (problem !== undefined) throw new UserError(`model name "${name}" is not allowed — ${problem}`);
  return name;
}

/** name, name-2, name-3, ... (a name at the limit is shortened to keep its suffix within MAX_MODEL_NAME). */
export function nameCandidate(base: string, attempt: number): string {
  if (attempt === 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, MAX_MODEL_NAME - suffix.length)}${suffix}`;
}
