// PgStorage: what a customer keeps between logins (the line-search conditions).
#include "server/pg_storage.h"

namespace portal::server {

std::optional<std::string> PgStorage::FindLineSearch(int64_t customer_id) {
    PgResult r = pool_.Take()->Run("find_line_search",
                                   "SELECT conditions FROM line_search_preferences WHERE customer_id = $1",
                                   {customer_id});
    if (r.Rows() == 0) return std::nullopt;
    return r.Text(0, 0);
}

void PgStorage::PutLineSearch(int64_t customer_id, const std::string& conditions, Seconds updated_at) {
    pool_.Take()->Run(
        "put_line_search",
        "INSERT INTO line_search_preferences (customer_id, conditions, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (customer_id) DO UPDATE SET conditions = excluded.conditions, "
        "updated_at = excluded.updated_at",
        {customer_id, conditions, updated_at});
}

}  // namespace portal::server
