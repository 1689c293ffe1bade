// GET /api/v1/client-config and the kiosk settings behind it (--kiosk / PORTAL_KIOSK,
// PORTAL_CLIENT_IDLE, PORTAL_CLIENT_COUNTDOWN): public, no-store, and strict start-up checks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { request, SERVER_BIN, startServer } from './harness.mjs';

// Starts a server without demo data (nothing here needs a customer) and returns its answer.
async function configOf(flags, env = {}) {
  const server = await startServer(['--demo', '0', ...flags], { env });
  try {
    const res = await request(server.base, 'GET', '/api/v1/client-config');
    assert.equal(res.status, 200, res.text);
    return res;
  } finally {
    await server.cleanup();
  }
}

test('client-config: defaults without a session, not cacheable', async () => {
  const server = await startServer(['--demo', '0']);
  try {
    const res = await request(server.base, 'GET', '/api/v1/client-config');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['set-cookie'], undefined, 'no session is made');
    assert.deepEqual(res.json, { kiosk: false, idle_seconds: 900, countdown_seconds: 60 });
    assert.equal(res.headers['content-security-policy'] !== undefined, true, 'the usual security headers');

    const unknown = await request(server.base, 'GET', '/api/v1/client-config?kiosk=1');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.code, 'unknown_parameter');
    const post = await request(server.base, 'POST', '/api/v1/client-config',
      { headers: { 'Content-Type': 'application/json', 'X-Portal-CSRF': '1' }, body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET');
  } finally {
    await server.cleanup();
  }
});

test('client-config: kiosk from the environment or the flag; idle 600 in kiosk mode', async () => {
  const kiosk = { kiosk: true, idle_seconds: 600, countdown_seconds: 60 };
  assert.deepEqual((await configOf([], { PORTAL_KIOSK: '1' })).json, kiosk);
  assert.deepEqual((await configOf(['--kiosk'])).json, kiosk, 'the flag alone switches it on');
  assert.deepEqual((await configOf(['--kiosk', 'on', '--session-idle', '1200'])).json, kiosk);
  assert.deepEqual((await configOf(['--kiosk', '0'], { PORTAL_KIOSK: '1' })).json,
    { kiosk: false, idle_seconds: 900, countdown_seconds: 60 }, 'a flag wins over the environment');
});

test('client-config: idle and countdown overrides', async () => {
  assert.deepEqual((await configOf([], { PORTAL_KIOSK: 'yes', PORTAL_CLIENT_IDLE: '30', PORTAL_CLIENT_COUNTDOWN: '5' })).json,
    { kiosk: true, idle_seconds: 30, countdown_seconds: 5 });
  assert.deepEqual((await configOf(['--client-idle=120'], { PORTAL_CLIENT_IDLE: '30' })).json,
    { kiosk: false, idle_seconds: 120, countdown_seconds: 60 });
});

test('kiosk settings: bad values stop the start with a message naming the setting and its range', () => {
  const cases = [
    [[], { PORTAL_KIOSK: 'maybe' }, /PORTAL_KIOSK: maybe .*0\/1/],
    [[], { PORTAL_CLIENT_IDLE: 'ten' }, /PORTAL_CLIENT_IDLE: ten .*5-3600/],
    [[], { PORTAL_CLIENT_IDLE: '0' }, /PORTAL_CLIENT_IDLE: 0 .*5-3600/],
    [[], { PORTAL_CLIENT_IDLE: '86400' }, /PORTAL_CLIENT_IDLE: 86400 .*5-3600/],
    [[], { PORTAL_CLIENT_COUNTDOWN: '61' }, /PORTAL_CLIENT_COUNTDOWN: 61 .*3-60/],
    [['--client-countdown', '-5'], {}, /--client-countdown: -5 .*3-60/],
    [['--client-idle'], {}, /missing value for --client-idle/],
    [['--kiosk=2'], {}, /--kiosk: 2 /],
  ];
  for (const [args, env, message] of cases) {
    const run = spawnSync(SERVER_BIN, ['--demo', '0', '--db', '/nonexistent/never-opened.db', ...args],
      { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(run.status, 64, `${args} ${JSON.stringify(env)}`);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /正しくありません|値がありません/, 'Japanese too');
  }
  const help = spawnSync(SERVER_BIN, ['--help'], { encoding: 'utf8' });
  for (const name of ['--kiosk', 'PORTAL_KIOSK', '--client-idle', 'PORTAL_CLIENT_IDLE', '--client-countdown',
    'PORTAL_CLIENT_COUNTDOWN'])
    assert.match(help.stdout, new RegExp(name));
});
