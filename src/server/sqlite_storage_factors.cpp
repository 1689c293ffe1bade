// SqliteStorage: the authenticator app (secret sealed at rest) and recovery codes.
#include "server/sqlite_storage.h"

namespace portal::server {

std::optional<Authenticator> SqliteStorage::FindAuthenticator(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "SELECT secret, confirmed, last_step, created_at, email_codes FROM authenticators "
                      "WHERE customer_id = ?");
    auto found = s.BindAll(customer_id).FirstRow([&](SqliteStatement& row) {
        Authenticator a;
        a.customer_id = customer_id;
        if (!secrets_.Open(row.TextView(0), a.secret))
            throw SqliteError{"authenticator secret of customer " + std::to_string(customer_id) +
                              " cannot be opened with this key"};
        a.confirmed = row.Int(1) != 0;
        a.last_step = row.Int(2);
        a.created_at = row.Int(3);
        a.email_codes = row.Int(4) != 0;
        return a;
    });
    return found;
}

void SqliteStorage::PutAuthenticator(const Authenticator& a) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string sealed = secrets_.Seal(a.secret);
    SqliteStatement(
        db_.Handle(),
        "INSERT OR REPLACE INTO authenticators (customer_id, secret, confirmed, last_step, created_at, "
        "email_codes) VALUES (?, ?, ?, ?, ?, ?)")
        .Execute(a.customer_id, SqliteBlob{sealed}, a.confirmed, a.last_step, a.created_at, a.email_codes);
}

void SqliteStorage::DeleteAuthenticator(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteTransaction transaction(db_);
    SqliteStatement(db_.Handle(), "DELETE FROM authenticators WHERE customer_id = ?").Execute(customer_id);
    SqliteStatement(db_.Handle(), "DELETE FROM recovery_codes WHERE customer_id = ?").Execute(customer_id);
    transaction.Commit();
}

bool SqliteStorage::SetAuthenticatorEmailCodes(int64_t customer_id, bool allowed) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(),
                    "UPDATE authenticators SET email_codes = ? WHERE customer_id = ? AND confirmed = 1")
        .Execute(allowed, customer_id);
    return sqlite3_changes(db_.Handle()) == 1;
}

bool SqliteStorage::AdvanceAuthenticatorStep(int64_t customer_id, int64_t step) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(),
                    "UPDATE authenticators SET last_step = ? WHERE customer_id = ? AND last_step < ?")
        .Execute(step, customer_id, step);
    return sqlite3_changes(db_.Handle()) == 1;
}

void SqliteStorage::ReplaceRecoveryCodes(int64_t customer_id, const std::vector<std::string>& code_hashes) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteTransaction transaction(db_);
    SqliteStatement(db_.Handle(), "DELETE FROM recovery_codes WHERE customer_id = ?").Execute(customer_id);
    SqliteStatement insert(db_.Handle(),
                           "INSERT INTO recovery_codes (customer_id, code_hash, used_at) VALUES (?, ?, 0)");
    for (const std::string& hash : code_hashes) insert.Execute(customer_id, hash);
    transaction.Commit();
}

bool SqliteStorage::UseRecoveryCode(int64_t customer_id, const std::string& code_hash, Seconds now) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(
        db_.Handle(),
        "UPDATE recovery_codes SET used_at = ? WHERE customer_id = ? AND code_hash = ? AND used_at = 0")
        .Execute(now, customer_id, code_hash);
    return sqlite3_changes(db_.Handle()) == 1;
}

int SqliteStorage::CountUnusedRecoveryCodes(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "SELECT COUNT(*) FROM recovery_codes WHERE customer_id = ? AND used_at = 0");
    return static_cast<int>(
        s.BindAll(customer_id).FirstRow([](SqliteStatement& row) { return row.Int(0); }).value_or(0));
}

}  // namespace portal::server
