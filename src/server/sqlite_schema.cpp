// Schema migrations. Append new steps to kMigrations; never edit a released one.
#include "server/sqlite_schema.h"

#include <iterator>

namespace portal::server {
namespace {

const char* const kMigrations[] = {
    // 1: customers, lines (passwords sealed), usage, call details, auth state.
    R"sql(
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  selfcare_id TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  contractor_name TEXT NOT NULL,
  plan TEXT NOT NULL CHECK (plan IN ('standard', 'basic')),
  service_name TEXT NOT NULL,
  customer_code TEXT NOT NULL,
  sip_proxy TEXT NOT NULL,
  sip_domain TEXT NOT NULL,
  charge_plan TEXT NOT NULL,
  call_details INTEGER NOT NULL DEFAULT 0,
  lines_revision INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE lines (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  phone TEXT NOT NULL,
  account_id TEXT NOT NULL,
  line_password BLOB NOT NULL,
  service_password BLOB NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  channels INTEGER NOT NULL,
  caller_id_number TEXT NOT NULL,
  hunt_group TEXT NOT NULL,
  mobile_choice TEXT NOT NULL,
  PRIMARY KEY (customer_id, no)
) WITHOUT ROWID;
CREATE TABLE usage (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  phone TEXT NOT NULL,
  call_count INTEGER NOT NULL,
  call_seconds INTEGER NOT NULL,
  charge_yen INTEGER NOT NULL,
  PRIMARY KEY (customer_id, month, phone)
) WITHOUT ROWID;
CREATE TABLE calls (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  phone TEXT NOT NULL,
  start INTEGER NOT NULL,
  destination TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  charge_yen INTEGER NOT NULL
);
CREATE INDEX calls_by_phone ON calls (customer_id, phone, start);
CREATE TABLE challenges (
  id_hash TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  last_sent_at INTEGER NOT NULL,
  failures INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE TABLE login_throttle (
  selfcare_id TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL,
  next_try_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
);
)sql",
    // 2: when an ID last failed, so throttle rows of IDs nobody has tried for a day can be purged
    // (guesses at made-up IDs must not grow the table forever).
    R"sql(
ALTER TABLE login_throttle ADD COLUMN last_failure_at INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3: the trail of logins. Failed second steps counted per customer across challenges;
    // browsers that completed a login (device cookie, hashed per customer); where and in which
    // browser each session started; the append-only audit log (rows leave only by the purge
    // after 13 months, so UPDATE is refused outright).
    R"sql(
CREATE TABLE second_step_throttle (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  failures INTEGER NOT NULL,
  next_try_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
);
CREATE TABLE known_devices (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  user_agent TEXT NOT NULL,
  password_failures INTEGER NOT NULL,
  PRIMARY KEY (customer_id, device_hash)
) WITHOUT ROWID;
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_customer ON sessions (customer_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  customer_id INTEGER,
  selfcare_id TEXT NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  factor TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  lines INTEGER NOT NULL
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_customer ON audit_log (customer_id, id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
)sql",
    // 4: the authenticator app (TOTP secret sealed like line passwords; the last accepted time
    // step, so a code is refused for the rest of its window) and its ten recovery codes (keyed
    // hashes, each usable once).
    R"sql(
CREATE TABLE authenticators (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  secret BLOB NOT NULL,
  confirmed INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE recovery_codes (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER NOT NULL,
  PRIMARY KEY (customer_id, code_hash)
) WITHOUT ROWID;
)sql",
    // 5: each customer's lines also as one sealed blob (a lines payload, see format), written
    // in the same transaction as the rows, so loading a million lines is one read and one unseal
    // instead of a million rows and two million unseals. `format` names the payload inside;
    // a row of another format (or none: databases from before this step) is rebuilt from the rows.
    R"sql(
CREATE TABLE line_payloads (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  sealed_payload BLOB NOT NULL
);
)sql",
    // 6: a customer with an authenticator app may keep the mailed code as a second way in; off
    // unless they tick it.
    R"sql(
ALTER TABLE authenticators ADD COLUMN email_codes INTEGER NOT NULL DEFAULT 0;
)sql",
    // 7: the customer's last line-search conditions (the engine's encoded payload, never line
    // data), so that logging in again after an idle logout finds them.
    R"sql(
CREATE TABLE line_search_preferences (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  conditions TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql",
    // 8: how often an authenticator-app login was given more time, so that it stays bounded.
    R"sql(
ALTER TABLE challenges ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0;
)sql",
};

}  // namespace

int MigrateSchema(SqliteDatabase& db) {
    const auto has_table = [&db](const char* name) {
        return SqliteStatement(db.Handle(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
            .BindAll(name)
            .FirstRow([](SqliteStatement&) { return true; })
            .value_or(false);
    };
    // Tables without a recorded version were not made by this server's history: changing them
    // could lose data, so the operator is told instead (before anything is written).
    if (has_table("customers") && !has_table("schema_version"))
        throw SqliteError{
            "データベースに版の記録がないテーブルがあります。このサーバの作ったデータベースではありません / "
            "the database has portal tables but no schema version: it was not made by this server, so it is "
            "left unchanged"};
    db.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const int version = static_cast<int>(SqliteStatement(db.Handle(), "SELECT version FROM schema_version")
                                             .FirstRow([](SqliteStatement& row) { return row.Int(0); })
                                             .value_or(0));
    const int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest)
        throw SqliteError{"データベースがこのサーバより新しい版です / database schema version " +
                          std::to_string(version) + " is newer than this server (" + std::to_string(latest) +
                          ")"};
    for (int step = version; step < latest; ++step) {
        SqliteTransaction transaction(db);
        db.Exec(kMigrations[step]);
        db.Exec("DELETE FROM schema_version");
        db.Exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(step + 1) + ")");
        transaction.Commit();
    }
    return latest;
}

}  // namespace portal::server
