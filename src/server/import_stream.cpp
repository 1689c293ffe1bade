// The JSON customers file as a stream: a SAX pass (nlohmann_json's sax_parse on the file) that
// builds a small JSON value for each customer's own members and for each item of its lines,
// usage and calls, checks it (import_json.cpp) and hands it on. Memory holds one item, one
// customer's lines and one batch of rows, whatever the size of the file.
#include <cstdio>
#include <fstream>
#include <set>

#include "server/import_json.h"

namespace portal::server {
namespace {

using nlohmann::json;

constexpr size_t kBatchRows = 20000;

// Where the parse is, outside a captured value.
enum class Level { Top, Root, Customers, Customer, Items };
enum class ItemKind { Lines, Usage, Calls };

class CustomersSax : public nlohmann::json_sax<json> {
  public:
    // Checking pass: `writer` null; the months of the calls and each customer's self-care ID are
    // collected. Writing pass: `writer` set and `ids` the checking pass's.
    CustomersSax(PasswordHasher& hasher, CustomerWriter* writer, std::set<DateKey>& months,
                 std::vector<std::string>& ids)
        : hasher_(hasher), writer_(writer), months_(months), ids_(ids), reader_(error) {}

    Error error;
    bool syntax_error = false;
    size_t syntax_byte = 0;
    size_t lines_written = 0;

    bool null() override { return Scalar(json(nullptr)); }
    bool boolean(bool value) override { return Scalar(json(value)); }
    bool number_integer(number_integer_t value) override { return Scalar(json(value)); }
    bool number_unsigned(number_unsigned_t value) override { return Scalar(json(value)); }
    bool number_float(number_float_t value, const string_t&) override { return Scalar(json(value)); }
    bool string(string_t& value) override { return Scalar(json(std::move(value))); }
    bool binary(binary_t& value) override { return Scalar(json(std::move(value))); }

    bool key(string_t& name) override {
        if (!capture_.empty()) {
            capture_key_ = name;
            return true;
        }
        key_ = name;
        return true;
    }

    bool start_object(std::size_t) override { return Open(json::object()); }
    bool start_array(std::size_t) override { return Open(json::array()); }
    bool end_object() override { return Close(); }
    bool end_array() override { return Close(); }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        syntax_error = true;
        syntax_byte = position;
        error = Error{"import_syntax", "",
                      Text{"JSON の構文が正しくありません", std::string("JSON syntax error: ") + e.what()}};
        return false;
    }

    // After the parse: the top level had its customers array.
    bool Finish() {
        if (!customers_seen_) return TopLevelError();
        return true;
    }

  private:
    bool TopLevelError() {
        error = Error{
            "import_invalid", "customers",
            Text{"最上位は {\"customers\": [...]} です", "the top level must be {\"customers\": [...]}"}};
        return false;
    }
    std::string CustomerPath() const { return "customers[" + std::to_string(customer_index_) + "]"; }
    std::string ItemPath() const {
        static const char* const names[] = {"lines", "usage", "calls"};
        return CustomerPath() + "." + names[static_cast<int>(kind_)] + "[" + std::to_string(item_index_) +
               "]";
    }
    bool IsItemsKey() const { return key_ == "lines" || key_ == "usage" || key_ == "calls"; }

    // A value starts where the structure says what it is.
    bool Open(json container) {
        if (!capture_.empty()) return Push(std::move(container));
        const bool is_object = container.is_object();
        switch (level_) {
            case Level::Top:
                if (!is_object) return TopLevelError();
                level_ = Level::Root;
                return true;
            case Level::Root:
                if (key_ != "customers") return Push(std::move(container));  // other members: skipped
                if (is_object) return TopLevelError();
                customers_seen_ = true;
                level_ = Level::Customers;
                return true;
            case Level::Customers:
                if (!is_object)
                    return reader_.Fail(CustomerPath(), "オブジェクトが必要です", "must be an object");
                return BeginCustomer();
            case Level::Customer:
                if (!IsItemsKey()) return Push(std::move(container));
                if (is_object)
                    return reader_.Fail(CustomerPath() + "." + key_, "配列が必要です", "must be an array");
                kind_ = key_ == "lines"   ? ItemKind::Lines
                        : key_ == "usage" ? ItemKind::Usage
                                          : ItemKind::Calls;
                item_index_ = 0;
                level_ = Level::Items;
                return true;
            case Level::Items:
                return Push(std::move(container));
        }
        return false;
    }

