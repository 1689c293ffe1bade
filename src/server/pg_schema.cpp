// PostgreSQL migrations. Step N here is step N of sqlite_schema.cpp: append, never edit.
#include "server/pg_schema.h"

#include <iterator>

namespace portal::server {
namespace {

const char* const kMigrations[] = {
    // 1: customers, lines (passwords sealed), usage, call details, auth state. Call details are
    // range-partitioned on their start (one partition per month, created by the import), so a
    // query over 13 months touches 13 small indexes and an old month is dropped whole; `seq`
    // keeps the imported order of calls that start in the same second.
    R"sql(
CREATE TABLE customers (
  id BIGSERIAL PRIMARY KEY,
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
  call_details BOOLEAN NOT NULL DEFAULT false,
  lines_revision BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE lines (
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  phone TEXT NOT NULL,
  account_id TEXT NOT NULL,
  line_password BYTEA NOT NULL,
  service_password BYTEA NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  channels INTEGER NOT NULL,
  caller_id_number TEXT NOT NULL,
  hunt_group TEXT NOT NULL,
  mobile_choice TEXT NOT NULL,
  PRIMARY KEY (customer_id, no)
);
CREATE TABLE usage (
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  phone TEXT NOT NULL,
  call_count BIGINT NOT NULL,
  call_seconds BIGINT NOT NULL,
  charge_yen BIGINT NOT NULL,
  PRIMARY KEY (customer_id, month, phone)
);
CREATE TABLE calls (
  customer_id BIGINT NOT NULL,
  phone TEXT NOT NULL,
  start BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  destination TEXT NOT NULL,
  duration_seconds BIGINT NOT NULL,
  charge_yen BIGINT NOT NULL
) PARTITION BY RANGE (start);
CREATE TABLE calls_other PARTITION OF calls DEFAULT;
CREATE INDEX calls_by_phone ON calls (customer_id, phone, start, seq);
CREATE TABLE challenges (
  id_hash TEXT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_sent_at BIGINT NOT NULL,
  failures INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE TABLE login_throttle (
  selfcare_id TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL,
  next_try_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL
);
)sql",
    // 2: when an ID last failed, so throttle rows of IDs nobody has tried for a day can be purged.
    R"sql(
ALTER TABLE login_throttle ADD COLUMN last_failure_at BIGINT NOT NULL DEFAULT 0;
)sql",
    // 3: the trail of logins: second-step failures per customer, known devices, where each session
    // started, and the append-only audit log (UPDATE refused by a trigger).
    R"sql(
CREATE TABLE second_step_throttle (
  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  failures INTEGER NOT NULL,
  next_try_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL
);
CREATE TABLE known_devices (
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  user_agent TEXT NOT NULL,
  password_failures INTEGER NOT NULL,
  PRIMARY KEY (customer_id, device_hash)
);
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_customer ON sessions (customer_id);
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  customer_id BIGINT,
  selfcare_id TEXT NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  factor TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  lines BIGINT NOT NULL
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_customer ON audit_log (customer_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
)sql",
    // 4: the authenticator app (secret sealed) and its recovery codes (keyed hashes, used once).
    R"sql(
CREATE TABLE authenticators (
  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  secret BYTEA NOT NULL,
  confirmed BOOLEAN NOT NULL,
  last_step BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE recovery_codes (
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, code_hash)
);
)sql",
    // 5: the sealed per-customer lines payload, written with the rows at import; a cold cache
    // reads it instead of the rows.
    R"sql(
CREATE TABLE line_payloads (
  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  sealed_payload BYTEA NOT NULL
);
)sql",
    // 6: the mailed code kept beside the authenticator app, when the customer ticks it.
    R"sql(
ALTER TABLE authenticators ADD COLUMN email_codes BOOLEAN NOT NULL DEFAULT FALSE;
)sql",
    // 7: the customer's last line-search conditions (the engine's encoded payload, never line data).
    R"sql(
CREATE TABLE line_search_preferences (
  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  conditions TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql",
    // 8: how often an authenticator-app login was given more time (bounded).
    R"sql(
ALTER TABLE challenges ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0;
)sql",
};

constexpr const char* kUnknownSchema =
    "データベースに版の記録がないテーブルがあります。このサーバの作ったデータベースではありません / "
    "the database has portal tables but no schema version: it was not made by this server, so it is left "
    "unchanged";

// Any constant both servers agree on: the advisory lock that serializes migrations.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(5005050)";

}  // namespace

int MigratePgSchema(PgConnection& conn) {
    const int latest = static_cast<int>(std::size(kMigrations));
    for (;;) {
        PgTransaction transaction(conn);
        conn.Exec(kMigrationLock);
        conn.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        PgResult current = conn.Exec("SELECT version FROM schema_version");
        const int version = current.Rows() ? static_cast<int>(current.Int(0, 0)) : 0;
        if (version > latest)
            throw PgError("データベースがこのサーバより新しい版です / database schema version " +
                          std::to_string(version) + " is newer than this server (" + std::to_string(latest) +
                          ")");
        // Tables without a recorded version were not made by this server's history: changing them
        // could lose data, so the operator is told instead.
        if (version == 0 && conn.Exec("SELECT to_regclass('customers') IS NOT NULL").Text(0, 0) == "t")
            throw PgError(kUnknownSchema);
        if (version == latest) {
            transaction.Commit();
            return latest;
        }
        conn.Exec(kMigrations[version]);
        conn.Exec("DELETE FROM schema_version");
        conn.Exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(version + 1) + ")");
        transaction.Commit();
    }
}

}  // namespace portal::server
