// Display order of the usage (ご利用状況照会) and call-detail (明細照会) tables, shared by the
// client's tables and the server's `sort` parameter so both show and write the same rows.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"
#include "engine/sort.h"

namespace portal {

// Keys are the client's column keys: "phone", "calls", "seconds", "charge".
enum class UsageSortColumn : uint8_t { Phone, Calls, Seconds, Charge };
// Keys: "start", "destination", "duration", "charge".
enum class CallSortColumn : uint8_t { Start, Destination, Duration, Charge };

struct UsageSort {
    UsageSortColumn column = UsageSortColumn::Phone;
    SortDirection direction = SortDirection::Ascending;
};
struct CallSort {
    CallSortColumn column = CallSortColumn::Start;
    SortDirection direction = SortDirection::Ascending;
};

// "charge", "-charge" (descending), or the lines endpoint's "charge:asc" / "charge:desc";
// empty = the default (phone / start ascending). Error code "bad_sort", field "sort".
Result<UsageSort> ParseUsageSort(std::string_view text);
Result<CallSort> ParseCallSort(std::string_view text);

// The usage table's 電話番号 condition: rows whose number starts with `digits` (all when empty),
// in stored order. The client's table and the server's JSON/CSV both filter through it, which is
// what keeps their CSVs byte-identical.
bool HasPhonePrefix(std::string_view phone, std::string_view digits);
std::vector<uint32_t> UsageRowsWithPrefix(const std::vector<UsageRow>& all, std::string_view digits);

// Puts `rows` (indices into `all`) in display order. Ties: phone ascending, whatever order the
// rows came in. Phone descending is the exact reverse of phone ascending.
void SortUsageRows(const std::vector<UsageRow>& all, std::vector<uint32_t>& rows, const UsageSort& sort);

// Puts `rows` (indices into `calls`) in display order. Ties: start ascending, then the order the
// calls came in. Start descending is the exact reverse of start ascending (equal starts too).
void SortCallRows(const std::vector<CallDetail>& calls, std::vector<uint32_t>& rows, const CallSort& sort);

}  // namespace portal
