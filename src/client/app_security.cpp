// セキュリティ設定 in the App: opening the screen, acting on its buttons through the
// SecurityController, answers that need the App (401, network failures), and the history CSV.
#include "app.h"
#include "i18n_security.h"
#include "platform/js_bridge.h"
#include "screens/security_screens.h"

namespace portal {

void App::OpenSecurity() {
    status_.clear();
    security_ctl_.Open();
    GoTo(Screen::Security);
}

void App::DrawSecurity(UiContext& ui) {
    const SecurityActions actions = DrawSecurityScreen(security_ctl_.state(), ui);
    if (actions.start_enrolment) security_ctl_.StartEnrolment();
    if (actions.cancel_enrolment) security_ctl_.CancelEnrolment();
    if (actions.confirm) security_ctl_.ConfirmEnrolment();
    if (actions.remove) security_ctl_.Remove();
    if (actions.renew) security_ctl_.RenewRecoveryCodes();
    if (actions.hide_codes) security_ctl_.HideRecoveryCodes();
    if (actions.reload_history) security_ctl_.LoadHistory();
    if (actions.reload_sessions) security_ctl_.LoadSessions();
    if (actions.logout_others) security_ctl_.LogoutOthers();
    if (actions.set_email_codes) security_ctl_.SetEmailCodes(security_ctl_.state().email_codes_ticked);
    if (actions.download_csv) DownloadHistoryCsv();
    if (actions.back_to_menu) {
        security_ctl_.Forget();  // the secret and the recovery codes do not outlive the screen
        GoTo(Screen::Menu);
    }
    if (security_ctl_.state().busy()) platform_.RequestFrames(1);
}

void App::OnSecurity(const ApiResponse& response) {
    if (!security_ctl_.Owns(response.request)) return;  // the screen was left meanwhile
    if (HandleUnauthorized(response)) return;
    if (IsTransportFailure(response) && response.status != 503 && response.status != 429) {
        security_ctl_.Abandon(response.request);
        ShowFailure(response);
        return;
    }
    NoteActivity();
    security_ctl_.OnAnswer(response, FailureMessage(response));
    platform_.RequestFrames(2);
}

void App::DownloadHistoryCsv() {
    const FileDownload file = security_ctl_.HistoryDownload(contract_ctl_.contract());
    if (file.empty()) return;
    js::Download(file.name, file.bytes, file.media_type.c_str());
    status_.text.ja = Format(Tr(Lang::Ja, SStr::CsvDone), file.name.c_str());
    status_.text.en = Format(Tr(Lang::En, SStr::CsvDone), file.name.c_str());
}

}  // namespace portal
