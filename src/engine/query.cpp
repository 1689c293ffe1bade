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

// Walking a cached ascending order backwards reverses rows with equal keys; a stable descending
// order keeps them in ascending (stored) order, so each run of equal rank is turned back.
void RestoreTieOrder(std::vector<uint32_t>& rows, const std::vector<uint32_t>& rank) {
    for (size_t begin = 0; begin < rows.size();) {
        size_t end = begin + 1;
        while (end < rows.size() && rank[rows[end]] == rank[rows[begin]]) ++end;
        std::reverse(rows.begin() + begin, rows.begin() + end);
        begin = end;
    }
}

// Walks the cached order from the top (ascending) or the bottom (descending), testing rows one by
// one, until `wanted` rows are found or `budget` rows were tested. Returns false when the budget
// ran out first: the filter is too selective for this and the caller runs it in stored order.
template <class Accept>
bool WalkOrder(const std::vector<uint32_t>& order, const std::vector<uint32_t>& rank, bool descending,
               size_t wanted, size_t budget, Accept&& accept, std::vector<uint32_t>& rows) {
    const size_t n = order.size();
    rows.clear();
    if (!descending) {
        size_t i = 0;
        for (; i < n && rows.size() < wanted; ++i) {
            if (i == budget) return false;
            if (accept(order[i])) rows.push_back(order[i]);
        }
        return true;
    }
    size_t i = n, tested = 0;
    while (i > 0 && rows.size() < wanted) {
        if (tested++ == budget) return false;
        --i;
        if (accept(order[i])) rows.push_back(order[i]);
    }
    // The page may end inside a run of equal keys whose earlier stored rows come first: finish it.
    if (!rows.empty() && rows.size() == wanted) {
        const uint32_t last_rank = rank[rows.back()];
        while (i > 0 && rank[order[i - 1]] == last_rank) {
            --i;
            if (accept(order[i])) rows.push_back(order[i]);
        }
    }
    RestoreTieOrder(rows, rank);
    if (rows.size() > wanted) rows.resize(wanted);
    return true;
}

}  // namespace

std::vector<uint32_t> QueryLines(const LineStore& store, LineOrderCache& cache, const LineFilter& filter,
                                 const LineSort& sort, DateKey as_of, size_t limit) {
    const size_t n = store.Size();
    const bool descending = sort.direction == SortDirection::Descending;
    const std::vector<uint32_t>& order = cache.AscendingOrder(store, sort.column);
    const std::vector<uint32_t>& rank = cache.Ranks(store, sort.column);
    const size_t wanted = limit == 0 ? n : std::min(limit, n);
    std::vector<uint32_t> rows;
    if (!HasConditions(filter)) {
        WalkOrder(
            order, rank, descending, wanted, n, [](uint32_t) { return true; }, rows);
        return rows;
    }

    // A page of a broad filter: the first rows of the cached order fill it after a few tests.
    // The budget caps the wasted work when the filter turns out to be selective.
    if (limit != 0) {
        const auto test = [&](uint32_t row) { return LineMatches(store, row, filter, as_of); };
        if (WalkOrder(order, rank, descending, wanted, std::max(n / 64, wanted * 4), test, rows)) return rows;
    }

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
        order, rank, descending, wanted, n, [&](uint32_t row) { return is_match[row] != 0; }, rows);
    return rows;
}

}  // namespace portal
