// Stable line sorting: per-column cached orders (radix sorted), and queries that walk them.
#include "engine/sort.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace portal {
namespace {

// 8 bytes of the text from `offset` on, big-endian, zero padded: keys that order like the text
// itself except for ties, which the caller settles with a full comparison.
uint64_t TextKey(std::string_view text, size_t offset) {
    unsigned char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    if (offset < text.size())
        std::memcpy(bytes, text.data() + offset, std::min<size_t>(8, text.size() - offset));
    uint64_t key = 0;
    for (unsigned char b : bytes) key = key << 8 | b;
    return key;
}

// Stable LSD radix sort of `order` by a key per row, 16 bits per pass; passes where every row
// has the same digit are skipped. O(n) whatever the data.
template <class Key>
void RadixSortRows(const std::vector<Key>& keys, std::vector<uint32_t>& order) {
    const size_t n = order.size();
    std::vector<uint32_t> scratch(n);
    std::vector<uint32_t> counts(1u << 16);
    for (unsigned shift = 0; shift < sizeof(Key) * 8; shift += 16) {
        std::fill(counts.begin(), counts.end(), 0);
        for (size_t i = 0; i < n; ++i) ++counts[(keys[i] >> shift) & 0xFFFF];
        if (n == 0 || counts[(keys[0] >> shift) & 0xFFFF] == n) continue;
        uint32_t sum = 0;
        for (uint32_t& c : counts) {
            const uint32_t here = c;
            c = sum;
            sum += here;
        }
        for (size_t i = 0; i < n; ++i) scratch[counts[(keys[order[i]] >> shift) & 0xFFFF]++] = order[i];
        order.swap(scratch);
    }
}

std::vector<uint32_t> IdentityOrder(size_t n) {
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
    return order;
}

// Text columns: radix sort on the first 16 bytes (two 64-bit keys, least significant first),
// then settle the rare runs whose first 16 bytes tie but whose texts differ.
std::vector<uint32_t> TextOrder(const StringColumn& text) {
    const size_t n = text.Size();
    std::vector<uint32_t> order = IdentityOrder(n);
    std::vector<uint64_t> high(n), low(n);
    for (size_t row = 0; row < n; ++row) {
        high[row] = TextKey(text.Get(row), 0);
        low[row] = TextKey(text.Get(row), 8);
    }
    RadixSortRows(low, order);
    RadixSortRows(high, order);
    for (size_t begin = 0; begin < n;) {
        size_t end = begin + 1;
        bool all_equal = true;
        while (end < n && high[order[end]] == high[order[begin]] && low[order[end]] == low[order[begin]]) {
            all_equal = all_equal && text.Get(order[end]) == text.Get(order[begin]);
            ++end;
        }
        // Equal texts are already in row order (the radix passes are stable).
        if (!all_equal) {
            std::sort(order.begin() + begin, order.begin() + end, [&](uint32_t a, uint32_t b) {
                const int cmp = text.Get(a).compare(text.Get(b));
                return cmp != 0 ? cmp < 0 : a < b;
            });
        }
        begin = end;
    }
    return order;
}

int CompareRows(const LineStore& store, LineColumn column, uint32_t a, uint32_t b) {
    if (IsTextColumn(column)) {
        const StringColumn& text = store.TextColumn(column);
        return text.Get(a).compare(text.Get(b));
    }
    const uint32_t ka = store.Number(a, column), kb = store.Number(b, column);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// A Serial, Date or Count column's values, one per row: read column by column rather than through
// LineStore::Number's switch per row, a million times when the table first shows.
std::vector<uint32_t> NumberKeys(const LineStore& store, LineColumn column) {
    const size_t n = store.Size();
    std::vector<uint32_t> keys(n);
    const auto fill = [&](auto value) {
        for (size_t row = 0; row < n; ++row) keys[row] = value(row);
    };
    switch (column) {
        case LineColumn::No:
            fill([&](size_t row) { return store.No(row); });
            break;
        case LineColumn::StartDate:
            fill([&](size_t row) { return store.StartDate(row); });
            break;
        case LineColumn::EndDate:
            fill([&](size_t row) { return store.EndDate(row); });
            break;
        case LineColumn::Channels:
            fill([&](size_t row) { return uint32_t{store.Channels(row)}; });
            break;
        default:  // a Text column: Number stops the program, as it should
            fill([&](size_t row) { return store.Number(row, column); });
            break;
    }
    return keys;
}

// Each row's rank along an ascending `order`: the count of distinct keys before its own.
template <class SameKey>
std::vector<uint32_t> RanksAlong(const std::vector<uint32_t>& order, SameKey&& same_key) {
    std::vector<uint32_t> rank(order.size());
    uint32_t current = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && !same_key(order[i - 1], order[i])) ++current;
        rank[order[i]] = current;
    }
    return rank;
}

}  // namespace

