// SqliteStorage: bulk writes (import, demo seed) and reads of lines, usage and call details.
// Bulk writes run in one transaction with prepared statements: 100,000 lines take well under
// a second, and a failure leaves nothing half-written.
#include <sqlite3.h>

#include <cstdio>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "server/line_payload_store.h"
#include "server/sqlite_storage.h"

namespace portal::server {

int64_t SqliteStorage::UpsertCustomer(const Customer& c) {
    SqliteStatement s(
        db_.Handle(),
        "INSERT INTO customers (selfcare_id, password_hash, email, contractor_name, plan, service_name, "
        "customer_code, sip_proxy, sip_domain, charge_plan, call_details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (selfcare_id) DO UPDATE SET password_hash = excluded.password_hash, "
        "email = excluded.email, contractor_name = excluded.contractor_name, plan = excluded.plan, "
        "service_name = excluded.service_name, customer_code = excluded.customer_code, "
        "sip_proxy = excluded.sip_proxy, sip_domain = excluded.sip_domain, "
        "charge_plan = excluded.charge_plan, call_details = excluded.call_details, "
        "lines_revision = lines_revision + 1");
    s.Execute(c.selfcare_id, c.password_hash, c.email, c.contractor_name, PlanKindKey(c.plan), c.service_name,
              c.customer_code, c.sip_proxy, c.sip_domain, c.charge_plan, c.call_details);
    SqliteStatement id(db_.Handle(), "SELECT id FROM customers WHERE selfcare_id = ?");
    auto found = id.BindAll(c.selfcare_id).FirstRow([](SqliteStatement& row) { return row.Int(0); });
    if (!found) throw SqliteError{"upsert: customer " + c.selfcare_id + " not found after writing it"};
    return *found;
}

void SqliteStorage::InsertLines(int64_t customer_id, const LineStore& lines) {
    SqliteStatement(db_.Handle(), "DELETE FROM lines WHERE customer_id = ?").Execute(customer_id);
    SqliteStatement insert(
        db_.Handle(),
        "INSERT INTO lines (customer_id, no, phone, account_id, line_password, service_password, "
        "start_date, end_date, channels, caller_id_number, hunt_group, mobile_choice) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const auto& account = lines.TextColumn(LineColumn::AccountId);
    const auto& line_password = lines.TextColumn(LineColumn::LinePassword);
    const auto& service_password = lines.TextColumn(LineColumn::ServicePassword);
    const auto& caller_id = lines.TextColumn(LineColumn::CallerIdNumber);
    const auto& hunt = lines.TextColumn(LineColumn::HuntGroup);
    const auto& mobile = lines.TextColumn(LineColumn::MobileChoice);
    for (size_t row = 0; row < lines.Size(); ++row) {
        const std::string sealed_line = secrets_.Seal(line_password.Get(row));
        const std::string sealed_service = secrets_.Seal(service_password.Get(row));
        insert.Execute(customer_id, lines.No(row), lines.Phone(row), account.Get(row),
                       SqliteBlob{sealed_line}, SqliteBlob{sealed_service}, lines.StartDate(row),
                       lines.EndDate(row), lines.Channels(row), caller_id.Get(row), hunt.Get(row),
                       mobile.Get(row));
    }
    WriteLinePayload(customer_id, lines);
}

std::string SqliteStorage::WriteLinePayload(int64_t customer_id, const LineStore& lines) {
    std::string packed = EncodeStoredLinesPayload(lines);
    SqliteStatement(
        db_.Handle(),
        "INSERT OR REPLACE INTO line_payloads (customer_id, format, sealed_payload) VALUES (?, ?, ?)")
        .Execute(customer_id, kStoredLinesFormat, SqliteBlob{secrets_.Seal(packed)});
    return packed;
}

bool SqliteStorage::ReadLinePayload(int64_t customer_id, std::string& packed_v2, std::string& sealed) {
    SqliteStatement s(db_.Handle(), "SELECT format, sealed_payload FROM line_payloads WHERE customer_id = ?");
    s.BindAll(customer_id);
    if (!s.Step() || s.TextView(0) != kStoredLinesFormat) return false;
    sealed = s.TextView(1);
    // The seal authenticates every byte, so what opens is what was written at import: no row
    // is decoded here.
    size_t rows = 0;
    if (!secrets_.Open(s.TextView(1), packed_v2) || !PeekLinesV2RowCount(packed_v2, rows)) {
        std::fprintf(stderr, "lines: customer %lld: the stored payload is damaged; reading the rows\n",
                     static_cast<long long>(customer_id));
        packed_v2.clear();
        return false;
    }
    return true;
}

// One statement, so the payload is replaced whole or not at all, and only while it still holds
// what was read: an import by another process in between (its rows and payload) wins.
void SqliteStorage::RechunkLinePayload(int64_t customer_id, std::string& packed_v2,
                                       const std::string& sealed) {
    std::string rechunked = RechunkedStoredPayload(packed_v2);
    if (rechunked.empty()) return;
    try {
        SqliteStatement(db_.Handle(),
                        "UPDATE line_payloads SET sealed_payload = ? WHERE customer_id = ? AND format = ? "
                        "AND sealed_payload = ?")
            .Execute(SqliteBlob{secrets_.Seal(rechunked)}, customer_id, kStoredLinesFormat,
                     SqliteBlob{sealed});
        const bool replaced = sqlite3_changes(db_.Handle()) == 1;
        std::fprintf(
            stderr, "lines: customer %lld: the stored payload re-encoded with a small first block%s\n",
            static_cast<long long>(customer_id), replaced ? "" : " (not stored: it changed meanwhile)");
        packed_v2 = std::move(rechunked);
    } catch (const SqliteError& e) {
        std::fprintf(stderr, "lines: customer %lld: could not re-encode the stored payload: %s\n",
                     static_cast<long long>(customer_id), e.message.c_str());
    }
}

bool SqliteStorage::ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
        SqliteTransaction transaction(db_);
        InsertLines(customer_id, lines);
        SqliteStatement(db_.Handle(), "UPDATE customers SET lines_revision = lines_revision + 1 WHERE id = ?")
            .Execute(customer_id);
        transaction.Commit();
        return true;
    } catch (const SqliteError& e) {
        error = e.message;
        return false;
    }
}

