// Labels of セキュリティ設定 (authenticator app, recovery codes, login history, sessions) in Japanese
// and English: a table of its own beside i18n_strings.cpp, like the report screens' one.
#pragma once
#include "i18n.h"

namespace portal {

enum class SStr : uint16_t {
    MenuSecurity,
    MenuSecurityDesc,
    ScreenSecurity,
    Title,
    Guide,
    TabAuthenticator,
    TabHistory,
    TabSessions,
    // Authenticator app
    AppTitle,
    AppEnrolled,
    AppNotEnrolled,
    AppRecoveryLeft,
    AppStart,
    AppScan,
    AppSecretLabel,
    AppConfirmLabel,
    AppConfirm,
    AppCancel,
    AppDone,
    RecoveryTitle,
    RecoveryOnce,
    RecoveryCopied,
    RecoveryHide,
    AppRemoveTitle,
    AppRemoveGuide,
    AppRemove,
    RenewTitle,
    RenewGuide,
    Renew,
    CodeLabel,
    CodeSixDigits,
    CodeAppOrRecovery,
    AppRemoved,
    EmailCodesTitle,
    EmailCodesGuide,
    EmailCodesOption,
    EmailCodesOn,
    EmailCodesOff,
    // Login history
    HistoryTitle,
    HistoryGuide,
    HistoryEmpty,
    ColTime,
    ColEvent,
    ColResult,
    ColFactor,
    ColAddress,
    ColBrowser,
    ColOs,
    Reload,
    CsvHistory,
    CsvDone,
    // Sessions
    SessionsTitle,
    SessionsGuide,
    ColStarted,
    ColLastSeen,
    ColCurrent,
    ThisSession,
    LogoutOthers,
    LoggedOutOthers,
    NoOtherSessions,
    // Event, result and factor names of the history
    EvLoginSuccess,
    EvLoginFailure,
    EvCodeFailed,
    EvLockout,
    EvLogout,
    EvSessionExpired,
    EvSessionsEnded,
    ResSuccess,
    ResFailure,
    ResInfo,
    FactorPassword,
    FactorEmail,
    FactorTotp,
    FactorRecovery,
    BadAnswer,
    QrDescription,
    Count
};

const char* Tr(Lang lang, SStr id);
std::string Label(Lang lang, SStr id, const char* stable_id);
// Every string of the table in both languages (the font atlas must hold their characters).
std::string AllSecurityStringsForFont();

}  // namespace portal
