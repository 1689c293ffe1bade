// A large customer for the usage and call-detail tests and benchmark: 100,000 numbers
// with usage in two months and 100,000 calls of one number, written as the server's import JSON
// (docs/server.md) and loaded with `portal-server --import` into a running test server's database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { DEMO_PASSWORD } from '../lib/demo.mjs';
import { serverBinary } from './server.mjs';

export const BIG_ID = 'bench-reports';
export const BIG_PHONE = '05090000001';  // the number with 100,000 calls
export const BIG_MONTHS = ['2026-10', '2026-09'];
// The server and the import must seal line passwords with the same key; a fixed test key keeps
// them independent of var/secret.key, which other runs may create or replace meanwhile.
export const REPORTS_SERVER_ENV = { PORTAL_SECRET_KEY: '5e'.repeat(32) };

// Small deterministic generator so every run sees the same data.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function bigCustomer({ numbers = 100000, calls = 100000, lines = 1000 } = {}) {
  const next = random(20261125);
  const phone = (i) => `0509${pad(i + 1, 7)}`;
  const customer = {
    selfcare_id: BIG_ID, password: DEMO_PASSWORD, email: 'bench@example.jp',
    contractor_name: '大量明細株式会社', plan: 'standard', service_name: 'IP電話サービス',
    customer_code: 'C9100', charge_plan: '3分課金プラン', call_details: true,
    lines: [], usage: [], calls: [],
  };
  for (let i = 0; i < lines; i++) {
    customer.lines.push({ no: i + 1, phone: phone(i), start_date: '2020-04-01', channels: 2 });
  }
  for (const month of BIG_MONTHS) {
    for (let i = 0; i < numbers; i++) {
      const count = Math.floor(next() * 60);
      const seconds = count * Math.floor(30 + next() * 300);
      customer.usage.push({ month, phone: phone(i), call_count: count, call_seconds: seconds,
                            charge_yen: Math.floor(seconds / 180) * 9 + (count ? 9 : 0) });
    }
  }
  // Calls spread over September to November 2026 (as-of 2026-11-25).
  const start = Date.UTC(2026, 8, 1) / 1000;
  const span = 85 * 86400;
  for (let i = 0; i < calls; i++) {
    const t = new Date((start + Math.floor((i / calls) * span)) * 1000);
    const duration = Math.floor(5 + next() * 900);
    customer.calls.push({
      phone: BIG_PHONE,
      start: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
             `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
      destination: `0${Math.floor(next() < 0.5 ? 3 : 90)}${pad(Math.floor(next() * 1e8), 8)}`,
      duration_seconds: duration,
      charge_yen: Math.ceil(duration / 180) * 9,
    });
  }
  return { customers: [customer] };
}

// Writes the file and imports it into `server`'s database (the server may be running).
export function importBigCustomer(server, options) {
  const file = path.join(server.dir, 'big-reports.json');
  fs.writeFileSync(file, JSON.stringify(bigCustomer(options)));
  const result = spawnSync(serverBinary(), ['--import', file, '--db', server.db], {
    cwd: process.cwd(), env: { ...process.env, ...server.extraEnv, PORTAL_AS_OF: server.asOf }, encoding: 'utf8', timeout: 300000,
  });
  fs.rmSync(file, { force: true });
  if (result.status !== 0) throw new Error(`import failed (${result.status}): ${result.stderr || result.stdout}`);
}
