// The one narrow interface between the server and its database: SqliteStorage (one process,
// the embedded default) and PgStorage (several servers behind a load balancer) implement it. Everything here
// speaks plain model values: sealing line passwords at rest is the backend's job, so no caller ever sees
// ciphertext.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
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

// Rows of customers handed to the database in batches (the import of a large file, the demo seed)
// inside ONE transaction: nothing is visible before Commit, and a writer destroyed without Commit
// (or a process killed) leaves the old data whole. Every method throws StorageWriteError.
class StorageWriteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
class CustomerWriter {
  public:
    virtual ~CustomerWriter() = default;
    // Inserts or updates the customer by self-care ID (again later, with more fields, is fine).
    virtual int64_t PutCustomer(const Customer& customer) = 0;
    // Removes the customer's lines, usage and calls, before its new ones are written.
    virtual void ClearRows(int64_t customer_id) = 0;
    virtual void PutLines(int64_t customer_id, const LineStore& lines) = 0;
    virtual void PutUsage(int64_t customer_id, const std::vector<UsageReport>& reports) = 0;
    // One customer's calls in file order; `first_seq` is the number of its calls written before.
    virtual void PutCalls(int64_t customer_id, const std::vector<CallDetail>& calls, int64_t first_seq) = 0;
    virtual void Commit() = 0;
};

struct LoginChallenge {
    std::string id_hash;  // keyed hash of the challenge id handed to the client
    int64_t customer_id = 0;
    std::string code_hash;
    Seconds expires_at = 0;
    Seconds last_sent_at = 0;
    int failures = 0;
    int extensions = 0;  // times the customer asked for more time (an authenticator-app login)
};

struct Session {
    std::string token_hash;
    int64_t customer_id = 0;
    Seconds created_at = 0;
    Seconds last_seen_at = 0;
    std::string address;     // where the login came from
    std::string user_agent;  // the browser that logged in (as sent, cut to 512 bytes)
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

// Failed second steps (e-mailed code, and every later factor) per customer, counted across
// challenges: a right password opens a new challenge, but never resets this count.
struct SecondStepThrottle {
    int64_t customer_id = 0;
    int failures = 0;
    Seconds next_try_at = 0;
    Seconds locked_until = 0;
    Seconds last_failure_at = 0;
};

// A browser that completed a login for a customer: the keyed hash of its device cookie, bound
// to that customer. Wrong passwords sent with it are counted here instead of per ID.
struct KnownDevice {
    int64_t customer_id = 0;
    std::string device_hash;
    Seconds first_seen_at = 0;
    Seconds last_seen_at = 0;
    std::string user_agent;
    int password_failures = 0;
};

// One row of the append-only audit log. customer_id is 0 when the self-care ID as typed
// belongs to nobody; `lines` counts SIP passwords handed out (0 for other events).
struct AuditEvent {
    int64_t id = 0;  // assigned on append, increasing
    Seconds at = 0;
    int64_t customer_id = 0;
    std::string selfcare_id;
    std::string event;   // login_success, login_failure, code_sent, code_failed, lockout, ...
    std::string detail;  // the reason of a failure, a file name, ...
    std::string factor;  // password, email, totp, recovery, device, or empty
    std::string address;
    std::string user_agent;
    int64_t lines = 0;
};

// The customer's authenticator app (TOTP, RFC 6238). The secret is plain here; the backend
// seals it at rest like line passwords. Unconfirmed until a current code from the app is entered.
struct Authenticator {
    int64_t customer_id = 0;
    std::string secret;  // raw bytes (20)
    bool confirmed = false;
    int64_t last_step = 0;  // the newest time step accepted (replay guard)
    Seconds created_at = 0;
    // The customer also keeps the mailed code as a second step (ticked on the security screen).
    bool email_codes = false;
};

class Storage {
  public:
    virtual ~Storage() = default;

    // Makes attempts on the same key (self-care ID, challenge) run one at a time on every server
    // sharing this database, so parallel guesses cannot all pass the throttle before any
    // failure is recorded. nullptr when the database has one server only (the caller's own
    // in-process lock is then enough). Throws when the lock cannot be had in time.
    virtual std::unique_ptr<AttemptLock> LockAttempts(const std::string& key) = 0;
    // The same for the counts kept per customer across challenges (wrong codes), taken inside a
    // LockAttempts (never the other way round) and held only while the count is read and written.
    virtual std::unique_ptr<AttemptLock> LockCustomerCounts(int64_t customer_id) = 0;

    // Customers and their data
    virtual std::optional<Customer> FindCustomerBySelfcareId(const std::string& selfcare_id) = 0;
    virtual std::optional<Customer> FindCustomerById(int64_t id) = 0;
    virtual int64_t CountCustomers() = 0;
    // Inserts or replaces (by self-care ID) every customer with all its data in ONE transaction:
    // either all are written or, on any failure, none. Returns false with `error` set.
    bool ReplaceCustomers(std::vector<CustomerData>& customers, std::string& error);
    // A writer of customers in one transaction. `call_months` (first days, Japan time) are the
    // months the calls to come fall in: a backend that partitions calls by month makes them first.
    virtual std::unique_ptr<CustomerWriter> WriteCustomers(const std::set<DateKey>& call_months) = 0;
    // Replaces one customer's lines only (CSV import), same all-or-nothing rule.
    virtual bool ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) = 0;
    virtual bool LoadLines(int64_t customer_id, LineStore& lines, std::string& error) = 0;
    // The lines as the version 2 payload (PLN2, in `no` order) when the backend keeps one: one
    // query and one unseal, `lines` left empty (nothing decoded), so a cold cache answers /lines
    // at the speed of the disk. Without a usable stored payload the rows are read into `lines`
    // (and a backend that keeps payloads encodes and stores one, returned in `packed_v2`).
    // This default never has one: `packed_v2` is left empty.
    virtual bool LoadLinesPacked(int64_t customer_id, LineStore& lines, std::string& packed_v2,
                                 std::string& error) {
        packed_v2.clear();
        return LoadLines(customer_id, lines, error);
    }
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
    // Moves last_sent_at to `now` if the last mail is at least `interval` old, true only for the
    // one call that did (so parallel resends on two servers send one mail).
    virtual bool ClaimResend(const std::string& id_hash, Seconds now, Seconds interval) = 0;

