// SqliteStorage: customers, login challenges, sessions and the guessing throttle.
#include "server/sqlite_storage.h"

#include "server/sqlite_schema.h"

namespace portal::server {
namespace {

constexpr const char* kCustomerColumns =
    "id, selfcare_id, password_hash, email, contractor_name, plan, service_name, customer_code, sip_proxy, "
    "sip_domain, charge_plan, call_details, lines_revision";

}  // namespace

SqliteStorage::SqliteStorage(const std::string& path, const Secrets& secrets) : db_(path), secrets_(secrets) {
    schema_version_ = MigrateSchema(db_);
    auto* h = db_.Handle();
    find_session_ = std::make_unique<SqliteStatement>(
        h,
        "SELECT token_hash, customer_id, created_at, last_seen_at, address, user_agent FROM sessions "
        "WHERE token_hash = ?");
    find_customer_by_id_ = std::make_unique<SqliteStatement>(
        h, std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE id = ?");
    touch_session_ =
        std::make_unique<SqliteStatement>(h, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
}

SqliteStorage::~SqliteStorage() = default;

std::optional<Customer> SqliteStorage::ReadCustomer(SqliteStatement& statement) {
    return statement.FirstRow([](SqliteStatement& s) {
        Customer c;
        c.id = s.Int(0);
        c.selfcare_id = s.Text(1);
        c.password_hash = s.Text(2);
        c.email = s.Text(3);
        c.contractor_name = s.Text(4);
        c.plan = s.TextView(5) == "basic" ? PlanKind::Basic : PlanKind::Standard;
        c.service_name = s.Text(6);
        c.customer_code = s.Text(7);
        c.sip_proxy = s.Text(8);
        c.sip_domain = s.Text(9);
        c.charge_plan = s.Text(10);
        c.call_details = s.Int(11) != 0;
        c.lines_revision = s.Int(12);
        return c;
    });
}

std::optional<Customer> SqliteStorage::FindCustomerBySelfcareId(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE selfcare_id = ?");
    return ReadCustomer(s.BindAll(selfcare_id));
}

std::optional<Customer> SqliteStorage::FindCustomerById(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return ReadCustomer(find_customer_by_id_->BindAll(id));
}

int64_t SqliteStorage::CountCustomers() {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), "SELECT COUNT(*) FROM customers");
    return s.FirstRow([](SqliteStatement& row) { return row.Int(0); }).value_or(0);
}

void SqliteStorage::PutChallenge(const LoginChallenge& c) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "INSERT INTO challenges (id_hash, customer_id, code_hash, expires_at, last_sent_at, failures, "
        "extensions) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.Execute(c.id_hash, c.customer_id, c.code_hash, c.expires_at, c.last_sent_at, c.failures, c.extensions);
}

std::optional<LoginChallenge> SqliteStorage::FindChallenge(const std::string& id_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT id_hash, customer_id, code_hash, expires_at, last_sent_at, failures, extensions "
        "FROM challenges WHERE id_hash = ?");
    return s.BindAll(id_hash).FirstRow([](SqliteStatement& row) {
        LoginChallenge c;
        c.id_hash = row.Text(0);
        c.customer_id = row.Int(1);
        c.code_hash = row.Text(2);
        c.expires_at = row.Int(3);
        c.last_sent_at = row.Int(4);
        c.failures = static_cast<int>(row.Int(5));
        c.extensions = static_cast<int>(row.Int(6));
        return c;
    });
}

void SqliteStorage::UpdateChallenge(const std::string& old_id_hash, const LoginChallenge& c) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "UPDATE challenges SET id_hash = ?, code_hash = ?, expires_at = ?, last_sent_at = ?, failures = ?, "
        "extensions = ? WHERE id_hash = ?");
    s.Execute(c.id_hash, c.code_hash, c.expires_at, c.last_sent_at, c.failures, c.extensions, old_id_hash);
}

void SqliteStorage::DeleteChallenge(const std::string& id_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(), "DELETE FROM challenges WHERE id_hash = ?").Execute(id_hash);
}

bool SqliteStorage::ClaimResend(const std::string& id_hash, Seconds now, Seconds interval) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(),
                    "UPDATE challenges SET last_sent_at = ?1 WHERE id_hash = ?2 AND last_sent_at <= ?3")
        .Execute(now, id_hash, now - interval);
    return sqlite3_changes(db_.Handle()) > 0;
}

