#include "saved_search.h"

#include <algorithm>
#include <cstdio>

#include "contract_view.h"

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
    return LineSearchState{CurrentQueryInput(lines), lines.sort};
}

void ApplySearch(const LineSearchState& search, LinesViewState& lines) {
    const LineQueryInput& query = search.query;
    lines.phone_prefix.fill('\0');
    std::copy_n(query.phone_prefix.begin(),
                std::min(query.phone_prefix.size(), lines.phone_prefix.size() - 1),
                lines.phone_prefix.begin());
    lines.status = query.status;
    lines.start_from = DateOf(query.start_from);
    lines.start_to = DateOf(query.start_to);
    for (const DateParts* date : {&lines.start_from, &lines.start_to}) {  // the drop-downs offer the year
        if (date->empty()) continue;
        lines.min_year = std::min(lines.min_year, date->year);
        lines.max_year = std::max(lines.max_year, date->year);
    }
    lines.sort = search.sort;
    lines.query_dirty = true;
}

void SavedSearch::Load(LinesViewState& lines) {
    load_wanted_ = true;
    lines.search_restoring = true;
    lines.search_restore_failed = false;
}

// Asked for only when the panel appears: on a slow lines load, an answer that came long before
// would wait anyway, and a wait counted from the login could be over before the panel is shown.
void SavedSearch::SendLoad() {
    load_wanted_ = false;
    load_request_ = transport_.Send(ApiRequest{ApiCall::SavedSearch, "GET", kPath, "", false});
    load_sent_ms_ = clock_.NowMs();
}

void SavedSearch::StopWaiting(LinesViewState& lines) {
    load_request_ = 0;  // an answer after this is not applied
    loaded_ = true;
    lines.search_restoring = false;
    lines.search_restore_failed = true;
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
    if (response.request != load_request_ || load_request_ == 0) return false;
    Result<LineSearchState> saved = DecodeLineSearchState(response.body);
    if (!response.ok() || !saved.ok() || !ValidateLineSearchState(saved.value()).empty()) {
        StopWaiting(lines);  // the panel's defaults
        return false;
    }
    load_request_ = 0;
    loaded_ = true;
    lines.search_restoring = false;
    const bool untouched = SearchOf(lines) == on_server_;
    on_server_ = saved.take();
    server_known_ = true;
    if (!untouched) return false;  // the customer is already searching: theirs wins, and is sent
    ApplySearch(on_server_, lines);
    return true;
}

double SavedSearch::Tick(LinesViewState& lines) {
    if (load_wanted_) {
        if (!lines.loaded) return 0.0;  // the lines' answer draws a frame, which ticks again
        SendLoad();
    }
    if (load_request_ != 0) {
        const double give_up_at = load_sent_ms_ + kRestoreWaitMs;
        if (clock_.NowMs() < give_up_at) return give_up_at + 1.0;
        StopWaiting(lines);
    }
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
    settling_since_ms_ = load_sent_ms_ = 0.0;
    loaded_ = server_known_ = load_wanted_ = false;
    load_request_ = save_request_ = 0;
}

}  // namespace portal
