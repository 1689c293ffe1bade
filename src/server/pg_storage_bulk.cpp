// PgStorage: bulk writes (import, demo seed) through COPY in one transaction, and reads of
// lines, usage and call details. A process killed mid-import never commits, so the old data
// stays whole.
#include <cstdio>
#include <functional>
#include <memory>
#include <set>
#include <type_traits>

#include "engine/date.h"
#include "engine/lines_payload_v2.h"
#include "server/line_payload_store.h"
#include "server/pg_storage.h"

namespace portal::server {
namespace {

const char* const kUpsertCustomer =
    "INSERT INTO customers (selfcare_id, password_hash, email, contractor_name, plan, service_name, "
    "customer_code, sip_proxy, sip_domain, charge_plan, call_details) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
    "ON CONFLICT (selfcare_id) DO UPDATE SET password_hash = excluded.password_hash, "
    "email = excluded.email, contractor_name = excluded.contractor_name, plan = excluded.plan, "
    "service_name = excluded.service_name, customer_code = excluded.customer_code, "
    "sip_proxy = excluded.sip_proxy, sip_domain = excluded.sip_domain, charge_plan = excluded.charge_plan, "
    "call_details = excluded.call_details, lines_revision = customers.lines_revision + 1 "
    "RETURNING id, pg_notify('portal_sessions', 'c ' || id)";  // sessions' cached customer

void Field(std::string& out, std::string_view text) {
    AppendCopyText(out, text);
    out += '\t';
}

template <class Integer, std::enable_if_t<std::is_integral<Integer>::value, int> = 0>
void Field(std::string& out, Integer value) {
    out += std::to_string(value);
    out += '\t';
}

void EndRow(std::string& out) {
    out.back() = '\n';
}

DateKey NextMonth(DateKey month) {
    return DateMonth(month) == 12 ? MakeDateKey(DateYear(month) + 1, 1, 1)
                                  : MakeDateKey(DateYear(month), DateMonth(month) + 1, 1);
}

// One import transaction on one leased connection. Calls and usage go out through COPY as they
// come, one batch per call, so the importer's memory does not grow with the file.
class PgCustomerWriter : public CustomerWriter {
  public:
    PgCustomerWriter(PgPool::Lease conn,
                     std::function<void(PgConnection&, int64_t, const LineStore&)> copy_lines)
        : conn_(std::move(conn)), copy_lines_(std::move(copy_lines)) {
        Guard([&] { transaction_ = std::make_unique<PgTransaction>(*conn_); });
    }
    int64_t PutCustomer(const Customer& c) override {
        int64_t id = 0;
        Guard([&] {
            id = conn_
                     ->Run("upsert_customer", kUpsertCustomer,
                           {c.selfcare_id, c.password_hash, c.email, c.contractor_name, PlanKindKey(c.plan),
                            c.service_name, c.customer_code, c.sip_proxy, c.sip_domain, c.charge_plan,
                            c.call_details})
                     .Int(0, 0);
        });
        return id;
    }
    void ClearRows(int64_t customer_id) override {
        Guard([&] {
            for (const char* table : {"lines", "usage", "calls"}) {
                const std::string name = std::string("delete_") + table;
                const std::string sql = std::string("DELETE FROM ") + table + " WHERE customer_id = $1";
                conn_->Run(name.c_str(), sql.c_str(), {customer_id});
            }
        });
    }
    void PutLines(int64_t customer_id, const LineStore& lines) override {
        Guard([&] { copy_lines_(*conn_, customer_id, lines); });
    }
    void PutUsage(int64_t customer_id, const std::vector<UsageReport>& reports) override {
        std::string rows;
        for (const auto& report : reports)
            for (const auto& row : report.rows) {
                Field(rows, customer_id);
                Field(rows, report.month);
                Field(rows, row.phone);
                Field(rows, row.call_count);
                Field(rows, row.call_seconds);
                Field(rows, row.charge_yen);
                EndRow(rows);
            }
        Guard([&] {
            conn_->CopyIn(
                "COPY usage (customer_id, month, phone, call_count, call_seconds, charge_yen) FROM STDIN",
                rows);
        });
    }
    void PutCalls(int64_t customer_id, const std::vector<CallDetail>& calls, int64_t first_seq) override {
        std::string rows;
        int64_t seq = first_seq;
        for (const auto& call : calls) {
            Field(rows, customer_id);
            Field(rows, call.phone);
            Field(rows, call.start);
            Field(rows, seq++);
            Field(rows, call.destination);
            Field(rows, call.duration_seconds);
            Field(rows, call.charge_yen);
            EndRow(rows);
        }
        Guard([&] {
            conn_->CopyIn(
                "COPY calls (customer_id, phone, start, seq, destination, duration_seconds, charge_yen) FROM "
                "STDIN",
                rows);
        });
    }
    void Commit() override {
        Guard([&] { transaction_->Commit(); });
    }

