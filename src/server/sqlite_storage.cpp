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
    MigrateSchema(db_);
    auto* h = db_.Handle();
    find_session_ = std::make_unique<SqliteStatement>(
        h, "SELECT token_hash, customer_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?");
    find_customer_by_id_ = std::make_unique<SqliteStatement>(
        h, std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE id = ?");
    touch_session_ =
        std::make_unique<SqliteStatement>(h, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
}

SqliteStorage::~SqliteStorage() = default;

std::optional<Customer> SqliteStorage::ReadCustomer(SqliteStatement& s) {
    std::optional<Customer> found;
    if (s.Step()) {
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
        found = std::move(c);
    }
    s.Reset();
    return found;
}

std::optional<Customer> SqliteStorage::FindCustomerBySelfcareId(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      std::string("SELECT ") + kCustomerColumns + " FROM customers WHERE selfcare_id = ?");
    s.Bind(1, selfcare_id);
    return ReadCustomer(s);
}

std::optional<Customer> SqliteStorage::FindCustomerById(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    find_customer_by_id_->Bind(1, id);
    return ReadCustomer(*find_customer_by_id_);
}

int64_t SqliteStorage::CountCustomers() {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), "SELECT COUNT(*) FROM customers");
    s.Step();
    return s.Int(0);
}

void SqliteStorage::PutChallenge(const LoginChallenge& c) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "INSERT INTO challenges (id_hash, customer_id, code_hash, expires_at, last_sent_at, failures) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s.Bind(1, c.id_hash).Bind(2, c.customer_id).Bind(3, c.code_hash).Bind(4, c.expires_at);
    s.Bind(5, c.last_sent_at).Bind(6, static_cast<int64_t>(c.failures)).Run();
}

std::optional<LoginChallenge> SqliteStorage::FindChallenge(const std::string& id_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT id_hash, customer_id, code_hash, expires_at, last_sent_at, failures FROM challenges "
        "WHERE id_hash = ?");
    s.Bind(1, id_hash);
    if (!s.Step()) return std::nullopt;
    LoginChallenge c;
    c.id_hash = s.Text(0);
    c.customer_id = s.Int(1);
    c.code_hash = s.Text(2);
    c.expires_at = s.Int(3);
    c.last_sent_at = s.Int(4);
    c.failures = static_cast<int>(s.Int(5));
    return c;
}

void SqliteStorage::UpdateChallenge(const std::string& old_id_hash, const LoginChallenge& c) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "UPDATE challenges SET id_hash = ?, code_hash = ?, expires_at = ?, last_sent_at = ?, failures = ? "
        "WHERE id_hash = ?");
    s.Bind(1, c.id_hash).Bind(2, c.code_hash).Bind(3, c.expires_at).Bind(4, c.last_sent_at);
    s.Bind(5, static_cast<int64_t>(c.failures)).Bind(6, old_id_hash).Run();
}

void SqliteStorage::DeleteChallenge(const std::string& id_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), "DELETE FROM challenges WHERE id_hash = ?");
    s.Bind(1, id_hash).Run();
}

void SqliteStorage::PutSession(const Session& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)");
    s.Bind(1, session.token_hash).Bind(2, session.customer_id).Bind(3, session.created_at);
    s.Bind(4, session.last_seen_at).Run();
}

std::optional<Session> SqliteStorage::FindSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& s = *find_session_;
    s.Bind(1, token_hash);
    std::optional<Session> found;
    if (s.Step()) found = Session{s.Text(0), s.Int(1), s.Int(2), s.Int(3)};
    s.Reset();
    return found;
}

void SqliteStorage::TouchSession(const std::string& token_hash, Seconds last_seen_at) {
    std::lock_guard<std::mutex> lock(mutex_);
    touch_session_->Bind(1, last_seen_at).Bind(2, token_hash).Run();
}

void SqliteStorage::DeleteSession(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), "DELETE FROM sessions WHERE token_hash = ?");
    s.Bind(1, token_hash).Run();
}

LoginThrottle SqliteStorage::GetThrottle(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT consecutive_failures, next_try_at, locked_until, last_failure_at FROM login_throttle "
        "WHERE selfcare_id = ?");
    s.Bind(1, selfcare_id);
    LoginThrottle t;
    t.selfcare_id = selfcare_id;
    if (s.Step()) {
        t.consecutive_failures = static_cast<int>(s.Int(0));
        t.next_try_at = s.Int(1);
        t.locked_until = s.Int(2);
        t.last_failure_at = s.Int(3);
    }
    return t;
}

void SqliteStorage::PutThrottle(const LoginThrottle& t) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (t.consecutive_failures == 0 && t.locked_until == 0) {
        SqliteStatement s(db_.Handle(), "DELETE FROM login_throttle WHERE selfcare_id = ?");
        s.Bind(1, t.selfcare_id).Run();
        return;
    }
    SqliteStatement s(
        db_.Handle(),
        "INSERT OR REPLACE INTO login_throttle (selfcare_id, consecutive_failures, next_try_at, "
        "locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)");
    s.Bind(1, t.selfcare_id).Bind(2, static_cast<int64_t>(t.consecutive_failures)).Bind(3, t.next_try_at);
    s.Bind(4, t.locked_until).Bind(5, t.last_failure_at).Run();
}

bool SqliteStorage::ClearThrottle(const std::string& selfcare_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(), "DELETE FROM login_throttle WHERE selfcare_id = ?");
    s.Bind(1, selfcare_id).Run();
    return sqlite3_changes(db_.Handle()) > 0;
}

void SqliteStorage::PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement challenges(db_.Handle(), "DELETE FROM challenges WHERE expires_at <= ?");
    challenges.Bind(1, now).Run();
    SqliteStatement sessions(db_.Handle(), "DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?");
    sessions.Bind(1, now - idle_limit).Bind(2, now - absolute_limit).Run();
    SqliteStatement throttles(db_.Handle(),
                              "DELETE FROM login_throttle WHERE locked_until <= ? AND last_failure_at <= ?");
    throttles.Bind(1, now).Bind(2, now - 86400).Run();
}

}  // namespace portal::server
