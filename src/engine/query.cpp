// QueryLines: filter + stable sort + first page, as one pass over a cached order.
#include <algorithm>

#include "engine/sort.h"

namespace portal {
namespace {

bool HasConditions(const LineFilter& filter) {
    return !filter.prefix_digits.empty() || filter.status != StatusFilter::All ||
           filter.start_from != kNoDate || filter.start_to != kNoDate;
}

// Few enough matches that sorting them by rank beats walking the whole cached order.
bool IsSelective(size_t matches, size_t rows) {
    return matches <= rows / 32;
}

// Where the run of equal keys that ends just before `end` starts. Ranks never decrease along
// the ascending order, so gallop backwards (O(1) for unique keys) and then binary search.
size_t RunStart(const std::vector<uint32_t>& order, const std::vector<uint32_t>& rank, size_t end) {
    const uint32_t run_rank = rank[order[end - 1]];
    size_t known = end - 1, step = 1, low = 0;
    while (known >= step) {
        const size_t probe = known - step;
        if (rank[order[probe]] != run_rank) {
            low = probe + 1;
            break;
        }
        known = probe;
        step *= 2;
    }
    return static_cast<size_t>(std::partition_point(order.begin() + static_cast<std::ptrdiff_t>(low),
                                                    order.begin() + static_cast<std::ptrdiff_t>(known),
                                                    [&](uint32_t row) { return rank[row] < run_rank; }) -
                               order.begin());
}

// A slice [begin, end) of the cached ascending order.
struct OrderRange {
    size_t begin;
    size_t end;
};

// Collects up to `wanted` accepted rows of `range` in display order: front to back, or for
// descending its runs of equal keys back to front, each run front to back (equal keys stay in
// stored order both ways). Returns false when `budget` rows were tested first: the filter is
// too selective for this and the caller runs it in stored order instead.
template <class Accept>
bool WalkOrder(const std::vector<uint32_t>& order, const std::vector<uint32_t>& rank, OrderRange range,
               bool descending, size_t wanted, size_t budget, Accept&& accept, std::vector<uint32_t>& rows) {
    size_t tested = 0;
    rows.clear();
    if (!descending) {
        for (size_t i = range.begin; i < range.end && rows.size() < wanted; ++i) {
            if (tested++ == budget) return false;
            if (accept(order[i])) rows.push_back(order[i]);
        }
        return true;
    }
    for (size_t end = range.end; end > range.begin && rows.size() < wanted;) {
        // A run never crosses the range's edges: the range holds whole runs of equal keys.
        const size_t start = std::max(range.begin, RunStart(order, rank, end));
        for (size_t i = start; i < end && rows.size() < wanted; ++i) {
            if (tested++ == budget) return false;
            if (accept(order[i])) rows.push_back(order[i]);
        }
        end = start;
    }
    return true;
}

// Sorted by phone number, the numbers with a given prefix sit side by side in the cached order:
// two binary searches find them, so a prefix query never looks at the other rows.
OrderRange PrefixRange(const StringColumn& phones, const std::vector<uint32_t>& order,
                       std::string_view prefix) {
    const auto head = [&](uint32_t row) { return phones.Get(row).substr(0, prefix.size()); };
    const auto first =
        std::partition_point(order.begin(), order.end(), [&](uint32_t row) { return head(row) < prefix; });
    const auto last =
        std::partition_point(first, order.end(), [&](uint32_t row) { return head(row) == prefix; });
    return OrderRange{static_cast<size_t>(first - order.begin()), static_cast<size_t>(last - order.begin())};
}

}  // namespace

std::vector<uint32_t> QueryLines(const LineStore& store, LineOrderCache& cache, const LineFilter& filter,
                                 const LineSort& sort, DateKey as_of, size_t limit) {
    const size_t n = store.Size();
    const bool descending = sort.direction == SortDirection::Descending;
    const std::vector<uint32_t>& order = cache.AscendingOrder(store, sort.column);
    const std::vector<uint32_t>& rank = cache.Ranks(store, sort.column);
    const size_t wanted = limit == 0 ? n : std::min(limit, n);
    const OrderRange all{0, n};
    const auto test = [&](uint32_t row) { return LineMatches(store, row, filter, as_of); };
    std::vector<uint32_t> rows;
    if (!HasConditions(filter)) {
        if (!descending)
            return std::vector<uint32_t>(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(wanted));
        WalkOrder(
            order, rank, all, descending, wanted, n, [](uint32_t) { return true; }, rows);
        return rows;
    }
    if (sort.column == LineColumn::PhoneNumber && !filter.prefix_digits.empty()) {
        const OrderRange range =
            PrefixRange(store.TextColumn(LineColumn::PhoneNumber), order, filter.prefix_digits);
        WalkOrder(order, rank, range, descending, wanted, n, test, rows);
        return rows;
    }

    // A page of a broad filter: the first rows of the cached order fill it after a few tests.
    // The budget caps the wasted work when the filter turns out to be selective.
    if (limit != 0 &&
        WalkOrder(order, rank, all, descending, wanted, std::max(n / 64, wanted * 4), test, rows))
        return rows;

    // Otherwise the filter runs in stored order (sequential, branch-light, cache friendly) ...
    std::vector<uint32_t> matched = MatchLines(store, filter, as_of);
    if (IsSelective(matched.size(), n)) {
        // ... and few matches are sorted by rank,
        const auto by_rank = [&](uint32_t a, uint32_t b) {
            if (rank[a] != rank[b]) return descending ? rank[a] > rank[b] : rank[a] < rank[b];
            return a < b;  // equal keys in stored order, both directions
        };
        const size_t keep = std::min(wanted, matched.size());
        std::partial_sort(matched.begin(), matched.begin() + keep, matched.end(), by_rank);
        matched.resize(keep);
        return matched;
    }
    // ... while many matches are picked out of the cached order through a flag per row.
    std::vector<uint8_t> is_match(n, 0);
    for (uint32_t row : matched) is_match[row] = 1;
    matched = std::vector<uint32_t>();
    WalkOrder(
        order, rank, all, descending, wanted, n, [&](uint32_t row) { return is_match[row] != 0; }, rows);
    return rows;
}

}  // namespace portal
