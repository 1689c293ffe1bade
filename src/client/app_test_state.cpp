// Test build only: window.portalTest.state() and .rect(id), a read-only view of the app for the
// browser tests (documented in docs/client.md). Passwords are never included, only their length.
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "app.h"
#include "contract_view.h"
#include "engine/sort.h"

namespace portal {
namespace {

using Json = nlohmann::json;
constexpr size_t kFirstRows = 20;

Json MessageJson(const Message& message, Lang lang) {
    if (message.empty()) return nullptr;
    return Tr(lang, message.text);
}

Json RectJson(const CssRect& r) {
    return Json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
}

Json LinesJson(const LinesViewState& lines, const Contract& contract, double now_ms) {
    Json json = Json::object();
    json["loaded"] = lines.loaded;
    json["loading"] = lines.loading;
    // The table's counts once every line is in; the first rows shown while the rest arrive are
    // counted apart (firstRowsOnly), with their cells in firstRows.
    json["rowCount"] = lines.loaded ? lines.rows.size() : 0;
    json["totalRows"] = lines.loaded ? lines.store.Size() : 0;
    json["firstRowsOnly"] = lines.first_rows_only ? lines.rows.size() : 0;
    json["firstRowsWhileLoading"] = Json::array();
    json["firstVisibleIndex"] = lines.first_visible_index;
    json["sort"] = FormatLineSort(lines.sort);
    json["lastQueryMs"] = lines.last_query_ms;
    json["load"] = Json{{"fetchMs", lines.fetch_ms},           {"decodeMs", lines.decode_ms},
                        {"prepareMs", lines.prepare_ms},       {"adoptMs", lines.adopt_ms},
                        {"payloadBytes", lines.payload_bytes}, {"rowsReceived", lines.rows_received},
                        {"rowsExpected", lines.rows_expected}};
    json["revealedRows"] = lines.revealed_until_ms.size();
    Json columns = Json::array();
    const std::vector<LineColumn> visible = VisibleLineColumns(contract.plan);
    for (LineColumn column : visible) columns.push_back(ColumnInfo(column).key);
    json["columns"] = columns;
    // The rows as the table shows them (masked passwords stay masked), from the first visible one.
    Json rows = Json::array();
    std::string cell;
    for (size_t i = lines.first_visible_index; i < lines.rows.size() && rows.size() < kFirstRows; ++i) {
        const uint32_t row = lines.rows[i];
        const bool revealed = IsRevealed(lines, row, now_ms);
        Json cells = Json::array();
        for (LineColumn column : visible) {
            CellText(lines, row, column, revealed, cell);
            cells.push_back(cell);
        }
        rows.push_back(cells);
    }
    json["firstRows"] = lines.first_rows_only ? Json::array() : rows;
    if (lines.first_rows_only) json["firstRowsWhileLoading"] = rows;
    Json errors = Json::array();
    for (const Error& error : lines.validation.errors) {
        errors.push_back(Json{{"code", error.code},
                              {"field", error.field},
                              {"ja", error.message.ja},
                              {"en", error.message.en}});
    }
    json["validationErrors"] = errors;
    return json;
}

class AppTestHook final : public TestHookSource {
  public:
    explicit AppTestHook(App& app) : app_(app) {}
    std::string TestStateJson() override { return app_.TestStateJson(); }
    std::string TestRectJson(std::string_view id) override { return app_.TestRectJson(id); }
    std::string TestMarksJson() override { return app_.TestMarksJson(); }

