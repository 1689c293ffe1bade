// A throwaway PostgreSQL 15 for tests: initdb in a temporary directory, started with pg_ctl on a
// free loopback port. PostgreSQL refuses to run as root, and CI runs as root: then every
// PostgreSQL program runs as the `postgres` user, who owns the directory.
//
// One instance serves a whole ctest run (pg_fixture.mjs starts it and writes its state file);
// a test process attaches to it (attachPostgres) or, run alone, starts its own (startPostgres).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.PORTAL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

function asOwner(program, args, options = {}) {
  const file = path.join(PG_BIN, program);
  const run = process.getuid() === 0
    ? spawnSync('runuser', ['-u', 'postgres', '--', file, ...args], { encoding: 'utf8', ...options })
    : spawnSync(file, args, { encoding: 'utf8', ...options });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const readLog = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };

function postgresUid() {
  const run = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return [Number(run.stdout), Number(gid.stdout)];
}

// The handle of an instance described by `state` ({ dir, port, user, optionText }), which
// `owned` says this process started (then destroy() stops it and removes its directory).
function handle(state, owned) {
  const { dir, port, user, optionText } = state;
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  const pg = {
    dir, port, user, state,
    url: (database) => `postgresql://${user}@127.0.0.1:${port}/${database}`,
    start() { asOwner('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', optionText, 'start']); },
    // Stops at once: open connections are cut, like a crashed or restarted database server.
    stop(mode = 'fast') {
      if (existsSync(path.join(data, 'postmaster.pid'))) asOwner('pg_ctl', ['-D', data, '-w', '-m', mode, 'stop']);
    },
    running() { return spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', data, 'status']).status === 0; },
    sql(statement, database = 'postgres') {
      return asOwner('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database,
        '-v', 'ON_ERROR_STOP=1', '-qAtc', statement]);
    },
    createDatabase(name, template) {
      pg.sql(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      return pg.url(name);
    },
    destroy() {
      if (!owned) return;  // the fixture that started it stops it
      try { pg.stop('immediate'); } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return pg;
}

// Starts an instance; `settings` are extra postgres -c settings. Unless `keep` is set, the
// instance stops when this process exits, whatever the tests did.
export async function startPostgres({ settings = {}, keep = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-pg-'));
  if (process.getuid() === 0) {
    const [uid, gid] = postgresUid();
    chownSync(dir, uid, gid);
  }
  const user = process.getuid() === 0 ? 'postgres' : userInfo().username;
  asOwner('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', user, '-E', 'UTF8', '--locale', 'C', '--no-sync']);
  // The port is free when picked, but another process (ctest runs two entries at once) may bind
  // it before PostgreSQL does: then PostgreSQL does not start, and it is tried on a new port.
  let pg;
  for (let attempt = 1; !pg; ++attempt) {
    const port = await freePort();
    const options = {
      listen_addresses: '127.0.0.1', port, unix_socket_directories: dir, max_connections: 200,
      fsync: 'off', full_page_writes: 'off', ...settings,
    };
    const optionText = Object.entries(options).map(([k, v]) => `-c ${k}=${v}`).join(' ');
    const candidate = handle({ dir, port, user, optionText }, !keep);
    try {
      candidate.start();
      pg = candidate;
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(readLog(path.join(dir, 'postgres.log')))) throw error;
    }
  }
  if (!keep) {
    process.on('exit', () => pg.destroy());
    // A test run stopped from outside (ctest's timeout, Ctrl-C) must not leave the cluster running.
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  }
  return pg;
}

// An instance another process started and owns (its state as startPostgres made it).
export function attachPostgres(state) {
  return handle(state, false);
}
