// Under TLS: HTTPS, the __Host- cookie prefix with Secure, and HSTS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { codeFromMail, DEMO_PASSWORD, latestMail, startServer } from './harness.mjs';

function httpsRequest(base, method, urlPath, headers = {}, body) {
  return new Promise((resolve, reject) => {
    // The certificate is self-signed for this test only.
    const req = https.request(`${base}${urlPath}`, { method, headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('TLS: __Host- session cookie with Secure, HSTS, https origin check', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const server = await startServer(['--tls-cert', cert, '--tls-key', key], { dir });
  const base = `https://127.0.0.1:${server.port}`;
  try {
    const headers = { 'Content-Type': 'application/json', 'X-Portal-CSRF': '1', Origin: base };
    const login = await httpsRequest(base, 'POST', '/api/v1/auth/login', headers,
      JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD }));
    assert.equal(login.status, 200);
    assert.equal(login.headers['strict-transport-security'], 'max-age=31536000');
    const code = codeFromMail(latestMail(server.outbox));
    const verify = await httpsRequest(base, 'POST', '/api/v1/auth/verify', headers,
      JSON.stringify({ challenge: login.json.challenge, code }));
    const cookie = verify.headers['set-cookie'][0];
    assert.match(cookie, /^__Host-portal_session=[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    const contract = await httpsRequest(base, 'GET', '/api/v1/contract', { Cookie: cookie.split(';')[0] });
    assert.equal(contract.status, 200);
    const plainName = await httpsRequest(base, 'GET', '/api/v1/contract',
      { Cookie: cookie.split(';')[0].replace('__Host-', '') });
    assert.equal(plainName.status, 401, 'only the __Host- cookie counts under TLS');
    const httpOrigin = await httpsRequest(base, 'POST', '/api/v1/auth/login',
      { ...headers, Origin: `http://127.0.0.1:${server.port}` }, '{}');
    assert.equal(httpOrigin.status, 403);
  } finally {
    await server.cleanup();
  }
});
