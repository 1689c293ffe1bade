#include "saved_search.h"

#include <algorithm>
#include <cstdio>

namespace portal {
namespace {

constexpr const char* kPath = "/api/v1/preferences/line-search";

DateParts DateOf(const std::string& text) {
    DateParts date;
    int year = 0, month = 0, day = 0;
    if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3)
        date = DateParts{year, month, day, false};
    return date;
}

}  // namespace

LineSearchState SearchOf(const LinesViewState& lines) {
    LineSearchState search;
    search.phone_prefix = lines.phone_prefix.data();
    search.status = lines.status;
    search.start_from = lines.start_from.ToQuery();
    search.start_to = lines.start_to.ToQuery();
    search.sort = lines.sort;
    return search;
}

void ApplySearch(const LineSearchState& search, LinesViewState& lines) {
    lines.phone_prefix.fill('\0');
    std::copy_n(search.phone_prefix.begin(),
                std::min(search.phone_prefix.size(), lines.phone_prefix.size() - 1),
                lines.phone_prefix.begin());
    lines.status = search.status;
    lines.start_from = DateOf(search.start_from);
    lines.start_to = DateOf(search.start_to);
    for (const DateParts* date : {&lines.start_from, &lines.start_to}) {  // the drop-downs offer the year
        if (date->empty()) continue;
        lines.min_year = std::min(lines.min_year, date->year);
        lines.max_year = std::max(lines.max_year, date->year);
    }
    lines.sort = search.sort;
    lines.query_dirty = true;
}

void SavedSearch::Load() {
    load_request_ = transport_.Send(ApiRequest{ApiCall::SavedSearch, "GET", kPath, "", false});
}

void SavedSearch::StartFresh() {
    loaded_ = true;
    server_known_ = false;
}

bool SavedSearch::OnAnswer(const ApiResponse& response, LinesViewState& lines) {
    if (response.request == save_request_) {
        save_request_ = 0;
        // Not kept: the next change is sent again. Nothing to show; the search itself still works.
        if (!response.ok()) std::printf("line search not saved (HTTP %d)\n", response.status);
        return false;
    }
    if (response.request != load_request_) return false;
    load_request_ = 0;
    loaded_ = true;
    if (!response.ok()) return false;  // the panel's defaults
    Result<LineSearchState> saved = DecodeLineSearchState(response.body);
    if (!saved.ok() || !ValidateLineSearchState(saved.value()).empty()) return false;
    const bool untouched = SearchOf(lines) == on_server_;
    on_server_ = saved.take();
    server_known_ = true;
    if (!untouched) return false;  // the customer is already searching: theirs wins, and is sent
    ApplySearch(on_server_, lines);
    return true;
}

double SavedSearch::Tick(const LinesViewState& lines) {
    if (!loaded_) return 0.0;
    const LineSearchState now = SearchOf(lines);
    if ((server_known_ && now == on_server_) || !ValidateLineSearchState(now).empty()) return 0.0;
    if (now != settling_ || settling_since_ms_ == 0.0) {
        settling_ = now;
        settling_since_ms_ = clock_.NowMs();
    }
    const double due = settling_since_ms_ + kSettleMs;
    if (clock_.NowMs() < due) return due + 1.0;
    Send(now);
    return 0.0;
}

bool SavedSearch::SaveNow(const LinesViewState& lines) {
    const LineSearchState now = SearchOf(lines);
    if (loaded_ && (!server_known_ || now != on_server_) && ValidateLineSearchState(now).empty()) Send(now);
    return Saving();
}

void SavedSearch::Send(const LineSearchState& search) {
    on_server_ = search;
    server_known_ = true;
    settling_since_ms_ = 0.0;
    save_request_ =
        transport_.Send(ApiRequest{ApiCall::SavedSearch, "PUT", kPath, EncodeLineSearchState(search), false});
}

void SavedSearch::Forget() {
    on_server_ = settling_ = LineSearchState{};
    settling_since_ms_ = 0.0;
    loaded_ = server_known_ = false;
    load_request_ = save_request_ = 0;
}

}  // namespace portal
