// The client application: owns every screen's state, the platform layer, the API client and the
// font; runs one frame at a time (App::Frame) and turns screen actions into API requests.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "api_client.h"
#include "app_state.h"
#include "contract_controller.h"
#include "engine/xlsx.h"
#include "kiosk_controller.h"
#include "platform/browser_ports.h"
#include "platform/dom_mirror.h"
#include "platform/font_manager.h"
#include "platform/web_platform.h"
#include "report_state.h"
#include "reports_controller.h"
#include "saved_search.h"
#include "security_controller.h"
#include "session_controller.h"
#include "ui/test_marks.h"
#include "ui/widgets.h"

namespace portal {

class App final {
  public:
    void Init();
    // The frame function (emscripten_set_main_loop_arg): returns at once when nothing changed.
    void Frame();

    // The browser tests' window.portalTest (docs/client.md): app_test_state.cpp in the test build;
    // the production build links app_no_test_hook.cpp, where installing it does nothing.
    void InstallTestHook();
    // True in the test build only (app_test_state.cpp): lets the URL shorten the idle countdown.
    static const bool kTestBuild;
    std::string TestStateJson();
    std::string TestRectJson(std::string_view id);
    std::string TestMarksJson() const;

  private:
    // app.cpp
    void DrawFrame(UiContext& ui);
    void DrawScreen(UiContext& ui);
    void HandleResponses();
    void GoTo(Screen screen);
    double DrawPass(double now_ms, bool present);
    double UnshownPass(double now_ms);
    bool AwaitingContract(double now_ms);
    static constexpr double kContractWaitMs = 500.0;
    // ImGui needs a positive step; the unshown layout pass and the shown one are the same moment.
    static constexpr float kSettlePassSeconds = 1e-4f;
    static constexpr int kInputPasses = 4;  // at most, before the shown pass; the rest waits a frame
    void ShowFailure(const ApiResponse& response);
    void NoteDynamicText();
    void UpdateAccessibility();
    Message CurrentError() const;
    Message CurrentStatus() const;
    // app_session.cpp: SessionController's requests, and the screen each answer leads to
    void CheckSession();
    void SubmitLogin();
    void SubmitCode();
    void ResendCode();
    void Logout();
    void OnSessionAnswer(const ApiResponse& response, const SessionOutcome& outcome);
    // Wipes the customer's data, shows login with `reason`, and has the page load a fresh instance
    // (reason_key: "logout", "idle" or "expired", shown by the new instance through ?ended=).
    void EndSession(const Message& reason, const char* reason_key);
    void ShowEndedSessionReason();  // at start: the ?ended= reason of the instance before
    void NoteActivity();
    void CheckSessionDeadline();
    // Shows what a controller made of an answer; true when it was accepted.
    bool RouteAnswer(const ApiResponse& response, const AnswerOutcome& outcome);
    // app_contract.cpp
    void OnContract(const ApiResponse& response);
    void DecodeArrivedChunks();
    void OnLinesChunk(const ApiChunk& chunk);
    void OnLines(const ApiResponse& response);
    void NoteLinesFonts();
    void OnFont(const ApiResponse& response);
    void DownloadCsv();
    void CopyToClipboard(const std::string& text);
    bool HandleUnauthorized(const ApiResponse& response);
    // The customer's search conditions, kept on the server (saved_search.h)
    void OnSavedSearch(const ApiResponse& response);
    void KeepSearchConditions();
    // app_reports.cpp: ご利用状況照会 and 明細照会 (ReportsController's answers and files)
    void OpenUsage(const std::string& phone_prefix);
    void OnUsage(const ApiResponse& response);
    void OnUsageMonth(const ApiResponse& response);
    void OpenCallDetails(const std::string& phone);
    void OnCallDetails(const ApiResponse& response);
    void SaveFile(const FileDownload& file);  // a CSV or workbook a controller built: the browser saves it
    void ResetReports();
    void DrawReportScreen(UiContext& ui);
    std::string ReportsTestJson() const;
    Message ReportError() const;  // the error the usage / call-detail screen shows now
    void NoteReportText();        // their server messages' characters for the font atlas
    // app_security.cpp: セキュリティ設定
    void OpenSecurity();
    void DrawSecurity(UiContext& ui);
    void OnSecurity(const ApiResponse& response);
    void DownloadHistoryCsv();
    std::string SecurityTestJson() const;
    // app_login_form.cpp: the real <form> over the login fields
    void ApplyLoginFormEvents();
    void SyncLoginForm();
    void SyncFieldOverlay();
    // app_dom_page.cpp: the HTML page's table scrolling (RenderMode::Dom)
    void ApplyPageScroll();
    void AfterPagePass(const UiContext& ui, bool present);
    void KeepDomTablesInLayout();
    // app_kiosk.cpp: kiosk mode and the client's idle logout
    void InitKiosk();
    void OnClientConfig(const ApiResponse& response);
    float UiScale() const;
    void TrackIdle();
    void DrawIdle(UiContext& ui);
    void IdleLogout();
    void ClearAbandonedLogin();
    void ForgetTextBeingEdited();
    void DrawKioskStrip(UiContext& ui);
    void ApplyPrivacy();

    WebPlatform platform_;
    ApiClient api_{platform_};
    BrowserClock clock_;
    ApiTransport transport_{api_};
    ContractController contract_ctl_{clock_, transport_};
    SavedSearch saved_search_{clock_, transport_};
    bool logout_after_save_ = false;  // a logout waits for the conditions' save (else it refuses them)
    // The instance before ended the session while idle (?ended=idle or expired): the next login
    // brings back the search conditions the customer had then.
    bool resume_search_ = false;
    FontManager fonts_;
    TestMarks marks_;
    ScreenDescription description_;  // what the presented frame shows, in words
    DomMirror mirror_;
    Lang lang_ = Lang::Ja;
    Screen screen_ = Screen::Starting;
    // Each screen's state has one owner, its controller, and is reached through it.
    SessionController session_ctl_{clock_, transport_};
    ReportsController reports_ctl_{clock_, transport_};
    KioskController kiosk_ctl_{clock_};
    SecurityController security_ctl_{clock_, transport_};
    NetworkFailure failure_;
    Message status_;  // last thing that happened, for the live region ("ダウンロードしました" ...)
    float style_ratio_ = 0.0f;
    bool full_font_requested_ = false;
    bool ready_ = false;
    std::string accessible_key_;
    std::string form_layout_;              // what the login form was last placed with ("" = not shown)
    std::string form_id_, form_password_;  // the form inputs' text as last synchronised
    std::string field_overlay_key_;        // the screen field a real input lies over ("" = none)
    double now_ms_ = 0.0;
    int screen_frames_ = 0;  // frames presented since the screen changed
    int screen_changes_ = 0;
    int settled_changes_ = -1;  // the screen_changes_ value last laid out in an unshown pass
    bool scroll_content_to_top_ = false;
    int page_row_ = -1;                // the HTML page's table row to show first, for the next pass's table
    bool reset_keyboard_nav_ = false;  // GoTo calls: tells whether a frame changed the screen midway
    bool relayout_ = false;            // new content: the next frame lays it out in an unshown pass first
    double last_frame_cpu_ms_ = 0.0;   // time spent in the last drawn frame (window.portalTest)
};

}  // namespace portal
