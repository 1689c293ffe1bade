// Wires settings, storage, mail, auth and routes into a running HTTP(S) server.
#pragma once
#include "server/settings.h"

namespace portal::server {

// Serves until SIGINT/SIGTERM; returns the process exit code.
int RunServer(const Settings& settings);
// Operator commands; each returns the process exit code.
int RunImport(const Settings& settings);
int RunUnlock(const Settings& settings);
int RunMigrate(const Settings& settings);
int RunAuditExport(const Settings& settings);  // CSV on stdout

}  // namespace portal::server
