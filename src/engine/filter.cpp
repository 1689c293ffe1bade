// The manual's 検索条件: validating what the customer typed, and matching rows against it.
#include "engine/filter.h"

#include <cstring>
#include <limits>

#include "engine/format.h"

namespace portal {
namespace {

constexpr size_t kMaxPrefixDigits = 11;  // the longest number (050 + 8 digits)

Error MakeError(const char* code, const char* field, const char* ja, const char* en) {
    return Error{code, field, Text{ja, en}};
}

bool IsBlank(std::string_view text) {
    // ASCII and ideographic spaces only: a prefix field holding just spaces is "no condition".
    for (size_t i = 0; i < text.size();) {
        if (text[i] == ' ' || text[i] == '\t') {
            ++i;
        } else if (text.substr(i, 3) == "\xE3\x80\x80") {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

std::string_view TrimAsciiSpace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

void ValidatePrefix(const std::string& typed, LineFilterValidation& result) {
    if (IsBlank(typed)) return;
    std::string digits;
    if (!NormalisePhoneInput(typed, digits)) {
        result.errors.push_back(
            MakeError("prefix_not_digits", "phone_prefix",
                      "電話番号は数字で入力してください（ハイフンと空白は入力できます）。",
                      "Please enter the phone number in digits (hyphens and spaces are allowed)."));
    } else if (digits.size() < kMinPrefixDigits) {
        result.errors.push_back(MakeError("prefix_too_short", "phone_prefix",
                                          "電話番号は7桁以上の数字で入力してください。",
                                          "Please enter at least 7 digits of the phone number."));
    } else if (digits.size() > kMaxPrefixDigits) {
        result.errors.push_back(MakeError("prefix_too_long", "phone_prefix",
                                          "電話番号は11桁以内の数字で入力してください。",
                                          "Please enter no more than 11 digits of the phone number."));
    } else {
        result.filter.prefix_digits = std::move(digits);
    }
}

void ValidateDate(const std::string& typed, const char* field, const char* ja, const char* en, DateKey& out,
                  LineFilterValidation& result) {
    const std::string_view text = TrimAsciiSpace(typed);
    if (text.empty()) return;
    if (const std::optional<DateKey> date = ParseDate(text)) {
        out = *date;
    } else {
        result.errors.push_back(MakeError("bad_date", field, ja, en));
    }
}

// Lower and upper start-date bounds; a line without a start date never satisfies a date condition.
struct DateBounds {
    DateKey low;
    DateKey high;
};
DateBounds BoundsOf(const LineFilter& filter) {
    return DateBounds{filter.start_from != kNoDate ? filter.start_from : 1,
                      filter.start_to != kNoDate ? filter.start_to : std::numeric_limits<DateKey>::max()};
}

// The row loop specialised on which conditions are present, so the common cases run without
// per-row branches on the filter itself and without any allocation per row.
template <bool kPrefix, bool kStatus, bool kDates>
void MatchInto(const LineStore& store, const LineFilter& filter, DateKey as_of, std::vector<uint32_t>& out) {
    const size_t rows = store.Size();
    const StringColumn& phones = store.TextColumn(LineColumn::PhoneNumber);
    const uint32_t* offsets = phones.Offsets().data();
    const char* arena = phones.Arena().data();
    const char* prefix = filter.prefix_digits.data();
    const uint32_t prefix_length = static_cast<uint32_t>(filter.prefix_digits.size());
    const DateBounds bounds = BoundsOf(filter);
    const DateKey span = bounds.high - bounds.low;
    if (kPrefix) {
        // Selective: test the prefix first and branch. The prefix's last four digits, compared as
        // one 32-bit word, turn most rows away without a memcmp call (a real call in WebAssembly).
        const bool word = prefix_length >= 4;
        uint32_t tail = 0;
        if (word) std::memcpy(&tail, prefix + prefix_length - 4, 4);
        const uint32_t head_length = word ? prefix_length - 4 : prefix_length;
        for (size_t row = 0; row < rows; ++row) {
            if (offsets[row + 1] - offsets[row] < prefix_length) continue;
            const char* phone = arena + offsets[row];
            if (word) {
                uint32_t candidate;
                std::memcpy(&candidate, phone + head_length, 4);
                if (candidate != tail) continue;
            }
            if (std::memcmp(phone, prefix, head_length) != 0) continue;
            if (kDates && store.StartDate(row) - bounds.low > span) continue;  // unsigned: below low wraps
            if (kStatus && !IsInService(store.EndDate(row), as_of)) continue;
            out.push_back(static_cast<uint32_t>(row));
        }
        return;
    }
    // Status and dates often match most rows at random: write every row and advance only on a
    // match, so there is no branch to mispredict.
    out.resize(rows);
    uint32_t* write = out.data();
    size_t count = 0;
    for (size_t row = 0; row < rows; ++row) {
        bool match = true;
        if (kDates) match &= store.StartDate(row) - bounds.low <= span;
        if (kStatus) match &= IsInService(store.EndDate(row), as_of);
        write[count] = static_cast<uint32_t>(row);
        count += match;
    }
    out.resize(count);
}

using MatchFunction = void (*)(const LineStore&, const LineFilter&, DateKey, std::vector<uint32_t>&);
const MatchFunction kMatchFunctions[8] = {
    MatchInto<false, false, false>, MatchInto<false, false, true>, MatchInto<false, true, false>,
    MatchInto<false, true, true>,   MatchInto<true, false, false>, MatchInto<true, false, true>,
    MatchInto<true, true, false>,   MatchInto<true, true, true>,
};

}  // namespace

LineFilterValidation ValidateLineQuery(const LineQueryInput& input) {
    LineFilterValidation result;
    ValidatePrefix(input.phone_prefix, result);
    result.filter.status = input.status;
    ValidateDate(input.start_from, "start_from",
                 "サービス開始日（から）には正しい日付を入力してください（例：2022/08/17）。",
                 "Please enter a valid date for the service start date (from), e.g. 2022/08/17.",
                 result.filter.start_from, result);
    ValidateDate(input.start_to, "start_to",
                 "サービス開始日（まで）には正しい日付を入力してください（例：2022/08/17）。",
                 "Please enter a valid date for the service start date (to), e.g. 2022/08/17.",
                 result.filter.start_to, result);
    if (result.filter.start_from != kNoDate && result.filter.start_to != kNoDate &&
        result.filter.start_from > result.filter.start_to) {
        result.errors.push_back(MakeError(
            "date_range_reversed", "start_to",
            "サービス開始日の範囲は、「から」の日付を「まで」の日付と同じか前にしてください。",
            "Please make the service start date (from) the same as or earlier than the date (to)."));
    }
    if (!result.ok()) result.filter = LineFilter{};  // never hand out a half-validated filter
    return result;
}

bool LineMatches(const LineStore& store, size_t row, const LineFilter& filter, DateKey as_of) {
    if (filter.start_from != kNoDate || filter.start_to != kNoDate) {
        const DateBounds bounds = BoundsOf(filter);
        const DateKey start = store.StartDate(row);
        if (start < bounds.low || start > bounds.high) return false;
    }
    if (filter.status == StatusFilter::InServiceOnly && !IsInService(store.EndDate(row), as_of)) return false;
    if (!filter.prefix_digits.empty()) {
        const std::string_view phone = store.Phone(row);
        if (phone.size() < filter.prefix_digits.size() ||
            std::memcmp(phone.data(), filter.prefix_digits.data(), filter.prefix_digits.size()) != 0)
            return false;
    }
    return true;
}

std::vector<uint32_t> MatchLines(const LineStore& store, const LineFilter& filter, DateKey as_of) {
    const bool prefix = !filter.prefix_digits.empty();
    const bool status = filter.status == StatusFilter::InServiceOnly;
    const bool dates = filter.start_from != kNoDate || filter.start_to != kNoDate;
    std::vector<uint32_t> rows;
    kMatchFunctions[(prefix ? 4 : 0) | (status ? 2 : 0) | (dates ? 1 : 0)](store, filter, as_of, rows);
    return rows;
}

}  // namespace portal
