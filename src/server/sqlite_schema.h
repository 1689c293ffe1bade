// The SQLite schema as numbered migrations, applied in order on start.
#pragma once
#include "server/sqlite_db.h"

namespace portal::server {

// Creates the schema_version table when missing and applies every migration newer than the
// stored version, each in its own transaction. Returns the version now in the file.
int MigrateSchema(SqliteDatabase& db);

}  // namespace portal::server
