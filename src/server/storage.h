// The one narrow interface between the server and its database: SqliteStorage (one process,
// the embedded default) and PgStorage (several servers behind a load balancer) implement it. Everything here
// speaks plain model values: sealing line passwords at rest is the backend's job, so no caller ever sees
// ciphertext.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace portal::server {

using Seconds = int64_t;  // Unix time

struct Customer {
    int64_t id = 0;
    std::string selfcare_id;
    std::string password_hash;  // Argon2id string
    std::string email;
    std::string contractor_name;
    PlanKind plan = PlanKind::Standard;
    std::string service_name;
    std::string customer_code;
    std::string sip_proxy;
    std::string sip_domain;
    std::string charge_plan;
    bool call_details = false;
    int64_t lines_revision = 0;  // bumped whenever the lines change (cache key)
};

// A customer with everything an import or the demo seed writes for it.
struct CustomerData {
    Customer customer;
    LineStore lines;
    std::vector<UsageReport> usage;  // one report per month ("YYYY-MM")
    std::vector<CallDetail> calls;
};

struct LoginChallenge {
    std::string id_hash;  // keyed hash of the challenge id handed to the client
    int64_t customer_id = 0;
    std::string code_hash;
    Seconds expires_at = 0;
    Seconds last_sent_at = 0;
    int failures = 0;
};

struct Session {
    std::string token_hash;
    int64_t customer_id = 0;
    Seconds created_at = 0;
    Seconds last_seen_at = 0;
};

// Failed-password bookkeeping per self-care ID as typed, kept for IDs that do not exist too, so
// the answers never tell whether an ID exists.
struct LoginThrottle {
    std::string selfcare_id;
    int consecutive_failures = 0;
    Seconds next_try_at = 0;
    Seconds locked_until = 0;
    Seconds last_failure_at = 0;
};

// Held while one login attempt runs; released when destroyed.
class AttemptLock {
  public:
    virtual ~AttemptLock() = default;
};

class Storage {
  public:
    virtual ~Storage() = default;

    // Makes attempts on the same key (self-care ID, challenge) run one at a time on every server
    // sharing this database, so parallel guesses cannot all pass the throttle before any
    // failure is recorded. nullptr when the database has one server only (the caller's own
    // in-process lock is then enough). Throws when the lock cannot be had in time.
    virtual std::unique_ptr<AttemptLock> LockAttempts(const std::string& key) = 0;

    // Customers and their data
    virtual std::optional<Customer> FindCustomerBySelfcareId(const std::string& selfcare_id) = 0;
    virtual std::optional<Customer> FindCustomerById(int64_t id) = 0;
    virtual int64_t CountCustomers() = 0;
    // Inserts or replaces (by self-care ID) every customer with all its data in ONE transaction:
    // either all are written or, on any failure, none. Returns false with `error` set.
    virtual bool ReplaceCustomers(std::vector<CustomerData>& customers, std::string& error) = 0;
    // Replaces one customer's lines only (CSV import), same all-or-nothing rule.
    virtual bool ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) = 0;
    virtual bool LoadLines(int64_t customer_id, LineStore& lines, std::string& error) = 0;
    virtual std::vector<std::string> UsageMonths(int64_t customer_id) = 0;  // newest first
    virtual std::vector<UsageRow> Usage(int64_t customer_id, const std::string& month) = 0;
    virtual std::vector<CallDetail> CallDetails(int64_t customer_id, const std::string& phone, Seconds from,
                                                Seconds to_exclusive) = 0;

    // Login challenges (keyed by the hash of their id)
    virtual void PutChallenge(const LoginChallenge& challenge) = 0;
    virtual std::optional<LoginChallenge> FindChallenge(const std::string& id_hash) = 0;
    // Replaces the row stored under `old_id_hash` (resend rotates the id).
    virtual void UpdateChallenge(const std::string& old_id_hash, const LoginChallenge& challenge) = 0;
    virtual void DeleteChallenge(const std::string& id_hash) = 0;
    // The steps that servers sharing the database may race on, each one atomic statement:
    // counts a wrong code and returns the new count (nullopt when the challenge is gone);
    virtual std::optional<int> CountCodeFailure(const std::string& id_hash) = 0;
    // deletes the challenge, true only for the one call that removed it (a code is used once);
    virtual bool ConsumeChallenge(const std::string& id_hash) = 0;
    // moves last_sent_at to `now` if the last mail is at least `interval` old, true only for the
    // one call that did (so parallel resends on two servers send one mail).
    virtual bool ClaimResend(const std::string& id_hash, Seconds now, Seconds interval) = 0;

    // Sessions (keyed by the hash of their token)
    virtual void PutSession(const Session& session) = 0;
    virtual std::optional<Session> FindSession(const std::string& token_hash) = 0;
    virtual void TouchSession(const std::string& token_hash, Seconds last_seen_at) = 0;
    virtual void DeleteSession(const std::string& token_hash) = 0;

    // Password-guessing throttle
    virtual LoginThrottle GetThrottle(const std::string& selfcare_id) = 0;
    virtual void PutThrottle(const LoginThrottle& throttle) = 0;
    // Counts one wrong password in one atomic statement, so failures on several servers at once
    // are each counted once (no lost update). A lock that has run out starts a fresh count;
    // reaching `lock_after` locks the ID for `lock_seconds`. Returns the row after the change, or
    // nullopt (nothing counted) when the ID is locked at `now`.
    virtual std::optional<LoginThrottle> CountPasswordFailure(const std::string& selfcare_id, Seconds now,
                                                              int lock_after, Seconds lock_seconds) = 0;
    // Moves next_try_at later, never earlier (a parallel failure may have set a longer delay).
    virtual void DelayNextTry(const std::string& selfcare_id, Seconds next_try_at) = 0;
    // Operator unlock; false when the ID had no failures recorded.
    virtual bool ClearThrottle(const std::string& selfcare_id) = 0;

    // Drops expired challenges and sessions, and throttle rows of IDs that are not locked and
    // have not failed for a day.
    virtual void PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) = 0;
};

}  // namespace portal::server
