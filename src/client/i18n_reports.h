// Labels of ご利用状況照会, 明細照会 and the kiosk / idle-logout parts in Japanese and
// English. A table of its own beside i18n_strings.cpp so the two issues never edit the same list.
#pragma once
#include "i18n.h"

namespace portal {

enum class RStr : uint16_t {
    // Usage
    UsageTitle,
    UsageGuide,
    UsageMonth,
    UsageMonthsLoading,
    UsageNoData,
    UsageColPhone,
    UsageColCalls,
    UsageColTime,
    UsageColCharge,
    UsageTotal,
    UsageNumbers,
    UsageChartTitle,
    UsageChartCharge,
    UsageChartTime,
    UsageChartTop,
    UsageChartHover,
    UsageChartByNumber,
    UsageChartByMonth,
    UsageChartGrouping,
    UsageChartMetric,
    UsageMonthChartTitle,
    UsageMonthChartLoading,
    UsageMonthChartHover,
    UsageCsvNote,
    UsageLoading,
    UsageFilterHint,
    // Call details
    DetailsTitle,
    DetailsGuide,
    DetailsNotSubscribedTitle,
    DetailsNotSubscribed,
    DetailsHowToApply,
    DetailsHowToApplyButton,
    DetailsNumber,
    DetailsNumberHint,
    DetailsCandidates,
    DetailsNoCandidates,
    DetailsFrom,
    DetailsTo,
    DetailsRangeNote,
    DetailsQuery,
    DetailsLoading,
    DetailsColStart,
    DetailsColDestination,
    DetailsColDuration,
    DetailsColCharge,
    DetailsTotal,
    DetailsNoCalls,
    DetailsChooseNumber,
    DetailsLinesLoading,
    DetailsRangeReversed,
    DetailsNumberDigits,
    // Drill-down from the line table
    DrillDown,
    DrillDownTip,
    ToUsage,
    ToDetails,
    // Kiosk / idle
    IdleTitle,
    IdleBody,
    IdleStay,
    IdleLogoutNow,
    IdleLoggedOut,
    KioskBadge,
    PrivacySwitch,
    PrivacyOn,
    Count
};

const char* Tr(Lang lang, RStr id);
std::string Label(Lang lang, RStr id, const char* stable_id);
// Every string of the table in both languages (the font atlas must hold their characters).
std::string AllReportStringsForFont();

}  // namespace portal
