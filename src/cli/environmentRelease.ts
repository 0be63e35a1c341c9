// Without --sklearn-version, the joblib files model-lab writes follow the scikit-learn of the active
// virtual environment ($VIRTUAL_ENV), else of ./.venv, ./venv or ./env — read from the name of its
// dist-info folder, nothing is run — when Model Lab writes for that release, and stderr says so in
// export's words ("scikit-learn 1.9.0, the release in .venv"): a folder of the repository chose it; else
// the default, and stderr names the release found, which would load the files with a warning.
import { nodeFileSystem } from '../core/io/nodeFileSystem';
import { sklearnInEnvironment, sklearnNear } from '../core/interop/sklearn/environmentSklearn';
import { EXPORT_SKLEARN_VERSION, isExportableSklearnVersion, unwrittenReleaseText, writtenReleases } from '../core/interop/sklearn/sklearnVersion';
import type { CliIO } from './io';

export interface EnvironmentRelease {
  /** The release to write for (one Model Lab writes for), if an environment has one. */
  readonly version?: string;
  /** The scikit-learn found, and where ($VIRTUAL_ENV's path, or .venv, venv, env). */
  readonly found?: { readonly version: string; readonly where: string };
}

export async function environmentRelease(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<EnvironmentRelease> {
  const active = env['VIRTUAL_ENV'];
  const inActive = active ? await sklearnInEnvironment(nodeFileSystem, active) : undefined;
  const found = inActive !== undefined ? { version: inActive, where: active! } : await sklearnNear(nodeFileSystem, cwd);
  if (!found) return {};
  return isExportableSklearnVersion(found.version) ? { version: found.version, found } : { found };
}

/** ", the release in .venv" for the Wrote line, when the environment chose the release. */
export function releaseSourceText(r: EnvironmentRelease): string {
  return r.version !== undefined ? `, the release in ${r.found!.where}` : '';
}

/** The warning line when the environment has a release Model Lab does not write for. */
export function warnReleaseMismatch(io: CliIO, command: string, r: EnvironmentRelease, written: string): void {
  if (!r.found || r.found.version === written) return;
  io.err(`model-lab ${command}: warning: ${unwrittenReleaseText(r.found)} — choose the nearest of ${writtenReleases('and')} with --sklearn-version\n`);
}

/** The options to run with, and what to say once the .joblib files are written. */
export interface ReleaseChoice<T> {
  readonly options: T;
  /** Says which release the files are for when an environment chose it (export's words); else nothing. */
  readonly sayWritten: () => void;
}

/**
 * train and tune --save-joblib without --sklearn-version: the environment's release, when Model Lab
 * writes for it — a folder of the repository decides, so the command says so once it wrote the files.
 */
export async function withEnvironmentRelease<T extends { readonly saveJoblib?: boolean; readonly sklearnVersion?: string }>(options: T, io: CliIO, command: string): Promise<ReleaseChoice<T>> {
  const nothing = () => undefined;
  if (!options.saveJoblib || options.sklearnVersion !== undefined) return { options, sayWritten: nothing };
  const r = await environmentRelease(io.cwd);
  if (r.version === undefined) {
    warnReleaseMismatch(io, command, r, EXPORT_SKLEARN_VERSION);
    return { options, sayWritten: nothing };
  }
  return {
    options: { ...options, sklearnVersion: r.version },
    sayWritten: () => io.err(`model-lab ${command}: note: the .joblib files are for scikit-learn ${r.version}${releaseSourceText(r)} — choose another with --sklearn-version\n`),
  };
}
