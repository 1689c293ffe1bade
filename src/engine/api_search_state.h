// PUT/GET /api/v1/preferences/line-search: the customer's last 検索条件 of the lines table, kept on
// the server so that a customer who logs in again (after an idle logout, at another screen) finds
// the same conditions. Conditions only, never line data. One typed payload with exactly one
// encoder and one decoder, used by the server, the client and the tests.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/filter.h"
#include "engine/result.h"
#include "engine/sort.h"

namespace portal {

struct LineSearchState {
    LineQueryInput query;  // as typed; dates "YYYY-MM-DD" or "" (no condition)
    LineSort sort;
    bool operator==(const LineSearchState& other) const {
        return query == other.query && sort.column == other.sort.column &&
               sort.direction == other.sort.direction;
    }
    bool operator!=(const LineSearchState& other) const { return !(*this == other); }
};

// An encoded state is far smaller than this; a longer body is refused before it is read.
constexpr size_t kMaxLineSearchBytes = 1024;

// {"phone_prefix":"0505805","status":"in_service","start_from":"2026-01-01","start_to":"",
//  "sort":"phone:asc"}
std::string EncodeLineSearchState(const LineSearchState& state);
// Every member is required (a missing or renamed one is an error naming it); unknown members are
// refused, status is "all" or "in_service", sort as ParseLineSort reads it, strings bounded.
Result<LineSearchState> DecodeLineSearchState(std::string_view json);
// The engine's validation of the conditions (the 400 validation answer's errors): the prefix and
// dates as the search panel checks them. Empty when the state can be applied as it is.
std::vector<Error> ValidateLineSearchState(const LineSearchState& state);

}  // namespace portal
