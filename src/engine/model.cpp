// The line table's column catalogue and the columnar LineStore.
#include "engine/model.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

#include "engine/date_text.h"

namespace portal {

std::string_view PlanKindKey(PlanKind plan) {
    return plan == PlanKind::Basic ? "basic" : "standard";
}

const std::array<LineColumnInfo, kLineColumnCount>& LineColumns() {
    // The manual's 回線情報 headers, in its order. hidden_for_basic follows the manual's note
    // for the モバイルチョイス“050” basic plan (SIP proxy and domain are summary fields).
    static const std::array<LineColumnInfo, kLineColumnCount> kColumns = {{
        {LineColumn::No, "no", "No", "No.", false, LineColumnType::Serial},
        {LineColumn::PhoneNumber, "phone", "電話番号", "Phone number", false, LineColumnType::Text},
        {LineColumn::AccountId, "account_id", "アカウントID", "Account ID", true, LineColumnType::Text},
        {LineColumn::LinePassword, "line_password", "加入電話パスワード", "Line password", true,
         LineColumnType::Text},
        {LineColumn::ServicePassword, "service_password", "付加サービスパスワード", "Service password", true,
         LineColumnType::Text},
        {LineColumn::StartDate, "start_date", "サービス開始日", "Service start", false, LineColumnType::Date},
        {LineColumn::EndDate, "end_date", "サービス終了日", "Service end", false, LineColumnType::Date},
        {LineColumn::Channels, "channels", "チャンネル", "Channels", true, LineColumnType::Count},
        {LineColumn::CallerIdNumber, "caller_id", "特定番号通知", "Caller ID number", true,
         LineColumnType::Text},
        {LineColumn::HuntGroup, "hunt_group", "代表着信", "Hunt group", true, LineColumnType::Text},
        {LineColumn::MobileChoice, "mobile_choice", "モバイルチョイス", "Mobile Choice", false,
         LineColumnType::Text},
    }};
    return kColumns;
}

const LineColumnInfo& ColumnInfo(LineColumn column) {
    return LineColumns()[static_cast<size_t>(column)];
}

std::vector<LineColumn> VisibleLineColumns(PlanKind plan) {
    std::vector<LineColumn> columns;
    for (const LineColumnInfo& info : LineColumns())
        if (plan == PlanKind::Standard || !info.hidden_for_basic) columns.push_back(info.column);
    return columns;
}

const LineColumnInfo* FindLineColumn(std::string_view key) {
    for (const LineColumnInfo& info : LineColumns())
        if (key == info.key) return &info;
    return nullptr;
}

void StringColumn::Reserve(size_t rows, size_t text_bytes) {
    offsets_.reserve(rows + 1);
    text_.reserve(text_bytes);
}

void StringColumn::PushMany(std::string_view text, const std::vector<uint32_t>& lengths) {
    char* out = AppendUnwritten(lengths, text.size());
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
}

char* StringColumn::AppendUnwritten(const std::vector<uint32_t>& lengths, size_t total) {
    const size_t at = text_.size();
    text_.resize(at + total);
    // Sized once and written through a pointer: a block is 65,536 cells in one call, and a
    // browser may run that whole call in its baseline compiler, where a push_back per cell
    // measured several times slower.
    const size_t first = offsets_.size();
    offsets_.resize(first + lengths.size());
    uint32_t* out = offsets_.data() + first;
    uint32_t offset = static_cast<uint32_t>(at);
    for (size_t i = 0, n = lengths.size(); i < n; ++i) out[i] = offset += lengths[i];
    return text_.data() + at;
}

bool StringColumn::Assign(std::vector<uint32_t> offsets, std::string text) {
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != text.size()) return false;
    for (size_t i = 1; i < offsets.size(); ++i)
        if (offsets[i] < offsets[i - 1]) return false;
    offsets_ = std::move(offsets);
    text_ = std::move(text);
    return true;
}

void LineStore::Reserve(size_t rows) {
    no_.reserve(rows);
    start_date_.reserve(rows);
    end_date_.reserve(rows);
    channels_.reserve(rows);
    // Typical widths (11-digit number, 13-character account ID, 6-character passwords) so that
    // a million appends do not reallocate the arenas over and over.
    phone_.Reserve(rows, rows * 11);
    account_id_.Reserve(rows, rows * 13);
    line_password_.Reserve(rows, rows * 6);
    service_password_.Reserve(rows, rows * 6);
    caller_id_number_.Reserve(rows, 0);
    hunt_group_.Reserve(rows, 0);
    mobile_choice_.Reserve(rows, 0);
}