  private:
    App& app_;
};

}  // namespace

const bool App::kTestBuild = true;

void App::InstallTestHook() {
    static AppTestHook hook(*this);  // the App lives as long as the page
    marks_.RecordItems(true);
    platform_.EnableTestHook(&hook);
}

std::string App::TestStateJson() {
    const LoginState& login = session_ctl_.login();
    const CodeState& code = session_ctl_.code();
    const SessionState& session = session_ctl_.session();
    // Called between frames too, so the clock is read here rather than taken from the last frame.
    const double now_ms = emscripten_get_now();
    Json state = Json::object();
    state["screen"] = ScreenKey(screen_);
    state["language"] = LangKey(lang_);
    state["ready"] = ready_;
    state["screenFrames"] = screen_frames_;
    state["idle"] = platform_.Idle() && !api_.AnyInFlight();
    state["lastFrameMs"] = last_frame_cpu_ms_;
    state["pixelRatio"] = platform_.PixelRatio();
    state["render"] = platform_.Mode() == RenderMode::Dom ? "dom" : "canvas";
    state["renderReason"] = platform_.DomReason();
    state["fontAtlas"] = Json{
        {"width", fonts_.AtlasWidth()}, {"height", fonts_.AtlasHeight()}, {"glyphs", fonts_.GlyphCount()}};
    state["lastError"] = MessageJson(CurrentError(), lang_);
    state["status"] = MessageJson(CurrentStatus(), lang_);
    state["networkFailure"] = failure_.active ? MessageJson(failure_.message, lang_) : Json(nullptr);

    Json fields = Json::object();
    fields["selfcareId"] = login.selfcare_id.data();
    fields["password"] = login.password[0] ? "<redacted>" : "";
    fields["passwordLength"] = std::strlen(login.password.data());
    fields["showPassword"] = login.show_password;
    fields["code"] = code.code.data();
    const LinesViewState& lines = contract_ctl_.lines();
    fields["phonePrefix"] = lines.phone_prefix.data();
    fields["searchRestoring"] = lines.search_restoring;
    fields["searchRestoreFailed"] = lines.search_restore_failed;
    fields["status"] = lines.status == StatusFilter::All ? "all" : "active";
    fields["startFrom"] = lines.start_from.ToQuery();
    fields["startTo"] = lines.start_to.ToQuery();
    fields["csvScope"] = lines.csv.all_lines ? "all" : "shown";
    fields["csvEncoding"] = std::string(CsvEncodingKey(lines.csv.encoding));
    state["fields"] = fields;

    state["login"] = Json{
        {"busy", login.busy},
        {"lockedSeconds", login.locked_until_ms > now_ms ? (login.locked_until_ms - now_ms) / 1000.0 : 0.0}};
    state["code"] =
        Json{{"maskedEmail", code.masked_email},
             {"authenticator", code.authenticator},
             {"emailCodes", code.email_codes},
             {"secondsLeft", code.expires_at_ms > now_ms ? (code.expires_at_ms - now_ms) / 1000.0 : 0.0},
             {"resendInSeconds",
              code.resend_allowed_at_ms > now_ms ? (code.resend_allowed_at_ms - now_ms) / 1000.0 : 0.0}};
    const double deadline = std::min(session.idle_deadline_ms, session.absolute_deadline_ms);
    state["session"] = Json{{"active", session.active},
                            {"remainingSeconds", session.active ? (deadline - now_ms) / 1000.0 : 0.0}};
    state["contractLoading"] = contract_ctl_.state().loading;
    if (contract_ctl_.state().loaded) {
        const Contract& c = contract_ctl_.contract();
        state["contract"] = Json{{"contractorName", c.contractor_name},
                                 {"customerCode", c.summary.customer_code},
                                 {"plan", std::string(PlanKindKey(c.plan))},
                                 {"asOf", FormatDate(c.as_of, '-')},
                                 {"callDetailsAvailable", c.call_details_available}};
    } else {
        state["contract"] = nullptr;
    }
    const Json table = LinesJson(lines, contract_ctl_.contract(), now_ms);
    state["lines"] = table;
    const LinesWarmUpRecord& warm_up = platform_.LinesWarmUp();
    state["linesWarmUp"] = Json{{"decodes", warm_up.decodes}, {"rows", warm_up.rows}, {"ms", warm_up.ms}};
    const LinesMemoryRecord& memory = platform_.LinesMemory();
    state["linesMemory"] = Json{{"asked", memory.asked}, {"touched", memory.touched}};
    state["rowCount"] = table["rowCount"];
    state["totalRows"] = table["totalRows"];
    state["firstRows"] = table["firstRows"];
    state["csvFileName"] = lines.csv.last_file_name;
    state["reports"] = Json::parse(ReportsTestJson());  // usage, call details, kiosk
    state["security"] = Json::parse(SecurityTestJson());
    return state.dump();
}

// セキュリティ設定 as shown: the key as the screen writes it (grouped), counts, never a typed code.
std::string App::SecurityTestJson() const {
    const SecurityState& s = security_ctl_.state();
    static constexpr const char* kTabs[] = {"authenticator", "history", "sessions"};
    return Json{
        {"tab", kTabs[static_cast<size_t>(s.tab)]},
        {"busy", s.busy()},
        {"statusLoaded", s.status_loaded},
        {"enrolled", s.enrolled},
        {"recoveryCodesLeft", s.recovery_codes_left},
        {"emailCodes", s.email_codes},
        {"secretShown", s.secret.empty() ? std::string() : GroupSecret(s.secret)},
        {"qrSize", s.qr.size},
        {"recoveryCodesShown", s.recovery_codes},
        {"historyLoaded", s.history_loaded},
        {"history", s.history.size()},
        {"firstEvents",
         [&] {
             Json events = Json::array();
             for (size_t i = 0; i < s.history.size() && i < 5; ++i) {
                 events.push_back(Json{{"event", s.history[i].event}, {"factor", s.history[i].factor}});
             }
             return events;
         }()},
        {"sessionsLoaded", s.sessions_loaded},
        {"sessions", s.sessions.size()},
        {"error", MessageJson(s.error, lang_)},
        {"errorAt", s.error_at},
        {"info", MessageJson(s.info, lang_)},
        {"csvFileName", s.last_csv_name}}
        .dump();
}

std::string App::TestRectJson(std::string_view id) {
    return marks_.RectJson(id);
}

// window.portalTest.marks(): for the reflow checks, every marked item of the last frame (its whole
// rectangle, the part in view, whether it takes input and what scrolls it into view) and each
// active window's size against its content, in CSS pixels.
std::string App::TestMarksJson() const {
    const float ratio = platform_.PixelRatio();
    Json items = Json::array();
    for (const auto& [id, item] : marks_.Items()) {
        items.push_back(Json{{"id", id},
                             {"whole", RectJson(item.whole)},
                             {"shown", item.shown.w > 0 ? RectJson(item.shown) : Json(nullptr)},
                             {"target", item.target},
                             {"scrollsSideways", item.scrolls_sideways},
                             {"scrollsDown", item.scrolls_down}});
    }
    // The windows of scrolling tables (tables may scroll sideways inside themselves).
    std::vector<const ImGuiWindow*> table_windows;
    for (int i = 0; i < GImGui->Tables.GetMapSize(); ++i) {
        const ImGuiTable* table = GImGui->Tables.TryGetMapData(i);
        if (table && table->InnerWindow != table->OuterWindow) table_windows.push_back(table->InnerWindow);
    }
    Json windows = Json::array();
    for (const ImGuiWindow* window : GImGui->Windows) {
        if (!window->WasActive || window->Hidden) continue;
        const bool table =
            std::find(table_windows.begin(), table_windows.end(), window) != table_windows.end();
        windows.push_back(Json{{"name", window->Name},
                               {"table", table},
                               {"x", window->Pos.x / ratio},
                               {"y", window->Pos.y / ratio},
                               {"w", window->Size.x / ratio},
                               {"h", window->Size.y / ratio},
                               {"contentW", window->ContentSize.x / ratio},
                               {"innerW", (window->InnerRect.Max.x - window->InnerRect.Min.x) / ratio},
                               {"scrollY", window->Scroll.y / ratio},
                               {"scrollMaxX", window->ScrollMax.x / ratio},
                               {"scrollMaxY", window->ScrollMax.y / ratio},
                               {"scrollbarX", window->ScrollbarX}});
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    return Json{{"viewport", Json{{"w", display.x / ratio}, {"h", display.y / ratio}}},
                {"items", items},
                {"windows", windows}}
        .dump();
}

}  // namespace portal