std::vector<uint32_t> AllRows(size_t count) {
    std::vector<uint32_t> rows(count);
    std::iota(rows.begin(), rows.end(), 0u);
    return rows;
}

Result<LineSort> ParseLineSort(std::string_view text) {
    LineSort sort;
    if (text.empty()) return sort;
    std::string_view key = text, direction = "asc";
    if (const size_t colon = text.find(':'); colon != std::string_view::npos) {
        key = text.substr(0, colon);
        direction = text.substr(colon + 1);
    }
    const LineColumnInfo* info = FindLineColumn(key);
    const bool direction_ok = direction == "asc" || direction == "desc";
    if (info == nullptr || !direction_ok) {
        return Error{"bad_sort", "sort",
                     Text{"並べ替えの指定が正しくありません（例：phone:asc、start_date:desc）。",
                          "The sort order is not valid (e.g. phone:asc, start_date:desc)."}};
    }
    sort.column = info->column;
    sort.direction = direction == "desc" ? SortDirection::Descending : SortDirection::Ascending;
    return sort;
}

std::string FormatLineSort(const LineSort& sort) {
    return std::string(ColumnInfo(sort.column).key) +
           (sort.direction == SortDirection::Descending ? ":desc" : ":asc");
}

void LineOrderCache::Reset() {
    for (size_t i = 0; i < kLineColumnCount; ++i) {
        order_[i] = std::vector<uint32_t>();
        rank_[i] = std::vector<uint32_t>();
    }
}

const std::vector<uint32_t>& LineOrderCache::AscendingOrder(const LineStore& store, LineColumn column) {
    const size_t c = static_cast<size_t>(column);
    if (order_[c].size() != store.Size()) Build(store, column);
    return order_[c];
}

const std::vector<uint32_t>& LineOrderCache::Ranks(const LineStore& store, LineColumn column) {
    AscendingOrder(store, column);
    return rank_[static_cast<size_t>(column)];
}

size_t LineOrderCache::MemoryBytes() const {
    size_t total = 0;
    for (size_t i = 0; i < kLineColumnCount; ++i)
        total += (order_[i].capacity() + rank_[i].capacity()) * sizeof(uint32_t);
    return total;
}

void LineOrderCache::Build(const LineStore& store, LineColumn column) {
    const size_t c = static_cast<size_t>(column);
    const size_t n = store.Size();
    std::vector<uint32_t>& order = order_[c];
    if (IsTextColumn(column)) {
        const StringColumn& text = store.TextColumn(column);
        order = TextOrder(text);
        rank_[c] = RanksAlong(order, [&](uint32_t a, uint32_t b) { return text.Get(a) == text.Get(b); });
        return;
    }
    const std::vector<uint32_t> keys = NumberKeys(store, column);
    order = IdentityOrder(n);
    // No (and often the start date) is already in stored order: then the identity is the
    // stable order and the default view costs one pass.
    if (!std::is_sorted(keys.begin(), keys.end())) RadixSortRows(keys, order);
    rank_[c] = RanksAlong(order, [&](uint32_t a, uint32_t b) { return keys[a] == keys[b]; });
}

void SortRows(const LineStore& store, std::vector<uint32_t>& rows, const LineSort& sort) {
    if (sort.direction == SortDirection::Ascending) {
        std::stable_sort(rows.begin(), rows.end(),
                         [&](uint32_t a, uint32_t b) { return CompareRows(store, sort.column, a, b) < 0; });
    } else {
        std::stable_sort(rows.begin(), rows.end(),
                         [&](uint32_t a, uint32_t b) { return CompareRows(store, sort.column, a, b) > 0; });
    }
}

}  // namespace portal