  private:
    template <class Action>
    static void Guard(Action action) {
        try {
            action();
        } catch (const PgError& e) {
            throw StorageWriteError(e.what());
        }
    }

    PgPool::Lease conn_;
    std::function<void(PgConnection&, int64_t, const LineStore&)> copy_lines_;
    std::unique_ptr<PgTransaction> transaction_;
};

}  // namespace

std::unique_ptr<CustomerWriter> PgStorage::WriteCustomers(const std::set<DateKey>& call_months) {
    try {
        EnsureCallPartitions(call_months);
        return std::make_unique<PgCustomerWriter>(
            pool_.Take(), [this](PgConnection& conn, int64_t customer_id, const LineStore& lines) {
                CopyLines(conn, {{customer_id, &lines}});
                WriteLinePayload(conn, customer_id, lines, true);
            });
    } catch (const PgError& e) {
        throw StorageWriteError(e.what());
    }
}

void PgStorage::EnsureCallPartitions(const std::set<DateKey>& months) {
    if (months.empty()) return;
    auto conn = pool_.Take();
    for (DateKey month : months) {
        char name[32];
        std::snprintf(name, sizeof name, "calls_%04d%02d", DateYear(month), DateMonth(month));
        const std::string sql = std::string("CREATE TABLE IF NOT EXISTS ") + name +
                                " PARTITION OF calls FOR VALUES FROM (" + std::to_string(JstDayStart(month)) +
                                ") TO (" + std::to_string(JstDayStart(NextMonth(month))) + ")";
        try {
            conn->Exec(sql);
        } catch (const PgError&) {
            // Another server created it at the same moment: fine if it exists now.
            if (conn->Run("partition_exists", "SELECT to_regclass($1) IS NOT NULL", {name}).TextView(0, 0) !=
                "t")
                throw;
        }
    }
}

void PgStorage::CopyLines(PgConnection& conn,
                          const std::vector<std::pair<int64_t, const LineStore*>>& stores) {
    std::string rows;
    for (const auto& [customer_id, store] : stores) {
        const LineStore& lines = *store;
        const auto& account = lines.TextColumn(LineColumn::AccountId);
        const auto& line_password = lines.TextColumn(LineColumn::LinePassword);
        const auto& service_password = lines.TextColumn(LineColumn::ServicePassword);
        const auto& caller_id = lines.TextColumn(LineColumn::CallerIdNumber);
        const auto& hunt = lines.TextColumn(LineColumn::HuntGroup);
        const auto& mobile = lines.TextColumn(LineColumn::MobileChoice);
        for (size_t row = 0; row < lines.Size(); ++row) {
            Field(rows, customer_id);
            Field(rows, lines.No(row));
            Field(rows, lines.Phone(row));
            Field(rows, account.Get(row));
            AppendCopyBytes(rows, secrets_.Seal(line_password.Get(row)));
            rows += '\t';
            AppendCopyBytes(rows, secrets_.Seal(service_password.Get(row)));
            rows += '\t';
            Field(rows, lines.StartDate(row));
            Field(rows, lines.EndDate(row));
            Field(rows, lines.Channels(row));
            Field(rows, caller_id.Get(row));
            Field(rows, hunt.Get(row));
            Field(rows, mobile.Get(row));
            EndRow(rows);
        }
    }
    conn.CopyIn(
        "COPY lines (customer_id, no, phone, account_id, line_password, service_password, start_date, "
        "end_date, channels, caller_id_number, hunt_group, mobile_choice) FROM STDIN",
        rows);
}

bool PgStorage::ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) {
    try {
        auto conn = pool_.Take();
        PgTransaction transaction(*conn);
        conn->Run("delete_lines", "DELETE FROM lines WHERE customer_id = $1", {customer_id});
        CopyLines(*conn, {{customer_id, &lines}});
        WriteLinePayload(*conn, customer_id, lines, true);
        conn->Run("bump_lines_revision",
                  "UPDATE customers SET lines_revision = lines_revision + 1 WHERE id = $1 "
                  "RETURNING pg_notify('portal_sessions', 'c ' || id)",
                  {customer_id});
        transaction.Commit();
        return true;
    } catch (const PgError& e) {
        error = e.what();
        return false;
    }
}

