// The contract data model: summary, lines (columnar), monthly usage and call details.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"

namespace portal {

enum class PlanKind : uint8_t { Standard, Basic };
std::string_view PlanKindKey(PlanKind plan);  // "standard" / "basic"

// ご契約内容: the manual's eight summary columns.
struct ContractSummary {
    std::string service_name;     // サービス名
    std::string customer_code;    // お客様コード
    std::string sip_proxy;        // SIPプロキシサーバ (hidden for the basic plan)
    std::string sip_domain;       // SIPドメイン (hidden for the basic plan)
    int64_t lines_issued = 0;     // 払出し済み回線数
    int64_t lines_active = 0;     // サービス提供中回線数
    int64_t lines_cancelled = 0;  // 解約済み回線数
    std::string charge_plan;      // 通話料プラン
};

struct Contract {
    std::string contractor_name;  // ご契約者名
    PlanKind plan = PlanKind::Standard;
    ContractSummary summary;
    DateKey as_of = kNoDate;  // the server's "today" in Japan time; decides in-service status
    bool call_details_available = false;
};

// The eleven columns of the manual's 回線情報 table, in its order.
enum class LineColumn : uint8_t {
    No,
    PhoneNumber,
    AccountId,
    LinePassword,     // 加入電話パスワード
    ServicePassword,  // 付加サービスパスワード
    StartDate,
    EndDate,
    Channels,
    CallerIdNumber,  // 特定番号通知
    HuntGroup,       // 代表着信
    MobileChoice,
};
constexpr size_t kLineColumnCount = 11;

// How a column is stored and shown; every per-column switch reads this instead of listing columns.
enum class LineColumnType : uint8_t {
    Serial,  // No: an unsigned number, always shown
    Date,    // a DateKey, blank when kNoDate
    Count,   // チャンネル: an unsigned number, blank on screen and in files when 0
    Text,    // a StringColumn
};

struct LineColumnInfo {
    LineColumn column;
    const char* key;        // API / sort key: "no", "phone", "account_id", ...
    const char* header_ja;  // the manual's header, also the CSV header
    const char* header_en;
    bool hidden_for_basic;  // the manual's list of items the basic plan does not show
    LineColumnType type;
};
const std::array<LineColumnInfo, kLineColumnCount>& LineColumns();
const LineColumnInfo& ColumnInfo(LineColumn column);
// Columns shown (and written to CSV) for a plan, in the manual's order.
std::vector<LineColumn> VisibleLineColumns(PlanKind plan);
// nullptr when `key` names no column.
const LineColumnInfo* FindLineColumn(std::string_view key);
inline bool IsTextColumn(LineColumn column) {
    return ColumnInfo(column).type == LineColumnType::Text;
}

// One line as plain values: used to build stores and in tests, never to hold a large table.
struct LineRecord {
    uint32_t no = 0;
    std::string phone;  // digits only: 050 numbers have 11, 0AB-J numbers 10
    std::string account_id;
    std::string line_password;
    std::string service_password;
    DateKey start_date = kNoDate;
    DateKey end_date = kNoDate;  // kNoDate = in service
    uint16_t channels = 0;       // 0 = not shown
    std::string caller_id_number;
    std::string hunt_group;
    std::string mobile_choice;
};

// Text column for up to millions of rows: one byte arena and one offset per row, so a cell
// costs 4 bytes beyond its text and no allocation.
class StringColumn {
  public:
    void Reserve(size_t rows, size_t text_bytes);
    void Push(std::string_view value) {  // inline: decoders call it once per cell, millions of times
        text_.append(value.data(), value.size());
        offsets_.push_back(static_cast<uint32_t>(text_.size()));
    }
    // Appends `lengths.size()` cells whose text lies back to back in `text` (sum of lengths).
    void PushMany(std::string_view text, const std::vector<uint32_t>& lengths);
    // Appends `lengths.size()` cells and returns where their text goes: the caller writes the
    // `total` bytes (the sum of the lengths) there before the column is used or changed again.
    // A decoder writes a block's cells in place instead of appending them one by one.
    char* AppendUnwritten(const std::vector<uint32_t>& lengths, size_t total);
    std::string_view Get(size_t row) const {
        return std::string_view(text_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
    }
    size_t Size() const { return offsets_.size() - 1; }
    size_t TextBytes() const { return text_.size(); }
    size_t MemoryBytes() const { return offsets_.capacity() * sizeof(uint32_t) + text_.capacity(); }
    // Direct access for the binary codec.
    const std::vector<uint32_t>& Offsets() const { return offsets_; }
    const std::string& Arena() const { return text_; }
    // Replaces the whole column; returns false when offsets are not a valid, monotonic index
    // into `text` starting at 0 (the column is left unchanged then).
    bool Assign(std::vector<uint32_t> offsets, std::string text);

  private:
    std::vector<uint32_t> offsets_{0};
    std::string text_;
};

// All lines of a contract, column by column.
class LineStore {
  public:
    void Reserve(size_t rows);
    void Append(const LineRecord& line);
    size_t Size() const { return no_.size(); }
    LineRecord Record(size_t row) const;

