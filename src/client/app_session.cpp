// Login, the code, the session and logout as App sees them: SessionController sends the requests
// and reads the answers; App moves between screens and, when a session ends, wipes every feature.
#include "app.h"
#include "platform/js_bridge.h"

namespace portal {

void App::CheckSession() {
    session_ctl_.CheckSession();
}

void App::SubmitLogin() {
    status_.clear();
    session_ctl_.SubmitLogin();
}

void App::SubmitCode() {
    session_ctl_.SubmitCode();
}

void App::ResendCode() {
    session_ctl_.ResendCode();
}

void App::Logout() {
    // Conditions changed a moment ago go first: a session ended before they arrive would refuse them.
    if (saved_search_.SaveNow(contract_ctl_.lines())) {
        logout_after_save_ = true;
        return;
    }
    session_ctl_.Logout();
}

void App::NoteActivity() {
    session_ctl_.NoteActivity();
}

void App::OnSessionAnswer(const ApiResponse& response, const SessionOutcome& outcome) {
    switch (outcome.step) {
        case SessionStep::None:
            break;
        case SessionStep::Live:
            if (screen_ == Screen::Starting) {  // a reload within a live session: straight to the menu
                contract_ctl_.LoadCustomerData();
                saved_search_.Load(contract_ctl_.lines());
                GoTo(Screen::Menu);
            }
            break;
        case SessionStep::NoSession:
            if (screen_ == Screen::Starting) GoTo(Screen::Login);
            platform_.StartLinesWarmUp();  // while the customer types the ID, password and code
            js::WarmTextLayout(AllStringsForFont());
            break;
        case SessionStep::ToCode:
            fonts_.Note(session_ctl_.code().masked_email);
            js::PrepareLinesDecoder();       // ready by the time the code is sent and the lines requested
            platform_.PrepareLinesMemory();  // only after a right password, while the mail is read
            GoTo(Screen::Code);
            break;
        case SessionStep::ToLogin:
            GoTo(Screen::Login);
            break;
        case SessionStep::SignedIn:
            contract_ctl_.Forget();
            ResetReports();
            contract_ctl_.LoadCustomerData();
            // Only after an idle logout does the customer find the conditions they had; any other
            // login starts from the defaults (and tells the server so).
            if (resume_search_)
                saved_search_.Load(contract_ctl_.lines());
            else
                saved_search_.StartFresh();
            resume_search_ = false;
            GoTo(Screen::Menu);
            break;
        case SessionStep::Ended:
            HandleUnauthorized(response);
            break;
        case SessionStep::LoggedOut:
            EndSession(MessageOf(Str::LoggedOut), "logout");
            session_ctl_.ForgetId();  // an explicit logout leaves nothing behind for the next person
            break;
        case SessionStep::Failed:
            if (screen_ == Screen::Starting) GoTo(Screen::Login);
            ShowFailure(response);
            if (!outcome.message.empty()) failure_.message = outcome.message;  // an unreadable answer
            break;
    }
}

void App::EndSession(const Message& reason, const char* reason_key) {
    session_ctl_.End(reason);
    contract_ctl_.Forget();  // no contract data stays in memory after the session
    saved_search_.Forget();  // nor the search conditions: the server keeps them for the customer
    logout_after_save_ = false;
    ResetReports();
    security_ctl_.Forget();
    ForgetTextBeingEdited();
    api_.ForgetAll();
    status_.clear();
    mirror_.Clear();  // its tables and fields held the customer's data
    GoTo(Screen::Login);
    // What was freed above still lies in the WebAssembly memory (and ImGui's, and the decoders'):
    // only a fresh instance leaves none of it for the next person at the screen.
    js::EndSession(reason_key);
}

void App::ShowEndedSessionReason() {
    const std::string key = js::UrlParam("ended");
    if (key.empty()) return;
    js::DropUrlParam("ended");  // a later reload is an ordinary start
    resume_search_ = key == "idle" || key == "expired";
    session_ctl_.ShowEndedReason(key);
}

void App::CheckSessionDeadline() {
    session_ctl_.CheckDeadline();
}

bool App::HandleUnauthorized(const ApiResponse& response) {
    if (response.status != 401) return false;
    Message reason = FailureMessage(response);
    const Message ended = MessageOf(Str::SessionEnded);
    reason.text.ja = ended.text.ja + " (" + reason.text.ja + ")";
    reason.text.en = ended.text.en + " (" + reason.text.en + ")";
    EndSession(reason, "expired");
    return true;
}

}  // namespace portal