std::string PgStorage::WriteLinePayload(PgConnection& conn, int64_t customer_id, const LineStore& lines,
                                        bool replace) {
    std::string packed = EncodeStoredLinesPayload(lines);
    const std::string sealed = secrets_.Seal(packed);
    if (replace)
        conn.Run("replace_line_payload",
                 "INSERT INTO line_payloads (customer_id, format, sealed_payload) VALUES ($1, $2, $3) "
                 "ON CONFLICT (customer_id) DO UPDATE SET format = excluded.format, "
                 "sealed_payload = excluded.sealed_payload",
                 {customer_id, kStoredLinesFormat, PgBytes{sealed}});
    else
        conn.Run("add_line_payload",
                 "INSERT INTO line_payloads (customer_id, format, sealed_payload) VALUES ($1, $2, $3) "
                 "ON CONFLICT (customer_id) DO NOTHING",
                 {customer_id, kStoredLinesFormat, PgBytes{sealed}});
    return packed;
}

// One statement, so the payload is replaced whole or not at all, and only while it still holds
// what was read: an import by any server in between (its rows and payload) wins.
void PgStorage::RechunkLinePayload(int64_t customer_id, std::string& packed_v2, const std::string& sealed) {
    std::string rechunked = RechunkedStoredPayload(packed_v2);
    if (rechunked.empty()) return;
    try {
        PgResult r = pool_.Take()->Run(
            "rechunk_line_payload",
            "UPDATE line_payloads SET sealed_payload = $3 WHERE customer_id = $1 AND format = $2 "
            "AND sealed_payload = $4",
            {customer_id, kStoredLinesFormat, PgBytes{secrets_.Seal(rechunked)}, PgBytes{sealed}});
        std::fprintf(stderr,
                     "lines: customer %lld: the stored payload re-encoded with a small first block%s\n",
                     static_cast<long long>(customer_id),
                     r.Affected() == 1 ? "" : " (not stored: it changed meanwhile)");
        packed_v2 = std::move(rechunked);
    } catch (const PgError& e) {
        std::fprintf(stderr, "lines: customer %lld: could not re-encode the stored payload: %s\n",
                     static_cast<long long>(customer_id), e.what());
    }
}

bool PgStorage::LoadLinesPacked(int64_t customer_id, LineStore& lines, std::string& packed_v2,
                                std::string& error) {
    lines = LineStore();
    packed_v2.clear();
    bool unusable = false;
    {
        PgResult r = pool_.Take()->Run(
            "load_line_payload", "SELECT format, sealed_payload FROM line_payloads WHERE customer_id = $1",
            {customer_id});
        std::string sealed;
        size_t rows = 0;
        // The seal authenticates every byte: what opens is what an import wrote, not decoded here.
        if (r.Rows() == 1 && r.TextView(0, 0) == kStoredLinesFormat && r.Bytes(0, 1, sealed) &&
            secrets_.Open(sealed, packed_v2) && PeekLinesV2RowCount(packed_v2, rows)) {
            RechunkLinePayload(customer_id, packed_v2, sealed);
            return true;
        }
        unusable = r.Rows() == 1;
        if (unusable)
            std::fprintf(stderr, "lines: customer %lld: the stored payload is unusable; reading the rows\n",
                         static_cast<long long>(customer_id));
        packed_v2.clear();
    }
    if (!LoadLines(customer_id, lines, error)) return false;
    try {  // lines imported before the payload table was written, or a damaged one: store it once
        auto conn = pool_.Take();
        packed_v2 = WriteLinePayload(*conn, customer_id, lines, unusable);
    } catch (const PgError& e) {
        std::fprintf(stderr, "lines: customer %lld: could not store the payload: %s\n",
                     static_cast<long long>(customer_id), e.what());
        packed_v2.clear();
    }
    return true;
}