void SqliteStorage::PutSession(const Session& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, address, user_agent) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s.Execute(session.token_hash, session.customer_id, session.created_at, session.last_seen_at,
              session.address, session.user_agent);
}

std::optional<Session> SqliteStorage::FindSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    return find_session_->BindAll(token_hash).FirstRow([](SqliteStatement& row) {
        return Session{row.Text(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5)};
    });
}

void SqliteStorage::TouchSession(const std::string& token_hash, Seconds last_seen_at) {
    std::lock_guard<std::mutex> lock(mutex_);
    touch_session_->Execute(last_seen_at, token_hash);
}

bool SqliteStorage::DeleteSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(), "DELETE FROM sessions WHERE token_hash = ?").Execute(token_hash);
    return sqlite3_changes(db_.Handle()) > 0;
}

LoginThrottle SqliteStorage::GetThrottle(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT consecutive_failures, next_try_at, locked_until, last_failure_at FROM login_throttle "
        "WHERE selfcare_id = ?");
    LoginThrottle t;
    t.selfcare_id = selfcare_id;
    s.BindAll(selfcare_id).ForEachRow([&t](SqliteStatement& row) {  // the key is unique: 0 or 1 row
        t.consecutive_failures = static_cast<int>(row.Int(0));
        t.next_try_at = row.Int(1);
        t.locked_until = row.Int(2);
        t.last_failure_at = row.Int(3);
    });
    return t;
}

void SqliteStorage::PutThrottle(const LoginThrottle& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (t.consecutive_failures == 0 && t.locked_until == 0) {
        SqliteStatement(db_.Handle(), "DELETE FROM login_throttle WHERE selfcare_id = ?")
            .Execute(t.selfcare_id);
        return;
    }
    SqliteStatement s(
        db_.Handle(),
        "INSERT OR REPLACE INTO login_throttle (selfcare_id, consecutive_failures, next_try_at, "
        "locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)");
    s.Execute(t.selfcare_id, t.consecutive_failures, t.next_try_at, t.locked_until, t.last_failure_at);
}

bool SqliteStorage::ClearThrottle(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(), "DELETE FROM login_throttle WHERE selfcare_id = ?").Execute(selfcare_id);
    const bool had_password_failures = sqlite3_changes(db_.Handle()) > 0;
    SqliteStatement(db_.Handle(),
                    "DELETE FROM second_step_throttle WHERE customer_id = "
                    "(SELECT id FROM customers WHERE selfcare_id = ?)")
        .Execute(selfcare_id);
    return had_password_failures || sqlite3_changes(db_.Handle()) > 0;
}

void SqliteStorage::PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto* h = db_.Handle();
    SqliteStatement(h, "DELETE FROM challenges WHERE expires_at <= ?").Execute(now);
    {
        SqliteTransaction transaction(db_);
        SqliteStatement(
            h,
            "INSERT INTO audit_log (at, customer_id, selfcare_id, event, detail, factor, address, "
            "user_agent, lines) "
            "SELECT min(s.last_seen_at + ?1, s.created_at + ?2), s.customer_id, "
            "coalesce(c.selfcare_id, ''), 'session_expired', "
            "CASE WHEN s.last_seen_at + ?1 <= s.created_at + ?2 THEN 'idle' ELSE 'absolute' END, "
            "'', s.address, s.user_agent, 0 "
            "FROM sessions s LEFT JOIN customers c ON c.id = s.customer_id "
            "WHERE s.last_seen_at <= ?3 OR s.created_at <= ?4")
            .Execute(idle_limit, absolute_limit, now - idle_limit, now - absolute_limit);
        SqliteStatement(h, "DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?")
            .Execute(now - idle_limit, now - absolute_limit);
        transaction.Commit();
    }
    SqliteStatement(h, "DELETE FROM login_throttle WHERE locked_until <= ? AND last_failure_at <= ?")
        .Execute(now, now - 86400);
    SqliteStatement(h, "DELETE FROM second_step_throttle WHERE locked_until <= ? AND last_failure_at <= ?")
        .Execute(now, now - 86400);
    SqliteStatement(h, "DELETE FROM known_devices WHERE last_seen_at <= ?").Execute(now - 400 * 86400);
}

}  // namespace portal::server
