// SavedSearch: the customer's last 検索条件 are read after login and fill the search panel (unless
// the customer is already searching), changes are sent once valid and settled, a logout sends a
// change at once, and the page keeps no copy after the session.
#include "saved_search.h"

#include <doctest/doctest.h>

#include <cstring>

#include "fakes.h"

namespace portal {
namespace {

constexpr const char* kPath = "/api/v1/preferences/line-search";
const std::string kSaved =
    R"({"phone_prefix":"0505805","status":"in_service","start_from":"2025-04-01","start_to":"",)"
    R"("sort":"start_date:desc"})";

struct Fixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    SavedSearch saved{clock, transport};
    LinesViewState lines;

    // After login the conditions are wanted; they are asked for on the first tick with the lines in.
    void Asked(LinesViewState& panel) {
        saved.Load(panel);
        panel.loaded = true;
        saved.Tick(panel);
        REQUIRE(transport.CountTo(kPath) >= 1);
        REQUIRE(transport.sent.back().method == "GET");
    }
    void LoggedIn(int status = 200, const std::string& body = kSaved) {
        Asked(lines);
        saved.OnAnswer(test::Answer(transport, kPath, status, body), lines);
    }
    void Type(const char* prefix) {
        lines.phone_prefix.fill('\0');
        std::strcpy(lines.phone_prefix.data(), prefix);
    }
    size_t Puts() const { return transport.CountTo(kPath) - 1; }  // the GET is the first
};

}  // namespace

TEST_CASE("saved search: after login the panel starts with the saved conditions, the table re-queried") {
    Fixture f;
    f.lines.query_dirty = false;
    f.LoggedIn();
    CHECK(std::string(f.lines.phone_prefix.data()) == "0505805");
    CHECK(f.lines.status == StatusFilter::InServiceOnly);
    CHECK(f.lines.start_from.year == 2025);
    CHECK(f.lines.start_from.month == 4);
    CHECK(f.lines.start_from.day == 1);
    CHECK(f.lines.start_to.empty());
    CHECK(f.lines.sort.column == LineColumn::StartDate);
    CHECK(f.lines.sort.direction == SortDirection::Descending);
    CHECK(f.lines.query_dirty);
    CHECK(f.saved.Tick(f.lines) == 0.0);  // what came from the server is not sent back
    CHECK(f.Puts() == 0);
}

TEST_CASE("saved search: a failed or unreadable answer leaves the defaults, and the panel says so") {
    for (const auto& [status, body] :
         {std::pair<int, std::string>{200, R"({"phone_prefix":""})"}, std::pair<int, std::string>{500, "{}"},
          std::pair<int, std::string>{401, "{}"}, std::pair<int, std::string>{500, kSaved}}) {
        Fixture f;
        f.LoggedIn(status, body);
        CHECK(SearchOf(f.lines) == LineSearchState{});
        CHECK_FALSE(f.lines.search_restoring);
        CHECK(f.lines.search_restore_failed);
    }
    Fixture nothing_saved;  // the server's defaults: nothing to say
    nothing_saved.LoggedIn(200, EncodeLineSearchState(LineSearchState{}));
    CHECK_FALSE(nothing_saved.lines.search_restoring);
    CHECK_FALSE(nothing_saved.lines.search_restore_failed);
}

TEST_CASE("saved search: the panel takes no input until the saved conditions land") {
    Fixture f;
    const double sent_at = f.clock.now_ms;
    f.Asked(f.lines);
    CHECK(f.lines.search_restoring);  // the panel is read-only and says why
    f.clock.Advance(SavedSearch::kRestoreWaitMs / 2);
    CHECK(f.saved.Tick(f.lines) ==
          doctest::Approx(sent_at + SavedSearch::kRestoreWaitMs + 1.0));  // to give up
    CHECK(f.lines.search_restoring);
    CHECK(f.Puts() == 0);  // nothing is sent while the saved ones are on their way
    f.saved.OnAnswer(test::Answer(f.transport, kPath, 200, kSaved), f.lines);
    CHECK_FALSE(f.lines.search_restoring);
    CHECK_FALSE(f.lines.search_restore_failed);
    CHECK(std::string(f.lines.phone_prefix.data()) == "0505805");  // whole, nothing mixed in
}

