// Mail through a real SMTP server on loopback (Debian's python3-aiosmtpd), and a clear 503 when
// the mail server is down.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { listensOn } from '../lib/net.mjs';
import { Client, DEMO_PASSWORD, freePort, JSON_HEADERS, request, sleep, startServer } from './harness.mjs';

// Ready when it accepts connections. The port is free when picked, but another process (ctest
// runs two entries at once) may bind it first: aiosmtpd then exits, and it is started again on a
// new port. Ready means this very process listens (a connection could reach the other one).
async function startSmtp(extra = []) {
  for (let attempt = 1; ; ++attempt) {
    const port = await freePort();
    const child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, ...extra],
      { env: { ...process.env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    let ready = false;
    // Python's start-up takes seconds on a loaded machine: up to 60 s.
    for (let i = 0; i < 600 && !ready && !exited(); ++i) {
      ready = listensOn(child.pid, port);
      if (!ready) await sleep(100);
    }
    if (ready && !exited()) return { port, output: () => output, stop: () => child.kill('SIGTERM') };
    child.kill('SIGKILL');
    if (attempt >= 3) throw new Error(`aiosmtpd did not start on 127.0.0.1:${port}:\n${output}`);
  }
}

// A self-signed certificate for 127.0.0.1, trusted by the server through --smtp-ca.
function makeCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-smtp-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
  { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return { cert, key, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function deliverAndLogIn(smtp, mailFlags, expectedLog) {
  const server = await startServer(mailFlags);
  try {
    const client = new Client(server);
    const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-details', password: DEMO_PASSWORD });
    assert.equal(login.status, 200, login.text);
    // aiosmtpd's default (debugging) handler prints each message between banner lines.
    for (let i = 0; i < 300 && !/END MESSAGE/.test(smtp.output()); ++i) await sleep(100);
    const raw = smtp.output();
    assert.match(raw, /To: <demo-details@example\.jp>/);
    assert.match(raw, /Subject: =\?UTF-8\?B\?/);
    assert.match(raw, /Message-ID: </);
    const base64Lines = raw.split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,76}$/.test(l));
    const decoded = Buffer.from(base64Lines.join(''), 'base64').toString('utf8');
    const code = /login code: (\d{6})/.exec(decoded)?.[1];
    assert.ok(code, `no code in the delivered mail:\n${raw}`);
    const verify = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
    assert.equal(verify.status, 200);
    assert.match(server.output(), expectedLog);
  } finally {
    await server.cleanup();
    smtp.stop();
  }
}

test('the code mail is delivered by SMTP and the code from it logs in', async () => {
  const smtp = await startSmtp();
  await deliverAndLogIn(smtp, ['--mail', `smtp://127.0.0.1:${smtp.port}`], /sent via smtp:\/\/127\.0\.0\.1/);
});

test('SMTP with STARTTLS (the mail server refuses mail without it)', async () => {
  const { cert, key, remove } = makeCertificate();
  const smtp = await startSmtp(['--tlscert', cert, '--tlskey', key]);
  try {
    await deliverAndLogIn(smtp, ['--mail', `smtp://127.0.0.1:${smtp.port}`, '--smtp-starttls', '1', '--smtp-ca', cert],
      /sent via smtp:/);
  } finally {
    remove();
  }
});

test('SMTP over implicit TLS (smtps://)', async () => {
  const { cert, key, remove } = makeCertificate();
  const smtp = await startSmtp(['--smtpscert', cert, '--smtpskey', key]);
  try {
    await deliverAndLogIn(smtp, ['--mail', `smtps://127.0.0.1:${smtp.port}`, '--smtp-ca', cert], /sent via smtps:/);
  } finally {
    remove();
  }
});

test('STARTTLS required but the mail server cannot do it: 503, nothing sent in the clear', async () => {
  const smtp = await startSmtp();
  const server = await startServer(['--mail', `smtp://127.0.0.1:${smtp.port}`, '--smtp-starttls', '1']);
  try {
    const res = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: 'demo-basic', password: DEMO_PASSWORD }) });
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'mail_unavailable');
    await sleep(200);
    assert.doesNotMatch(smtp.output(), /login code|Subject:/);
  } finally {
    await server.cleanup();
    smtp.stop();
  }
});

test('a mail server that is down gives a clear 503, not a session', async () => {
  const port = await freePort();
  const server = await startServer(['--mail', `smtp://127.0.0.1:${port}`]);
  try {
    const res = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: 'demo-basic', password: DEMO_PASSWORD }) });
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'mail_unavailable');
  } finally {
    await server.cleanup();
  }
});

test('a bad mail setting stops the start with a clear message', async () => {
  await assert.rejects(startServer(['--mail', 'pigeon://roof']), /outbox:DIR/);
});
