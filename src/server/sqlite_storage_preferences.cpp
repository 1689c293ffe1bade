// SqliteStorage: what a customer keeps between logins (the line-search conditions).
#include "server/sqlite_storage.h"

namespace portal::server {

std::optional<std::string> SqliteStorage::FindLineSearch(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return SqliteStatement(db_.Handle(),
                           "SELECT conditions FROM line_search_preferences WHERE customer_id = ?")
        .BindAll(customer_id)
        .FirstRow([](SqliteStatement& row) { return row.Text(0); });
}

void SqliteStorage::PutLineSearch(int64_t customer_id, const std::string& conditions, Seconds updated_at) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement(db_.Handle(),
                    "INSERT OR REPLACE INTO line_search_preferences (customer_id, conditions, updated_at) "
                    "VALUES (?, ?, ?)")
        .Execute(customer_id, conditions, updated_at);
}

}  // namespace portal::server
