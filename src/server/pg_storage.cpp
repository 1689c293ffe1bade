// PgStorage: connection, customers, login challenges, sessions and the guessing throttle.
#include "server/pg_storage.h"

#include "server/pg_schema.h"

namespace portal::server {
namespace {

constexpr const char* kCustomerColumns =
    "SELECT id, selfcare_id, password_hash, email, contractor_name, plan, service_name, customer_code, "
    "sip_proxy, sip_domain, charge_plan, call_details, lines_revision FROM customers ";

std::optional<Customer> ReadCustomer(const PgResult& r) {
    if (r.Rows() == 0) return std::nullopt;
    Customer c;
    c.id = r.Int(0, 0);
    c.selfcare_id = r.Text(0, 1);
    c.password_hash = r.Text(0, 2);
    c.email = r.Text(0, 3);
    c.contractor_name = r.Text(0, 4);
    c.plan = r.TextView(0, 5) == "basic" ? PlanKind::Basic : PlanKind::Standard;
    c.service_name = r.Text(0, 6);
    c.customer_code = r.Text(0, 7);
    c.sip_proxy = r.Text(0, 8);
    c.sip_domain = r.Text(0, 9);
    c.charge_plan = r.Text(0, 10);
    c.call_details = r.Bool(0, 11);
    c.lines_revision = r.Int(0, 12);
    return c;
}

LoginThrottle ReadThrottle(const std::string& selfcare_id, const PgResult& r) {
    LoginThrottle t;
    t.selfcare_id = selfcare_id;
    if (r.Rows() == 0) return t;
    t.consecutive_failures = static_cast<int>(r.Int(0, 0));
    t.next_try_at = r.Int(0, 1);
    t.locked_until = r.Int(0, 2);
    t.last_failure_at = r.Int(0, 3);
    return t;
}

class PgAttemptLock : public AttemptLock {
  public:
    PgAttemptLock(PgPool::Lease lease, std::string key) : lease_(std::move(lease)), key_(std::move(key)) {
        // Bounded: a wait past this ends in a PgError (503), never a hung request.
        lease_->Exec("SET lock_timeout = '10s'");
        lease_->Run("attempt_lock", "SELECT pg_advisory_lock(hashtextextended($1, 0))", {key_});
    }
    ~PgAttemptLock() override {
        try {
            lease_->Run("attempt_unlock", "SELECT pg_advisory_unlock(hashtextextended($1, 0))", {key_});
        } catch (const PgError&) {  // a broken connection: the lock ended with its session
        }
    }

