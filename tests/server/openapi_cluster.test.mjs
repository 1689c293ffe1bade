// The API of docs/openapi.yaml is the same on one server on SQLite and through the cluster (two
// servers on PostgreSQL behind nginx): every documented GET answers the same status, content
// type and JSON members, logged in and not; and the errors only a cluster gives (nginx's 429 and
// 503, the servers' 503 while the database is down) are documented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { NGINX_TEMPLATE, startCluster } from './cluster.mjs';
import { Client, ON_POSTGRES, startServer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OPENAPI = readFileSync(path.join(ROOT, 'docs/openapi.yaml'), 'utf8');
const skip = ON_POSTGRES && 'compares a SQLite server with the cluster itself';

// Documented paths with a `get:` operation (paths are two-space keys, methods four-space keys).
function documentedGets() {
  const gets = [];
  let current = null;
  for (const line of OPENAPI.split('\n')) {
    const pathKey = /^ {2}(\/\S+):\s*$/.exec(line);
    if (pathKey) current = pathKey[1];
    else if (/^\S/.test(line)) current = null;
    else if (current && /^ {4}get:\s*$/.test(line)) gets.push(current);
  }
  return gets;
}

// What must not differ between the two: status, media type, error code or the JSON's members.
function shape(res) {
  const type = (res.headers['content-type'] ?? '').split(';')[0];
  let body = type;
  if (res.json?.error) body = `error ${res.json.error.code}`;
  else if (res.json && typeof res.json === 'object') body = Object.keys(res.json).sort().join(',');
  return `${res.status} ${type} ${body}`;
}

test('every documented GET has the same answer shape on SQLite and through the cluster', { skip, timeout: 600000 }, async () => {
  const gets = documentedGets();
  assert.ok(gets.length >= 15, `found ${gets.length} GET paths in docs/openapi.yaml`);
  const single = await startServer();
  const cluster = await startCluster();
  try {
    const clients = [new Client(single), new Client(cluster)];
    const anonymous = [new Client(single), new Client(cluster)];
    for (const client of clients) assert.equal((await client.login('demo-details')).status, 200);
    for (const p of gets) {
      for (const [what, pair] of [['logged in', clients], ['not logged in', anonymous]]) {
        const [onSqlite, onCluster] = [await pair[0].get(`/api/v1${p}`), await pair[1].get(`/api/v1${p}`)];
        assert.equal(shape(onCluster), shape(onSqlite), `GET ${p} (${what})`);
      }
    }
  } finally {
    await cluster.cleanup();
    await single.cleanup();
  }
});

test('the errors a cluster adds are documented in docs/openapi.yaml', { skip }, () => {
  const template = readFileSync(NGINX_TEMPLATE, 'utf8');
  const codes = [...template.matchAll(/return (\d{3}) '\{"error":\{"code":"(\w+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(codes.map(([status]) => status).sort(), ['429', '503'], 'nginx answers 429 and 503 itself');
  for (const [status, code] of codes) {
    assert.match(OPENAPI, new RegExp(`\`${code}\``), `${status} ${code} from nginx is documented`);
  }
});
