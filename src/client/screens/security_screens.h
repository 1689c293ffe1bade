// セキュリティ設定 and its three panels. Like screens.h, each Draw...() draws the state it is given
// and returns what the customer asked for; App and SecurityController do the I/O.
#pragma once
#include "i18n_security.h"
#include "security_state.h"
#include "ui/widgets.h"

namespace portal {

struct SecurityActions {
    bool back_to_menu = false;
    bool start_enrolment = false;
    bool cancel_enrolment = false;
    bool confirm = false;
    bool remove = false;
    bool renew = false;
    bool hide_codes = false;
    bool reload_history = false;
    bool download_csv = false;
    bool reload_sessions = false;
    bool logout_others = false;
    bool set_email_codes = false;  // to SecurityState::email_codes_ticked
};

SecurityActions DrawSecurityScreen(SecurityState& state, UiContext& ui);
void DrawAuthenticatorPanel(SecurityState& state, SecurityActions& actions, UiContext& ui);
void DrawLoginHistoryPanel(SecurityState& state, SecurityActions& actions, UiContext& ui);
void DrawSessionsPanel(const SecurityState& state, SecurityActions& actions, UiContext& ui);
// The QR symbol with its four-module quiet zone, each module a whole number of pixels.
void DrawQrCode(const QrMatrix& qr, float max_side, UiContext& ui);
// The message of the part `where` ("confirm", "history", ...) when the last failure was there.
void DrawSecurityError(const SecurityState& state, const char* where, UiContext& ui);
// What just succeeded, on the panel `where` ("authenticator", "sessions") it belongs to.
void DrawSecurityInfo(const SecurityState& state, const char* where, UiContext& ui);
// A code field for the app's six digits (or a recovery code when `recovery`).
bool SecurityCodeInput(std::array<char, 16>& code, bool recovery, const char* mark, UiContext& ui);

}  // namespace portal
