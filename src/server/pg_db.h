// A thin RAII layer over libpq: results, one connection with lazily prepared statements, a
// small pool shared by the request threads, transactions and COPY FROM STDIN.
#pragma once
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace portal::server {

// Every libpq failure; the HTTP layer answers it with a 503 JSON error.
class PgError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Bytes sent as bytea in binary format (sealed passwords).
struct PgBytes {
    std::string_view bytes;
};

// One query parameter, always sent as text except bytea.
struct PgParam {
    PgParam(std::string_view text) : value(text) {}
    PgParam(const std::string& text) : value(text) {}
    PgParam(const char* text) : value(text) {}
    PgParam(PgBytes blob) : value(blob.bytes), binary(true) {}
    PgParam(bool flag) : value(flag ? "t" : "f") {}
    PgParam(int value_in) : value(std::to_string(value_in)) {}
    PgParam(long value_in) : value(std::to_string(value_in)) {}
    PgParam(long long value_in) : value(std::to_string(value_in)) {}
    PgParam(unsigned value_in) : value(std::to_string(value_in)) {}
    PgParam(unsigned long value_in) : value(std::to_string(value_in)) {}
    std::string value;
    bool binary = false;
};

class PgResult {
  public:
    explicit PgResult(PGresult* result) : result_(result) {}
    PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    PgResult& operator=(PgResult&&) = delete;
    ~PgResult() { PQclear(result_); }
    int Rows() const { return PQntuples(result_); }
    // Rows changed by an INSERT, UPDATE or DELETE.
    int64_t Affected() const;
    std::string_view TextView(int row, int column) const {
        return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
    }
    std::string Text(int row, int column) const { return std::string(TextView(row, column)); }
    int64_t Int(int row, int column) const;
    bool Bool(int row, int column) const { return TextView(row, column) == "t"; }
    // A bytea column in text format ("\x" + hex) as raw bytes; false when it is not that shape.
    bool Bytes(int row, int column, std::string& out) const;

  private:
    PGresult* result_;
};

class PgConnection {
  public:
    explicit PgConnection(const std::string& conninfo);  // throws PgError
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // One or more statements without parameters (schema, BEGIN/COMMIT), retried like Run.
    PgResult Exec(std::string_view sql);
    // A statement prepared once per connection under `name` (the name must always go with the
    // same SQL). Outside a transaction, a connection found broken (database restarted) is
    // re-opened and the statement tried once more.
    PgResult Run(const char* name, const char* sql, const std::vector<PgParam>& params);
    // COPY ... FROM STDIN with rows already in COPY text format.
    void CopyIn(std::string_view copy_sql, std::string_view rows);
    bool InTransaction() const;
    bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  private:
    PgResult RunOnce(const char* name, const char* sql, const std::vector<PgParam>& params);
    PgResult ExecOnce(const std::string& sql);
    // Re-opens a broken connection (prepared statements are gone with it); false if it is not
    // broken or cannot be re-opened.
    bool Reopen();
    [[noreturn]] void Fail(const std::string& what, PGresult* result);

    PGconn* conn_ = nullptr;
    std::unordered_set<std::string> prepared_;
};

// Up to `size` connections opened on demand. Lease() waits (bounded) for a free one.
class PgPool {
  public:
    PgPool(std::string conninfo, size_t size) : conninfo_(std::move(conninfo)), size_(size) {}

    class Lease {
      public:
        Lease(PgPool& pool, std::unique_ptr<PgConnection> conn) : pool_(&pool), conn_(std::move(conn)) {}
        Lease(Lease&& other) noexcept = default;
        ~Lease();
        PgConnection* operator->() { return conn_.get(); }
        PgConnection& operator*() { return *conn_; }

      private:
        PgPool* pool_;
        std::unique_ptr<PgConnection> conn_;
    };
    Lease Take();

  private:
    void Give(std::unique_ptr<PgConnection> conn);

    const std::string conninfo_;
    const size_t size_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<PgConnection>> idle_;
    size_t open_ = 0;
};

// BEGIN now, ROLLBACK unless Commit() was called.
class PgTransaction {
  public:
    explicit PgTransaction(PgConnection& conn) : conn_(conn) { conn_.Exec("BEGIN"); }
    ~PgTransaction();
    void Commit() {
        conn_.Exec("COMMIT");
        done_ = true;
    }

  private:
    PgConnection& conn_;
    bool done_ = false;
};

// Appends `value` as one COPY text-format field (backslash escapes for \, tab, newline, CR).
void AppendCopyText(std::string& out, std::string_view value);
// Appends bytes as a bytea COPY field ("\\x" + hex).
void AppendCopyBytes(std::string& out, std::string_view bytes);

}  // namespace portal::server
