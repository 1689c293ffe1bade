// SqliteStorage: the login trail. Second-step failures per customer, known devices, the
// session list and the append-only audit log.
#include "server/sqlite_storage.h"

namespace portal::server {
namespace {

constexpr const char* kAuditColumns =
    "id, at, customer_id, selfcare_id, event, detail, factor, address, user_agent, lines";

AuditEvent ReadAudit(SqliteStatement& row) {
    AuditEvent e;
    e.id = row.Int(0);
    e.at = row.Int(1);
    e.customer_id = row.Int(2);  // NULL reads as 0
    e.selfcare_id = row.Text(3);
    e.event = row.Text(4);
    e.detail = row.Text(5);
    e.factor = row.Text(6);
    e.address = row.Text(7);
    e.user_agent = row.Text(8);
    e.lines = row.Int(9);
    return e;
}

}  // namespace

std::vector<Session> SqliteStorage::ListSessions(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "SELECT token_hash, customer_id, created_at, last_seen_at, address, user_agent FROM "
                      "sessions WHERE customer_id = ? ORDER BY created_at DESC, token_hash");
    std::vector<Session> sessions;
    s.BindAll(customer_id).ForEachRow([&sessions](SqliteStatement& row) {
        sessions.push_back(
            Session{row.Text(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5)});
    });
    return sessions;
}

std::vector<std::string> SqliteStorage::DeleteOtherSessions(int64_t customer_id,
                                                            const std::string& keep_token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteTransaction transaction(db_);
    std::vector<std::string> ended;
    SqliteStatement(db_.Handle(), "SELECT token_hash FROM sessions WHERE customer_id = ? AND token_hash <> ?")
        .BindAll(customer_id, keep_token_hash)
        .ForEachRow([&ended](SqliteStatement& row) { ended.push_back(row.Text(0)); });
    SqliteStatement(db_.Handle(), "DELETE FROM sessions WHERE customer_id = ? AND token_hash <> ?")
        .Execute(customer_id, keep_token_hash);
    transaction.Commit();
    return ended;
}

SecondStepThrottle SqliteStorage::GetSecondStepThrottle(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SecondStepThrottle t;
    t.customer_id = customer_id;
    SqliteStatement(db_.Handle(),
                    "SELECT failures, next_try_at, locked_until, last_failure_at FROM second_step_throttle "
                    "WHERE customer_id = ?")
        .BindAll(customer_id)
        .ForEachRow([&t](SqliteStatement& row) {
            t.failures = static_cast<int>(row.Int(0));
            t.next_try_at = row.Int(1);
            t.locked_until = row.Int(2);
            t.last_failure_at = row.Int(3);
        });
    return t;
}

void SqliteStorage::PutSecondStepThrottle(const SecondStepThrottle& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (t.failures == 0 && t.locked_until == 0) {
        SqliteStatement(db_.Handle(), "DELETE FROM second_step_throttle WHERE customer_id = ?")
            .Execute(t.customer_id);
        return;
    }
    SqliteStatement(db_.Handle(),
                    "INSERT OR REPLACE INTO second_step_throttle (customer_id, failures, next_try_at, "
                    "locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)")
        .Execute(t.customer_id, t.failures, t.next_try_at, t.locked_until, t.last_failure_at);
}

std::optional<KnownDevice> SqliteStorage::FindKnownDevice(int64_t customer_id,
                                                          const std::string& device_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "SELECT first_seen_at, last_seen_at, user_agent, password_failures FROM known_devices "
                      "WHERE customer_id = ? AND device_hash = ?");
    return s.BindAll(customer_id, device_hash).FirstRow([&](SqliteStatement& row) {
        return KnownDevice{customer_id, device_hash, row.Int(0),
                           row.Int(1),  row.Text(2), static_cast<int>(row.Int(3))};
    });
}

void SqliteStorage::PutKnownDevice(const KnownDevice& d) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(
        db_.Handle(),
        "INSERT OR REPLACE INTO known_devices (customer_id, device_hash, first_seen_at, last_seen_at, "
        "user_agent, password_failures) VALUES (?, ?, ?, ?, ?, ?)")
        .Execute(d.customer_id, d.device_hash, d.first_seen_at, d.last_seen_at, d.user_agent,
                 d.password_failures);
}

void SqliteStorage::DeleteKnownDevice(int64_t customer_id, const std::string& device_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(), "DELETE FROM known_devices WHERE customer_id = ? AND device_hash = ?")
        .Execute(customer_id, device_hash);
}

void SqliteStorage::AppendAudit(const AuditEvent& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "INSERT INTO audit_log (at, customer_id, selfcare_id, event, detail, factor, address, "
                      "user_agent, lines) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?)");
    s.Execute(e.at, e.customer_id, e.selfcare_id, e.event, e.detail, e.factor, e.address, e.user_agent,
              e.lines);
}

void SqliteStorage::ForEachAudit(Seconds from, Seconds to_exclusive,
                                 const std::function<void(const AuditEvent&)>& visit) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), std::string("SELECT ") + kAuditColumns +
                                        " FROM audit_log WHERE at >= ? AND at < ? ORDER BY id");
    s.BindAll(from, to_exclusive).ForEachRow([&visit](SqliteStatement& row) { visit(ReadAudit(row)); });
}

std::vector<AuditEvent> SqliteStorage::RecentAudit(int64_t customer_id,
                                                   const std::vector<std::string>& events, int limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE customer_id = ?1";
    if (!events.empty()) {
        sql += " AND event IN (";
        for (size_t i = 0; i < events.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(i + 3);
        sql += ")";
    }
    sql += " ORDER BY id DESC LIMIT ?2";
    SqliteStatement s(db_.Handle(), sql);
    s.Bind(1, customer_id).Bind(2, limit);
    for (size_t i = 0; i < events.size(); ++i) s.Bind(static_cast<int>(i + 3), events[i]);
    std::vector<AuditEvent> rows;
    s.ForEachRow([&rows](SqliteStatement& row) { rows.push_back(ReadAudit(row)); });
    return rows;
}

int64_t SqliteStorage::PurgeAuditBefore(Seconds before) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(), "DELETE FROM audit_log WHERE at < ?").Execute(before);
    return sqlite3_changes(db_.Handle());
}

}  // namespace portal::server