TEST_CASE("saved search: the wait counts from the request, sent when the lines are in, not from login") {
    Fixture f;
    f.saved.Load(f.lines);
    CHECK(f.lines.search_restoring);               // read-only from the start, whenever the panel appears
    for (int second = 0; second < 30; ++second) {  // a slow lines load: 30 s
        CHECK(f.saved.Tick(f.lines) == 0.0);       // nothing to wake for: the lines' answer draws
        f.clock.Advance(1000);
    }
    CHECK(f.transport.sent.empty());  // not asked yet
    CHECK(f.lines.search_restoring);  // and not given up
    f.lines.loaded = true;            // the panel appears
    const double sent_at = f.clock.now_ms;
    CHECK(f.saved.Tick(f.lines) == doctest::Approx(sent_at + SavedSearch::kRestoreWaitMs + 1.0));
    REQUIRE(f.transport.CountTo(kPath) == 1);
    CHECK(f.transport.sent.back().method == "GET");
    f.clock.Advance(SavedSearch::kRestoreWaitMs - 1);  // the whole wait is still there
    f.saved.Tick(f.lines);
    CHECK(f.lines.search_restoring);
    CHECK(f.transport.CountTo(kPath) == 1);  // asked once
    f.saved.OnAnswer(test::Answer(f.transport, kPath, 200, kSaved), f.lines);
    CHECK_FALSE(f.lines.search_restoring);
    CHECK_FALSE(f.lines.search_restore_failed);
    CHECK(std::string(f.lines.phone_prefix.data()) == "0505805");
}

TEST_CASE("saved search: an answer too slow is not waited for, and never overwrites what is typed after") {
    Fixture f;
    f.Asked(f.lines);
    f.clock.Advance(SavedSearch::kRestoreWaitMs - 1);
    f.saved.Tick(f.lines);
    CHECK(f.lines.search_restoring);
    f.clock.Advance(1);
    f.saved.Tick(f.lines);
    CHECK_FALSE(f.lines.search_restoring);  // the defaults, and the panel takes input again
    CHECK(f.lines.search_restore_failed);
    CHECK(SearchOf(f.lines) == LineSearchState{});
    f.Type("0509");  // the customer starts typing
    CHECK_FALSE(f.saved.OnAnswer(test::Answer(f.transport, kPath, 200, kSaved), f.lines));  // late
    CHECK(std::string(f.lines.phone_prefix.data()) == "0509");
    CHECK(f.lines.status == StatusFilter::All);
    f.Type("0509999");  // what the customer searches is what the server keeps from now on
    f.saved.Tick(f.lines);
    f.clock.Advance(SavedSearch::kSettleMs);
    f.saved.Tick(f.lines);
    REQUIRE(f.Puts() == 1);
    CHECK(DecodeLineSearchState(f.transport.sent.back().json_body).value().query.phone_prefix == "0509999");
}

