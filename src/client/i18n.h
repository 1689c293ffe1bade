// Every label of the client in Japanese (the default) and English: one table, looked up by id.
#pragma once
#include <cstdint>
#include <string>

#include "engine/result.h"

namespace portal {

enum class Lang : uint8_t { Ja, En };

enum class Str : uint16_t {
    AppTitle,
    Brand,
    BrandService,
    SwitchLanguage,
    Loading,
    // Login
    LoginTitle,
    LoginIntro,
    LoginCodeNotice,
    LoginPrepare,
    LoginGuard,
    LoginGuardShare,
    SelfcareInfo,
    SelfcareId,
    SelfcareIdHint,
    SelfcarePassword,
    SelfcarePasswordHint,
    ShowPassword,
    HidePassword,
    Submit,
    Reset,
    TwoStepNotice,
    Sending,
    LockedRetryIn,
    SessionEnded,
    LoggedOut,
    // Code
    CodeTitle,
    CodeSentTo,
    CodeInstructions,
    CodeLabel,
    CodeTimeLeft,
    CodeExpired,
    CodeVerify,
    CodeResend,
    CodeResendWait,
    CodeResent,
    BackToLogin,
    CodeSixDigits,
    CodeAppTitle,
    CodeAppInstructions,
    CodeAppRecoveryHint,
    CodeAppFormat,
    CodeAppOrEmail,
    CodeSendByEmail,
    CodeEmailSent,
    CodeExpiresSoon,
    CodeAppExpiresSoon,
    CodeRenew,
    CodeLoginTimeLeft,
    CodeExtend,
    CodeExtended,
    // Menu
    MenuTitle,
    MenuIntro,
    MenuContract,
    MenuContractDesc,
    MenuUsage,
    MenuUsageDesc,
    MenuDetails,
    MenuDetailsDesc,
    MenuDetailsNote,
    MenuDetailsDisabled,
    MenuSafetyTitle,
    MenuSafety,
    BackToMenu,
    // Header
    ContractorName,
    Honorific,
    SessionLeft,
    Logout,
    // Contract
    ContractTitle,
    Breadcrumb,
    ContractGuideTitle,
    ContractGuide,
    ContractCaution,
    SummaryTitle,
    SummaryServiceName,
    SummaryCustomerCode,
    SummarySipProxy,
    SummarySipDomain,
    SummaryIssued,
    SummaryActive,
    SummaryCancelled,
    SummaryChargePlan,
    LinesUnit,
    LinesTitle,
    SearchTitle,
    SearchNoteOne,
    SearchNoteAll,
    PhoneNumber,
    PrefixHint,
    Status,
    StatusAll,
    StatusActive,
    StartDate,
    YearUnit,
    MonthUnit,
    DayUnit,
    ClearDate,
    DateFrom,
    DateTo,
    SearchButton,
    MatchCount,
    Reveal,
    Hide,
    Copy,
    Copied,
    Back,
    LinesLoading,
    LinesReceiving,
    NoLines,
    FilterPending,
    MaskedAgain,
    SearchRestoring,      // the saved 検索条件 are on their way: the panel waits for them
    SearchRestoreFailed,  // ... they did not come: the panel shows the defaults
    // CSV
    CsvTitle,
    CsvScopeShown,
    CsvScopeAll,
    CsvEncodingUtf8,
    CsvEncodingSjis,
    CsvDownload,
    CsvDone,
    CsvNote,
    CsvEncoding,
    CsvScope,
    CsvFormatXlsx,
    XlsxDownload,  // the download button while Excel (.xlsx) is the chosen format
    // Network
    NetworkFailed,
    NetworkTimeout,
    ServerError,
    BadResponse,
    Retry,
    Working,
    // Screens (live region)
    ScreenLogin,
    ScreenCode,
    ScreenMenu,
    ScreenContract,
    ScreenUsage,
    ScreenDetails,
    ScreenStarting,
    Count
};

const char* Tr(Lang lang, Str id);
inline const std::string& Tr(Lang lang, const Text& text) {
    return lang == Lang::En && !text.en.empty() ? text.en : text.ja;
}
// printf-style formatting of a translated pattern.
std::string Format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
// "label###stable-id": the visible label follows the language while the ImGui id stays put.
std::string Label(Lang lang, Str id, const char* stable_id);
// "12:34" (or "1:02:03") for a countdown in seconds.
std::string FormatCountdown(double seconds);
const char* LangKey(Lang lang);  // "ja" / "en"

// Every string of the table in both languages, one per line: the font must rasterise all of them,
// and the page lays them out once ahead (js::WarmTextLayout).
std::string AllStringsForFont();

}  // namespace portal
