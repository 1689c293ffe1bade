// A thin RAII layer over the SQLite C API: one connection, prepared statements, transactions.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace portal::server {

// Bytes bound as a BLOB rather than TEXT (sealed passwords).
struct SqliteBlob {
    std::string_view bytes;
};

// One prepared statement (finalized when destroyed). The usual shapes are one call each:
//   s.Execute(a, b, c);                         // bind ?1..?3, run, reset
//   s.BindAll(id).ForEachRow([](auto& row) {...});
//   auto found = s.BindAll(id).FirstRow([](auto& row) { return Thing{row.Int(0)}; });
class SqliteStatement {
  public:
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Parameters are 1-based, as in SQLite. Every integer type (and bool) binds as INTEGER, so
    // callers need no casts.
    template <class Integer, std::enable_if_t<std::is_integral<Integer>::value, int> = 0>
    SqliteStatement& Bind(int index, Integer value) {
        return BindInt64(index, static_cast<int64_t>(value));
    }
    SqliteStatement& Bind(int index, std::string_view text);
    SqliteStatement& Bind(int index, SqliteBlob blob);
    // Binds the arguments to ?1, ?2, ... in order.
    template <class... Values>
    SqliteStatement& BindAll(const Values&... values) {
        int index = 0;
        (Bind(++index, values), ...);
        return *this;
    }
    // BindAll, then runs a statement that returns no rows and resets it for reuse.
    template <class... Values>
    void Execute(const Values&... values) {
        BindAll(values...).Run();
    }
    // Calls read(*this) for every row, then resets the statement for reuse.
    template <class ReadRow>
    void ForEachRow(ReadRow read) {
        while (Step()) read(*this);
        Reset();
    }
    // read(*this) of the first row, or nullopt when there is none; resets the statement.
    template <class ReadRow>
    auto FirstRow(ReadRow read) -> std::optional<decltype(read(*this))> {
        std::optional<decltype(read(*this))> found;
        if (Step()) found = read(*this);
        Reset();
        return found;
    }

    // True while a row is available; false when done. Throws SqliteError on failure.
    bool Step();
    // Runs a statement that returns no rows, then resets it for reuse.
    void Run();
    void Reset();

    int64_t Int(int column) const;
    std::string Text(int column) const;
    std::string_view TextView(int column) const;  // valid until the next Step/Reset

  private:
    SqliteStatement& BindInt64(int index, int64_t value);
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