TEST_CASE("saved search: a change is sent once it is valid and has settled for a second") {
    Fixture f;
    f.LoggedIn(200, EncodeLineSearchState(LineSearchState{}));
    f.Type("050");  // not yet a condition (fewer than 7 digits)
    CHECK(f.saved.Tick(f.lines) == 0.0);
    f.Type("0505805");
    const double due = f.saved.Tick(f.lines);
    CHECK(due == doctest::Approx(f.clock.now_ms + SavedSearch::kSettleMs + 1.0));  // the frame to wake
    f.clock.Advance(600);
    f.Type("05058051");  // still typing: the wait starts again
    CHECK(f.saved.Tick(f.lines) > f.clock.now_ms);
    f.clock.Advance(600);
    CHECK(f.saved.Tick(f.lines) > 0.0);
    CHECK(f.Puts() == 0);
    f.clock.Advance(400);
    CHECK(f.saved.Tick(f.lines) == 0.0);
    REQUIRE(f.Puts() == 1);
    const ApiRequest& put = f.transport.sent.back();
    CHECK(put.method == "PUT");
    const Result<LineSearchState> sent = DecodeLineSearchState(put.json_body);
    REQUIRE(sent.ok());
    CHECK(sent.value().query.phone_prefix == "05058051");
    CHECK(f.saved.Saving());
    f.saved.OnAnswer(test::Answer(f.transport, kPath, 200, put.json_body), f.lines);
    CHECK_FALSE(f.saved.Saving());
    f.clock.Advance(5000);
    CHECK(f.saved.Tick(f.lines) == 0.0);
    CHECK(f.Puts() == 1);  // sent once

    // Clearing the conditions is a change too: the next login starts empty again.
    f.Type("");
    f.saved.Tick(f.lines);
    f.clock.Advance(SavedSearch::kSettleMs);
    f.saved.Tick(f.lines);
    REQUIRE(f.Puts() == 2);
    CHECK(DecodeLineSearchState(f.transport.sent.back().json_body).value() == LineSearchState{});
}

TEST_CASE("saved search: logout sends an unsettled change at once; nothing before the saved ones came") {
    Fixture f;
    f.Type("0505805");
    CHECK_FALSE(f.saved.SaveNow(f.lines));  // not logged in yet: nothing read, nothing overwritten
    CHECK(f.transport.sent.empty());

    f.LoggedIn();  // the customer typed first: theirs stays and is sent
    CHECK(std::string(f.lines.phone_prefix.data()) == "0505805");
    CHECK(f.lines.status == StatusFilter::All);
    f.lines.status = StatusFilter::InServiceOnly;
    CHECK(f.saved.SaveNow(f.lines));
    REQUIRE(f.Puts() == 1);
    CHECK(DecodeLineSearchState(f.transport.sent.back().json_body).value().query.status ==
          StatusFilter::InServiceOnly);
}

TEST_CASE("saved search: after the session the page keeps no copy; the next login reads again") {
    Fixture f;
    f.LoggedIn();
    f.saved.Forget();
    LinesViewState fresh;  // the next customer's empty panel
    CHECK(f.saved.Tick(fresh) == 0.0);
    CHECK_FALSE(f.saved.SaveNow(fresh));
    CHECK(f.Puts() == 0);
    f.Asked(fresh);
    f.saved.OnAnswer(test::Answer(f.transport, kPath, 200, kSaved), fresh);
    CHECK(std::string(fresh.phone_prefix.data()) == "0505805");
}

TEST_CASE("saved search: a login not after an idle logout keeps the defaults and sends them once settled") {
    Fixture f;
    f.saved.StartFresh();
    CHECK(f.transport.sent.empty());  // nothing read: an earlier session's conditions stay away
    CHECK(f.saved.Tick(f.lines) > 0.0);
    CHECK(f.transport.sent.empty());  // not settled yet
    f.clock.Advance(SavedSearch::kSettleMs);
    f.saved.Tick(f.lines);
    REQUIRE(f.transport.CountTo(kPath) == 1);
    CHECK(f.transport.sent.back().method == "PUT");
    CHECK(DecodeLineSearchState(f.transport.sent.back().json_body).value() == LineSearchState{});
    CHECK(std::string(f.lines.phone_prefix.data()).empty());
    f.clock.Advance(SavedSearch::kSettleMs * 5);  // unchanged: nothing more
    CHECK(f.saved.Tick(f.lines) == 0.0);
    CHECK(f.transport.CountTo(kPath) == 1);
}

TEST_CASE("saved search: a logout right after a fresh login still leaves the defaults on the server") {
    Fixture f;
    f.saved.StartFresh();
    CHECK(f.saved.SaveNow(f.lines));
    REQUIRE(f.transport.CountTo(kPath) == 1);
    CHECK(DecodeLineSearchState(f.transport.sent.back().json_body).value() == LineSearchState{});
}

}  // namespace portal
