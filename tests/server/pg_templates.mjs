// Template databases, made once per PostgreSQL instance, that every cluster of a test run clones
// (CREATE DATABASE ... TEMPLATE, a file copy) instead of migrating and seeding its own database:
// `migrated` has the whole schema history applied by `portal-server --migrate`; `demo` is
// `migrated` after a first server start seeded the demo customers with the tests' defaults
// (AS_OF, 3,000 lines), their line passwords sealed with `secretKey`, which a clone's servers use.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AS_OF } from '../lib/demo.mjs';

export const DEMO_LARGE_LINES = '3000';  // the demo-large customer's lines in every test server
const START_MS = 300000;  // seeding on a loaded two-core machine

// Starts a server on `db` until it listens (it seeds the demo data first), then stops it.
function seedByFirstStart(serverBin, db, dir) {
  const args = ['--db', db, '--secret-key-file', path.join(dir, 'secret.key'), '--listen', '127.0.0.1:0',
    '--mail', `outbox:${path.join(dir, 'outbox')}`, '--as-of', AS_OF];
  const child = spawn(serverBin, args, {
    env: { ...process.env, PORTAL_DEMO_LARGE_LINES: DEMO_LARGE_LINES }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`seeding server not up in ${START_MS / 1000} s:\n${output}`)); }, START_MS);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/listening on http:\/\/127\.0\.0\.1:\d+\//.test(output)) child.kill('SIGTERM');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGTERM' || code === 0) resolve();
      else reject(new Error(`seeding server exited with ${code ?? signal}:\n${output}`));
    });
  });
}

// Makes both templates in `pg` (a postgres.mjs handle); returns their names and the demo's key.
export async function buildTemplates(pg, serverBin) {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-templates-'));
  try {
    const secretKey = randomBytes(32).toString('hex');
    writeFileSync(path.join(dir, 'secret.key'), secretKey, { mode: 0o600 });
    const migrated = 'portal_template_migrated';
    const demo = 'portal_template_demo';
    const migrate = spawnSync(serverBin, ['--db', pg.createDatabase(migrated), '--secret-key-file',
      path.join(dir, 'secret.key'), '--migrate'], { encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`--migrate failed:\n${migrate.stdout}${migrate.stderr}`);
    await seedByFirstStart(serverBin, pg.createDatabase(demo, migrated), dir);
    return { migrated, demo, secretKey };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// True when a cluster started with `flags` and `env` would seed exactly what `demo` holds.
export function seedsTheDemoTemplate(flags, env) {
  if (flags.some((flag) => /^--(demo|as-of)/.test(flag))) return false;
  return env.PORTAL_DEMO === undefined && env.PORTAL_AS_OF === undefined &&
    (env.PORTAL_DEMO_LARGE_LINES ?? DEMO_LARGE_LINES) === DEMO_LARGE_LINES;
}
