// The demo customers seeded on first start (invented values, never real people).
#pragma once
#include <string>
#include <vector>

#include "engine/date.h"
#include "server/password_hasher.h"
#include "server/storage.h"

namespace portal::server {

constexpr const char* kDemoPassword = "Demo-2026-portal";

struct DemoLogin {
    std::string selfcare_id;
    std::string description;
};
std::vector<DemoLogin> DemoLogins();

// Builds the four demo customers. `large_lines` sizes demo-large (100,000 by default; tests use
// fewer to start quickly). Usage and call records cover the 13 whole months before `as_of`.
std::vector<CustomerData> BuildDemoCustomers(PasswordHasher& hasher, DateKey as_of, size_t large_lines);

// Seeds the demo customers when the database has no customers yet. Returns false with `error`.
bool SeedDemoDataIfEmpty(Storage& storage, PasswordHasher& hasher, DateKey as_of, size_t large_lines,
                         std::string& error);

}  // namespace portal::server
