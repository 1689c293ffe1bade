// Cross-site request rules, bad input of every kind, security headers and static files.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_CLUSTER, request, startServer } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
  "form-action 'none'";
let server;
let webRoot;
const appJs = 'console.log("050 portal test bundle");\n'.repeat(50);

before(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'portal-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>050 Portal</title>');
  writeFileSync(path.join(webRoot, 'portal.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(webRoot, 'portal.js'), appJs);
  writeFileSync(path.join(webRoot, 'portal.js.br'), zlib.brotliCompressSync(appJs));
  writeFileSync(path.join(webRoot, 'portal.js.gz'), zlib.gzipSync(appJs));
  mkdirSync(path.join(webRoot, 'fonts'));
  writeFileSync(path.join(webRoot, 'fonts', 'a.woff2'), 'font');
  writeFileSync(path.join(webRoot, '.secret'), 'hidden');
  server = await startServer(['--web-root', webRoot]);
});
after(async () => {
  await server.cleanup();
  rmSync(webRoot, { recursive: true, force: true });
});

const login = (headers, body = JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD })) =>
  request(server.base, 'POST', '/api/v1/auth/login', { headers, body });

test('state-changing calls need the JSON type and the custom header, and refuse cross-site', async () => {
  const cases = [
    [{ 'Content-Type': 'application/json' }, 403, 'csrf_header_missing'],
    [{ 'Content-Type': 'application/json', 'X-Portal-CSRF': '0' }, 403, 'csrf_header_missing'],
    [{ 'Content-Type': 'text/plain', 'X-Portal-CSRF': '1' }, 415, 'unsupported_media_type'],
    [{ 'Content-Type': 'application/x-www-form-urlencoded', 'X-Portal-CSRF': '1' }, 415, 'unsupported_media_type'],
    [{ ...JSON_HEADERS, 'Sec-Fetch-Site': 'cross-site' }, 403, 'cross_site'],
    [{ ...JSON_HEADERS, 'Sec-Fetch-Site': 'same-site' }, 403, 'cross_site'],
    [{ ...JSON_HEADERS, Origin: 'http://evil.example' }, 403, 'cross_origin'],
    [{ ...JSON_HEADERS, Origin: 'null' }, 403, 'cross_origin'],
  ];
  for (const [headers, status, code] of cases) {
    const res = await login(headers);
    assert.equal(res.status, status, JSON.stringify(headers));
    assert.equal(res.json.error.code, code);
  }
  const sameOrigin = await login({ ...JSON_HEADERS, 'Content-Type': 'application/json; charset=utf-8',
    'Sec-Fetch-Site': 'same-origin', Origin: server.base });
  assert.equal(sameOrigin.status, 200);
  // The same rules guard logout (a forged logout must not end a session).
  const client = new Client(server);
  await client.login('demo-standard');
  const forged = await request(server.base, 'POST', '/api/v1/auth/logout',
    { headers: { Cookie: client.cookie, 'Content-Type': 'text/plain' }, body: '{}' });
  assert.equal(forged.status, 403);
  assert.equal((await client.get('/api/v1/contract')).status, 200);
});

test('bad bodies get 4xx JSON errors, never a crash', async () => {
  const cases = [
    ['{"selfcare_id":', 400, 'bad_json'],
    ['[1,2,3]', 400, 'bad_json'],
    ['"just a string"', 400, 'bad_json'],
    ['', 400, 'bad_json'],
    ['{"selfcare_id":42,"password":"x"}', 400, 'bad_field'],
    ['{"selfcare_id":"demo-standard"}', 400, 'bad_field'],
    ['{"selfcare_id":"","password":"x"}', 400, 'bad_field'],
    ['{"selfcare_id":["a"],"password":{"x":1}}', 400, 'bad_field'],
    [`{"selfcare_id":"${'a'.repeat(65)}","password":"x"}`, 400, 'bad_field'],
    ['{"selfcare_id":"a","password":"b","admin":true}', 400, 'unknown_field'],
    ['\u0000\u00ff garbage', 400, 'bad_json'],
  ];
  for (const [body, status, code] of cases) {
    const res = await login(JSON_HEADERS, body);
    assert.equal(res.status, status, body);
    assert.equal(res.json.error.code, code, body);
    assert.ok(res.json.error.message && res.json.error.message_en);
  }
  const huge = await login(JSON_HEADERS, JSON.stringify({ selfcare_id: 'x', password: 'p'.repeat(20000) }));
  assert.equal(huge.status, 413);
  assert.equal(huge.json.error.code, 'body_too_large');
  const verify = await request(server.base, 'POST', '/api/v1/auth/verify',
    { headers: JSON_HEADERS, body: '{"challenge":123,"code":"123456"}' });
  assert.equal(verify.status, 400);
  assert.equal(verify.json.error.field, 'challenge');
});