bool PgStorage::LoadLines(int64_t customer_id, LineStore& lines, std::string& error) {
    PgResult r = pool_.Take()->Run(
        "load_lines",
        "SELECT no, phone, account_id, line_password, service_password, start_date, end_date, channels, "
        "caller_id_number, hunt_group, mobile_choice FROM lines WHERE customer_id = $1 ORDER BY no",
        {customer_id});
    LineRecord record;
    std::string sealed;
    for (int row = 0; row < r.Rows(); ++row) {
        record.no = static_cast<uint32_t>(r.Int(row, 0));
        record.phone = r.TextView(row, 1);
        record.account_id = r.TextView(row, 2);
        if (!r.Bytes(row, 3, sealed) || !secrets_.Open(sealed, record.line_password) ||
            !r.Bytes(row, 4, sealed) || !secrets_.Open(sealed, record.service_password)) {
            error =
                "回線パスワードを復号できません (秘密鍵が違います) / cannot decrypt line passwords: wrong "
                "secret key";
            return false;
        }
        record.start_date = static_cast<DateKey>(r.Int(row, 5));
        record.end_date = static_cast<DateKey>(r.Int(row, 6));
        record.channels = static_cast<uint16_t>(r.Int(row, 7));
        record.caller_id_number = r.TextView(row, 8);
        record.hunt_group = r.TextView(row, 9);
        record.mobile_choice = r.TextView(row, 10);
        lines.Append(record);
    }
    return true;
}

std::vector<std::string> PgStorage::UsageMonths(int64_t customer_id) {
    PgResult r = pool_.Take()->Run(
        "usage_months", "SELECT DISTINCT month FROM usage WHERE customer_id = $1 ORDER BY month DESC",
        {customer_id});
    std::vector<std::string> months;
    for (int row = 0; row < r.Rows(); ++row) months.push_back(r.Text(row, 0));
    return months;
}

std::vector<UsageRow> PgStorage::Usage(int64_t customer_id, const std::string& month) {
    PgResult r = pool_.Take()->Run("usage",
                                   "SELECT phone, call_count, call_seconds, charge_yen FROM usage "
                                   "WHERE customer_id = $1 AND month = $2 ORDER BY phone",
                                   {customer_id, month});
    std::vector<UsageRow> rows;
    for (int row = 0; row < r.Rows(); ++row)
        rows.push_back(UsageRow{r.Text(row, 0), static_cast<uint32_t>(r.Int(row, 1)),
                                static_cast<uint32_t>(r.Int(row, 2)), r.Int(row, 3)});
    return rows;
}

std::vector<CallDetail> PgStorage::CallDetails(int64_t customer_id, const std::string& phone, Seconds from,
                                               Seconds to_exclusive) {
    PgResult r =
        pool_.Take()->Run("call_details",
                          "SELECT phone, start, destination, duration_seconds, charge_yen FROM calls "
                          "WHERE customer_id = $1 AND phone = $2 AND start >= $3 AND start < $4 "
                          "ORDER BY start, seq",
                          {customer_id, phone, from, to_exclusive});
    std::vector<CallDetail> calls;
    for (int row = 0; row < r.Rows(); ++row)
        calls.push_back(CallDetail{r.Text(row, 0), r.Int(row, 1), r.Text(row, 2),
                                   static_cast<uint32_t>(r.Int(row, 3)), r.Int(row, 4)});
    return calls;
}

}  // namespace portal::server
