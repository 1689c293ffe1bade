// PgStorage: the login trail and second factors. Second-step failures per customer, known
// devices, the session list, the append-only audit log, the authenticator app (secret sealed
// at rest) and recovery codes.
#include "server/pg_storage.h"

namespace portal::server {
namespace {

constexpr const char* kAuditSelect =
    "SELECT id, at, COALESCE(customer_id, 0), selfcare_id, event, detail, factor, address, user_agent, lines "
    "FROM audit_log ";

AuditEvent ReadAudit(const PgResult& r, int row) {
    AuditEvent e;
    e.id = r.Int(row, 0);
    e.at = r.Int(row, 1);
    e.customer_id = r.Int(row, 2);
    e.selfcare_id = r.Text(row, 3);
    e.event = r.Text(row, 4);
    e.detail = r.Text(row, 5);
    e.factor = r.Text(row, 6);
    e.address = r.Text(row, 7);
    e.user_agent = r.Text(row, 8);
    e.lines = r.Int(row, 9);
    return e;
}

}  // namespace

std::vector<Session> PgStorage::ListSessions(int64_t customer_id) {
    PgResult r =
        pool_.Take()->Run("list_sessions",
                          "SELECT token_hash, customer_id, created_at, last_seen_at, address, user_agent "
                          "FROM sessions WHERE customer_id = $1 ORDER BY created_at DESC, token_hash",
                          {customer_id});
    std::vector<Session> sessions;
    for (int row = 0; row < r.Rows(); ++row)
        sessions.push_back(Session{r.Text(row, 0), r.Int(row, 1), r.Int(row, 2), r.Int(row, 3),
                                   r.Text(row, 4), r.Text(row, 5)});
    return sessions;
}

std::vector<std::string> PgStorage::DeleteOtherSessions(int64_t customer_id,
                                                        const std::string& keep_token_hash) {
    PgResult r = pool_.Take()->Run("delete_other_sessions",
                                   "DELETE FROM sessions WHERE customer_id = $1 AND token_hash <> $2 "
                                   "RETURNING token_hash, pg_notify('portal_sessions', 's ' || token_hash)",
                                   {customer_id, keep_token_hash});
    std::vector<std::string> ended;
    for (int row = 0; row < r.Rows(); ++row) ended.push_back(r.Text(row, 0));
    return ended;
}

SecondStepThrottle PgStorage::GetSecondStepThrottle(int64_t customer_id) {
    PgResult r = pool_.Take()->Run("get_second_step",
                                   "SELECT failures, next_try_at, locked_until, last_failure_at FROM "
                                   "second_step_throttle WHERE customer_id = $1",
                                   {customer_id});
    SecondStepThrottle t;
    t.customer_id = customer_id;
    if (r.Rows() == 0) return t;
    t.failures = static_cast<int>(r.Int(0, 0));
    t.next_try_at = r.Int(0, 1);
    t.locked_until = r.Int(0, 2);
    t.last_failure_at = r.Int(0, 3);
    return t;
}

void PgStorage::PutSecondStepThrottle(const SecondStepThrottle& t) {
    auto conn = pool_.Take();
    if (t.failures == 0 && t.locked_until == 0) {
        conn->Run("delete_second_step", "DELETE FROM second_step_throttle WHERE customer_id = $1",
                  {t.customer_id});
        return;
    }
    conn->Run("put_second_step",
              "INSERT INTO second_step_throttle (customer_id, failures, next_try_at, locked_until, "
              "last_failure_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (customer_id) DO UPDATE SET "
              "failures = excluded.failures, next_try_at = excluded.next_try_at, "
              "locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at",
              {t.customer_id, t.failures, t.next_try_at, t.locked_until, t.last_failure_at});
}

std::optional<KnownDevice> PgStorage::FindKnownDevice(int64_t customer_id, const std::string& device_hash) {
    PgResult r = pool_.Take()->Run("find_device",
                                   "SELECT first_seen_at, last_seen_at, user_agent, password_failures FROM "
                                   "known_devices WHERE customer_id = $1 AND device_hash = $2",
                                   {customer_id, device_hash});
    if (r.Rows() == 0) return std::nullopt;
    return KnownDevice{customer_id, device_hash,  r.Int(0, 0),
                       r.Int(0, 1), r.Text(0, 2), static_cast<int>(r.Int(0, 3))};
}

void PgStorage::PutKnownDevice(const KnownDevice& d) {
    pool_.Take()->Run(
        "put_device",
        "INSERT INTO known_devices (customer_id, device_hash, first_seen_at, last_seen_at, "
        "user_agent, password_failures) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (customer_id, device_hash) DO UPDATE SET first_seen_at = excluded.first_seen_at, "
        "last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent, "
        "password_failures = excluded.password_failures",
        {d.customer_id, d.device_hash, d.first_seen_at, d.last_seen_at, d.user_agent, d.password_failures});
}

void PgStorage::DeleteKnownDevice(int64_t customer_id, const std::string& device_hash) {
    pool_.Take()->Run("delete_device",
                      "DELETE FROM known_devices WHERE customer_id = $1 AND device_hash = $2",
                      {customer_id, device_hash});
}

std::optional<Authenticator> PgStorage::FindAuthenticator(int64_t customer_id) {
    PgResult r = pool_.Take()->Run("find_authenticator",
                                   "SELECT secret, confirmed, last_step, created_at, email_codes FROM "
                                   "authenticators WHERE customer_id = $1",
                                   {customer_id});
    if (r.Rows() == 0) return std::nullopt;
    Authenticator a;
    a.customer_id = customer_id;
    std::string sealed;
    if (!r.Bytes(0, 0, sealed) || !secrets_.Open(sealed, a.secret))
        throw PgError("authenticator secret of customer " + std::to_string(customer_id) +
                      " cannot be opened with this key");
    a.confirmed = r.Bool(0, 1);
    a.last_step = r.Int(0, 2);
    a.created_at = r.Int(0, 3);
    a.email_codes = r.Bool(0, 4);
    return a;
}

void PgStorage::PutAuthenticator(const Authenticator& a) {
    const std::string sealed = secrets_.Seal(a.secret);
    pool_.Take()->Run(
        "put_authenticator",
        "INSERT INTO authenticators (customer_id, secret, confirmed, last_step, created_at, email_codes) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id) DO UPDATE SET "
        "secret = excluded.secret, confirmed = excluded.confirmed, last_step = excluded.last_step, "
        "created_at = excluded.created_at, email_codes = excluded.email_codes",
        {a.customer_id, PgBytes{sealed}, a.confirmed, a.last_step, a.created_at, a.email_codes});
}

void PgStorage::DeleteAuthenticator(int64_t customer_id) {
    auto conn = pool_.Take();
    PgTransaction transaction(*conn);
    conn->Run("delete_authenticator", "DELETE FROM authenticators WHERE customer_id = $1", {customer_id});
    conn->Run("delete_recovery_codes", "DELETE FROM recovery_codes WHERE customer_id = $1", {customer_id});
    transaction.Commit();
}

bool PgStorage::SetAuthenticatorEmailCodes(int64_t customer_id, bool allowed) {
    return pool_.Take()
               ->Run("set_email_codes",
                     "UPDATE authenticators SET email_codes = $1 WHERE customer_id = $2 AND confirmed",
                     {allowed, customer_id})
               .Affected() == 1;
}

bool PgStorage::AdvanceAuthenticatorStep(int64_t customer_id, int64_t step) {
    return pool_.Take()
               ->Run("advance_step",
                     "UPDATE authenticators SET last_step = $1 WHERE customer_id = $2 AND last_step < $1",
                     {step, customer_id})
               .Affected() == 1;
}

void PgStorage::ReplaceRecoveryCodes(int64_t customer_id, const std::vector<std::string>& code_hashes) {
    auto conn = pool_.Take();
    PgTransaction transaction(*conn);
    conn->Run("delete_recovery_codes", "DELETE FROM recovery_codes WHERE customer_id = $1", {customer_id});
    for (const std::string& hash : code_hashes)
        conn->Run("insert_recovery_code",
                  "INSERT INTO recovery_codes (customer_id, code_hash, used_at) VALUES ($1, $2, 0)",
                  {customer_id, hash});
    transaction.Commit();
}

bool PgStorage::UseRecoveryCode(int64_t customer_id, const std::string& code_hash, Seconds now) {
    return pool_.Take()
               ->Run("use_recovery_code",
                     "UPDATE recovery_codes SET used_at = $1 WHERE customer_id = $2 AND code_hash = $3 "
                     "AND used_at = 0",
                     {now, customer_id, code_hash})
               .Affected() == 1;
}

int PgStorage::CountUnusedRecoveryCodes(int64_t customer_id) {
    return static_cast<int>(
        pool_.Take()
            ->Run("count_recovery_codes",
                  "SELECT COUNT(*) FROM recovery_codes WHERE customer_id = $1 AND used_at = 0", {customer_id})
            .Int(0, 0));
}

void PgStorage::AppendAudit(const AuditEvent& e) {
    pool_.Take()->Run(
        "append_audit",
        "INSERT INTO audit_log (at, customer_id, selfcare_id, event, detail, factor, address, "
        "user_agent, lines) VALUES ($1, NULLIF($2::bigint, 0), $3, $4, $5, $6, $7, $8, $9)",
        {e.at, e.customer_id, e.selfcare_id, e.event, e.detail, e.factor, e.address, e.user_agent, e.lines});
}

void PgStorage::ForEachAudit(Seconds from, Seconds to_exclusive,
                             const std::function<void(const AuditEvent&)>& visit) {
    static const std::string sql = std::string(kAuditSelect) + "WHERE at >= $1 AND at < $2 ORDER BY id";
    PgResult r = pool_.Take()->Run("audit_range", sql.c_str(), {from, to_exclusive});
    for (int row = 0; row < r.Rows(); ++row) visit(ReadAudit(r, row));
}

std::vector<AuditEvent> PgStorage::RecentAudit(int64_t customer_id, const std::vector<std::string>& events,
                                               int limit) {
    // The event list is one array parameter, so one prepared statement serves every list.
    static const std::string sql =
        std::string(kAuditSelect) +
        "WHERE customer_id = $1 AND (cardinality($3::text[]) = 0 OR event = ANY($3::text[])) "
        "ORDER BY id DESC LIMIT $2";
    std::string array = "{";
    for (size_t i = 0; i < events.size(); ++i) {
        if (i) array += ',';
        array += '"';
        for (char c : events[i]) {
            if (c == '"' || c == '\\') array += '\\';
            array += c;
        }
        array += '"';
    }
    array += '}';
    PgResult r = pool_.Take()->Run("recent_audit", sql.c_str(), {customer_id, limit, array});
    std::vector<AuditEvent> rows;
    for (int row = 0; row < r.Rows(); ++row) rows.push_back(ReadAudit(r, row));
    return rows;
}

int64_t PgStorage::PurgeAuditBefore(Seconds before) {
    return pool_.Take()->Run("purge_audit", "DELETE FROM audit_log WHERE at < $1", {before}).Affected();
}

}  // namespace portal::server
