// Storage on PostgreSQL, for several portal servers sharing one database. Each call leases a
// connection from a small pool; statements are prepared once per connection; bulk writes use
// COPY inside one transaction, so an import is all-or-nothing even if the process is killed.
#pragma once
#include <functional>

#include "server/pg_db.h"
#include "server/secrets.h"
#include "server/storage.h"

namespace portal::server {

class PgStorage : public Storage {
  public:
    // Connects (conninfo: a postgresql:// URI or key=value string) and migrates the schema.
    // Throws PgError when the database is unreachable or newer than this server.
    PgStorage(const std::string& conninfo, size_t pool_size, const Secrets& secrets);
    int SchemaVersion() const { return schema_version_; }

    // A session-level advisory lock on a connection of its own pool (so a held lock never
    // starves the queries of the attempt it guards).
    std::unique_ptr<AttemptLock> LockAttempts(const std::string& key) override;
    std::unique_ptr<AttemptLock> LockCustomerCounts(int64_t customer_id) override;
    std::optional<Customer> FindCustomerBySelfcareId(const std::string& selfcare_id) override;
    std::optional<Customer> FindCustomerById(int64_t id) override;
    int64_t CountCustomers() override;
    std::unique_ptr<CustomerWriter> WriteCustomers(const std::set<DateKey>& call_months) override;
    bool ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) override;
    bool LoadLines(int64_t customer_id, LineStore& lines, std::string& error) override;
    bool LoadLinesPacked(int64_t customer_id, LineStore& lines, std::string& packed_v2,
                         std::string& error) override;
    std::vector<std::string> UsageMonths(int64_t customer_id) override;
    std::vector<UsageRow> Usage(int64_t customer_id, const std::string& month) override;
    std::vector<CallDetail> CallDetails(int64_t customer_id, const std::string& phone, Seconds from,
                                        Seconds to_exclusive) override;

    void PutChallenge(const LoginChallenge& challenge) override;
    std::optional<LoginChallenge> FindChallenge(const std::string& id_hash) override;
    void UpdateChallenge(const std::string& old_id_hash, const LoginChallenge& challenge) override;
    void DeleteChallenge(const std::string& id_hash) override;
    bool ClaimResend(const std::string& id_hash, Seconds now, Seconds interval) override;

    void PutSession(const Session& session) override;
    std::optional<Session> FindSession(const std::string& token_hash) override;
    std::optional<std::pair<Session, Customer>> FindSessionWithCustomer(
        const std::string& token_hash) override;
    void TouchSession(const std::string& token_hash, Seconds last_seen_at) override;
    bool DeleteSession(const std::string& token_hash) override;

    LoginThrottle GetThrottle(const std::string& selfcare_id) override;
    void PutThrottle(const LoginThrottle& throttle) override;
    bool ClearThrottle(const std::string& selfcare_id) override;

    std::vector<Session> ListSessions(int64_t customer_id) override;
    std::vector<std::string> DeleteOtherSessions(int64_t customer_id,
                                                 const std::string& keep_token_hash) override;

    SecondStepThrottle GetSecondStepThrottle(int64_t customer_id) override;
    void PutSecondStepThrottle(const SecondStepThrottle& throttle) override;
    std::optional<KnownDevice> FindKnownDevice(int64_t customer_id, const std::string& device_hash) override;
    void PutKnownDevice(const KnownDevice& device) override;
    void DeleteKnownDevice(int64_t customer_id, const std::string& device_hash) override;

    std::optional<Authenticator> FindAuthenticator(int64_t customer_id) override;
    void PutAuthenticator(const Authenticator& authenticator) override;
    void DeleteAuthenticator(int64_t customer_id) override;
    bool SetAuthenticatorEmailCodes(int64_t customer_id, bool allowed) override;
    bool AdvanceAuthenticatorStep(int64_t customer_id, int64_t step) override;
    void ReplaceRecoveryCodes(int64_t customer_id, const std::vector<std::string>& code_hashes) override;
    bool UseRecoveryCode(int64_t customer_id, const std::string& code_hash, Seconds now) override;
    int CountUnusedRecoveryCodes(int64_t customer_id) override;

    std::optional<std::string> FindLineSearch(int64_t customer_id) override;
    void PutLineSearch(int64_t customer_id, const std::string& conditions, Seconds updated_at) override;

    void AppendAudit(const AuditEvent& event) override;
    void ForEachAudit(Seconds from, Seconds to_exclusive,
                      const std::function<void(const AuditEvent&)>& visit) override;
    std::vector<AuditEvent> RecentAudit(int64_t customer_id, const std::vector<std::string>& events,
                                        int limit) override;
    int64_t PurgeAuditBefore(Seconds before) override;

    void PurgeExpired(Seconds now, Seconds idle_limit, Seconds absolute_limit) override;

  private:
    // Monthly partitions of `calls` for every month the calls fall in, each in its own short
    // transaction before the import's (creating one locks the parent table).
    void EnsureCallPartitions(const std::set<DateKey>& months);
    void CopyLines(PgConnection& conn, const std::vector<std::pair<int64_t, const LineStore*>>& lines);
    // The sealed PLN2 payload beside the rows (line_payloads), written in the rows' transaction.
    // `replace` false keeps a payload an import wrote meanwhile (it is at least as new).
    void RechunkLinePayload(int64_t customer_id, std::string& packed_v2, const std::string& sealed);
    std::string WriteLinePayload(PgConnection& conn, int64_t customer_id, const LineStore& lines,
                                 bool replace);

    PgPool pool_;
    PgPool lock_pool_;
    // Customer count locks are taken while an attempt lock is held: their own connections, so
    // requests holding every attempt-lock connection cannot starve them.
    PgPool count_lock_pool_;
    const Secrets& secrets_;
    int schema_version_ = 0;
};

// Whether --db names a PostgreSQL database rather than a SQLite file.
bool IsPostgresUrl(const std::string& db);

}  // namespace portal::server
