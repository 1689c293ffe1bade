// The manual's 検索条件: validation of what the customer typed, and matching lines against it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"

namespace portal {

enum class StatusFilter : uint8_t { All, InServiceOnly };

// Exactly what the customer typed (or what the API received); empty means "no condition".
struct LineQueryInput {
    std::string phone_prefix;  // ※前方一致(7桁以上): hyphens and spaces are ignored
    StatusFilter status = StatusFilter::All;
    std::string start_from;  // YYYY-MM-DD or YYYY/MM/DD, inclusive
    std::string start_to;    // inclusive
    bool operator==(const LineQueryInput& other) const {
        return phone_prefix == other.phone_prefix && status == other.status &&
               start_from == other.start_from && start_to == other.start_to;
    }
};

// A validated filter: every given condition is ANDed.
struct LineFilter {
    std::string prefix_digits;  // empty = no prefix condition
    StatusFilter status = StatusFilter::All;
    DateKey start_from = kNoDate;
    DateKey start_to = kNoDate;
};

constexpr size_t kMinPrefixDigits = 7;

// All problems at once, each tied to its field ("phone_prefix", "start_from", "start_to"),
// so the UI can show every message beside its widget. Codes: prefix_too_short,
// prefix_not_digits, prefix_too_long, bad_date, date_range_reversed.
struct LineFilterValidation {
    LineFilter filter;
    std::vector<Error> errors;
    bool ok() const { return errors.empty(); }
};
LineFilterValidation ValidateLineQuery(const LineQueryInput& input);

bool LineMatches(const LineStore& store, size_t row, const LineFilter& filter, DateKey as_of);
// Rows that match, in stored order.
std::vector<uint32_t> MatchLines(const LineStore& store, const LineFilter& filter, DateKey as_of);

}  // namespace portal
