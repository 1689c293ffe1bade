// The ja / en table of i18n_reports.h.
#include "i18n_reports.h"

#include <array>

namespace portal {
namespace {

struct Pair {
    RStr id;
    const char* ja;
    const char* en;
};

// In RStr order; a static_assert below keeps the two in step.
constexpr Pair kStrings[] = {
    {RStr::UsageTitle, "ご利用状況照会", "Usage by number"},
    {RStr::UsageGuide, "番号別の通話回数・通話時間・通話料金 (税込) を月ごとに表示します。",
     "Calls, call time and charges (tax included) per number, month by month."},
    {RStr::UsageMonth, "ご利用月", "Month"},
    {RStr::UsageMonthsLoading, "ご利用月を読み込んでいます…", "Loading the months…"},
    {RStr::UsageNoData, "この条件に当てはまるご利用はありません。", "No usage matches these conditions."},
    {RStr::UsageColPhone, "電話番号", "Number"},
    {RStr::UsageColCalls, "通話回数", "Calls"},
    {RStr::UsageColTime, "通話時間", "Call time"},
    {RStr::UsageColCharge, "通話料金 (円)", "Charge (yen)"},
    {RStr::UsageTotal, "合計", "Total"},
    {RStr::UsageNumbers, "%s 番号中 %s 番号を表示", "%s numbers, %s shown"},
    {RStr::UsageChartTitle, "番号別グラフ (上位 %d 番号)", "Chart by number (top %d)"},
    {RStr::UsageChartCharge, "通話料金", "Charge"},
    {RStr::UsageChartTime, "通話時間", "Call time"},
    {RStr::UsageChartTop, "表示する番号数", "Numbers shown"},
    {RStr::UsageChartHover, "%s\n通話回数 %s 回\n通話時間 %s\n通話料金 %s 円",
     "%s\nCalls %s\nCall time %s\nCharge %s yen"},
    {RStr::UsageChartByNumber, "番号別", "By number"},
    {RStr::UsageChartByMonth, "月別", "By month"},
    {RStr::UsageChartGrouping, "グラフの集計", "Chart per"},
    {RStr::UsageChartMetric, "グラフの値", "Chart of"},
    {RStr::UsageMonthChartTitle, "月別グラフ (表示中の %s 番号の合計)",
     "Chart by month (total of the %s numbers shown)"},
    {RStr::UsageMonthChartLoading, "月別の合計を取得しています… (%d / %d か月)",
     "Fetching the monthly totals… (%d of %d months)"},
    {RStr::UsageMonthChartHover, "%s\n番号数 %s\n通話回数 %s 回\n通話時間 %s\n通話料金 %s 円",
     "%s\nNumbers %s\nCalls %s\nCall time %s\nCharge %s yen"},
    {RStr::UsageCsvNote, "表示中の番号を表示中の並び順で出力します。",
     "Writes the numbers shown, in the order shown."},
    {RStr::UsageLoading, "ご利用状況を読み込んでいます…", "Loading usage…"},
    {RStr::UsageFilterHint, "※前方一致(7桁以上)", "※Starts with (7 digits or more)"},
    {RStr::DetailsTitle, "明細照会", "Call details"},
    {RStr::DetailsGuide, "番号別の通話先電話番号、日時、通話時間、料金を表示します。日時は日本時間です。",
     "Destination, date and time, duration and charge of each call of a number. Times are Japan time."},
    {RStr::DetailsNotSubscribedTitle, "明細照会はお申し込みが必要です", "Call details need an application"},
    {RStr::DetailsNotSubscribed,
     "お客様のご契約では明細照会のお申し込みがまだありません。明細照会をご利用いただくには別途お申し込みが必"
     "要 (無料) です。",
     "Your contract has not applied for call details yet. Call details need a separate (free) application."},
    {RStr::DetailsHowToApply,
     "お申し込み方法: "
     "お客様サポートページの「各種お手続き」から明細照会のお申し込みを行ってください。お申し込み完了後、この"
     "メニューからご利用いただけます。",
     "How to apply: on the customer support page, open the procedures page and apply for call details. "
     "Once the application is complete, this menu becomes available."},
    {RStr::DetailsHowToApplyButton, "お申し込み方法", "How to apply"},
    {RStr::DetailsNumber, "電話番号", "Number"},
    {RStr::DetailsNumberHint, "※前方一致で候補を表示", "※Candidates start with what you type"},
    {RStr::DetailsCandidates, "候補 %s 件", "Candidates: %s"},
    {RStr::DetailsNoCandidates, "ご契約に当てはまる番号がありません。",
     "No number of the contract starts like this."},
    {RStr::DetailsFrom, "期間 (開始)", "From"},
    {RStr::DetailsTo, "期間 (終了)", "To"},
    {RStr::DetailsRangeNote, "※照会できるのは直近 13 か月までです。", "※The last 13 months can be shown."},
    {RStr::DetailsQuery, "照会する", "Show calls"},
    {RStr::DetailsLoading, "明細を読み込んでいます…", "Loading calls…"},
    {RStr::DetailsColStart, "通話開始日時", "Start (JST)"},
    {RStr::DetailsColDestination, "通話先電話番号", "Destination"},
    {RStr::DetailsColDuration, "通話時間", "Duration"},
    {RStr::DetailsColCharge, "通話料金 (円)", "Charge (yen)"},
    {RStr::DetailsTotal, "合計 %s 件  通話時間 %s  通話料金 %s 円", "Total %s calls  time %s  charge %s yen"},
    {RStr::DetailsNoCalls, "この期間の通話はありません。", "No calls in this period."},
    {RStr::DetailsChooseNumber, "番号を選んでください。", "Choose a number."},
    {RStr::DetailsLinesLoading, "ご契約の番号を読み込んでいます…", "Loading the contract's numbers…"},
    {RStr::DetailsRangeReversed, "期間の開始が終了より後になっています。",
     "The start of the period is after its end."},
    {RStr::DetailsNumberDigits, "電話番号は数字 (ハイフン可) で入力してください。",
     "Type the number in digits (hyphens allowed)."},
    {RStr::DrillDown, "利用", "Usage"},
    {RStr::DrillDownTip, "この番号のご利用状況と明細を表示", "Usage and call details of this number"},
    {RStr::ToUsage, "この番号のご利用状況", "Usage of this number"},
    {RStr::ToDetails, "この番号の明細", "Calls of this number"},
    {RStr::IdleTitle, "まもなく自動ログアウトします", "You will be logged out soon"},
    {RStr::IdleBody, "しばらく操作がありませんでした。あと%s秒でログアウトし、表示中の情報を消去します。",
     "There was no activity for a while. In %s seconds you will be logged out and the information shown is "
     "erased."},
    {RStr::IdleStay, "ログインを続ける", "Stay logged in"},
    {RStr::IdleLogoutNow, "今すぐログアウト", "Log out now"},
    {RStr::IdleLoggedOut, "一定時間操作がなかったため、自動的にログアウトしました。",
     "You were logged out automatically after a period without activity."},
    {RStr::KioskBadge, "共用端末モード", "Shared terminal"},
    {RStr::PrivacySwitch, "画面共有時の保護", "Screen-share privacy"},
    {RStr::PrivacyOn, "保護中", "Protected"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(RStr::Count),
              "every RStr needs a row");

}  // namespace

const char* Tr(Lang lang, RStr id) {
    const Pair& pair = kStrings[static_cast<size_t>(id)];
    return lang == Lang::En ? pair.en : pair.ja;
}

std::string Label(Lang lang, RStr id, const char* stable_id) {
    return std::string(Tr(lang, id)) + "###" + stable_id;
}

std::string AllReportStringsForFont() {
    std::string all;
    for (const Pair& pair : kStrings) {
        all += pair.ja;
        all += pair.en;
    }
    return all + "¥";
}

}  // namespace portal
