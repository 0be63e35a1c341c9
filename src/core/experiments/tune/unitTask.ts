// The portable form of a search's units (tune --plan, tune-unit, tune --collect): one self-contained
// JSON task per (candidate, fold) — the search's spec (the data snapshot's path and sha256, the split,
// the folds, the grid), the unit's index and params — and one small JSON result file per task. A task
// names its search by the sha256 of the spec, so results of different searches never mix. Both are
// untrusted input when read back: every field is validated, and a task is data, never a command.
import { fieldMismatch } from '../../text/shortJson';
import type { SplitSize } from '../../types';
import type { Layout } from '../../usecases/contracts';
import type { DataProvenance } from '../../datasets/dataset';
import { sha256Hex } from '../../artifacts/hash';
import { readSearchGrid, readSearchParams, sameSearchParams, type SearchGrid, type SearchParams } from '../../artifacts/searchRecord';
import type { SearchPlan } from './gridSearch';
import { candidateAt, candidateCount } from './parameterGrid';
import type { CvUnitResult } from './cvUnit';

export const TASK_FORMAT = 'model-lab-tune-unit';
export const RESULT_FORMAT = 'model-lab-tune-result';
export const FAILURE_FORMAT = 'model-lab-tune-failure';
export const UNIT_FORMAT_VERSION = 1;

/** Everything that decides a search's numbers and its refit model, except where results go. */
export interface SearchSpec {
  readonly data: {
    /** Absolute path of the snapshot written with the plan (tune-unit --data-dir looks elsewhere). */
    readonly path: string;
    readonly sha256: string;
    readonly target: string;
    readonly dropped: string[];
    /** Where the rows came from, as the refit model's model.json records it. */
    readonly provenance: DataProvenance;
    /** Display names of the class codes (iris). */
    readonly targetNames?: string[];
  };
  readonly split: { readonly seed: number; readonly trainSize: SplitSize | null; readonly testSize: SplitSize | null };
  readonly cv: number;
  readonly grid: SearchGrid;
  /** Layout of the refit model. */
  readonly layout: Layout;
}

export interface UnitTask {
  readonly format: typeof TASK_FORMAT;
  readonly formatVersion: typeof UNIT_FORMAT_VERSION;
  /** sha256 of the spec's JSON: the search's identity. */
  readonly search: string;
  /** candidate × cv + fold, 0-based. */
  readonly unit: number;
  readonly units: number;
  readonly candidate: number;
  readonly fold: number;
  readonly params: SearchParams;
  readonly spec: SearchSpec;
}

/** What one unit gave: a score (correct of total) or a failed fit (scikit-learn's nan). */
export type UnitOutcome = { readonly correct: number; readonly total: number } | { readonly error: string };

export interface UnitResultFile {
  readonly format: typeof RESULT_FORMAT;
  readonly formatVersion: typeof UNIT_FORMAT_VERSION;
  readonly search: string;
  readonly unit: number;
  readonly outcome: UnitOutcome;
  /** The task itself, so --collect needs nothing but the results folder. */
  readonly task: UnitTask;
  /** Informational: where and how long it ran. */
  readonly host: string;
  readonly seconds: number;
}

/** Written instead of a result when tune-unit refused its task (e.g. the snapshot's hash differs). */
export interface UnitFailureFile {
  readonly format: typeof FAILURE_FORMAT;
  readonly formatVersion: typeof UNIT_FORMAT_VERSION;
  readonly search: string;
  readonly unit: number;
  readonly error: string;
  readonly host: string;
}

/** The search's identity: sha256 of the spec as JSON (key order as built here and kept by JSON.parse). */
export function searchId(spec: SearchSpec): string {
  return sha256Hex(JSON.stringify(spec));
}

/** One task per unit of the plan, in unit order. */
export function unitTasks(spec: SearchSpec, plan: SearchPlan): UnitTask[] {
  const search = searchId(spec);
  return plan.units.map((u, unit) => ({
    format: TASK_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search, unit, units: plan.units.length,
    candidate: u.candidate, fold: u.fold, params: u.params, spec,
  }));
}

/** The result file's name in a results folder: tune-<search, 12 hex>-unit-<unit>.json. */
export function resultFileName(search: string, unit: number): string {
  return `tune-${search.slice(0, 12)}-unit-${String(unit).padStart(5, '0')}.json`;
}

/** The failure file's name beside it. */
export function failureFileName(search: string, unit: number): string {
  return resultFileName(search, unit).replace(/\.json$/, '.failed.json');
}

/** Matches result and failure file names; groups: search prefix, unit, ".failed" or undefined. */
export const UNIT_FILE = /^tune-([0-9a-f]{12})-unit-(\d+)(\.failed)?\.json$/;

/** The CvUnitResult of a task's outcome. */
export function toCvResult(task: Pick<UnitTask, 'candidate' | 'fold'>, outcome: UnitOutcome): CvUnitResult {
  return 'error' in outcome ? { candidate: task.candidate, fold: task.fold, error: outcome.error } : { candidate: task.candidate, fold: task.fold, correct: outcome.correct, total: outcome.total };
}

// ---- validation of what is read back ----

function fail(path: string, what: string, found: unknown): never {
  throw new Error(fieldMismatch(path, what, found));
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, 'a non-empty string', v);
  return v;
}

function integer(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) fail(path, `an integer from ${min} to ${max}`, v);
  return v as number;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) fail(path, 'a list of strings', v);
  return v as string[];
}

function sha256(v: unknown, path: string): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) fail(path, 'a sha256 (64 lowercase hex digits)', v);
  return v;
}

