// --jobs N of the commands that fit many models (train with lists, tune): how many worker threads,
// and where their program is.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { intOption } from './args';

/** --jobs beyond this is a typo, not a machine. */
const MAX_JOBS = 256;

/** The worker threads' program, built next to dist/cli.js by scripts/build.mjs. */
export const WORKER_FILE = join(__dirname, 'poolWorker.js');

export interface Jobs {
  /** Threads to fit on (1: this thread only). */
  readonly jobs: number;
  /**
   * Whether the user chose the number: then it is obeyed; by default (the number of cores) work
   * too small to gain from threads stays in this thread.
   */
  readonly explicit: boolean;
}

/** --jobs as given (a usage error, exit 2, unless 1 … 256), or the number of cores. */
export function jobsOption(command: string, text: string | undefined): Jobs {
  if (text === undefined) return { jobs: availableParallelism(), explicit: false };
  return { jobs: intOption(command, 'jobs', text, 1, MAX_JOBS), explicit: true };
}