test('wrong methods, unknown paths and unknown parameters', async () => {
  const get = await request(server.base, 'GET', '/api/v1/auth/login');
  assert.equal(get.status, 405);
  assert.equal(get.headers.allow, 'POST');
  assert.equal(get.json.error.code, 'method_not_allowed');
  const post = await request(server.base, 'POST', '/api/v1/contract', { headers: JSON_HEADERS, body: '{}' });
  assert.equal(post.status, 405);
  const missing = await request(server.base, 'GET', '/api/v1/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'not_found');
  const client = new Client(server);
  await client.login('demo-standard');
  for (const p of ['/api/v1/contract?x=1', '/api/v1/lines?prefix=0505805&prefix=0505806', '/api/v1/lines?limit=5',
    '/api/v1/usage?month=2026-10&foo=', '/api/v1/auth/session?debug=1']) {
    const res = await client.get(p);
    assert.equal(res.status, 400, p);
    assert.match(res.json.error.code, /unknown_parameter|duplicate_parameter/);
  }
});

test('security headers on every response; no-store under /api', async () => {
  const client = new Client(server);
  await client.login('demo-standard');
  const responses = [
    await client.get('/api/v1/contract'), await client.get('/api/v1/lines.csv'),
    await request(server.base, 'GET', '/api/v1/contract'), await request(server.base, 'GET', '/api/v1/zzz'),
    await request(server.base, 'GET', '/'), await request(server.base, 'GET', '/portal.wasm'),
    await request(server.base, 'GET', '/missing.js'), await login({ 'Content-Type': 'text/plain' }),
  ];
  for (const res of responses) {
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS without TLS');
  }
  for (const res of responses.slice(0, 4)) assert.equal(res.headers['cache-control'], 'no-store');
  assert.notEqual(responses[4].headers['cache-control'], 'no-store');
});

// In the cluster nginx serves the client (cluster_faults.test.mjs checks its headers).
test('static files: media types, precompressed variants, no path tricks', { skip: ON_CLUSTER && 'nginx serves static files' }, async () => {
  const index = await request(server.base, 'GET', '/');
  assert.equal(index.status, 200);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(index.text, /050 Portal/);
  const wasm = await request(server.base, 'GET', '/portal.wasm');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual([...wasm.bytes.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  assert.equal((await request(server.base, 'GET', '/fonts/a.woff2')).headers['content-type'], 'font/woff2');

  const br = await request(server.base, 'GET', '/portal.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(zlib.brotliDecompressSync(br.bytes).toString(), appJs);
  assert.match(br.headers.vary, /Accept-Encoding/);
  const gz = await request(server.base, 'GET', '/portal.js', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(gz.bytes).toString(), appJs);
  const declined = await request(server.base, 'GET', '/portal.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
  assert.equal(declined.headers['content-encoding'], undefined);
  const weighted = await request(server.base, 'GET', '/portal.js', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' } });
  assert.equal(weighted.headers['content-encoding'], 'gzip');
  const plain = await request(server.base, 'GET', '/portal.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.text, appJs);

  for (const p of ['/../portal.db', '/%2e%2e/secret.key', '/.secret', '/fonts/../../x', '/nothing.txt']) {
    const res = await request(server.base, 'GET', p);
    assert.equal(res.status, 404, p);
    assert.equal(res.json.error.code, 'not_found');
  }
});
