// Reads the modelLab.* settings into typed values. Bad values fall back to the documented
// default and say so once in the Output channel, rather than failing a training run later.
import * as vscode from 'vscode';
import type { Gamma, Kernel, Layout, SplitSize } from './engine';

export interface Settings {
  modelsFolder: string;
  layout: Layout;
  seed: number;
  trainSize: SplitSize;
  kernel: Kernel;
  C: number;
  gamma: Gamma;
  targetColumn: string;
  dropColumns: string[];
  /** Display names of the classes in class order; empty: as the data names them. */
  classNames: string[];
  cacheSizeMB: number;
  dataGlob: string;
  saveJoblib: boolean;
  /** Most training rows allowed (0: no limit). */
  trainRowsLimit: number;
}

const KERNELS: readonly Kernel[] = ['rbf', 'linear', 'poly', 'sigmoid'];

/** JSON settings cannot tell 1 from 1.0: whole numbers ≥ 1 are row counts, everything else a fraction. */
export function splitSizeFromSetting(v: number): SplitSize {
  return Number.isInteger(v) && v >= 1 ? { kind: 'count', value: v } : { kind: 'fraction', value: v };
}

export function readSettings(scope: vscode.ConfigurationScope | undefined, warn: (line: string) => void): Settings {
  const c = vscode.workspace.getConfiguration('modelLab', scope);
  const pick = <T>(key: string, fallback: T, ok: (v: unknown) => boolean): T => {
    const v = c.get<unknown>(key);
    if (v === undefined || ok(v)) return (v ?? fallback) as T;
    warn(`Setting modelLab.${key} = ${JSON.stringify(v)} is not valid; using ${JSON.stringify(fallback)}.`);
    return fallback;
  };
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const trainSize = pick<number>('trainSize', 0.8, positive);
  return {
    modelsFolder: pick('modelsFolder', 'models', (v) => typeof v === 'string' && v.trim() !== ''),
    layout: pick<Layout>('layout', 'separate', (v) => v === 'separate' || v === 'pipeline'),
    seed: pick('seed', 2023, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4294967295),
    trainSize: splitSizeFromSetting(trainSize),
    kernel: pick<Kernel>('kernel', 'rbf', (v) => KERNELS.includes(v as Kernel)),
    C: pick('C', 1, positive),
    gamma: pick<Gamma>('gamma', 'scale', (v) => v === 'scale' || v === 'auto' || positive(v)),
    targetColumn: pick('targetColumn', 'target', (v) => typeof v === 'string' && v !== ''),
    dropColumns: pick('dropColumns', ['id', 'timestamp'], (v) => Array.isArray(v) && v.every((s) => typeof s === 'string')),
    classNames: pick<string[]>('classNames', [], (v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '') && new Set(v).size === v.length),
    cacheSizeMB: pick('cacheSizeMB', 200, positive),
    dataGlob: pick('dataGlob', '**/*.csv', (v) => typeof v === 'string' && v !== ''),
    saveJoblib: pick('saveJoblib', false, (v) => typeof v === 'boolean'),
    trainRowsLimit: pick('trainRowsLimit', 200_000, (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0),
  };
}

export function formatSplitSize(s: SplitSize): string {
  return s.kind === 'count' ? String(s.value) : Number.isInteger(s.value) ? s.value.toFixed(1) : String(s.value);
}