  private:
    PgPool::Lease lease_;
    std::string key_;
};

}  // namespace

std::unique_ptr<AttemptLock> PgStorage::LockAttempts(const std::string& key) {
    return std::make_unique<PgAttemptLock>(lock_pool_.Take(), key);
}

std::unique_ptr<AttemptLock> PgStorage::LockCustomerCounts(int64_t customer_id) {
    return std::make_unique<PgAttemptLock>(count_lock_pool_.Take(),
                                           "customer-counts:" + std::to_string(customer_id));
}

bool IsPostgresUrl(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

PgStorage::PgStorage(const std::string& conninfo, size_t pool_size, const Secrets& secrets)
    : pool_(conninfo, pool_size),
      lock_pool_(conninfo, pool_size),
      count_lock_pool_(conninfo, pool_size),
      secrets_(secrets) {
    auto conn = pool_.Take();
    schema_version_ = MigratePgSchema(*conn);
}

std::optional<Customer> PgStorage::FindCustomerBySelfcareId(const std::string& selfcare_id) {
    static const std::string sql = std::string(kCustomerColumns) + "WHERE selfcare_id = $1";
    return ReadCustomer(pool_.Take()->Run("customer_by_selfcare_id", sql.c_str(), {selfcare_id}));
}

std::optional<Customer> PgStorage::FindCustomerById(int64_t id) {
    static const std::string sql = std::string(kCustomerColumns) + "WHERE id = $1";
    return ReadCustomer(pool_.Take()->Run("customer_by_id", sql.c_str(), {id}));
}

int64_t PgStorage::CountCustomers() {
    return pool_.Take()->Run("count_customers", "SELECT COUNT(*) FROM customers", {}).Int(0, 0);
}

void PgStorage::PutChallenge(const LoginChallenge& c) {
    pool_.Take()->Run(
        "put_challenge",
        "INSERT INTO challenges (id_hash, customer_id, code_hash, expires_at, last_sent_at, "
        "failures, extensions) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {c.id_hash, c.customer_id, c.code_hash, c.expires_at, c.last_sent_at, c.failures, c.extensions});
}

std::optional<LoginChallenge> PgStorage::FindChallenge(const std::string& id_hash) {
    PgResult r =
        pool_.Take()->Run("find_challenge",
                          "SELECT id_hash, customer_id, code_hash, expires_at, last_sent_at, failures, "
                          "extensions FROM challenges WHERE id_hash = $1",
                          {id_hash});
    if (r.Rows() == 0) return std::nullopt;
    LoginChallenge c;
    c.id_hash = r.Text(0, 0);
    c.customer_id = r.Int(0, 1);
    c.code_hash = r.Text(0, 2);
    c.expires_at = r.Int(0, 3);
    c.last_sent_at = r.Int(0, 4);
    c.failures = static_cast<int>(r.Int(0, 5));
    c.extensions = static_cast<int>(r.Int(0, 6));
    return c;
}

void PgStorage::UpdateChallenge(const std::string& old_id_hash, const LoginChallenge& c) {
    pool_.Take()->Run(
        "update_challenge",
        "UPDATE challenges SET id_hash = $1, code_hash = $2, expires_at = $3, last_sent_at = $4, "
        "failures = $5, extensions = $6 WHERE id_hash = $7",
        {c.id_hash, c.code_hash, c.expires_at, c.last_sent_at, c.failures, c.extensions, old_id_hash});
}

void PgStorage::DeleteChallenge(const std::string& id_hash) {
    pool_.Take()->Run("delete_challenge", "DELETE FROM challenges WHERE id_hash = $1", {id_hash});
}

bool PgStorage::ClaimResend(const std::string& id_hash, Seconds now, Seconds interval) {
    return pool_.Take()
               ->Run("claim_resend",
                     "UPDATE challenges SET last_sent_at = $1 WHERE id_hash = $2 AND last_sent_at <= $3",
                     {now, id_hash, now - interval})
               .Affected() > 0;
}

void PgStorage::PutSession(const Session& s) {
    pool_.Take()->Run("put_session",
                      "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, address, "
                      "user_agent) VALUES ($1, $2, $3, $4, $5, $6)",
                      {s.token_hash, s.customer_id, s.created_at, s.last_seen_at, s.address, s.user_agent});
}

std::optional<Session> PgStorage::FindSession(const std::string& token_hash) {
    PgResult r = pool_.Take()->Run(
        "find_session",
        "SELECT token_hash, customer_id, created_at, last_seen_at, address, user_agent FROM sessions "
        "WHERE token_hash = $1",
        {token_hash});
    if (r.Rows() == 0) return std::nullopt;
    return Session{r.Text(0, 0), r.Int(0, 1), r.Int(0, 2), r.Int(0, 3), r.Text(0, 4), r.Text(0, 5)};
}

std::optional<std::pair<Session, Customer>> PgStorage::FindSessionWithCustomer(
    const std::string& token_hash) {
    // The customer's columns first, as ReadCustomer reads them, then the session's.
    PgResult r = pool_.Take()->Run(
        "find_session_with_customer",
        "SELECT id, selfcare_id, password_hash, email, contractor_name, plan, service_name, customer_code, "
        "sip_proxy, sip_domain, charge_plan, call_details, lines_revision, token_hash, customer_id, "
        "created_at, "
        "last_seen_at, address, user_agent FROM sessions JOIN customers ON customers.id = "
        "sessions.customer_id "
        "WHERE token_hash = $1",
        {token_hash});
    auto customer = ReadCustomer(r);
    if (!customer) return std::nullopt;
    Session session{r.Text(0, 13), r.Int(0, 14), r.Int(0, 15), r.Int(0, 16), r.Text(0, 17), r.Text(0, 18)};
    return std::make_pair(std::move(session), std::move(*customer));
}

void PgStorage::TouchSession(const std::string& token_hash, Seconds last_seen_at) {
    // GREATEST: two servers touching at once never move the idle timer backwards. Every
    // server's session cache hears of it (pg_session_listener.h), as of every change below.
    pool_.Take()->Run("touch_session",
                      "UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $1) WHERE token_hash = $2 "
                      "RETURNING pg_notify('portal_sessions', 't ' || token_hash || ' ' || last_seen_at)",
                      {last_seen_at, token_hash});
}

bool PgStorage::DeleteSession(const std::string& token_hash) {
    return pool_.Take()
               ->Run("delete_session",
                     "DELETE FROM sessions WHERE token_hash = $1 "
                     "RETURNING pg_notify('portal_sessions', 's ' || token_hash)",
                     {token_hash})
               .Affected() > 0;
}

LoginThrottle PgStorage::GetThrottle(const std::string& selfcare_id) {
    return ReadThrottle(selfcare_id,
                        pool_.Take()->Run("get_throttle",
                                          "SELECT consecutive_failures, next_try_at, locked_until, "
                                          "last_failure_at FROM login_throttle WHERE selfcare_id = $1",
                                          {selfcare_id}));
}

void PgStorage::PutThrottle(const LoginThrottle& t) {
    auto conn = pool_.Take();
    if (t.consecutive_failures == 0 && t.locked_until == 0) {
        conn->Run("clear_throttle", "DELETE FROM login_throttle WHERE selfcare_id = $1", {t.selfcare_id});
        return;
    }
    conn->Run("put_throttle",
              "INSERT INTO login_throttle (selfcare_id, consecutive_failures, next_try_at, locked_until, "
              "last_failure_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (selfcare_id) DO UPDATE SET "
              "consecutive_failures = excluded.consecutive_failures, next_try_at = excluded.next_try_at, "
              "locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at",
              {t.selfcare_id, t.consecutive_failures, t.next_try_at, t.locked_until, t.last_failure_at});
}

bool PgStorage::ClearThrottle(const std::string& selfcare_id) {
    auto conn = pool_.Take();
    const bool had_password_failures =
        conn->Run("clear_throttle", "DELETE FROM login_throttle WHERE selfcare_id = $1", {selfcare_id})
            .Affected() > 0;
    const bool had_code_failures = conn->Run("clear_second_step",
                                             "DELETE FROM second_step_throttle WHERE customer_id = "
                                             "(SELECT id FROM customers WHERE selfcare_id = $1)",
                                             {selfcare_id})
                                       .Affected() > 0;
    return had_password_failures || had_code_failures;
}

void PgStorage::PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) {
    auto conn = pool_.Take();
    conn->Run("purge_challenges", "DELETE FROM challenges WHERE expires_at <= $1", {now});
    // One statement: the rows deleted are the rows audited, even with two servers purging at once.
    conn->Run(
        "purge_sessions",
        "WITH ended AS (DELETE FROM sessions WHERE last_seen_at <= $3 OR created_at <= $4 "
        "RETURNING customer_id, created_at, last_seen_at, address, user_agent) "
        "INSERT INTO audit_log (at, customer_id, selfcare_id, event, detail, factor, address, user_agent, "
        "lines) "
        "SELECT least(e.last_seen_at + $1, e.created_at + $2), e.customer_id, coalesce(c.selfcare_id, ''), "
        "'session_expired', "
        "CASE WHEN e.last_seen_at + $1 <= e.created_at + $2 THEN 'idle' ELSE 'absolute' END, "
        "'', e.address, e.user_agent, 0 FROM ended e LEFT JOIN customers c ON c.id = e.customer_id",
        {idle_limit, absolute_limit, now - idle_limit, now - absolute_limit});
    conn->Run("purge_throttle",
              "DELETE FROM login_throttle WHERE locked_until <= $1 AND last_failure_at <= $2",
              {now, now - 86400});
    conn->Run("purge_second_step",
              "DELETE FROM second_step_throttle WHERE locked_until <= $1 AND last_failure_at <= $2",
              {now, now - 86400});
    conn->Run("purge_devices", "DELETE FROM known_devices WHERE last_seen_at <= $1", {now - 400 * 86400});
}

}  // namespace portal::server
