// The saved line-search conditions' encoder, decoder and validation, on the engine's JSON writer
// and reader and the search panel's own checks.
#include "engine/api_search_state.h"

#include "engine/json_reader.h"
#include "engine/json_writer.h"

namespace portal {
namespace {

// What the search panel can hold (its buffers) and a date's length: longer is not a condition.
constexpr size_t kMaxPrefixBytes = 31, kMaxDateBytes = 10, kMaxSortBytes = 32;

constexpr std::string_view kStatusAll = "all", kStatusInService = "in_service";

}  // namespace

std::string EncodeLineSearchState(const LineSearchState& state) {
    std::string out;
    JsonObjectWriter root(out);
    root.String("phone_prefix", state.query.phone_prefix);
    root.String("status", state.query.status == StatusFilter::InServiceOnly ? kStatusInService : kStatusAll);
    root.String("start_from", state.query.start_from);
    root.String("start_to", state.query.start_to);
    root.String("sort", FormatLineSort(state.sort));
    root.Close();
    return out;
}

Result<LineSearchState> DecodeLineSearchState(std::string_view json) {
    if (json.size() > kMaxLineSearchBytes)
        return Result<LineSearchState>::Failure(PayloadError("", "longer than 1024 bytes"));
    JsonReader in(json);
    LineSearchState state;
    enum : uint32_t { kPrefix = 1, kStatus = 2, kFrom = 4, kTo = 8, kSort = 16 };
    uint32_t seen = 0;
    const auto bounded = [&in](std::string& out, size_t max) {
        if (!in.String(out)) return false;
        return out.size() <= max || in.Fail("longer than " + std::to_string(max) + " bytes");
    };
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "phone_prefix")
            return in.FirstTime(seen, kPrefix) && bounded(state.query.phone_prefix, kMaxPrefixBytes);
        if (key == "start_from")
            return in.FirstTime(seen, kFrom) && bounded(state.query.start_from, kMaxDateBytes);
        if (key == "start_to") return in.FirstTime(seen, kTo) && bounded(state.query.start_to, kMaxDateBytes);
        if (key == "status") {
            std::string status;
            if (!in.FirstTime(seen, kStatus) || !bounded(status, kMaxSortBytes)) return false;
            if (status != kStatusAll && status != kStatusInService)
                return in.Fail("expected \"all\" or \"in_service\"");
            state.query.status = status == kStatusAll ? StatusFilter::All : StatusFilter::InServiceOnly;
            return true;
        }
        if (key == "sort") {
            std::string sort;
            if (!in.FirstTime(seen, kSort) || !bounded(sort, kMaxSortBytes)) return false;
            Result<LineSort> parsed = ParseLineSort(sort);
            if (!parsed.ok()) return in.Fail("not a sort order (e.g. phone:asc)");
            state.sort = parsed.value();
            return true;
        }
        return in.Fail("unknown member");
    });
    if (ok) in.AllSeen(seen, {"phone_prefix", "status", "start_from", "start_to", "sort"});
    if (!ok || in.failed() || !in.Finish()) return Result<LineSearchState>::Failure(in.error());
    return state;
}

std::vector<Error> ValidateLineSearchState(const LineSearchState& state) {
    return ValidateLineQuery(state.query).errors;
}

}  // namespace portal
