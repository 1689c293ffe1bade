// A thin RAII layer over the SQLite C API: one connection, prepared statements, transactions.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace portal::server {

class SqliteStatement {
  public:
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Parameters are 1-based, as in SQLite.
    SqliteStatement& Bind(int index, int64_t value);
    SqliteStatement& Bind(int index, std::string_view text);
    SqliteStatement& BindBlob(int index, std::string_view bytes);
    // True while a row is available; false when done. Throws SqliteError on failure.
    bool Step();
    // Runs a statement that returns no rows, then resets it for reuse.
    void Run();
    void Reset();

    int64_t Int(int column) const;
    std::string Text(int column) const;
    std::string_view TextView(int column) const;  // valid until the next Step/Reset

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

struct SqliteError {
    std::string message;
};

class SqliteDatabase {
  public:
    // Opens (creating) the file, in WAL mode with a busy timeout. Throws SqliteError.
    explicit SqliteDatabase(const std::string& path);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void Exec(std::string_view sql);
    sqlite3* Handle() const { return db_; }
    int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

  private:
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without Commit() (also on exceptions).
class SqliteTransaction {
  public:
    explicit SqliteTransaction(SqliteDatabase& db);
    ~SqliteTransaction();
    void Commit();

  private:
    SqliteDatabase& db_;
    bool done_ = false;
};

}  // namespace portal::server
