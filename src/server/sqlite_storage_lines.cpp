// SqliteStorage: bulk writes (import, demo seed) and reads of lines, usage and call details.
// Bulk writes run in one transaction with prepared statements: 100,000 lines take well under
// a second, and a failure leaves nothing half-written.
#include <cstdio>

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
    s.Bind(1, c.selfcare_id).Bind(2, c.password_hash).Bind(3, c.email).Bind(4, c.contractor_name);
    s.Bind(5, PlanKindKey(c.plan)).Bind(6, c.service_name).Bind(7, c.customer_code).Bind(8, c.sip_proxy);
    s.Bind(9, c.sip_domain).Bind(10, c.charge_plan).Bind(11, static_cast<int64_t>(c.call_details)).Run();
    SqliteStatement id(db_.Handle(), "SELECT id FROM customers WHERE selfcare_id = ?");
    id.Bind(1, c.selfcare_id);
    id.Step();
    return id.Int(0);
}

void SqliteStorage::InsertLines(int64_t customer_id, const LineStore& lines) {
    SqliteStatement clear(db_.Handle(), "DELETE FROM lines WHERE customer_id = ?");
    clear.Bind(1, customer_id).Run();
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
        insert.Bind(1, customer_id).Bind(2, static_cast<int64_t>(lines.No(row))).Bind(3, lines.Phone(row));
        insert.Bind(4, account.Get(row));
        insert.BindBlob(5, secrets_.Seal(line_password.Get(row)))
            .BindBlob(6, secrets_.Seal(service_password.Get(row)));
        insert.Bind(7, static_cast<int64_t>(lines.StartDate(row)))
            .Bind(8, static_cast<int64_t>(lines.EndDate(row)));
        insert.Bind(9, static_cast<int64_t>(lines.Channels(row))).Bind(10, caller_id.Get(row));
        insert.Bind(11, hunt.Get(row)).Bind(12, mobile.Get(row)).Run();
    }
}

void SqliteStorage::InsertUsageAndCalls(int64_t customer_id, const CustomerData& data) {
    SqliteStatement clear_usage(db_.Handle(), "DELETE FROM usage WHERE customer_id = ?");
    clear_usage.Bind(1, customer_id).Run();
    SqliteStatement clear_calls(db_.Handle(), "DELETE FROM calls WHERE customer_id = ?");
    clear_calls.Bind(1, customer_id).Run();
    SqliteStatement usage(
        db_.Handle(),
        "INSERT INTO usage (customer_id, month, phone, call_count, call_seconds, charge_yen) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& report : data.usage)
        for (const auto& row : report.rows) {
            usage.Bind(1, customer_id).Bind(2, report.month).Bind(3, row.phone);
            usage.Bind(4, static_cast<int64_t>(row.call_count))
                .Bind(5, static_cast<int64_t>(row.call_seconds));
            usage.Bind(6, row.charge_yen).Run();
        }
    SqliteStatement calls(
        db_.Handle(),
        "INSERT INTO calls (customer_id, phone, start, destination, duration_seconds, charge_yen) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& call : data.calls) {
        calls.Bind(1, customer_id).Bind(2, call.phone).Bind(3, call.start).Bind(4, call.destination);
        calls.Bind(5, static_cast<int64_t>(call.duration_seconds)).Bind(6, call.charge_yen).Run();
    }
}

bool SqliteStorage::ReplaceCustomers(std::vector<CustomerData>& customers, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
        SqliteTransaction transaction(db_);
        for (auto& data : customers) {
            data.customer.id = UpsertCustomer(data.customer);
            InsertLines(data.customer.id, data.lines);
            InsertUsageAndCalls(data.customer.id, data);
        }
        transaction.Commit();
        return true;
    } catch (const SqliteError& e) {
        error = e.message;
        return false;
    }
}

bool SqliteStorage::ReplaceLines(int64_t customer_id, const LineStore& lines, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
        SqliteTransaction transaction(db_);
        InsertLines(customer_id, lines);
        SqliteStatement bump(db_.Handle(),
                             "UPDATE customers SET lines_revision = lines_revision + 1 WHERE id = ?");
        bump.Bind(1, customer_id).Run();
        transaction.Commit();
        return true;
    } catch (const SqliteError& e) {
        error = e.message;
        return false;
    }
}

bool SqliteStorage::LoadLines(int64_t customer_id, LineStore& lines, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT no, phone, account_id, line_password, service_password, start_date, end_date, channels, "
        "caller_id_number, hunt_group, mobile_choice FROM lines WHERE customer_id = ? ORDER BY no");
    s.Bind(1, customer_id);
    LineRecord record;
    while (s.Step()) {
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
    s.Bind(1, customer_id);
    std::vector<std::string> months;
    while (s.Step()) months.push_back(s.Text(0));
    return months;
}

std::vector<UsageRow> SqliteStorage::Usage(int64_t customer_id, const std::string& month) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT phone, call_count, call_seconds, charge_yen FROM usage WHERE customer_id = ? AND month = ? "
        "ORDER BY phone");
    s.Bind(1, customer_id).Bind(2, month);
    std::vector<UsageRow> rows;
    while (s.Step())
        rows.push_back(
            UsageRow{s.Text(0), static_cast<uint32_t>(s.Int(1)), static_cast<uint32_t>(s.Int(2)), s.Int(3)});
    return rows;
}

std::vector<CallDetail> SqliteStorage::CallDetails(int64_t customer_id, const std::string& phone,
                                                   Seconds from, Seconds to_exclusive) {
    std::lock_guard<std::mutex> lock(mutex_);
    SqliteStatement s(
        db_.Handle(),
        "SELECT phone, start, destination, duration_seconds, charge_yen FROM calls "
        "WHERE customer_id = ? AND phone = ? AND start >= ? AND start < ? ORDER BY start, rowid");
    s.Bind(1, customer_id).Bind(2, phone).Bind(3, from).Bind(4, to_exclusive);
    std::vector<CallDetail> calls;
    while (s.Step())
        calls.push_back(
            CallDetail{s.Text(0), s.Int(1), s.Text(2), static_cast<uint32_t>(s.Int(3)), s.Int(4)});
    return calls;
}

}  // namespace portal::server
