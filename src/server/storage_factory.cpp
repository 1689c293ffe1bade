// Storage backend selection.
#include "server/storage_factory.h"

#include <filesystem>

#include "server/pg_storage.h"
#include "server/sqlite_storage.h"

namespace portal::server {

bool IsSharedDatabase(const Settings& settings) {
    return IsPostgresUrl(settings.db_path);
}

std::unique_ptr<Storage> OpenStorageBackend(const Settings& settings, const Secrets& secrets,
                                            std::string& error, int* schema_version) {
    try {
        if (IsPostgresUrl(settings.db_path)) {
            auto storage =
                std::make_unique<PgStorage>(settings.db_path, static_cast<size_t>(settings.db_pool), secrets);
            if (schema_version) *schema_version = storage->SchemaVersion();
            return storage;
        }
        std::error_code ec;
        auto parent = std::filesystem::path(settings.db_path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
        auto storage = std::make_unique<SqliteStorage>(settings.db_path, secrets);
        if (schema_version) *schema_version = storage->SchemaVersion();
        return storage;
    } catch (const SqliteError& e) {
        error = e.message;
    } catch (const PgError& e) {
        error = e.what();
    }
    return nullptr;
}

}  // namespace portal::server
