// Model folder names: readable, sortable by time, never reusing an existing folder.
import type { DataSpec, Layout } from '../usecases/contracts';
import { UserError } from '../types';
import { paths } from '../io/fileSystem';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** 'iris', the CSV file's base name, or the postgres table, made safe for a folder name. */
export function dataSlug(spec: DataSpec): string {
  let raw: string;
  if (spec.kind === 'iris') raw = 'iris';
  else if (spec.kind === 'csv') raw = paths.basename(spec.path).replace(/\.[^.]*$/, '');
  else {
    const m = /[?&]table=([^&]+)/.exec(spec.spec.url);
    raw = m ? decodeURIComponent(m[1]) : 'postgres';
  }
  const slug = raw.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug || 'data';
}

/** e.g. iris-svc-separate-20261127-031500 (local time, so it reads like the clock on the wall). */
export function defaultModelName(spec: DataSpec, layout: Layout, when: Date): string {
  const stamp = `${when.getFullYear()}${two(when.getMonth() + 1)}${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`;
  return `${dataSlug(spec)}-svc-${layout}-${stamp}`;
}

/** Refuses names that are not a single plain folder name. */
export function checkModelName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) || name.includes('..')) {
    throw new UserError(`model name "${name}" is not allowed — use letters, digits, '.', '_' and '-', starting with a letter or digit`);
  }
  return name;
}

/** name, name-2, name-3, ... */
export function nameCandidate(base: string, attempt: number): string {
  return attempt === 1 ? base : `${base}-${attempt}`;
}
