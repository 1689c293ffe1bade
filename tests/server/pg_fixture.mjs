// The PostgreSQL of a whole ctest run (the cluster_pg fixture in CMakeLists.txt):
//   node pg_fixture.mjs start STATE_FILE   starts PostgreSQL, builds the template databases
//                                          (pg_templates.mjs) and writes STATE_FILE
//   node pg_fixture.mjs stop STATE_FILE    stops it and removes its directory and STATE_FILE
// Test processes attach through PORTAL_TEST_PG_STATE=STATE_FILE (harness.mjs); without it, or
// when the instance is gone, a test starts its own. A watchdog stops the instance soon after the
// process that ran `start` (ctest) ends, so a killed run leaves nothing running.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SERVER_BIN } from './harness.mjs';
import { attachPostgres, startPostgres } from './postgres.mjs';
import { buildTemplates } from './pg_templates.mjs';

const WATCH_SECONDS = 2;

function watchdog(watchedPid, dir, stateFile) {
  const postmasterPid = path.join(dir, 'data', 'postmaster.pid');
  const script = `while kill -0 ${watchedPid} 2>/dev/null; do sleep ${WATCH_SECONDS}; done
[ -f '${postmasterPid}' ] && kill -QUIT "$(head -1 '${postmasterPid}')" 2>/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do [ -f '${postmasterPid}' ] || break; sleep 0.5; done
grep -qF '${dir}' '${stateFile}' 2>/dev/null && rm -f '${stateFile}'
rm -rf '${dir}'`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid;
}

async function start(stateFile) {
  if (existsSync(stateFile)) stop(stateFile);  // a run killed before its watchdog fired
  const pg = await startPostgres({ keep: true });
  try {
    const templates = await buildTemplates(pg, SERVER_BIN);
    const watchdogPid = watchdog(process.ppid, pg.dir, stateFile);
    writeFileSync(stateFile, JSON.stringify({ ...pg.state, templates, watchdogPid }));
    console.log(`PostgreSQL on 127.0.0.1:${pg.port} (${pg.dir}), templates ${templates.migrated}, ${templates.demo}`);
  } catch (error) {
    pg.stop('immediate');
    rmSync(pg.dir, { recursive: true, force: true });
    throw error;
  }
}

function stop(stateFile) {
  if (!existsSync(stateFile)) return console.log('no PostgreSQL to stop');
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  try { process.kill(state.watchdogPid, 'SIGKILL'); } catch { /* already gone */ }
  const pg = attachPostgres(state);
  const started = Date.now();
  try { pg.stop('immediate'); } catch (error) { console.log(`stop: ${error.message}`); }
  const stopped = Date.now();
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
  console.log(`PostgreSQL on 127.0.0.1:${state.port} stopped in ${stopped - started} ms, its files removed in ${Date.now() - stopped} ms`);
}

const [command, stateFile] = process.argv.slice(2);
if (!stateFile || !['start', 'stop'].includes(command)) {
  console.error('usage: node pg_fixture.mjs start|stop STATE_FILE');
  process.exit(2);
}
if (command === 'start') await start(path.resolve(stateFile));
else stop(path.resolve(stateFile));