function splitSize(v: unknown, path: string): SplitSize | null {
  if (v === null) return null;
  const o = object(v, path);
  if (o.kind === 'count') return { kind: 'count', value: integer(o.value, `${path}.value`, 1) };
  if (o.kind !== 'fraction') fail(`${path}.kind`, '"fraction" or "count"', o.kind);
  if (typeof o.value !== 'number' || !(o.value > 0 && o.value < 1)) fail(`${path}.value`, 'a number between 0 and 1', o.value);
  return { kind: 'fraction', value: o.value };
}

function readSpec(v: unknown, path: string): SearchSpec {
  const o = object(v, path);
  const d = object(o.data, `${path}.data`);
  const provenance = object(d.provenance, `${path}.data.provenance`);
  string(provenance.source, `${path}.data.provenance.source`);
  string(provenance.path, `${path}.data.provenance.path`);
  const s = object(o.split, `${path}.split`);
  if (o.layout !== 'separate' && o.layout !== 'pipeline') fail(`${path}.layout`, '"separate" or "pipeline"', o.layout);
  return {
    data: {
      path: string(d.path, `${path}.data.path`),
      sha256: sha256(d.sha256, `${path}.data.sha256`),
      target: string(d.target, `${path}.data.target`),
      dropped: strings(d.dropped, `${path}.data.dropped`),
      provenance: provenance as unknown as DataProvenance,
      ...(d.targetNames !== undefined ? { targetNames: strings(d.targetNames, `${path}.data.targetNames`) } : {}),
    },
    split: {
      seed: integer(s.seed, `${path}.split.seed`, 0, 4294967295),
      trainSize: splitSize(s.trainSize, `${path}.split.trainSize`),
      testSize: splitSize(s.testSize, `${path}.split.testSize`),
    },
    cv: integer(o.cv, `${path}.cv`, 2),
    grid: readSearchGrid(o.grid, `${path}.grid`),
    layout: o.layout,
  };
}

/**
 * Validates a parsed task: its fields, that `search` is its spec's sha256 (an edited or damaged task is
 * refused), and that its candidate, fold and params are the ones its unit number means.
 */
export function parseUnitTask(json: unknown, path = 'task'): UnitTask {
  const o = object(json, path);
  if (o.format !== TASK_FORMAT) fail(`${path}.format`, `"${TASK_FORMAT}"`, o.format);
  if (o.formatVersion !== UNIT_FORMAT_VERSION) fail(`${path}.formatVersion`, String(UNIT_FORMAT_VERSION), o.formatVersion);
  const spec = readSpec(o.spec, `${path}.spec`);
  const search = sha256(o.search, `${path}.search`);
  if (searchId(spec) !== search) throw new Error(`field "${path}.search": it is not the sha256 of the task's spec — the task was edited or damaged`);
  const candidates = candidateCount(spec.grid);
  const units = integer(o.units, `${path}.units`, candidates * spec.cv, candidates * spec.cv);
  const unit = integer(o.unit, `${path}.unit`, 0, units - 1);
  const candidate = integer(o.candidate, `${path}.candidate`, 0, candidates - 1);
  const fold = integer(o.fold, `${path}.fold`, 0, spec.cv - 1);
  if (candidate * spec.cv + fold !== unit) fail(`${path}.unit`, `candidate × cv + fold = ${candidate * spec.cv + fold}`, unit);
  const params = readSearchParams(o.params, `${path}.params`);
  if (!sameSearchParams(params, candidateAt(spec.grid, candidate))) fail(`${path}.params`, `candidate ${candidate}'s params of the grid`, params);
  return { format: TASK_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search, unit, units, candidate, fold, params, spec };
}

/** Validates a parsed result file (and the task inside it); throws Error('field "…": …'). */
export function parseUnitResult(json: unknown): UnitResultFile {
  const o = object(json, 'result');
  if (o.format !== RESULT_FORMAT) fail('format', `"${RESULT_FORMAT}"`, o.format);
  if (o.formatVersion !== UNIT_FORMAT_VERSION) fail('formatVersion', String(UNIT_FORMAT_VERSION), o.formatVersion);
  const task = parseUnitTask(o.task, 'task');
  if (o.search !== task.search) fail('search', `the task's search ${task.search.slice(0, 12)}…`, o.search);
  if (o.unit !== task.unit) fail('unit', `the task's unit ${task.unit}`, o.unit);
  const out = object(o.outcome, 'outcome');
  let outcome: UnitOutcome;
  if (typeof out.error === 'string') outcome = { error: out.error };
  else {
    const total = integer(out.total, 'outcome.total', 1);
    outcome = { correct: integer(out.correct, 'outcome.correct', 0, total), total };
  }
  return {
    format: RESULT_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search: task.search, unit: task.unit, outcome, task,
    host: typeof o.host === 'string' ? o.host : '', seconds: typeof o.seconds === 'number' ? o.seconds : 0,
  };
}

/** Validates a parsed failure file. */
export function parseUnitFailure(json: unknown): UnitFailureFile {
  const o = object(json, 'failure');
  if (o.format !== FAILURE_FORMAT) fail('format', `"${FAILURE_FORMAT}"`, o.format);
  return {
    format: FAILURE_FORMAT, formatVersion: UNIT_FORMAT_VERSION, search: sha256(o.search, 'search'),
    unit: integer(o.unit, 'unit', 0), error: string(o.error, 'error'), host: typeof o.host === 'string' ? o.host : '',
  };
}