void LineStore::Append(const LineRecord& line) {
    no_.push_back(line.no);
    phone_.Push(line.phone);
    account_id_.Push(line.account_id);
    line_password_.Push(line.line_password);
    service_password_.Push(line.service_password);
    start_date_.push_back(line.start_date);
    end_date_.push_back(line.end_date);
    channels_.push_back(line.channels);
    caller_id_number_.Push(line.caller_id_number);
    hunt_group_.Push(line.hunt_group);
    mobile_choice_.Push(line.mobile_choice);
}

LineRecord LineStore::Record(size_t row) const {
    LineRecord line;
    line.no = no_[row];
    line.phone = std::string(phone_.Get(row));
    line.account_id = std::string(account_id_.Get(row));
    line.line_password = std::string(line_password_.Get(row));
    line.service_password = std::string(service_password_.Get(row));
    line.start_date = start_date_[row];
    line.end_date = end_date_[row];
    line.channels = channels_[row];
    line.caller_id_number = std::string(caller_id_number_.Get(row));
    line.hunt_group = std::string(hunt_group_.Get(row));
    line.mobile_choice = std::string(mobile_choice_.Get(row));
    return line;
}

uint32_t LineStore::Number(size_t row, LineColumn column) const {
    switch (column) {
        case LineColumn::No:
            return no_[row];
        case LineColumn::StartDate:
            return start_date_[row];
        case LineColumn::EndDate:
            return end_date_[row];
        case LineColumn::Channels:
            return channels_[row];
        default:
            std::abort();  // a Text column has no number: see FindTextColumn
    }
}

const StringColumn* LineStore::FindTextColumn(LineColumn column) const {
    return const_cast<LineStore*>(this)->TextColumnOrNull(column);
}

const StringColumn& LineStore::TextColumn(LineColumn column) const {
    return const_cast<LineStore*>(this)->MutableTextColumn(column);
}

StringColumn& LineStore::MutableTextColumn(LineColumn column) {
    StringColumn* text = TextColumnOrNull(column);
    if (text == nullptr) std::abort();  // a numeric column read as text
    return *text;
}

StringColumn* LineStore::TextColumnOrNull(LineColumn column) {
    switch (column) {
        case LineColumn::PhoneNumber:
            return &phone_;
        case LineColumn::AccountId:
            return &account_id_;
        case LineColumn::LinePassword:
            return &line_password_;
        case LineColumn::ServicePassword:
            return &service_password_;
        case LineColumn::CallerIdNumber:
            return &caller_id_number_;
        case LineColumn::HuntGroup:
            return &hunt_group_;
        case LineColumn::MobileChoice:
            return &mobile_choice_;
        default:
            return nullptr;
    }
}

namespace {
void AppendUnsigned(uint32_t value, std::string& out) {
    char buffer[16];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}
void AppendDate(DateKey date, std::string& out) {
    if (date == kNoDate) return;
    char buffer[kDateTextLength];
    WriteDateText(date, '/', buffer);
    out.append(buffer, sizeof buffer);
}
}  // namespace

void LineStore::FormatCell(size_t row, LineColumn column, std::string& out) const {
    switch (ColumnInfo(column).type) {
        case LineColumnType::Serial:
            AppendUnsigned(Number(row, column), out);
            break;
        case LineColumnType::Date:
            AppendDate(Number(row, column), out);
            break;
        case LineColumnType::Count:
            if (const uint32_t count = Number(row, column); count != 0) AppendUnsigned(count, out);
            break;
        case LineColumnType::Text: {
            const std::string_view text = TextColumn(column).Get(row);
            out.append(text.data(), text.size());
        }
    }
}

bool LineStore::IsConsistent() const {
    const size_t n = no_.size();
    if (start_date_.size() != n || end_date_.size() != n || channels_.size() != n) return false;
    for (const StringColumn* c : {&phone_, &account_id_, &line_password_, &service_password_,
                                  &caller_id_number_, &hunt_group_, &mobile_choice_})
        if (c->Size() != n) return false;
    return true;
}

size_t LineStore::TextBytes() const {
    size_t total = 0;
    for (const StringColumn* c : {&phone_, &account_id_, &line_password_, &service_password_,
                                  &caller_id_number_, &hunt_group_, &mobile_choice_})
        total += c->TextBytes();
    return total;
}

size_t LineStore::MemoryBytes() const {
    size_t total = no_.capacity() * sizeof(uint32_t) + start_date_.capacity() * sizeof(DateKey) +
                   end_date_.capacity() * sizeof(DateKey) + channels_.capacity() * sizeof(uint16_t);
    for (const StringColumn* c : {&phone_, &account_id_, &line_password_, &service_password_,
                                  &caller_id_number_, &hunt_group_, &mobile_choice_})
        total += c->MemoryBytes();
    return total;
}

}  // namespace portal
