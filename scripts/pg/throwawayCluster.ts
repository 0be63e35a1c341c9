// A throwaway PostgreSQL cluster for tests and CI: initdb into a temp folder, start on a free
// loopback port with password (SCRAM) authentication, and stop + delete it afterwards.
// initdb and postgres refuse to run as root, so as root they run as the `postgres` system user.
//
// CLI:  node --import tsx scripts/pg/throwawayCluster.ts start   → prints PGHOST/PGPORT/... lines, leaves it running
//       node --import tsx scripts/pg/throwawayCluster.ts stop DIR → stops it and removes DIR
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCluster {
  readonly host: string;
  readonly port: number;
  /** Superuser name and its password. */
  readonly user: string;
  readonly password: string;
  /** Temp folder holding data/, the log and the socket. */
  readonly dir: string;
  /** postgres://user@host:port/db?params (no password). */
  url(database?: string, params?: string): string;
  /** Runs SQL through psql as the superuser; returns stdout. Throws on SQL errors. */
  psql(sql: string, database?: string): string;
  stop(): void;
  /** Stops the server but keeps the cluster (to test a restart under a client): pg_ctl stop -m MODE. */
  stopServer(mode: 'fast' | 'immediate'): void;
  /** Starts a server stopped with stopServer again, on the same port. */
  startServer(): void;
}

/** Folder with initdb/pg_ctl/postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBinaries(): string | undefined {
  const fromEnv = process.env.MODEL_LAB_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? found.replace(/\/initdb$/, '') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** As root, the uid/gid of the `postgres` system user to run the server as; otherwise undefined (run as ourselves). */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, but there is no `postgres` system user to run PostgreSQL as (install the postgresql package, or create the user).');
  }
}

function run(bin: string, args: string[], asPostgres: boolean): void {
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface ClusterOptions {
  /** The superuser's password (default model-lab-test-password). */
  readonly password?: string;
  /** pg_hba.conf method for every connection (default scram-sha-256; 'password' asks for it in clear text). */
  readonly auth?: 'scram-sha-256' | 'password';
  /** Extra IPv4 addresses to listen on besides 127.0.0.1 (each also allowed in pg_hba.conf). */
  readonly extraListen?: readonly string[];
  /**
   * Where the cluster's folder is made (default the temp folder). As root the server runs as the
   * postgres user, which must be able to reach it: a private temp folder (VS Code's test host has
   * one) will not do.
   */
  readonly parentDir?: string;
}

export async function startThrowawayCluster(options: ClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) were not found; install the postgresql package.');
  const account = serverAccount();
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'model-lab-pg-'));
  const password = options.password ?? 'model-lab-test-password';
  const user = 'postgres';
  if (account) chownSync(dir, account.uid, account.gid);
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  if (account) chownSync(pwfile, account.uid, account.gid);
  const data = join(dir, 'data');
  const asPostgres = account !== undefined;
  try {
    const auth = options.auth ?? 'scram-sha-256';
    run(join(bin, 'initdb'), ['-D', data, '-U', user, `--auth=${auth}`, `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '-N'], asPostgres);
    rmSync(pwfile);
    const extra = options.extraListen ?? [];
    if (extra.length > 0) {
      const hba = join(data, 'pg_hba.conf');
      writeFileSync(hba, readFileSync(hba, 'utf8') + extra.map((a) => `host all all ${a}/32 ${auth}\n`).join(''));
    }
    const listen = ['127.0.0.1', ...extra].join(',');
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const opts = `-c listen_addresses=${listen} -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start'], asPostgres);
        return makeCluster(bin, dir, port, user, password, asPostgres, opts);
      } catch (err) {
        lastError = err; // most likely the port was taken between freePort() and start: try another
      }
    }
    throw lastError;
  } catch (err) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${log}`, { cause: err });
  }
}

function makeCluster(bin: string, dir: string, port: number, user: string, password: string, asPostgres: boolean, opts: string): ThrowawayCluster {
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    try {
      run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], asPostgres);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test run that dies must not leave a server behind.
  process.on('exit', stop);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    url: (database = 'postgres', params?: string) => `postgres://${user}@127.0.0.1:${port}/${database}${params ? '?' + params : ''}`,
    psql: (sql: string, database = 'postgres') => {
      const r = spawnSync(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-c', sql], {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: password },
      });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      return r.stdout;
    },
    stop,
    stopServer: (mode) => run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', mode, '-w', 'stop'], asPostgres),
    startServer: () => run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start'], asPostgres),
  };
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'start') {
    const c = await startThrowawayCluster();
    process.removeAllListeners('exit'); // leave it running for the caller
    process.stdout.write(`PGHOST=${c.host}\nPGPORT=${c.port}\nPGUSER=${c.user}\nPGPASSWORD=${c.password}\nMODEL_LAB_PG_DIR=${c.dir}\n`);
  } else if (argv[0] === 'stop' && argv[1]) {
    const bin = findPostgresBinaries();
    const dir = argv[1];
    if (bin && existsSync(join(dir, 'data'))) run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], serverAccount() !== undefined);
    rmSync(dir, { recursive: true, force: true });
  } else {
    process.stderr.write('usage: throwawayCluster.ts start | stop DIR\n');
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
