// The HTTP layer's policies: TLS versions and cipher suites, the Date header, allowed origins
// from the settings (never from the request's Host), 405 with Allow for any wrong method on a
// known path, and a POST without a body answered at once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { test } from 'node:test';

import { DEMO_PASSWORD, JSON_HEADERS, request, startServer } from './harness.mjs';
import { exchange } from './raw_client.mjs';

const loginBody = JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD });

// Resolves the negotiated {protocol, cipher} or {error}.
function handshake(port, options) {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options }, () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      socket.destroy();
    });
    socket.on('error', (error) => resolve({ error: error.code ?? String(error) }));
    socket.setTimeout(5000, () => { socket.destroy(); resolve({ error: 'timeout' }); });
  });
}

test('TLS 1.3, and TLS 1.2 only with forward-secret AEAD suites', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-tls-policy-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const server = await startServer(['--tls-cert', cert, '--tls-key', key], { dir });
  try {
    assert.equal((await handshake(server.port, {})).protocol, 'TLSv1.3');
    const gcm = await handshake(server.port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    assert.deepEqual(gcm, { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' });
    for (const cipher of ['AES128-SHA', 'AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA384']) {
      const refused = await handshake(server.port, { maxVersion: 'TLSv1.2', ciphers: cipher });
      assert.ok(refused.error, `${cipher} must be refused, got ${JSON.stringify(refused)}`);
    }
  } finally {
    await server.cleanup();
  }
});

test('Date on every answer; origins from the setting, not from Host; 405 with Allow; empty POST at once', async () => {
  const server = await startServer(['--public-origin', 'https://portal.example.jp, https://www.portal.example.jp/']);
  try {
    const answers = [await request(server.base, 'GET', '/api/v1/client-config'),
      await request(server.base, 'GET', '/api/v1/nothing'),
      (await exchange(server.port, ['GET / HTTP/1.1\r\n\r\n'])).responses[0]];
    for (const res of answers) {
      assert.match(res.headers.date, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
      assert.ok(Math.abs(Date.parse(res.headers.date) - Date.now()) < 5000);
    }
    // DNS rebinding: the page's own name reaches us as Host, and its Origin matches that Host.
    const rebound = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: { ...JSON_HEADERS, Host: 'evil.example', Origin: 'http://evil.example' }, body: loginBody });
    assert.equal(rebound.status, 403);
    assert.equal(rebound.json.error.code, 'cross_origin');
    const local = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: { ...JSON_HEADERS, Origin: server.base }, body: loginBody });
    assert.equal(local.status, 403, 'with --public-origin set, the listen address is not an origin');
    for (const origin of ['https://portal.example.jp', 'https://www.portal.example.jp']) {
      const allowed = await request(server.base, 'POST', '/api/v1/auth/login',
        { headers: { ...JSON_HEADERS, Origin: origin }, body: loginBody });
      assert.equal(allowed.status, 200, origin);
    }
    for (const [method, url, allow] of [['DELETE', '/api/v1/auth/login', 'POST'], ['PUT', '/api/v1/auth/logout', 'POST'],
      ['GET', '/api/v1/auth/verify', 'POST'], ['DELETE', '/api/v1/contract', 'GET'], ['POST', '/api/v1/lines.csv', 'GET'],
      ['PATCH', '/api/v1/usage', 'GET']]) {
      // Node frames no body of a GET or DELETE (it would reach us as the next request's bytes).
      const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
      const res = await request(server.base, method, url, { headers: JSON_HEADERS, body });
      assert.equal(res.status, 405, `${method} ${url}`);
      assert.equal(res.headers.allow, allow, `${method} ${url}`);
      assert.equal(res.json.error.code, 'method_not_allowed');
    }
    const empty = await exchange(server.port, ['POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\n' +
      'Content-Type: application/json\r\nX-Portal-CSRF: 1\r\nConnection: close\r\n\r\n']);
    assert.equal(empty.responses[0].status, 400);
    assert.equal(empty.responses[0].json.error.code, 'bad_json');
    assert.ok(empty.ms < 1000, `answered in ${empty.ms} ms`);
  } finally {
    await server.cleanup();
  }
});
