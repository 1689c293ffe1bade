// Streaming decoder of the columnar lines JSON through nlohmann's SAX interface: every value
// goes straight into its column; anything unexpected stops the parse with the value's path.
#include <algorithm>
#include <limits>

#include "engine/codec.h"
#include "engine/json_fields.h"

namespace portal {

// Strict "YYYY-MM-DD" (the wire form); blank means no date. Shared with codec_lines_fast.cpp.
bool ParseWireDate(std::string_view text, DateKey& out) {
    if (text.empty()) {
        out = kNoDate;
        return true;
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int parts[3] = {0, 0, 0};
    const int begins[3] = {0, 5, 8}, ends[3] = {4, 7, 10};
    for (int p = 0; p < 3; ++p) {
        for (int i = begins[p]; i < ends[p]; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    }
    if (!IsValidCalendarDate(parts[0], parts[1], parts[2])) return false;
    out = MakeDateKey(parts[0], parts[1], parts[2]);
    return true;
}

namespace {

using nlohmann::json;

enum class State { Start, Top, Columns, ColumnArray, Done };
enum class TopKey { None, Version, Count, Columns };

class LinesSax {
  public:
    explicit LinesSax(size_t input_bytes) : input_bytes_(input_bytes) {}

    bool null() { return Value("null"); }
    bool boolean(bool) { return Value("a boolean"); }
    bool number_integer(json::number_integer_t) {
        // Only negative integers arrive here (non-negative ones come as unsigned).
        if (state_ == State::ColumnArray && !IsText() && !IsDate())
            return Fail(ElementPath(), "negative number");
        return Value("a number");
    }
    bool number_unsigned(json::number_unsigned_t value) {
        if (state_ == State::Top && top_key_ == TopKey::Version) {
            if (value != 1) return Fail("version", "unsupported version (this reader knows version 1)");
            version_seen_ = true;
            return true;
        }
        if (state_ == State::Top && top_key_ == TopKey::Count) {
            if (value > std::numeric_limits<uint32_t>::max()) return Fail("count", "number out of range");
            count_ = static_cast<size_t>(value);
            count_seen_ = true;
            return true;
        }
        if (state_ != State::ColumnArray) return Value("a number");
        if (column_ == LineColumn::No) {
            if (value > std::numeric_limits<uint32_t>::max())
                return Fail(ElementPath(), "number out of range");
            store_.MutableNo().push_back(static_cast<uint32_t>(value));
        } else if (column_ == LineColumn::Channels) {
            if (value > std::numeric_limits<uint16_t>::max())
                return Fail(ElementPath(), "number out of range");
            store_.MutableChannels().push_back(static_cast<uint16_t>(value));
        } else {
            return Fail(ElementPath(), IsDate() ? "expected a date string" : "expected a string");
        }
        ++index_;
        return true;
    }
    bool number_float(json::number_float_t, const json::string_t&) { return Value("a fractional number"); }
    bool string(json::string_t& value) {
        if (state_ != State::ColumnArray) return Value("a string");
        if (IsText()) {
            store_.MutableTextColumn(column_).Push(value);
        } else if (IsDate()) {
            DateKey date = kNoDate;
            if (!ParseWireDate(value, date)) return Fail(ElementPath(), "expected a date YYYY-MM-DD or \"\"");
            (column_ == LineColumn::StartDate ? store_.MutableStartDate() : store_.MutableEndDate())
                .push_back(date);
        } else {
            return Fail(ElementPath(), "expected a whole number");
        }
        ++index_;
        return true;
    }
    bool binary(json::binary_t&) { return Value("binary data"); }

    bool start_object(std::size_t) {
        if (state_ == State::Start) {
            state_ = State::Top;
            return true;
        }
        if (state_ == State::Top && top_key_ == TopKey::Columns) {
            state_ = State::Columns;
            columns_object_seen_ = true;
            return true;
        }
        return Value("an object");
    }
    bool key(json::string_t& key) {
        if (state_ == State::Top) {
            if (key == "version") {
                top_key_ = TopKey::Version;
            } else if (key == "count") {
                top_key_ = TopKey::Count;
            } else if (key == "columns") {
                top_key_ = TopKey::Columns;
            } else {
                return Fail(key, "unknown field");
            }
            const int bit = 1 << static_cast<int>(top_key_);
            if (top_keys_seen_ & bit) return Fail(key, "duplicate field");
            top_keys_seen_ |= bit;
            return true;
        }
        // state_ == Columns: the only other place keys occur (objects elsewhere are refused).
        const LineColumnInfo* info = FindLineColumn(key);
        if (info == nullptr) return Fail("columns." + key, "unknown column");
        const size_t c = static_cast<size_t>(info->column);
        if (column_seen_[c]) return Fail("columns." + key, "duplicate column");
        column_seen_[c] = true;
        column_ = info->column;
        awaiting_array_ = true;
        return true;
    }
    bool end_object() {
        if (state_ == State::Columns) {
            state_ = State::Top;
            top_key_ = TopKey::None;
        } else {
            state_ = State::Done;
        }
        return true;
    }
    bool start_array(std::size_t) {
        if (state_ != State::Columns || !awaiting_array_) return Value("an array");
        awaiting_array_ = false;
        state_ = State::ColumnArray;
        index_ = 0;
        ReserveColumn();
        return true;
    }
    bool end_array() {
        lengths_[static_cast<size_t>(column_)] = index_;
        state_ = State::Columns;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        if (!failed_) {
            error_ = PayloadError("", "not well-formed JSON at byte " + std::to_string(position));
            failed_ = true;
        }
        return false;
    }

    // After a successful parse: every field and column present, every column `count` long.
    Result<LineStore> Finish() {
        if (failed_) return error_;
        if (!version_seen_) return PayloadError("version", "missing");
        if (!count_seen_) return PayloadError("count", "missing");
        if (!columns_object_seen_) return PayloadError("columns", "missing");
        for (const LineColumnInfo& info : LineColumns()) {
            const size_t c = static_cast<size_t>(info.column);
            const std::string path = std::string("columns.") + info.key;
            if (!column_seen_[c]) return PayloadError(path, "missing column");
            if (lengths_[c] != count_) {
                return PayloadError(path, path + ": length " + std::to_string(lengths_[c]) + " != count " +
                                              std::to_string(count_));
            }
        }
        return std::move(store_);
    }

  private:
    bool IsDate() const { return column_ == LineColumn::StartDate || column_ == LineColumn::EndDate; }
    bool IsText() const { return !IsDate() && column_ != LineColumn::No && column_ != LineColumn::Channels; }
    std::string ColumnPath() const { return std::string("columns.") + ColumnInfo(column_).key; }
    std::string ElementPath() const { return IndexPath(ColumnPath(), index_); }

    // A value where it does not belong (or of the wrong type): name the place it was found.
    bool Value(const char* what) {
        std::string path;
        std::string expected = "unexpected ";
        if (state_ == State::ColumnArray) {
            path = ElementPath();
            expected = IsText()   ? "expected a string, got "
                       : IsDate() ? "expected a date string, got "
                                  : "expected a whole number, got ";
        } else if (state_ == State::Columns) {
            path = ColumnPath();
            expected = "expected an array, got ";
        } else if (state_ == State::Top && top_key_ == TopKey::Version) {
            path = "version";
            expected = "expected 1, got ";
        } else if (state_ == State::Top && top_key_ == TopKey::Count) {
            path = "count";
            expected = "expected a whole number, got ";
        } else if (state_ == State::Top && top_key_ == TopKey::Columns) {
            path = "columns";
            expected = "expected an object, got ";
        } else {
            expected = "expected an object, got ";
        }
        return Fail(path, expected + what);
    }
    bool Fail(const std::string& path, const std::string& detail) {
        if (!failed_) {
            error_ = PayloadError(path, detail);
            failed_ = true;
        }
        return false;
    }
    void ReserveColumn() {
        if (!count_seen_) return;
        // A hostile count must not allocate gigabytes: every element takes at least 2 bytes.
        const size_t rows = std::min(count_, input_bytes_ / 2);
        switch (column_) {
            case LineColumn::No:
                store_.MutableNo().reserve(rows);
                break;
            case LineColumn::StartDate:
                store_.MutableStartDate().reserve(rows);
                break;
            case LineColumn::EndDate:
                store_.MutableEndDate().reserve(rows);
                break;
            case LineColumn::Channels:
                store_.MutableChannels().reserve(rows);
                break;
            default:
                store_.MutableTextColumn(column_).Reserve(rows, 0);
        }
    }

    size_t input_bytes_;
    LineStore store_;
    State state_ = State::Start;
    TopKey top_key_ = TopKey::None;
    int top_keys_seen_ = 0;
    bool version_seen_ = false, count_seen_ = false, columns_object_seen_ = false;
    size_t count_ = 0;
    LineColumn column_ = LineColumn::No;
    bool awaiting_array_ = false;
    size_t index_ = 0;
    bool column_seen_[kLineColumnCount] = {};
    size_t lengths_[kLineColumnCount] = {};
    bool failed_ = false;
    Error error_;
};

}  // namespace

Result<LineStore> DecodeLinesJsonStreaming(std::string_view text) {
    LinesSax sax(text.size());
    try {
        json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
    } catch (const std::exception& e) {
        return PayloadError("", e.what());
    }
    return sax.Finish();
}

}  // namespace portal
