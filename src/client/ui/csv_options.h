// The CSV choices shared by 回線一覧, ご利用状況照会 and 明細照会: the download button, the
// scope (lines only: shown or all), the encoding, and the messages of the last download.
#pragma once
#include <cstddef>
#include <string>

#include "ui/widgets.h"

namespace portal {

struct CsvOptionsSpec {
    // Prefix of the test-mark ids: "<prefix>.download", ".utf8", ".sjis", ".scopeShown", ".scopeAll".
    std::string mark_prefix;
    bool with_scope = false;  // lines: the rows shown or every row (the counts go in the labels)
    size_t shown_count = 0, all_count = 0;
};

// The button and the choices, flowing on the current line while the width allows (call it after
// SameLine() to continue a toolbar). Returns true when the download button was pressed.
bool DrawCsvOptions(CsvOptions& csv, const CsvOptionsSpec& spec, UiContext& ui);
// The engine's error (e.g. a character Shift_JIS cannot hold), the last file saved, and `note`.
void DrawCsvMessages(const CsvOptions& csv, const char* note, UiContext& ui);

}  // namespace portal