    bool Close() {
        if (!capture_.empty()) {
            json* done = capture_.back();
            capture_.pop_back();
            return capture_.empty() ? Deliver(std::move(*done)) : true;
        }
        switch (level_) {
            case Level::Root:
                level_ = Level::Top;
                return true;
            case Level::Customers:
                level_ = Level::Root;
                return true;
            case Level::Customer:
                level_ = Level::Customers;
                return EndCustomer();
            case Level::Items:
                level_ = Level::Customer;
                return true;
            case Level::Top:
                break;
        }
        return false;
    }

    bool Scalar(json value) {
        if (!capture_.empty()) {
            Attach(std::move(value));
            return true;
        }
        switch (level_) {
            case Level::Top:
                return TopLevelError();
            case Level::Root:
                return key_ == "customers" ? TopLevelError() : true;
            case Level::Customers:
                return reader_.Fail(CustomerPath(), "オブジェクトが必要です", "must be an object");
            case Level::Customer:
                if (IsItemsKey())
                    return reader_.Fail(CustomerPath() + "." + key_, "配列が必要です", "must be an array");
                fields_[key_] = std::move(value);
                return true;
            case Level::Items:
                return Item(value);
        }
        return false;
    }

    // Captured values are built in `root_` (one at a time): a member or an item.
    bool Push(json container) {
        if (capture_.empty()) {
            root_ = std::move(container);
            capture_.push_back(&root_);
        } else {
            capture_.push_back(Attach(std::move(container)));
        }
        return true;
    }
    json* Attach(json value) {
        json& parent = *capture_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        json& slot = parent[capture_key_];
        slot = std::move(value);
        return &slot;
    }
    bool Deliver(json value) {
        switch (level_) {
            case Level::Customer:
                fields_[key_] = std::move(value);
                return true;
            case Level::Items:
                return Item(value);
            default:
                return true;  // a member of the top level other than customers
        }
    }

    bool BeginCustomer() {
        level_ = Level::Customer;
        fields_ = json::object();
        lines_ = LineStore();
        numbers_.clear();
        calls_written_ = 0;
        if (writer_) {
            Customer first;  // its own members follow at the end of its object
            first.selfcare_id = ids_.at(customer_index_);
            customer_id_ = writer_->PutCustomer(first);
            writer_->ClearRows(customer_id_);
        }
        return true;
    }

    bool Item(const json& item) {
        const std::string where = ItemPath();
        const size_t index = item_index_++;
        switch (kind_) {
            case ItemKind::Lines: {
                LineRecord line;
                if (!reader_.Line(item, where, index, line)) return false;
                if (!numbers_.insert(line.no).second)
                    return reader_.Fail(where + ".no", "番号が重複しています", "duplicate number");
                lines_.Append(line);
                return true;
            }
            case ItemKind::Usage: {
                std::string month;
                UsageRow row;
                if (!reader_.Usage(item, where, month, row)) return false;
                if (!writer_) return true;
                if (usage_.empty() || usage_.back().month != month)
                    usage_.push_back(UsageReport{month, {}, {}});
                usage_.back().rows.push_back(row);
                if (++usage_rows_ >= kBatchRows) FlushUsage();
                return true;
            }
            case ItemKind::Calls: {
                CallDetail call;
                if (!reader_.Call(item, where, call)) return false;
                if (!writer_) {
                    months_.insert(CallMonth(call.start));
                    return true;
                }
                calls_.push_back(std::move(call));
                if (calls_.size() >= kBatchRows) FlushCalls();
                return true;
            }
        }
        return false;
    }

