// Test harness: starts the real portal-server on a free loopback port with a temporary
// database and outbox, and speaks HTTP to it like the browser client does.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AS_OF, DEMO_PASSWORD } from '../lib/demo.mjs';
import { codeFromMail, latestMail, mailCount } from '../lib/mail.mjs';
import { buildTemplates } from './pg_templates.mjs';
import { attachPostgres, startPostgres } from './postgres.mjs';

// Shared with the browser tests (tests/lib): the demo data, the outbox and free ports.
export { AS_OF, DEMO_PASSWORD } from '../lib/demo.mjs';
export { codeFromMail, decodeHeader as decodeEncodedWords, latestMail, mailCount, parseMail } from '../lib/mail.mjs';
export { freePort } from '../lib/net.mjs';

export const SERVER_BIN = process.env.PORTAL_SERVER_BIN ?? path.resolve('build/native/src/server/portal-server');
export const CSV_HELPER = process.env.PORTAL_CSV_HELPER ?? path.resolve('build/native/tests/server/portal-csv-helper');
export const PAYLOAD_HELPER = process.env.PORTAL_PAYLOAD_HELPER ?? path.resolve('build/native/tests/server/portal-payload-helper');
export const REPORT_CSV_HELPER = process.env.PORTAL_REPORT_CSV_HELPER ?? path.resolve('build/native/tests/server/portal-report-csv-helper');
// The newest schema version: the number of steps in the migration list (the same in both
// backends' files), read from the source so that appending a step needs no test edit.
export const SCHEMA_LATEST = (() => {
  const steps = ['sqlite_schema.cpp', 'pg_schema.cpp'].map((file) =>
    readFileSync(new URL(`../../src/server/${file}`, import.meta.url), 'utf8').split('R"sql(').length - 1);
  if (steps[0] !== steps[1]) throw new Error(`the SQLite and PostgreSQL schemas differ in steps: ${steps}`);
  return steps[0];
})();

// PORTAL_TEST_DB=postgresql runs every server of this process on a PostgreSQL 15 cluster the
// harness starts itself (one fresh database per server) instead of a SQLite file.
// PORTAL_TEST_DB=cluster runs each "server" as two servers on one PostgreSQL database behind
// nginx (cluster.mjs), so requests land on both. PORTAL_TEST_PG_STATE names the state file of
// the PostgreSQL a ctest run shares (pg_fixture.mjs); without it this process starts its own.
export const ON_CLUSTER = process.env.PORTAL_TEST_DB === 'cluster';
export const ON_POSTGRES = process.env.PORTAL_TEST_DB === 'postgresql' || ON_CLUSTER;
let postgres = null;
let databases = 0;
async function openPostgres() {
  const stateFile = process.env.PORTAL_TEST_PG_STATE;
  if (stateFile && existsSync(stateFile)) {
    const shared = attachPostgres(JSON.parse(readFileSync(stateFile, 'utf8')));
    try {
      shared.sql('SELECT 1');
      return shared;
    } catch { /* gone (its run was killed): start our own */ }
  }
  return startPostgres();
}
export function sharedPostgres() {
  postgres ??= openPostgres();
  return postgres;
}
export async function freshDatabase() {
  const pg = await sharedPostgres();
  return pg.createDatabase(`portal_${process.pid}_${++databases}`);
}
// A new database cloned from a template (pg_templates.mjs): 'migrated' or 'demo' (seeded; its
// servers need the returned secretKey). The templates are built on first use when this process
// started its own PostgreSQL.
let templates = null;
export async function templateClone(kind) {
  const pg = await sharedPostgres();
  templates ??= pg.state.templates ? Promise.resolve(pg.state.templates) : buildTemplates(pg, SERVER_BIN);
  const made = await templates;
  return { db: pg.createDatabase(`portal_${process.pid}_${++databases}`, made[kind]), secretKey: made.secretKey };
}

// Drops a database templateClone made (by its URL), once nothing uses it any more. Only tidying:
// a PostgreSQL a test has stopped keeps it, and the run's end removes it with the rest.
export async function dropDatabase(url) {
  try {
    const pg = await sharedPostgres();
    if (pg.running()) pg.sql(`DROP DATABASE IF EXISTS ${url.slice(url.lastIndexOf('/') + 1)} WITH (FORCE)`);
  } catch (error) {
    console.log(`# database ${url} kept: ${error.message.split('\n')[0]}`);
  }
}

// Rows of a query on a server's database (either backend), each row an array of its values.
export async function dbRows(server, sql) {
  if (!ON_POSTGRES) {
    const run = spawnSync('/usr/bin/python3', ['-c',
      'import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchall()))',
      server.db, sql], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout);
  }
  const pg = await sharedPostgres();
  const out = pg.sql(`SELECT COALESCE(json_agg(row_to_json(t)), '[]') FROM (${sql}) t`, server.db.slice(server.db.lastIndexOf('/') + 1));
  return JSON.parse(out).map((row) => Object.values(row));
}

