// Usage and call-detail ordering: stable sorts over row indices, the same steps the client's
// tables took before they shared this file, so the server's sorted CSV matches the client's.
#include "engine/report_sort.h"

#include <algorithm>

namespace portal {
namespace {

constexpr const char* kUsageKeys[] = {"phone", "calls", "seconds", "charge"};
constexpr const char* kCallKeys[] = {"start", "destination", "duration", "charge"};

Error BadSort(const char* keys_ja, const char* keys_en) {
    return Error{"bad_sort", "sort",
                 Text{std::string("並べ替えの指定が正しくありません。") + keys_ja +
                          " のいずれか (降順は先頭に - 、例: -charge) を指定してください。",
                      std::string("The sort order is not valid. Use one of ") + keys_en +
                          " (prefix - for descending, e.g. -charge)."}};
}

// Splits "-key", "key", "key:asc", "key:desc" into the key and the direction; false when the
// shape itself is wrong (both forms at once, an unknown direction).
bool SplitSort(std::string_view text, std::string_view& key, SortDirection& direction) {
    direction = SortDirection::Ascending;
    key = text;
    const size_t colon = text.find(':');
    if (!text.empty() && text.front() == '-') {
        if (colon != std::string_view::npos) return false;
        direction = SortDirection::Descending;
        key = text.substr(1);
        return true;
    }
    if (colon == std::string_view::npos) return true;
    key = text.substr(0, colon);
    const std::string_view word = text.substr(colon + 1);
    if (word == "desc") direction = SortDirection::Descending;
    return word == "asc" || word == "desc";
}

template <class Column, size_t N>
bool FindKey(std::string_view key, const char* const (&keys)[N], Column& column) {
    for (size_t i = 0; i < N; ++i) {
        if (key == keys[i]) {
            column = static_cast<Column>(i);
            return true;
        }
    }
    return false;
}

template <typename Key>
void StableSortBy(std::vector<uint32_t>& rows, SortDirection direction, Key key) {
    if (direction == SortDirection::Descending) {
        std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return key(b) < key(a); });
    } else {
        std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    }
}

}  // namespace

bool HasPhonePrefix(std::string_view phone, std::string_view digits) {
    return phone.substr(0, digits.size()) == digits;
}

std::vector<uint32_t> UsageRowsWithPrefix(const std::vector<UsageRow>& all, std::string_view digits) {
    std::vector<uint32_t> rows;
    rows.reserve(all.size());
    for (size_t r = 0; r < all.size(); ++r)
        if (HasPhonePrefix(all[r].phone, digits)) rows.push_back(static_cast<uint32_t>(r));
    return rows;
}

Result<UsageSort> ParseUsageSort(std::string_view text) {
    UsageSort sort;
    std::string_view key;
    if (text.empty()) return sort;
    if (!SplitSort(text, key, sort.direction) || !FindKey(key, kUsageKeys, sort.column))
        return BadSort("phone, calls, seconds, charge", "phone, calls, seconds, charge");
    return sort;
}

Result<CallSort> ParseCallSort(std::string_view text) {
    CallSort sort;
    std::string_view key;
    if (text.empty()) return sort;
    if (!SplitSort(text, key, sort.direction) || !FindKey(key, kCallKeys, sort.column))
        return BadSort("start, destination, duration, charge", "start, destination, duration, charge");
    return sort;
}

void SortUsageRows(const std::vector<UsageRow>& all, std::vector<uint32_t>& rows, const UsageSort& sort) {
    // Phone first: every other column's ties then follow the number, whatever order the rows
    // arrived in (the client gets them from JSON, the server from SQLite).
    StableSortBy(rows, SortDirection::Ascending,
                 [&](uint32_t r) -> const std::string& { return all[r].phone; });
    switch (sort.column) {
        case UsageSortColumn::Phone:
            if (sort.direction == SortDirection::Descending) std::reverse(rows.begin(), rows.end());
            break;
        case UsageSortColumn::Calls:
            StableSortBy(rows, sort.direction, [&](uint32_t r) { return all[r].call_count; });
            break;
        case UsageSortColumn::Seconds:
            StableSortBy(rows, sort.direction, [&](uint32_t r) { return all[r].call_seconds; });
            break;
        case UsageSortColumn::Charge:
            StableSortBy(rows, sort.direction, [&](uint32_t r) { return all[r].charge_yen; });
            break;
    }
}

void SortCallRows(const std::vector<CallDetail>& calls, std::vector<uint32_t>& rows, const CallSort& sort) {
    StableSortBy(rows, SortDirection::Ascending, [&](uint32_t r) { return calls[r].start; });
    switch (sort.column) {
        case CallSortColumn::Start:
            // Reversed rather than re-sorted, as the client's table has always done.
            if (sort.direction == SortDirection::Descending) std::reverse(rows.begin(), rows.end());
            break;
        case CallSortColumn::Destination:
            StableSortBy(rows, sort.direction,
                         [&](uint32_t r) -> const std::string& { return calls[r].destination; });
            break;
        case CallSortColumn::Duration:
            StableSortBy(rows, sort.direction, [&](uint32_t r) { return calls[r].duration_seconds; });
            break;
        case CallSortColumn::Charge:
            StableSortBy(rows, sort.direction, [&](uint32_t r) { return calls[r].charge_yen; });
            break;
    }
}

}  // namespace portal
