// App: the frame (fonts, style, root window, header, current screen), routing of API answers, and
// the accessible mirror of what the canvas shows.
#include "app.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // NavInitWindow: a fresh keyboard-navigation start per screen

#include "i18n_security.h"
#include "platform/js_bridge.h"
#include "screens/screens.h"
#include "ui/style.h"

namespace portal {

void App::Init() {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames forever while idle
    platform_.Init();
    if (platform_.Mode() == RenderMode::Dom) fonts_.StopDrawing();
    InstallTestHook();
    platform_.OnChunkArrived([this] { DecodeArrivedChunks(); });
    fonts_.Note(AllStringsForFont());
    InitKiosk();
    js::UseLinesWorker(js::UrlParam("decoder") == "worker");
    ShowEndedSessionReason();
    CheckSession();
    // boot.js has been downloading the Japanese UI font beside the WebAssembly: it usually is
    // here before the first frame. No frame waits for it: until it arrives, frames draw with
    // ImGui's own font under the loading overlay. The full font follows once a screen is up.
    // The HTML page (RenderMode::Dom) needs neither: the browser loads the font for its CSS.
    if (fonts_.Drawing()) api_.Send(ApiRequest{ApiCall::UiFont, "GET", FontManager::kUiFontUrl, "", false});
}

void App::Frame() {
    const double now = emscripten_get_now();
    if (!platform_.BeginFrame(now)) return;  // idle: nothing to draw
    now_ms_ = now;
    HandleResponses();
    if (AwaitingContract(now)) return;
    ApplyLoginFormEvents();
    for (MirrorAction& action : platform_.MirrorActions()) description_.Queue(std::move(action));
    platform_.MirrorActions().clear();
    ApplyPageScroll();
    CheckSessionDeadline();
    if (screen_ == Screen::Code) {
        const bool quiet = session_ctl_.code().expiry_notice.empty(), expired = session_ctl_.code().expired;
        session_ctl_.TickCode();
        // The notice or the end changes the column's height, which ImGui fits a frame later.
        if (quiet != session_ctl_.code().expiry_notice.empty() || expired != session_ctl_.code().expired)
            platform_.RequestFrames(2);
    }
    fonts_.Note(platform_.TakeTypedText());
    if (platform_.Mode() == RenderMode::Dom && fonts_.Drawing()) fonts_.StopDrawing();  // context lost
    // Kiosk mode draws everything larger by drawing at a higher ratio: text stays sharp.
    const bool atlas_rebuilt = fonts_.PrepareFrame(platform_.PixelRatio() * UiScale());
    if (atlas_rebuilt) platform_.RedrawNextFrame();  // same vertices, new glyphs
    if (platform_.PixelRatio() * UiScale() != style_ratio_) {
        style_ratio_ = platform_.PixelRatio() * UiScale();
        ApplyStyle(style_ratio_);
    }
    // ImGui sizes auto-fitting windows, tables and wrapped text from what the previous frame
    // measured. After a screen change or a new atlas, an unshown pass first makes the shown frame
    // final: no frame shows a half-laid-out screen (nor a click land on one), and the loading
    // overlay goes one presented frame after the answers are in instead of three (each costs tens
    // of milliseconds on software GL). Input is consumed by the unshown passes.
    double wake_at_ms = 0.0;
    // ImGui takes input that arrived together (a click's press and release, when frames are slow)
    // over successive passes: unshown passes take it all, so a click acts in the frame that sees
    // it and the frame shows what it did.
    // Input the platform held back (a press after a pointer jump, so ImGui sees the hover first)
    // goes into the next unshown pass rather than the next frame.
    const ImVector<ImGuiInputEvent>& input = ImGui::GetCurrentContext()->InputEventsQueue;
    for (int pass = 0; pass < kInputPasses; ++pass) {
        if (input.empty() && !platform_.DeliverHeldInput()) break;
        wake_at_ms = UnshownPass(now);
    }
    int changes_before = screen_changes_;
    // A screen change (an answer, a click) or new content is laid out in an unshown pass first.
    bool settle = atlas_rebuilt || relayout_ || changes_before != settled_changes_;
    settled_changes_ = changes_before;
    relayout_ = false;
    if (settle) wake_at_ms = UnshownPass(now);
    double presented_wake_at_ms = DrawPass(now, true);
    if (screen_changes_ != changes_before) {
        // The screen changed while the pass to be shown drew the old one, which then was not
        // shown: the new screen is laid out and shown in this same frame rather than the old one
        // once more (each shown frame costs tens to hundreds of milliseconds on software GL).
        changes_before = settled_changes_ = screen_changes_;
        settle = true;
        UnshownPass(now);
        presented_wake_at_ms = DrawPass(now, true);
    }
    if (presented_wake_at_ms != 0.0) wake_at_ms = presented_wake_at_ms;
    last_frame_cpu_ms_ = emscripten_get_now() - now;

    if (wake_at_ms != 0.0) platform_.WakeAt(wake_at_ms);
    if (marks_.TextTargetsChanged()) {
        js::SetTextTargets(marks_.TextTargets().data(), static_cast<int>(marks_.TextTargets().size() / 4));
    }
    NoteDynamicText();
    UpdateAccessibility();
    SyncLoginForm();
    if (ready_) {
        mirror_.Update(description_, ImGui::GetFocusID(), ImGui::GetActiveID());
    }
    // The contract screen runs a pending query while it draws; elsewhere (the lines arrive while
    // the menu shows) it waits for that screen.
    if (screen_ == Screen::Contract && contract_ctl_.lines().loaded && contract_ctl_.lines().query_dirty) {
        platform_.RequestFrames(2);
    }
    KeepSearchConditions();
    if (screen_changes_ == changes_before) ++screen_frames_;  // else the new screen is still to come
    const bool final_layout = settle && screen_changes_ == changes_before && !fonts_.PrepareNeeded();
    const bool font_ready = fonts_.HasFontData() || !fonts_.Drawing();
    if (!ready_ && font_ready && screen_ != Screen::Starting && final_layout) {
        ready_ = true;
        js::AppReady();
    }
    if (ready_ && fonts_.Drawing() && !fonts_.HasFullFont() && !full_font_requested_) {
        full_font_requested_ = true;
        api_.Send(ApiRequest{ApiCall::FullFont, "GET", FontManager::kFullFontUrl, "", false});
    }
}

// Right after the code the menu has nothing to offer until the contract is in, usually a few
// milliseconds later: no frame is drawn only to say 読み込み中 meanwhile (on software GL each
// frame takes the main thread for tens to hundreds of milliseconds). Past a short wait it is.
bool App::AwaitingContract(double now_ms) {
    const ContractState& contract = contract_ctl_.state();
    if (screen_ != Screen::Menu || contract.loaded || !contract.loading) return false;
    const double until = contract.requested_at_ms + kContractWaitMs;
    if (now_ms >= until) return false;
    platform_.WakeAt(until);
    return true;
}

// A pass that lays out and takes input but is not shown; the passes after it in this frame are
// the same moment (ImGui needs a positive step).
double App::UnshownPass(double now_ms) {
    const double wake_at_ms = DrawPass(now_ms, false);
    ImGui::GetIO().DeltaTime = kSettlePassSeconds;
    return wake_at_ms;
}

// One ImGui frame of the whole UI; only a presented pass reaches the GPU. Returns when the UI
// asked to be woken (0 for never).
double App::DrawPass(double now_ms, bool present) {
    const int changes_before = screen_changes_;
    ImGui::NewFrame();
    TrackIdle();
    ApplyPrivacy();
    marks_.BeginFrame(platform_.PixelRatio());
    // Each pass describes the screen afresh; the presented pass's description is the mirror's.
    description_.BeginFrame();
    SetCurrentDescription(&description_);
    UiContext ui;
    ui.lang = lang_;
    ui.now_ms = now_ms;
    ui.marks = &marks_;
    ui.page_row = page_row_;
    ui.page_rows = platform_.Mode() == RenderMode::Dom ? DomPageRows(platform_.ViewportCssHeight()) : 0;
    DrawFrame(ui);
    AfterPagePass(ui, present);
    SetCurrentDescription(nullptr);
    if (present && screen_changes_ == changes_before) {  // else it drew a screen no longer current
        platform_.EndFrame();
    } else {
        ImGui::EndFrame();
    }
    return ui.wake_at_ms;
}

void App::DrawFrame(UiContext& ui) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags root_flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;  // PaintPageBackground
    ImGui::Begin("##portal", nullptr, root_flags);
    if (reset_keyboard_nav_) {
        // The widget keyboard navigation sat on has gone with the old screen, and ImGui would
        // fall back to whatever id the root window last held, possibly none: Tab would then go
        // nowhere. Start each screen's navigation afresh from the top of the page instead.
        reset_keyboard_nav_ = false;
        ImGui::FocusWindow(ImGui::GetCurrentWindow());
        ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
    }
    HeaderInfo header;
    header.logged_in = session_ctl_.session().active;
    header.session = &session_ctl_.session();
    header.contract = contract_ctl_.state().loaded ? &contract_ctl_.contract() : nullptr;
    switch (DrawHeaderBar(header, ui)) {
        case HeaderAction::ToggleLanguage:
            lang_ = lang_ == Lang::Ja ? Lang::En : Lang::Ja;
            ui.lang = lang_;
            platform_.RequestFrames(2);
            break;
        case HeaderAction::Logout:
            Logout();
            break;
        case HeaderAction::None:
            break;
    }
    // The page below the header scrolls; NavFlattened keeps Tab moving between both parts.
    DrawKioskStrip(ui);
    KeepDomTablesInLayout();
    ImGui::BeginChild("content", ImVec2(0, 0), 0, ImGuiWindowFlags_NavFlattened);
    if (scroll_content_to_top_) {  // a new screen starts at its top
        scroll_content_to_top_ = false;
        ImGui::SetScrollY(0.0f);
    }
    if (DrawNetworkErrorPanel(failure_, ui)) {
        failure_.active = false;
        api_.Retry(failure_.retry_request);
    }
    {
        const DescribedGroup main(Role::Main, "main", "");
        DrawScreen(ui);
    }
    ApplyPrivacy();
    DrawIdle(ui);
    ImGui::EndChild();
    PaintPageBackground(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // the content panel
    ImGui::End();
}

void App::DrawScreen(UiContext& ui) {
    switch (screen_) {
        case Screen::Starting: {
            CenteredColumn column(40.0f);
            NoticeText(ui.T(Str::Loading));
            break;
        }
        case Screen::Login:
            if (DrawLoginScreen(session_ctl_.login(), ui) == LoginAction::Submit) SubmitLogin();
            break;
        case Screen::Code:
            switch (DrawCodeScreen(session_ctl_.code(), ui)) {
                case CodeAction::Verify:
                    SubmitCode();
                    break;
                case CodeAction::Resend:
                    ResendCode();
                    break;
                case CodeAction::Extend:
                    session_ctl_.ExtendCode();
                    break;
                case CodeAction::BackToLogin:
                    GoTo(Screen::Login);
                    break;
                case CodeAction::None:
                    break;
            }
            break;
        case Screen::Menu:
            if (!contract_ctl_.state().loaded) {
                NoticeText(ui.T(Str::Loading));
                break;
            }
            switch (DrawMenuScreen(contract_ctl_.contract(), ui)) {
                case MenuAction::Contract:
                    GoTo(Screen::Contract);
                    if (contract_ctl_.LinesWanted()) contract_ctl_.LoadLines();
                    break;
                case MenuAction::Usage:
                    OpenUsage("");
                    break;
                case MenuAction::CallDetails:
                    OpenCallDetails("");
                    break;
                case MenuAction::Security:
                    OpenSecurity();
                    break;
                case MenuAction::None:
                    break;
            }
            break;
        case Screen::Contract: {
            const ContractActions actions = DrawContractScreen(contract_ctl_, ui);
            if (actions.back_to_menu) GoTo(Screen::Menu);
            if (actions.download_csv) DownloadCsv();
            if (!actions.table.copy_text.empty()) CopyToClipboard(actions.table.copy_text);
            if (!actions.table.drill_down_phone.empty()) {
                const std::string& phone = actions.table.drill_down_phone;
                reports_ctl_.details().not_subscribed = false;
                if (contract_ctl_.contract().call_details_available)
                    OpenCallDetails(phone);  // fetches its calls
                OpenUsage(phone);
            }
            break;
        }
        case Screen::Usage:
        case Screen::CallDetails:
            DrawReportScreen(ui);
            break;
        case Screen::Security:
            DrawSecurity(ui);
            break;
    }
}

void App::GoTo(Screen screen) {
    screen_ = screen;
    screen_frames_ = 0;
    ++screen_changes_;
    // A full font that failed to arrive is asked for again at the next screen change.
    if (!fonts_.HasFullFont() && !api_.AnyInFlight()) full_font_requested_ = false;
    failure_.active = false;
    if (screen == Screen::Login) session_ctl_.login().focus_id = true;
    if (screen == Screen::Code) session_ctl_.code().focus_code = true;
    // GoTo runs between frames (answers are handled before NewFrame), where ImGui has no current
    // window to scroll: the content child does it when it is next drawn.
    scroll_content_to_top_ = true;
    reset_keyboard_nav_ = true;
    platform_.RequestFrames(3);
}

void App::HandleResponses() {
    for (ApiChunk& chunk : api_.PollChunks())
        if (chunk.call == ApiCall::Lines) OnLinesChunk(chunk);
    for (const ApiResponse& response : api_.Poll()) {
        switch (response.call) {
            case ApiCall::Session:
                OnSessionAnswer(response, session_ctl_.OnSession(response));
                break;
            case ApiCall::Login:
                OnSessionAnswer(response, session_ctl_.OnLogin(response));
                break;
            case ApiCall::Verify:
                OnSessionAnswer(response, session_ctl_.OnVerify(response));
                break;
            case ApiCall::Resend:
                OnSessionAnswer(response, session_ctl_.OnResend(response));
                break;
            case ApiCall::Extend:
                OnSessionAnswer(response, session_ctl_.OnExtend(response));
                break;
            case ApiCall::Logout:
                OnSessionAnswer(response, session_ctl_.OnLogout(response));
                break;
            case ApiCall::Contract:
                OnContract(response);
                break;
            case ApiCall::Lines:
                OnLines(response);
                break;
            case ApiCall::UiFont:
            case ApiCall::FullFont:
                OnFont(response);
                break;
            case ApiCall::Usage:
                OnUsage(response);
                break;
            case ApiCall::CallDetails:
                OnCallDetails(response);
                break;
            case ApiCall::ClientConfig:
                OnClientConfig(response);
                break;
            case ApiCall::UsageMonth:
                OnUsageMonth(response);
                break;
            case ApiCall::Security:
                OnSecurity(response);
                break;
            case ApiCall::SavedSearch:
                OnSavedSearch(response);
                break;
        }
    }
}

bool App::RouteAnswer(const ApiResponse& response, const AnswerOutcome& outcome) {
    switch (outcome.kind) {
        case AnswerKind::Accepted:
            return true;
        case AnswerKind::SignedOut:
            HandleUnauthorized(response);
            return false;
        case AnswerKind::Failed:
            ShowFailure(response);
            return false;
        case AnswerKind::Unusable:
            failure_ = NetworkFailure{true, outcome.message, 0};
            return false;
        case AnswerKind::Refused:
            return false;
    }
    return false;
}

void App::ShowFailure(const ApiResponse& response) {
    failure_.active = true;
    failure_.message = FailureMessage(response);
    failure_.retry_request = response.request;
}

// Characters of messages that came from the server or the engine: the atlas must hold them.
void App::NoteDynamicText() {
    const auto note = [this](const Message& message) {
        fonts_.Note(message.text.ja);
        fonts_.Note(message.text.en);
    };
    note(failure_.message);
    note(session_ctl_.login().error);
    note(session_ctl_.login().notice);
    note(session_ctl_.code().error);
    note(contract_ctl_.lines().csv.error);
    for (const Error& error : contract_ctl_.lines().validation.errors) note(Message{error.message});
    NoteReportText();
    note(security_ctl_.state().error);
    note(security_ctl_.state().info);
    if (fonts_.PrepareNeeded()) platform_.RequestFrames(2);
}

Message App::CurrentError() const {
    if (failure_.active) return failure_.message;
    switch (screen_) {
        case Screen::Login:
            return session_ctl_.login().error;
        case Screen::Code:
            return session_ctl_.code().error;
        case Screen::Contract:
            if (!contract_ctl_.lines().csv.error.empty()) return contract_ctl_.lines().csv.error;
            if (!contract_ctl_.lines().validation.errors.empty())
                return Message{contract_ctl_.lines().validation.errors.front().message};
            return Message{};
        case Screen::Usage:
        case Screen::CallDetails:
            return ReportError();
        case Screen::Security:
            return security_ctl_.state().error;
        default:
            return Message{};
    }
}

Message App::CurrentStatus() const {
    if (!status_.empty()) return status_;
    if (screen_ == Screen::Login) return session_ctl_.login().notice;
    if (screen_ == Screen::Code)
        return session_ctl_.code().expiry_notice.empty() ? session_ctl_.code().info
                                                         : session_ctl_.code().expiry_notice;
    return Message{};
}

void App::UpdateAccessibility() {
    static constexpr Str kScreenNames[] = {Str::ScreenStarting, Str::ScreenLogin,    Str::ScreenCode,
                                           Str::ScreenMenu,     Str::ScreenContract, Str::ScreenUsage,
                                           Str::ScreenDetails};
    const std::string screen = screen_ == Screen::Security
                                   ? Tr(lang_, SStr::ScreenSecurity)
                                   : Tr(lang_, kScreenNames[static_cast<size_t>(screen_)]);
    const std::string title = screen + " | " + Tr(lang_, Str::AppTitle);
    // The count of matching lines is the mirror's own role=status, beside its table.
    const std::string status = Tr(lang_, CurrentStatus().text);
    const std::string error = Tr(lang_, CurrentError().text);
    const std::string key = title + '\x1f' + screen + '\x1f' + status + '\x1f' + error + LangKey(lang_);
    if (key == accessible_key_) return;
    accessible_key_ = key;
    js::SetAccessible(title, screen, status, error, LangKey(lang_));
}

}  // namespace portal