    bool EndCustomer() {
        const std::string path = CustomerPath();
        ++customer_index_;
        Customer customer;
        std::string password;
        if (!reader_.Fields(fields_, path, customer, password)) return false;
        if (!writer_) {
            if (!seen_ids_.insert(customer.selfcare_id).second)
                return reader_.Fail(path + ".selfcare_id", "ファイル内で重複しています",
                                    "appears twice in the file");
            ids_.push_back(customer.selfcare_id);
            return true;
        }
        if (!password.empty()) customer.password_hash = hasher_.Hash(password);
        writer_->PutCustomer(customer);
        writer_->PutLines(customer_id_, lines_);
        lines_written += lines_.Size();
        FlushUsage();
        FlushCalls();
        lines_ = LineStore();
        return true;
    }

    void FlushUsage() {
        if (!usage_.empty()) writer_->PutUsage(customer_id_, usage_);
        usage_.clear();
        usage_rows_ = 0;
    }
    void FlushCalls() {
        if (!calls_.empty()) writer_->PutCalls(customer_id_, calls_, calls_written_);
        calls_written_ += static_cast<int64_t>(calls_.size());
        calls_.clear();
    }

    PasswordHasher& hasher_;
    CustomerWriter* writer_;
    std::set<DateKey>& months_;
    std::vector<std::string>& ids_;
    CustomerReader reader_;

    Level level_ = Level::Top;
    ItemKind kind_ = ItemKind::Lines;
    std::string key_, capture_key_;
    bool customers_seen_ = false;
    json root_;
    std::vector<json*> capture_;

    size_t customer_index_ = 0, item_index_ = 0;
    json fields_;
    LineStore lines_;
    std::set<uint32_t> numbers_;
    std::set<std::string> seen_ids_;
    int64_t customer_id_ = 0, calls_written_ = 0;
    std::vector<UsageReport> usage_;
    size_t usage_rows_ = 0;
    std::vector<CallDetail> calls_;
};

// The line a rejected value (or the syntax error's byte) is on, read again from the file.
size_t ErrorLine(const std::string& path, const CustomersSax& sax) {
    std::ifstream in(path, std::ios::binary);
    if (sax.syntax_error) {
        size_t line = 1;
        std::streambuf& text = *in.rdbuf();
        for (size_t i = 0; i < sax.syntax_byte; ++i) {
            const int c = text.sbumpc();
            if (c == std::char_traits<char>::eof()) break;
            line += c == '\n';
        }
        return line;
    }
    if (sax.error.field == "customers") return 1;
    return LineOfJsonPath(in, sax.error.field);
}

// One pass over the file; false when it was rejected (sax.error says why).
bool Pass(const std::string& path, CustomersSax& sax) {
    std::ifstream in(path, std::ios::binary);
    return json::sax_parse(in, &sax) && sax.Finish();
}

}  // namespace

ImportReport ImportCustomersJson(Storage& storage, PasswordHasher& hasher, const std::string& path) {
    if (!std::ifstream(path, std::ios::binary))
        return RejectedImport(
            path, Error{"import_unreadable", "", Text{"ファイルを読めません", "cannot read the file"}});
    std::set<DateKey> months;
    std::vector<std::string> ids;
    auto rejected = [&](const CustomersSax& sax) {
        const size_t line = ErrorLine(path, sax);
        return RejectedImport(
            "line " + std::to_string(line) + (sax.error.field.empty() ? "" : ", " + sax.error.field),
            sax.error);
    };
    CustomersSax check(hasher, nullptr, months, ids);
    if (!Pass(path, check)) return rejected(check);
    std::fprintf(stderr,
                 "取り込み: ファイルを確認しました (%zu 件)。書き込み中 / import: file checked (%zu "
                 "customers), writing\n",
                 ids.size(), ids.size());
    size_t lines = 0;
    try {
        auto writer = storage.WriteCustomers(months);
        CustomersSax write(hasher, writer.get(), months, ids);
        // The file changed between the passes: nothing is committed.
        if (!Pass(path, write)) return rejected(write);
        writer->Commit();
        lines = write.lines_written;
    } catch (const StorageWriteError& e) {
        return RejectedImport("database", Error{"import_failed", "",
                                                Text{std::string("書き込みに失敗しました: ") + e.what(),
                                                     std::string("write failed: ") + e.what()}});
    }
    ImportReport report;
    report.ok = true;
    report.customers = ids.size();
    report.lines = lines;
    return report;
}

}  // namespace portal::server
