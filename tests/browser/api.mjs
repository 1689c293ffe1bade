// The server's own answers, asked with the browser context's session cookie (context.request
// shares the context's cookie jar): what the browser shows is checked against these.

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function getOk(context, url, headers) {
  const res = await context.request.get(url, { headers, failOnStatusCode: false });
  if (res.status() !== 200) {
    throw new Error(`GET ${url} -> ${res.status()}: ${(await res.text()).slice(0, 500)}`);
  }
  return res;
}

// Columnar JSON ({"version":1,"count":N,"columns":{"no":[..],...}}) to one object per row.
export function rowsFromColumns(payload) {
  const columns = payload.columns || {};
  const keys = Object.keys(columns);
  const count = payload.count ?? (keys.length ? columns[keys[0]].length : 0);
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = {};
    for (const key of keys) row[key] = columns[key][i];
    rows[i] = row;
  }
  return rows;
}

export async function apiLines(context, params = {}) {
  const res = await getOk(context, `/api/v1/lines${query(params)}`, { Accept: 'application/json' });
  const payload = await res.json();
  return { count: payload.count, rows: rowsFromColumns(payload), payload };
}

export async function apiContract(context) {
  return (await getOk(context, '/api/v1/contract', { Accept: 'application/json' })).json();
}

// {bytes, fileName} of the server's CSV for the same parameters.
export async function apiCsv(context, params = {}) {
  const res = await getOk(context, `/api/v1/lines.csv${query(params)}`, {});
  const disposition = res.headers()['content-disposition'] || '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { bytes: Buffer.from(await res.body()), fileName: m ? decodeURIComponent(m[1]) : null };
}

// Status of an API call without failing on errors (for 401 checks after logout or expiry).
export async function apiStatus(context, pathAndQuery) {
  const res = await context.request.get(pathAndQuery, { failOnStatusCode: false });
  return { status: res.status(), body: await res.text() };
}

// A row of the server's JSON as the table displays it (LineStore::FormatCell): dates as
// 2022/08/17, channels 0 blank, passwords masked unless revealed.
export function displayCells(row, columnKeys, { revealed = false } = {}) {
  return columnKeys.map((key) => {
    const value = row[key];
    if (key === 'start_date' || key === 'end_date') return value ? value.replace(/-/g, '/') : '';
    if (key === 'channels') return value ? String(value) : '';
    if ((key === 'line_password' || key === 'service_password') && !revealed) return value ? '******' : '';
    return String(value ?? '');
  });
}

// The earliest year the サービス開始日 drop-downs offer for these lines (see setStartDate).
export function minStartYear(rows, asOf) {
  let year = Number(asOf.slice(0, 4));
  for (const row of rows) if (row.start_date) year = Math.min(year, Number(row.start_date.slice(0, 4)));
  return year;
}