    // Sessions (keyed by the hash of their token)
    virtual void PutSession(const Session& session) = 0;
    virtual std::optional<Session> FindSession(const std::string& token_hash) = 0;
    // The session and its customer, as every authenticated request needs them: one query where a
    // round trip to the database costs (PostgreSQL), two reads by default.
    virtual std::optional<std::pair<Session, Customer>> FindSessionWithCustomer(
        const std::string& token_hash) {
        auto session = FindSession(token_hash);
        if (!session) return std::nullopt;
        auto customer = FindCustomerById(session->customer_id);
        if (!customer) return std::nullopt;
        return std::make_pair(std::move(*session), std::move(*customer));
    }
    virtual void TouchSession(const std::string& token_hash, Seconds last_seen_at) = 0;
    // True when the session was there to delete (not ended meanwhile by another server or the purge).
    virtual bool DeleteSession(const std::string& token_hash) = 0;
    // The customer's sessions, newest first (expired ones included until the purge).
    virtual std::vector<Session> ListSessions(int64_t customer_id) = 0;
    // Ends every session of the customer but `keep_token_hash`; returns the hashes ended.
    virtual std::vector<std::string> DeleteOtherSessions(int64_t customer_id,
                                                         const std::string& keep_token_hash) = 0;

    // Password-guessing throttle
    virtual LoginThrottle GetThrottle(const std::string& selfcare_id) = 0;
    virtual void PutThrottle(const LoginThrottle& throttle) = 0;
    // Operator unlock: clears the ID's password failures and, when the ID is a customer's, its
    // second-step failures too; false when neither had any recorded.
    virtual bool ClearThrottle(const std::string& selfcare_id) = 0;
    virtual SecondStepThrottle GetSecondStepThrottle(int64_t customer_id) = 0;
    // Stores the row; a row with no failures and no lock is deleted instead.
    virtual void PutSecondStepThrottle(const SecondStepThrottle& throttle) = 0;

    // Device cookies (keyed hashes) of browsers that completed a login, per customer.
    virtual std::optional<KnownDevice> FindKnownDevice(int64_t customer_id,
                                                       const std::string& device_hash) = 0;
    virtual void PutKnownDevice(const KnownDevice& device) = 0;  // insert or replace
    virtual void DeleteKnownDevice(int64_t customer_id, const std::string& device_hash) = 0;

    // Authenticator app and recovery codes.
    virtual std::optional<Authenticator> FindAuthenticator(int64_t customer_id) = 0;
    virtual void PutAuthenticator(const Authenticator& authenticator) = 0;  // insert or replace
    // Removes the authenticator and every recovery code of the customer.
    virtual void DeleteAuthenticator(int64_t customer_id) = 0;
    // Sets the "codes by e-mail too" choice of a confirmed app; false when there is none.
    virtual bool SetAuthenticatorEmailCodes(int64_t customer_id, bool allowed) = 0;
    // Stores `step` as the last accepted one when it is newer; false when it is not (a replay).
    // Atomic, so two servers cannot both accept the same code.
    virtual bool AdvanceAuthenticatorStep(int64_t customer_id, int64_t step) = 0;
    // Replaces all recovery codes of the customer with these keyed hashes.
    virtual void ReplaceRecoveryCodes(int64_t customer_id, const std::vector<std::string>& code_hashes) = 0;
    // Marks the code used; false when it is not the customer's or was used before. Atomic.
    virtual bool UseRecoveryCode(int64_t customer_id, const std::string& code_hash, Seconds now) = 0;
    virtual int CountUnusedRecoveryCodes(int64_t customer_id) = 0;

    // The customer's last line-search conditions as the engine encoded them, or none saved.
    virtual std::optional<std::string> FindLineSearch(int64_t customer_id) = 0;
    virtual void PutLineSearch(int64_t customer_id, const std::string& conditions, Seconds updated_at) = 0;

    // Audit log: append only; rows leave only through PurgeAuditBefore.
    virtual void AppendAudit(const AuditEvent& event) = 0;
    // Every row with from <= at < to_exclusive, oldest first.
    virtual void ForEachAudit(Seconds from, Seconds to_exclusive,
                              const std::function<void(const AuditEvent&)>& visit) = 0;
    // The customer's newest `limit` rows whose event is one of `events`, newest first.
    virtual std::vector<AuditEvent> RecentAudit(int64_t customer_id, const std::vector<std::string>& events,
                                                int limit) = 0;
    // Deletes rows older than `before`; returns how many.
    virtual int64_t PurgeAuditBefore(Seconds before) = 0;

    // Drops expired challenges and sessions, throttle rows (password and second step) that are
    // not locked and have not failed for a day, and devices not seen for 400 days. Each session
    // dropped leaves a `session_expired` audit row (detail `idle` or `absolute`, at the deadline
    // it reached first), written in the same transaction so none is lost or counted twice.
    virtual void PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) = 0;
};

}  // namespace portal::server
