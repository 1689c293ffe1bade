// The ja / en table of i18n_mirror.h.
#include "i18n_mirror.h"

namespace portal {
namespace {

struct Pair {
    MStr id;
    const char* ja;
    const char* en;
};

// In MStr order; a static_assert below keeps the two in step.
constexpr Pair kStrings[] = {
    {MStr::Masked, "非表示のパスワード", "password hidden"},
    {MStr::DateFrom, "%s (から)", "%s (from)"},
    {MStr::DateTo, "%s (まで)", "%s (to)"},
    {MStr::DateHint, "年-月-日 で入力 (例 2024-04-01)。空欄で指定なし。",
     "Type year-month-day (e.g. 2024-04-01); empty for none."},
    {MStr::DateInvalid, "日付は 2024-04-01 の形で入力してください。", "Type the date as 2024-04-01."},
    {MStr::PageNavigation, "ページ上部", "Page header"},
    {MStr::LinesGrid, "回線情報 (%s 回線)", "Lines (%s)"},
    {MStr::RowUsage, "利用: %s", "Usage: %s"},
    {MStr::RowCopy, "コピー: %s の%s", "Copy: %2$s of %1$s"},
    {MStr::RowReveal, "表示: %s のパスワード", "Show: passwords of %s"},
    {MStr::RowHide, "隠す: %s のパスワード", "Hide: passwords of %s"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(MStr::Count),
              "every MStr needs a row");

}  // namespace

const char* Tr(Lang lang, MStr id) {
    const Pair& pair = kStrings[static_cast<size_t>(id)];
    return lang == Lang::En ? pair.en : pair.ja;
}

}  // namespace portal