bool SqliteStorage::LoadLines(int64_t customer_id, LineStore& lines, std::string& error) {
    std::string packed_v2;
    if (!LoadLinesPacked(customer_id, lines, packed_v2, error)) return false;
    if (lines.Size() > 0 || packed_v2.empty()) return true;
    auto decoded = DecodeLinesV2(packed_v2);
    if (!decoded) {
        error = "回線データを読み込めません / the stored lines payload does not decode: " +
                decoded.error().message.en;
        return false;
    }
    lines = decoded.take();
    return true;
}

bool SqliteStorage::LoadLinesPacked(int64_t customer_id, LineStore& lines, std::string& packed_v2,
                                    std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines = LineStore();
    std::string sealed;
    if (ReadLinePayload(customer_id, packed_v2, sealed)) {
        RechunkLinePayload(customer_id, packed_v2, sealed);
        return true;
    }
    if (!ReadLineRows(customer_id, lines, error)) return false;
    try {  // a database from before the payload table, or a damaged payload: write it once
        packed_v2 = WriteLinePayload(customer_id, lines);
    } catch (const SqliteError& e) {
        std::fprintf(stderr, "lines: customer %lld: could not store the payload: %s\n",
                     static_cast<long long>(customer_id), e.message.c_str());
    }
    return true;
}

bool SqliteStorage::ReadLineRows(int64_t customer_id, LineStore& lines, std::string& error) {
    SqliteStatement s(
        db_.Handle(),
        "SELECT no, phone, account_id, line_password, service_password, start_date, end_date, channels, "
        "caller_id_number, hunt_group, mobile_choice FROM lines WHERE customer_id = ? ORDER BY no");
    s.BindAll(customer_id);
    LineRecord record;
    while (s.Step()) {  // not ForEachRow: a row that cannot be decrypted ends the load
        record.no = static_cast<uint32_t>(s.Int(0));
        record.phone = s.TextView(1);
        record.account_id = s.TextView(2);
        if (!secrets_.Open(s.TextView(3), record.line_password) ||
            !secrets_.Open(s.TextView(4), record.service_password)) {
            error =
                "回線パスワードを復号できません (秘密鍵が違います) / cannot decrypt line passwords: wrong "
                "secret key";
            return false;
        }
        record.start_date = static_cast<DateKey>(s.Int(5));
        record.end_date = static_cast<DateKey>(s.Int(6));
        record.channels = static_cast<uint16_t>(s.Int(7));
        record.caller_id_number = s.TextView(8);
        record.hunt_group = s.TextView(9);
        record.mobile_choice = s.TextView(10);
        lines.Append(record);
    }
    return true;
}

std::vector<std::string> SqliteStorage::UsageMonths(int64_t customer_id) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(db_.Handle(),
                      "SELECT DISTINCT month FROM usage WHERE customer_id = ? ORDER BY month DESC");
    std::vector<std::string> months;
    s.BindAll(customer_id).ForEachRow([&months](SqliteStatement& row) { months.push_back(row.Text(0)); });
    return months;
}

std::vector<UsageRow> SqliteStorage::Usage(int64_t customer_id, const std::string& month) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT phone, call_count, call_seconds, charge_yen FROM usage WHERE customer_id = ? AND month = ? "
        "ORDER BY phone");
    std::vector<UsageRow> rows;
    s.BindAll(customer_id, month).ForEachRow([&rows](SqliteStatement& row) {
        rows.push_back(UsageRow{row.Text(0), static_cast<uint32_t>(row.Int(1)),
                                static_cast<uint32_t>(row.Int(2)), row.Int(3)});
    });
    return rows;
}

std::vector<CallDetail> SqliteStorage::CallDetails(int64_t customer_id, const std::string& phone,
                                                   Seconds from, Seconds to_exclusive) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT phone, start, destination, duration_seconds, charge_yen FROM calls "
        "WHERE customer_id = ? AND phone = ? AND start >= ? AND start < ? ORDER BY start, rowid");
    std::vector<CallDetail> calls;
    s.BindAll(customer_id, phone, from, to_exclusive).ForEachRow([&calls](SqliteStatement& row) {
        calls.push_back(
            CallDetail{row.Text(0), row.Int(1), row.Text(2), static_cast<uint32_t>(row.Int(3)), row.Int(4)});
    });
    return calls;
}

}  // namespace portal::server
