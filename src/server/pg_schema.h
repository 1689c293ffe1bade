// PostgreSQL schema migrations: the same numbered steps as sqlite_schema.cpp, in PostgreSQL's
// dialect, so a version number means the same tables on both backends.
#pragma once
#include "server/pg_db.h"

namespace portal::server {

// Applies the missing steps (each in its own transaction, under an advisory lock so servers
// starting together migrate once) and returns the version. Throws PgError when the database
// is newer than this server.
int MigratePgSchema(PgConnection& conn);

}  // namespace portal::server
