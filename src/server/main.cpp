// portal-server: the 050 Portal API server (serve, --import FILE, --unlock ID, --audit-export FROM TO,
// --migrate).
#include <sys/stat.h>

#include <cstdio>

#include "server/server_app.h"
#include "server/settings.h"
#include "server/sqlite_db.h"

int main(int argc, char** argv) {
    // The database holds password hashes and the outbox holds login codes: owner-only files.
    umask(077);
    portal::server::Settings settings;
    std::string error;
    if (!portal::server::LoadSettings(argc, argv, settings, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 64;
    }
    if (settings.show_help) {
        std::fputs(portal::server::SettingsHelp().c_str(), stdout);
        return 0;
    }
    try {
        if (!settings.import_file.empty()) return portal::server::RunImport(settings);
        if (!settings.unlock_id.empty()) return portal::server::RunUnlock(settings);
        if (settings.migrate) return portal::server::RunMigrate(settings);
        if (settings.audit_export) return portal::server::RunAuditExport(settings);
        return portal::server::RunServer(settings);
    } catch (const portal::server::SqliteError& e) {  // e.g. an unreadable or locked database
        std::fprintf(stderr, "データベースのエラー / database error: %s\n", e.message.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "エラー / error: %s\n", e.what());
    }
    return 1;
}
