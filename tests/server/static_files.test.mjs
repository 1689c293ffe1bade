// Static files from --web-root: precompressed .br / .gz twins chosen by Accept-Encoding (bodies
// checked by decompressing them), the original's media type, ETag / Last-Modified revalidation,
// and no way out of the web root (dot-dots, encoded tricks, symbolic links).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { request, startServer } from './harness.mjs';

let server;
let base;
let webRoot;
const aJs = 'export const portal = "050";\n'.repeat(40);
const bCss = 'body { margin: 0 }\n'.repeat(30);
const cJs = 'console.log("rebuilt");\n'.repeat(30);

before(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'portal-static-'));
  webRoot = path.join(base, 'web');
  mkdirSync(path.join(webRoot, 'sub'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>050 Portal</title>');
  writeFileSync(path.join(webRoot, 'a.js'), aJs);
  writeFileSync(path.join(webRoot, 'a.js.br'), zlib.brotliCompressSync(aJs));
  writeFileSync(path.join(webRoot, 'a.js.gz'), zlib.gzipSync(aJs));
  writeFileSync(path.join(webRoot, 'sub', 'b.css'), bCss);
  writeFileSync(path.join(webRoot, 'sub', 'b.css.gz'), zlib.gzipSync(bCss));
  // c.js was rebuilt after its .br twin was written: the twin is stale and must not be sent.
  writeFileSync(path.join(webRoot, 'c.js'), cJs);
  writeFileSync(path.join(webRoot, 'c.js.br'), zlib.brotliCompressSync('console.log("old build");\n'));
  const old = new Date(Date.now() - 3600 * 1000);
  utimesSync(path.join(webRoot, 'c.js.br'), old, old);
  // Outside the root, reachable only through symbolic links placed inside it.
  writeFileSync(path.join(base, 'outside.js'), 'secret outside the web root');
  writeFileSync(path.join(base, 'outside.js.br'), zlib.brotliCompressSync('secret outside'));
  symlinkSync(path.join(base, 'outside.js'), path.join(webRoot, 'link.js'));
  symlinkSync(base, path.join(webRoot, 'up'));
  writeFileSync(path.join(webRoot, 'd.js'), 'inside');
  symlinkSync(path.join(base, 'outside.js.br'), path.join(webRoot, 'd.js.br'));
  server = await startServer(['--demo', '0', '--web-root', webRoot]);
});
after(async () => {
  await server?.cleanup();
  rmSync(base, { recursive: true, force: true });
});

const get = (p, headers = {}, method = 'GET') => request(server.base, method, p, { headers });

test('br when accepted and present, else gzip, else the plain file; always the original type', async () => {
  const cases = [
    ['gzip, deflate, br', 'br'], ['br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'], ['*', 'br'], ['*, br;q=0', 'gzip'], ['*;q=0', undefined],
    ['identity', undefined], ['deflate', undefined], [undefined, undefined],
  ];
  for (const [accept, encoding] of cases) {
    const res = await get('/a.js', accept === undefined ? {} : { 'Accept-Encoding': accept });
    assert.equal(res.status, 200, accept);
    assert.equal(res.headers['content-encoding'], encoding, accept);
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8', accept);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    const body = encoding === 'br' ? zlib.brotliDecompressSync(res.bytes)
      : encoding === 'gzip' ? zlib.gunzipSync(res.bytes) : res.bytes;
    assert.equal(body.toString(), aJs, accept);
    assert.equal(Number(res.headers['content-length']), res.bytes.length);
  }
  const css = await get('/sub/b.css', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(css.headers['content-encoding'], 'gzip', 'no .br twin: gzip');
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(zlib.gunzipSync(css.bytes).toString(), bCss);
  const stale = await get('/c.js', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(stale.headers['content-encoding'], undefined, 'a twin older than the file is ignored');
  assert.equal(stale.text, cJs);
  const head = await get('/a.js', { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(head.bytes.length, 0);
});

test('ETag per representation and Last-Modified; a current copy gets 304 without a body', async () => {
  const br = await get('/a.js', { 'Accept-Encoding': 'br' });
  const gz = await get('/a.js', { 'Accept-Encoding': 'gzip' });
  const plain = await get('/a.js');
  const tags = [br, gz, plain].map((r) => r.headers.etag);
  assert.ok(tags.every((t) => /^"[0-9a-f]+-[0-9a-f]+(-br|-gzip)?"$/.test(t)), tags.join(' '));
  assert.equal(new Set(tags).size, 3, 'each encoding its own validator');
  assert.equal(br.headers['cache-control'], 'no-cache');
  assert.match(plain.headers['last-modified'], /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);

  const revalidated = await get('/a.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.bytes.length, 0);
  assert.equal(revalidated.headers.etag, br.headers.etag);
  assert.equal((await get('/a.js', { 'Accept-Encoding': 'br', 'If-None-Match': `"x", W/${br.headers.etag}` })).status, 304);
  assert.equal((await get('/a.js', { 'If-None-Match': '*' })).status, 304);
  const otherEncoding = await get('/a.js', { 'Accept-Encoding': 'br', 'If-None-Match': gz.headers.etag });
  assert.equal(otherEncoding.status, 200, 'the gzip tag does not validate the br bytes');
  assert.equal(zlib.brotliDecompressSync(otherEncoding.bytes).toString(), aJs);

  assert.equal((await get('/a.js', { 'If-Modified-Since': plain.headers['last-modified'] })).status, 304);
  assert.equal((await get('/a.js', { 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' })).status, 200);
  assert.equal((await get('/a.js', { 'If-Modified-Since': 'yesterday' })).status, 200, 'a bad date is ignored');
  assert.equal((await get('/a.js', { 'If-None-Match': '"other"', 'If-Modified-Since': plain.headers['last-modified'] })).status,
    200, 'If-None-Match wins over If-Modified-Since');
});

test('nothing outside the web root, however the path is spelled', async () => {
  for (const p of ['/../outside.js', '/%2e%2e/outside.js', '/..%2foutside.js', '/sub/../../outside.js',
    '/link.js', '/up/outside.js', '/.%2e/outside.js', '/a.js%00', '/sub', '/sub/',
    '/..\\outside.js', '/missing.js', '/a.js.br.br']) {
    for (const accept of [{}, { 'Accept-Encoding': 'br, gzip' }]) {
      const res = await get(p, accept);
      assert.equal(res.status, 404, p);
      assert.equal(res.json?.error?.code, 'not_found', p);
      assert.ok(res.json.error.message.length > 0 && res.json.error.message_en === 'Not found.');
      assert.doesNotMatch(res.text, /secret/, p);
    }
  }
  const twin = await get('/d.js', { 'Accept-Encoding': 'br' });
  assert.equal(twin.status, 200);
  assert.equal(twin.headers['content-encoding'], undefined, 'a twin linked from outside is not used');
  assert.equal(twin.text, 'inside');
  const index = await get('/');
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(index.text, /050 Portal/);
});
