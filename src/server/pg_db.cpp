// libpq wrappers: errors become PgError, broken connections are re-opened between statements.
#include "server/pg_db.h"

#include <cstdlib>

namespace portal::server {
namespace {

constexpr auto kLeaseWait = std::chrono::seconds(10);

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool Succeeded(PGresult* result) {
    const auto status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

int64_t PgResult::Affected() const {
    const char* count = PQcmdTuples(result_);
    return count && *count ? std::strtoll(count, nullptr, 10) : 0;
}

int64_t PgResult::Int(int row, int column) const {
    return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

bool PgResult::Bytes(int row, int column, std::string& out) const {
    const std::string_view text = TextView(row, column);
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) return false;
    out.resize((text.size() - 2) / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        const int high = HexValue(text[2 + 2 * i]), low = HexValue(text[3 + 2 * i]);
        if (high < 0 || low < 0) return false;
        out[i] = static_cast<char>(high * 16 + low);
    }
    return true;
}

PgConnection::PgConnection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw PgError("PostgreSQL に接続できません / cannot connect to PostgreSQL: " + message);
    }
    // Notices (e.g. "relation already exists, skipping") are expected, not worth a log line.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
    if (conn_) PQfinish(conn_);
}

void PgConnection::Fail(const std::string& what, PGresult* result) {
    std::string message = result ? PQresultErrorMessage(result) : "";
    if (message.empty()) message = PQerrorMessage(conn_);
    PQclear(result);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw PgError(what + ": " + message);
}

bool PgConnection::InTransaction() const {
    return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

PgResult PgConnection::ExecOnce(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    if (!Succeeded(result)) Fail("PostgreSQL", result);
    return PgResult(result);
}

PgResult PgConnection::Exec(std::string_view sql) {
    const std::string text(sql);
    const bool may_retry = !InTransaction();
    try {
        return ExecOnce(text);
    } catch (const PgError&) {
        if (!may_retry || !Reopen()) throw;
        return ExecOnce(text);
    }
}

bool PgConnection::Reopen() {
    if (!Broken()) return false;
    PQreset(conn_);
    prepared_.clear();
    return !Broken();
}

PgResult PgConnection::RunOnce(const char* name, const char* sql, const std::vector<PgParam>& params) {
    if (!prepared_.count(name)) {
        PGresult* prepared = PQprepare(conn_, name, sql, static_cast<int>(params.size()), nullptr);
        if (!Succeeded(prepared)) Fail(std::string("prepare ") + name, prepared);
        PQclear(prepared);
        prepared_.insert(name);
    }
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        values[i] = params[i].value.data();
        lengths[i] = static_cast<int>(params[i].value.size());
        formats[i] = params[i].binary ? 1 : 0;
    }
    PGresult* result = PQexecPrepared(conn_, name, static_cast<int>(params.size()), values.data(),
                                      lengths.data(), formats.data(), 0);
    if (!Succeeded(result)) Fail(name, result);
    return PgResult(result);
}

PgResult PgConnection::Run(const char* name, const char* sql, const std::vector<PgParam>& params) {
    const bool may_retry = !InTransaction();
    try {
        return RunOnce(name, sql, params);
    } catch (const PgError&) {
        // A restarted database leaves every pooled connection dead; the first statement on each
        // finds out. Outside a transaction nothing was half-done, so reconnect and try again.
        if (!may_retry || !Reopen()) throw;
        return RunOnce(name, sql, params);
    }
}

void PgConnection::CopyIn(std::string_view copy_sql, std::string_view rows) {
    PGresult* start = PQexec(conn_, std::string(copy_sql).c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) Fail("COPY", start);
    PQclear(start);
    constexpr size_t kChunk = 1 << 20;
    for (size_t at = 0; at < rows.size(); at += kChunk) {
        const size_t n = std::min(kChunk, rows.size() - at);
        if (PQputCopyData(conn_, rows.data() + at, static_cast<int>(n)) != 1) Fail("COPY data", nullptr);
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) Fail("COPY end", nullptr);
    PGresult* result = PQgetResult(conn_);
    if (!Succeeded(result)) Fail("COPY", result);
    PQclear(result);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
}

PgPool::Lease::~Lease() {
    if (pool_ && conn_) pool_->Give(std::move(conn_));
}

PgPool::Lease PgPool::Take() {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!available_.wait_for(lock, kLeaseWait, [this] { return !idle_.empty() || open_ < size_; }))
            throw PgError("データベース接続が空きません / no free database connection");
        if (!idle_.empty()) {
            auto conn = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(conn));
        }
        ++open_;
    }
    try {
        return Lease(*this, std::make_unique<PgConnection>(conninfo_));
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        --open_;
        available_.notify_one();
        throw;
    }
}

void PgPool::Give(std::unique_ptr<PgConnection> conn) {
    // A connection left mid-transaction (an exception unwound past a PgTransaction that could
    // not roll back) or broken is closed rather than handed to the next request.
    if (conn->InTransaction() || conn->Broken()) conn.reset();
    std::lock_guard<std::mutex> lock(mutex_);
    if (conn)
        idle_.push_back(std::move(conn));
    else
        --open_;
    available_.notify_one();
}

PgTransaction::~PgTransaction() {
    if (done_) return;
    try {
        conn_.Exec("ROLLBACK");
    } catch (const PgError&) {  // the pool drops a connection still in a transaction
    }
}

void AppendCopyText(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

void AppendCopyBytes(std::string& out, std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\\\x";
    for (unsigned char c : bytes) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
}

}  // namespace portal::server