    uint32_t No(size_t row) const { return no_[row]; }
    std::string_view Phone(size_t row) const { return phone_.Get(row); }
    DateKey StartDate(size_t row) const { return start_date_[row]; }
    DateKey EndDate(size_t row) const { return end_date_[row]; }
    uint16_t Channels(size_t row) const { return channels_[row]; }
    // The value of a Serial, Date or Count column as stored (No, a DateKey, channels).
    uint32_t Number(size_t row, LineColumn column) const;
    // A Text column; nullptr for the others.
    const StringColumn* FindTextColumn(LineColumn column) const;
    // A Text column. Asking for a numeric column is a programming error: it stops the program
    // rather than hand back another column's text.
    const StringColumn& TextColumn(LineColumn column) const;
    StringColumn& MutableTextColumn(LineColumn column);
    // The cell as it is displayed and written to CSV: dates as 2022/08/17, blank for none.
    void FormatCell(size_t row, LineColumn column, std::string& out) const;

    std::vector<uint32_t>& MutableNo() { return no_; }
    std::vector<DateKey>& MutableStartDate() { return start_date_; }
    std::vector<DateKey>& MutableEndDate() { return end_date_; }
    std::vector<uint16_t>& MutableChannels() { return channels_; }
    // True when every column has Size() rows.
    bool IsConsistent() const;

    size_t TextBytes() const;    // bytes of cell text held
    size_t MemoryBytes() const;  // all memory the store holds, text included

  private:
    StringColumn* TextColumnOrNull(LineColumn column);
    std::vector<uint32_t> no_;
    std::vector<DateKey> start_date_;
    std::vector<DateKey> end_date_;
    std::vector<uint16_t> channels_;
    StringColumn phone_, account_id_, line_password_, service_password_;
    StringColumn caller_id_number_, hunt_group_, mobile_choice_;
};

// A line is in service when it has no end date or its end date is on/after the as-of date
// (cancellations being processed still show as in service, as the manual says).
inline bool IsInService(DateKey end_date, DateKey as_of) {
    return end_date == kNoDate || end_date >= as_of;
}

// ご利用状況照会: one number's totals for one month.
struct UsageRow {
    std::string phone;
    uint32_t call_count = 0;
    uint32_t call_seconds = 0;
    int64_t charge_yen = 0;  // tax included, whole yen
};
struct UsageReport {
    std::string month;                // "2026-10"
    std::vector<std::string> months;  // every month the API keeps, newest first
    std::vector<UsageRow> rows;
};

// 明細照会: one call.
struct CallDetail {
    std::string phone;        // the customer's number that made the call
    EpochSeconds start = 0;   // shown in Japan time
    std::string destination;  // 通話先電話番号
    uint32_t duration_seconds = 0;
    int64_t charge_yen = 0;
};
struct CallDetailReport {
    std::string phone;
    DateKey from = kNoDate;
    DateKey to = kNoDate;
    std::vector<CallDetail> calls;
};

}  // namespace portal
