// `model-lab generate`: the course's iris data generator against PostgreSQL. The password comes
// only from PGPASSWORD or ~/.pgpass (a flag would land in shell history and process lists).
import { parseArgs } from 'node:util';
import { UserError } from '../core/types';
import { connectionDefaults, formatPostgresUrl, parsePort, parsePostgresUrl } from '../core/database/connectionUrl';
import { checkTableName } from '../core/database/identifiers';
import { runIrisGenerator } from '../core/database/irisGenerator';

const USAGE = `usage: model-lab generate [--url postgres://USER@HOST:PORT/DB] [--host H] [--port P] [--database D]
                          [--user U] [--table iris_data] [--interval SECONDS] [--count N] [--seed S]

Creates the table if missing (id SERIAL PRIMARY KEY, timestamp timestamp, sepal_length float8,
sepal_width float8, petal_length float8, petal_width float8, target int) and inserts one random
iris row every --interval seconds (default 1) until --count rows are written or Ctrl+C.
--seed makes the sequence of rows reproducible. The password is read from PGPASSWORD or ~/.pgpass.
Defaults: PGHOST/PGPORT/PGUSER/PGDATABASE, else localhost:5432, your user name.
`;

export interface GenerateIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Signal that stops the generator (Ctrl+C by default). */
  signal?: AbortSignal;
}

function buildUrl(v: Record<string, string | boolean | undefined>): string {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const base = str('url') !== undefined ? parsePostgresUrl(str('url')!) : { ...connectionDefaults(), table: 'iris_data' };
  const port = str('port') !== undefined ? parsePort(str('port')!, '--port') : base.port;
  const table = str('table') ?? base.table;
  checkTableName(table);
  return formatPostgresUrl({
    host: str('host') ?? base.host,
    port,
    database: str('database') ?? base.database,
    user: str('user') ?? base.user,
    table,
  });
}

function parseNumberFlag(text: string, flag: string, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && (!Number.isSafeInteger(n) || n < 1))) {
    throw new UserError(`${flag} ${JSON.stringify(text)} must be ${integer ? 'a whole number of 1 or more' : 'a number of seconds, 0 or more'}.`);
  }
  return n;
}

/** Runs the subcommand with the arguments after `generate`; resolves to the exit code. */
export async function runGenerate(args: string[], io?: GenerateIO): Promise<number> {
  const out = io?.out ?? ((t: string) => process.stdout.write(t));
  const err = io?.err ?? ((t: string) => process.stderr.write(t));
  if (args.some((a) => a === '--password' || a.startsWith('--password=') || a === '-W')) {
    err('model-lab generate: there is no password flag (it would be visible in shell history and process lists).\n' +
      'Set PGPASSWORD in the environment or add a line HOST:PORT:DATABASE:USER:PASSWORD to ~/.pgpass (chmod 600).\n');
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, database: { type: 'string' },
        user: { type: 'string' }, table: { type: 'string' }, interval: { type: 'string' }, count: { type: 'string' },
        seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    err(`model-lab generate: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  const signal = io?.signal ? AbortSignal.any([io.signal, controller.signal]) : controller.signal;
  if (!io?.signal) process.once('SIGINT', onSigint);
  try {
    const url = buildUrl(values);
    const intervalMs = values.interval !== undefined ? parseNumberFlag(values.interval as string, '--interval', false) * 1000 : 1000;
    const count = values.count !== undefined ? parseNumberFlag(values.count as string, '--count', true) : undefined;
    const seed = values.seed as string | undefined;
    const summary = await runIrisGenerator({
      url,
      intervalMs,
      count,
      seed,
      signal,
      onReady: (i) =>
        out(`Writing iris rows to table "${i.table}" of ${url.replace(/\?.*$/, '')} every ${intervalMs / 1000} s` +
          `${count !== undefined ? `, ${count} rows` : ' (Ctrl+C to stop)'}${seed !== undefined ? `, seed ${JSON.stringify(seed)}` : ''}.\n`),
      onRow: (r, n) => out(`#${n} id=${r.id} ${r.features.join(',')} target=${r.target}\n`),
    });
    out(`${summary.stopped ? 'Stopped' : 'Done'}: ${summary.written} row${summary.written === 1 ? '' : 's'} written to "${summary.table}".\n`);
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      err(`model-lab generate: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
