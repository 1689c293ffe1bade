// SqliteStorage: the writer of imported customers. It holds the storage's lock and one
// transaction from start to Commit; rows go in through statements prepared once per writer.
#include <memory>
#include <mutex>

#include "server/sqlite_storage.h"

namespace portal::server {

class SqliteCustomerWriter : public CustomerWriter {
  public:
    explicit SqliteCustomerWriter(SqliteStorage& storage) : storage_(storage), lock_(storage.mutex_) {
        Guard([&] {
            transaction_ = std::make_unique<SqliteTransaction>(storage_.db_);
            usage_ = std::make_unique<SqliteStatement>(
                storage_.db_.Handle(),
                "INSERT INTO usage (customer_id, month, phone, call_count, call_seconds, charge_yen) "
                "VALUES (?, ?, ?, ?, ?, ?)");
            calls_ = std::make_unique<SqliteStatement>(
                storage_.db_.Handle(),
                "INSERT INTO calls (customer_id, phone, start, destination, duration_seconds, charge_yen) "
                "VALUES (?, ?, ?, ?, ?, ?)");
        });
    }
    int64_t PutCustomer(const Customer& customer) override {
        int64_t id = 0;
        Guard([&] { id = storage_.UpsertCustomer(customer); });
        return id;
    }
    void ClearRows(int64_t customer_id) override {
        Guard([&] {
            for (const char* sql :
                 {"DELETE FROM lines WHERE customer_id = ?", "DELETE FROM usage WHERE customer_id = ?",
                  "DELETE FROM calls WHERE customer_id = ?"})
                SqliteStatement(storage_.db_.Handle(), sql).Execute(customer_id);
        });
    }
    void PutLines(int64_t customer_id, const LineStore& lines) override {
        Guard([&] { storage_.InsertLines(customer_id, lines); });
    }
    void PutUsage(int64_t customer_id, const std::vector<UsageReport>& reports) override {
        Guard([&] {
            for (const auto& report : reports)
                for (const auto& row : report.rows)
                    usage_->Execute(customer_id, report.month, row.phone, row.call_count, row.call_seconds,
                                    row.charge_yen);
        });
    }
    void PutCalls(int64_t customer_id, const std::vector<CallDetail>& calls, int64_t) override {
        // Rows keep their insertion order (rowid), which orders calls of the same second.
        Guard([&] {
            for (const auto& call : calls)
                calls_->Execute(customer_id, call.phone, call.start, call.destination, call.duration_seconds,
                                call.charge_yen);
        });
    }
    void Commit() override {
        Guard([&] { transaction_->Commit(); });
    }
    ~SqliteCustomerWriter() override {
        usage_.reset();  // statements end before the transaction rolls back
        calls_.reset();
        transaction_.reset();
    }

  private:
    template <class Action>
    static void Guard(Action action) {
        try {
            action();
        } catch (const SqliteError& e) {
            throw StorageWriteError(e.message);
        }
    }

    SqliteStorage& storage_;
    std::lock_guard<std::mutex> lock_;
    std::unique_ptr<SqliteTransaction> transaction_;
    std::unique_ptr<SqliteStatement> usage_, calls_;
};

std::unique_ptr<CustomerWriter> SqliteStorage::WriteCustomers(const std::set<DateKey>&) {
    return std::make_unique<SqliteCustomerWriter>(*this);
}

}  // namespace portal::server
