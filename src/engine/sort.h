// Stable sorting of lines by any column, with cached orders so that re-filtering a sorted
// table costs one pass over the rows instead of a sort.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/filter.h"
#include "engine/model.h"
#include "engine/result.h"

namespace portal {

// 0, 1, ..., count-1: every row of a table in stored order.
std::vector<uint32_t> AllRows(size_t count);

enum class SortDirection : uint8_t { Ascending, Descending };

struct LineSort {
    LineColumn column = LineColumn::No;
    SortDirection direction = SortDirection::Ascending;
};

// "phone", "phone:asc", "start_date:desc"; empty = by No ascending. Error code "bad_sort".
Result<LineSort> ParseLineSort(std::string_view text);
std::string FormatLineSort(const LineSort& sort);

// Caches, per column, the stable ascending order of all rows and each row's rank (equal keys
// share a rank), built on first use. Must be Reset() when the store changes.
class LineOrderCache {
  public:
    void Reset();
    const std::vector<uint32_t>& AscendingOrder(const LineStore& store, LineColumn column);
    const std::vector<uint32_t>& Ranks(const LineStore& store, LineColumn column);
    size_t MemoryBytes() const;

  private:
    void Build(const LineStore& store, LineColumn column);
    std::vector<uint32_t> order_[kLineColumnCount];
    std::vector<uint32_t> rank_[kLineColumnCount];
};

// Matching rows in display order. Descending keeps equal keys in their ascending (stored)
// order, so both directions are stable. `limit` stops after that many rows (0 = all).
std::vector<uint32_t> QueryLines(const LineStore& store, LineOrderCache& cache, const LineFilter& filter,
                                 const LineSort& sort, DateKey as_of, size_t limit = 0);

// Stable sort of an arbitrary row set (used where no cache is kept, e.g. one-off server calls).
void SortRows(const LineStore& store, std::vector<uint32_t>& rows, const LineSort& sort);

}  // namespace portal
