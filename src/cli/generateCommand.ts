// `model-lab generate`: the course's iris data generator against PostgreSQL. The password comes
// only from PGPASSWORD or ~/.pgpass (a flag would land in shell history and process lists).
// It keeps going through server restarts (one line when the database goes away, one when it is
// back) and always ends with a summary that counts exactly the rows it committed.
import { UserError, withRemedyOption } from '../core/types';
import { connectionDefaults, formatPostgresUrl, parsePort, parsePostgresUrl } from '../core/database/connectionUrl';
import { checkTableName } from '../core/database/identifiers';
import { GeneratorStoppedError, runIrisGenerator, type GeneratorSummary } from '../core/database/irisGenerator';
import { intOption, numberOption, parseCommand, UsageError } from './args';
import { GENERATE_HELP } from './help';
import { EXIT_OUTPUT_CLOSED, type CliIO } from './io';

const OPTIONS = {
  url: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, database: { type: 'string' },
  user: { type: 'string' }, table: { type: 'string' }, interval: { type: 'string' }, count: { type: 'string' },
  seed: { type: 'string' }, 'give-up-after': { type: 'string' }, 'allow-cleartext-password': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

const MS_PER_SECOND = 1000;

function buildUrl(v: { url?: string; host?: string; port?: string; database?: string; user?: string; table?: string }): string {
  const base = v.url !== undefined ? parsePostgresUrl(v.url) : { ...connectionDefaults(), table: 'iris_data' };
  const port = v.port !== undefined ? parsePort(v.port, '--port') : base.port;
  const table = v.table ?? base.table;
  checkTableName(table);
  return formatPostgresUrl({ host: v.host ?? base.host, port, database: v.database ?? base.database, user: v.user ?? base.user, table });
}

/**
 * A connection error whose fix is the URL, said with generate's flags and the URL it used: without
 * any of them that is the default, which the user may not know was tried.
 */
function inGenerateTerms(e: UserError, where: string, given: boolean): UserError {
  const message = withRemedyOption(e.detail, `--url (or --host, --port, --database; ${given ? 'it was' : 'none given, it was the default'} ${where})`);
  return message === undefined ? e : new UserError(message);
}

function summaryLine(s: GeneratorSummary, verb: string): string {
  const unconfirmed = s.unconfirmed > 0
    ? ` (and ${s.unconfirmed} more whose commit could not be confirmed: the connection was lost while it was being committed)`
    : '';
  return `${verb}: ${s.written} row${s.written === 1 ? '' : 's'} written to "${s.table}"${unconfirmed}.\n`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / MS_PER_SECOND)} s`;
}

/**
 * `model-lab generate [options]` (the arguments after `generate`); resolves to the exit code.
 * Throws UsageError for a bad command line and UserError when the first connection fails.
 */
export async function runGenerate(args: string[], io: CliIO): Promise<number> {
  if (args.some((a) => a === '--password' || a.startsWith('--password=') || a === '-W')) {
    throw new UsageError('model-lab generate: there is no password flag (it would be visible in shell history and process lists) — ' +
      'set PGPASSWORD in the environment or add a line HOST:PORT:DATABASE:USER:PASSWORD to ~/.pgpass (chmod 600)');
  }
  const { values: v } = parseCommand('generate', args, OPTIONS, 0);
  if (v.help) {
    io.out(GENERATE_HELP);
    return 0;
  }
  const c = 'generate';
  const intervalMs = numberOption(c, 'interval', v.interval ?? '1', (x) => x >= 0, 'a number of seconds, 0 or more') * MS_PER_SECOND;
  const count = v.count !== undefined ? intOption(c, 'count', v.count, 1, Number.MAX_SAFE_INTEGER) : undefined;
  const giveUp = v['give-up-after'] !== undefined
    ? numberOption(c, 'give-up-after', v['give-up-after'], (x) => x > 0, 'a number of seconds greater than 0') * MS_PER_SECOND
    : undefined;
  let url: string;
  try {
    url = buildUrl(v);
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`model-lab generate: ${e.message}`);
    throw e;
  }
  const seed = v.seed;
  // A closed output (`generate | head -3`) stops the generator like Ctrl-C, after the row in flight.
  const signal = io.outputClosed && io.signal ? AbortSignal.any([io.signal, io.outputClosed]) : io.signal ?? io.outputClosed;
  const where = url.replace(/\?.*$/, '');
  let summary: GeneratorSummary;
  let outage = false;
  try {
    summary = await runIrisGenerator({
      url,
      intervalMs,
      count,
      seed,
      signal,
      giveUpAfterMs: giveUp,
      ...(v['allow-cleartext-password'] ? { allowCleartextPassword: true } : {}),
      onReady: (i) =>
        io.out(`Writing iris rows to table "${i.table}" of ${where} every ${intervalMs / MS_PER_SECOND} s` +
          `${count !== undefined ? `, ${count} row${count === 1 ? '' : 's'}` : ' (Ctrl+C to stop)'}${seed !== undefined ? `, seed ${JSON.stringify(seed)}` : ''}.\n`),
      onRow: (r, n) => io.out(`#${n} id=${r.id} ${r.features.join(',')} target=${r.target}\n`),
      onStatus: (s) => {
        if (s.state === 'waiting' && !outage) {
          // One line per outage; the retries are silent.
          outage = true;
          io.err(`model-lab generate: lost the connection to PostgreSQL (${s.reason}) after ${s.written} row${s.written === 1 ? '' : 's'} — ` +
            `retrying${giveUp !== undefined ? ` for up to ${seconds(giveUp)}` : ' until it is back (Ctrl+C to stop)'}\n`);
        } else if (s.state === 'connected' && outage) {
          outage = false;
          io.err(`model-lab generate: PostgreSQL is back after ${seconds(s.outageMs)} — writing rows again\n`);
        }
      },
    });
  } catch (e) {
    if (e instanceof UserError && e.detail.remedy?.option === 'database-url') throw inGenerateTerms(e, where, [v.url, v.host, v.port, v.database, v.user].some((x) => x !== undefined));
    if (!(e instanceof GeneratorStoppedError)) throw e;
    io.out(summaryLine(e.summary, 'Stopped'));
    throw new UserError(e.message);
  }
  if (io.outputClosed?.aborted) return EXIT_OUTPUT_CLOSED;
  io.out(summaryLine(summary, summary.stopped ? 'Stopped' : 'Done'));
  return 0;
}
