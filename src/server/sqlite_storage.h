// Storage on one SQLite file (WAL). One connection guarded by a mutex: requests are short and
// the hot paths (session, customer) use prepared statements kept for the server's lifetime.
#pragma once
#include <memory>
#include <mutex>

#include "server/secrets.h"
#include "server/sqlite_db.h"
#include "server/storage.h"

namespace portal::server {

class SqliteStorage : public Storage {
  public:
    // Opens the file, creating and migrating the schema. Throws SqliteError.
    SqliteStorage(const std::string& path, const Secrets& secrets);
    ~SqliteStorage() override;
    int SchemaVersion() const { return schema_version_; }

    // One process owns the file: AuthService's in-process lock already orders attempts.
    std::unique_ptr<AttemptLock> LockAttempts(const std::string&) override { return nullptr; }
    std::unique_ptr<AttemptLock> LockCustomerCounts(int64_t) override { return nullptr; }
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
    std::optional<Customer> ReadCustomer(SqliteStatement& statement);
    int64_t UpsertCustomer(const Customer& customer);
    void InsertLines(int64_t customer_id, const LineStore& lines);
    // The sealed payload row of `lines`; returns the PLN2 payload it holds.
    std::string WriteLinePayload(int64_t customer_id, const LineStore& lines);
    // The stored PLN2 payload, unsealed (and `sealed`, as stored); false when there is none usable.
    bool ReadLinePayload(int64_t customer_id, std::string& packed_v2, std::string& sealed);
    void RechunkLinePayload(int64_t customer_id, std::string& packed_v2, const std::string& sealed);
    bool ReadLineRows(int64_t customer_id, LineStore& lines, std::string& error);
    friend class SqliteCustomerWriter;  // sqlite_storage_import.cpp

    std::mutex mutex_;
    SqliteDatabase db_;
    const Secrets& secrets_;
    int schema_version_ = 0;
    std::unique_ptr<SqliteStatement> find_session_, find_customer_by_id_, touch_session_;
};

}  // namespace portal::server
