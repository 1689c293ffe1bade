// Picks the Storage backend from --db: a postgresql:// URI opens PgStorage, anything else is a
// SQLite file path (the embedded default).
#pragma once
#include <memory>
#include <string>

#include "server/secrets.h"
#include "server/settings.h"
#include "server/storage.h"

namespace portal::server {

// Opens and migrates the database; nullptr with `error` set (Japanese and English) when it
// cannot. `schema_version`, when given, receives the version the database is at.
std::unique_ptr<Storage> OpenStorageBackend(const Settings& settings, const Secrets& secrets,
                                            std::string& error, int* schema_version = nullptr);

// Whether servers share the database with other servers (no per-process session cache).
bool IsSharedDatabase(const Settings& settings);

}  // namespace portal::server