// Runs a statement on a server's database; { status, stderr } (status 0 = it succeeded).
export async function dbExec(server, sql) {
  if (!ON_POSTGRES) {
    return spawnSync('/usr/bin/python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()',
      server.db, sql], { encoding: 'utf8' });
  }
  const pg = await sharedPostgres();
  try {
    pg.sql(sql, server.db.slice(server.db.lastIndexOf('/') + 1));
    return { status: 0, stderr: '' };
  } catch (error) {
    return { status: 1, stderr: String(error.message) };
  }
}

// Starts a server; `flags` are extra command-line flags. Resolves once it prints its address.
// `db` shares a database between servers (a cluster); by default each server gets its own.
export async function startServer(flags = [], { env = {}, dir, db, single = false } = {}) {
  if (ON_CLUSTER && !single && !db) return (await import('./cluster.mjs')).startCluster(flags, { env, dir });
  const ownsDir = !dir;
  dir ??= mkdtempSync(path.join(tmpdir(), 'portal-server-test-'));
  db ??= ON_POSTGRES ? await freshDatabase() : path.join(dir, 'portal.db');
  const args = ['--listen', '127.0.0.1:0', '--db', db,
    '--mail', `outbox:${path.join(dir, 'outbox')}`, '--secret-key-file', path.join(dir, 'secret.key'),
    '--as-of', AS_OF, ...flags];
  const child = spawn(SERVER_BIN, args, { env: { ...process.env, PORTAL_DEMO_LARGE_LINES: '3000', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on https?:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60000).unref();
  }).catch((error) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const operatorArgs = (extra) => ['--db', db, '--secret-key-file', path.join(dir, 'secret.key'), ...extra];
  const server = {
    dir, port, child, args, db,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    outbox: path.join(dir, 'outbox'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {  // not already gone (kill -9 tests)
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
    async cleanup() { await server.stop(); rmSync(dir, { recursive: true, force: true }); },
    // Runs the same binary as an operator command on the same database (--import, --unlock).
    operator(extra) {
      return spawnSync(SERVER_BIN, operatorArgs(extra), { encoding: 'utf8' });
    },
    // The same, without blocking this process: requests can go on while the command runs.
    operatorInBackground(extra) {
      const command = spawn(SERVER_BIN, operatorArgs(extra), { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      command.stderr.on('data', (d) => { stderr += d; });
      command.stdout.resume();
      return new Promise((resolve) => command.once('exit', (status) => resolve({ status, stderr })));
    },
  };
  return server;
}

// One HTTP exchange with node:http (no automatic decompression, every header visible).
export function request(base, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        let json = null;
        try { json = JSON.parse(bytes.toString('utf8')); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, bytes, text: bytes.toString('utf8'), json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const JSON_HEADERS = { 'Content-Type': 'application/json', 'X-Portal-CSRF': '1' };

// A browser-like client with a cookie jar: the session cookie (`cookie`) and the long-lived
// device cookie (`device`) that a completed login sets; both go out with every request.
export class Client {
  constructor(server, { userAgent } = {}) {
    this.server = server; this.cookie = ''; this.device = ''; this.userAgent = userAgent;
  }
  #headers() {
    const cookies = [this.cookie, this.device].filter(Boolean).join('; ');
    return { ...(cookies ? { Cookie: cookies } : {}), ...(this.userAgent ? { 'User-Agent': this.userAgent } : {}) };
  }
  async post(urlPath, payload, headers = {}) {
    const res = await request(this.server.base, 'POST', urlPath, {
      headers: { ...JSON_HEADERS, ...this.#headers(), ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    this.#keepCookie(res);
    return res;
  }
  async get(urlPath, headers = {}) {
    const res = await request(this.server.base, 'GET', urlPath,
      { headers: { ...this.#headers(), ...headers } });
    this.#keepCookie(res);
    return res;
  }
  #keepCookie(res) {
    for (const c of res.headers['set-cookie'] ?? []) {
      const pair = c.split(';')[0];
      if (/^(__Host-)?portal_device=/.test(pair)) this.device = pair;
      else this.cookie = pair.endsWith('=') ? '' : pair;
    }
  }
  // Password, then the code from the outbox. Returns the verify response.
  async login(selfcareId, password = DEMO_PASSWORD) {
    const before = mailCount(this.server.outbox);
    const login = await this.post('/api/v1/auth/login', { selfcare_id: selfcareId, password });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
    if (mailCount(this.server.outbox) !== before + 1) throw new Error('no code mail in the outbox');
    const code = codeFromMail(latestMail(this.server.outbox));
    return this.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
