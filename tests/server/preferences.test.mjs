// PUT/GET /api/v1/preferences/line-search: a customer's last search conditions are kept on the
// server across logouts (by button or idle) and logins on another client, per customer; bad,
// oversized or invalid conditions are refused with the usual error answers and change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, JSON_HEADERS, dbRows, request, startServer } from './harness.mjs';

const PATH = '/api/v1/preferences/line-search';
const DEFAULTS = { phone_prefix: '', status: 'all', start_from: '', start_to: '', sort: 'no:asc' };
const SAVED = { phone_prefix: '050-5805', status: 'in_service', start_from: '2025-04-01', start_to: '',
  sort: 'start_date:desc' };

async function put(client, body, headers = {}) {
  const cookies = [client.cookie, client.device].filter(Boolean).join('; ');
  return request(client.server.base, 'PUT', PATH, {
    headers: { ...JSON_HEADERS, ...(cookies ? { Cookie: cookies } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

test('line search: saved per customer, kept across logout and a login elsewhere', async () => {
  const server = await startServer();
  try {
    const first = new Client(server);
    await first.login('demo-standard');
    const none = await first.get(PATH);
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.json, DEFAULTS, 'nothing saved yet: the search panel\'s defaults');

    const saved = await put(first, SAVED);
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json, SAVED);
    assert.equal(saved.headers['cache-control'], 'no-store');
    const changed = await put(first, { ...SAVED, status: 'all', start_to: '2026-03-31' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await first.post('/api/v1/auth/logout', {})).status, 200);
    assert.equal((await first.get(PATH)).status, 401, 'only for a logged-in customer');

    const again = new Client(server);  // another screen, the next day
    await again.login('demo-standard');
    assert.deepEqual((await again.get(PATH)).json, { ...SAVED, status: 'all', start_to: '2026-03-31' });

    const other = new Client(server);
    await other.login('demo-basic');
    assert.deepEqual((await other.get(PATH)).json, DEFAULTS, 'another customer\'s conditions are their own');

    // One row per customer, conditions only: no line data is stored.
    const rows = await dbRows(server, 'SELECT conditions FROM line_search_preferences');
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0][0]), { ...SAVED, status: 'all', start_to: '2026-03-31' });
  } finally {
    await server.cleanup();
  }
});

test('line search: bad, invalid or oversized conditions are refused and change nothing', async () => {
  const server = await startServer();
  try {
    const client = new Client(server);
    await client.login('demo-standard');
    assert.equal((await put(client, SAVED)).status, 200);

    const cases = [
      [{ ...SAVED, status: 'some' }, 400, 'bad_field', 'status'],
      [{ ...SAVED, lines: [] }, 400, 'bad_field', 'lines'],
      [{ phone_prefix: '0505805' }, 400, 'bad_field', 'status'],
      [{ ...SAVED, sort: 'password:asc' }, 400, 'bad_field', 'sort'],
      [{ ...SAVED, phone_prefix: '050' }, 400, 'prefix_too_short', 'phone_prefix'],
      [{ ...SAVED, start_from: '2026-02-30' }, 400, 'bad_date', 'start_from'],
      [{ ...SAVED, start_from: '2026-03-01', start_to: '2026-01-01' }, 400, 'date_range_reversed', 'start_to'],
      ['[1,2]', 400, 'bad_json', undefined],
      [JSON.stringify({ ...SAVED, padding: 'x'.repeat(2000) }), 413, 'body_too_large', undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await put(client, body);
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)}: ${res.text}`);
      assert.equal(res.json.error.code, code, res.text);
      if (field) assert.equal(res.json.error.field, field, res.text);
      assert.ok(res.json.error.message && res.json.error.message_en, 'a message in both languages');
    }
    const crossSite = await put(client, SAVED, { 'X-Portal-CSRF': '' });
    assert.equal(crossSite.status, 403, 'the CSRF rules of every state-changing call');
    const anonymous = await request(server.base, 'PUT', PATH, { headers: JSON_HEADERS, body: JSON.stringify(SAVED) });
    assert.equal(anonymous.status, 401);
    assert.deepEqual((await client.get(PATH)).json, SAVED, 'the saved conditions are unchanged');
    assert.equal((await client.get(`${PATH}?all=1`)).status, 400, 'no parameters');
  } finally {
    await server.cleanup();
  }
});
