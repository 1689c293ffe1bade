// csvダウンロード: the lines shown now or all lines, UTF-8 with BOM (default) or Shift_JIS, built
// by the engine in the browser. Shows the engine's message when Shift_JIS cannot hold a character.
#include "engine/format.h"
#include "screens/screens.h"

namespace portal {

// Drawn on the line of 戻る; the options flow on while the width allows.
bool DrawCsvPanel(LinesViewState& state, UiContext& ui) {
    CsvOptions& csv = state.csv;
    const bool pressed = PrimaryButton(ui, ui.L(Str::CsvDownload, "csv-download"), "csv.download");
    const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::GetStyle().ItemSpacing.x;
    const std::string shown_label = Format(ui.T(Str::CsvScopeShown), FormatCount(static_cast<int64_t>(state.rows.size())).c_str());
    const std::string all_label = Format(ui.T(Str::CsvScopeAll), FormatCount(static_cast<int64_t>(state.store.Size())).c_str());
    const float scope_width = ImGui::CalcTextSize(ui.T(Str::CsvScope)).x + ImGui::CalcTextSize(shown_label.c_str()).x +
                              ImGui::CalcTextSize(all_label.c_str()).x + radio * 2 + Em(1.0f);
    if (RemainingOnLine() >= scope_width + Em(1.5f)) ImGui::SameLine(0, Em(1.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::CsvScope));
    ImGui::SameLine();
    int scope = csv.all_lines ? 1 : 0;
    ImGui::RadioButton((shown_label + "###csv-shown").c_str(), &scope, 0);
    ui.Mark("csv.scopeShown");
    if (RemainingOnLine() >= ImGui::CalcTextSize(all_label.c_str()).x + radio) ImGui::SameLine();
    ImGui::RadioButton((all_label + "###csv-all").c_str(), &scope, 1);
    ui.Mark("csv.scopeAll");
    csv.all_lines = scope == 1;

    // The encoding choice follows on the same line only when all of it fits there.
    const float encoding_width = ImGui::CalcTextSize(ui.T(Str::CsvEncoding)).x + ImGui::CalcTextSize(ui.T(Str::CsvEncodingUtf8)).x +
                                 ImGui::CalcTextSize(ui.T(Str::CsvEncodingSjis)).x + radio * 2 + Em(2.5f);
    if (RemainingOnLine() >= encoding_width + Em(1.5f)) ImGui::SameLine(0, Em(1.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::CsvEncoding));
    ImGui::SameLine();
    int encoding = csv.encoding == CsvEncoding::Cp932 ? 1 : 0;
    ImGui::RadioButton(ui.L(Str::CsvEncodingUtf8, "csv-utf8").c_str(), &encoding, 0);
    ui.Mark("csv.utf8");
    if (RemainingOnLine() >= ImGui::CalcTextSize(ui.T(Str::CsvEncodingSjis)).x + radio) ImGui::SameLine();
    ImGui::RadioButton(ui.L(Str::CsvEncodingSjis, "csv-sjis").c_str(), &encoding, 1);
    ui.Mark("csv.sjis");
    const CsvEncoding chosen = encoding == 1 ? CsvEncoding::Cp932 : CsvEncoding::Utf8Bom;
    if (chosen != csv.encoding) csv.error.clear();
    csv.encoding = chosen;

    if (!csv.error.empty()) ErrorText(ui.T(csv.error));
    if (!csv.last_file_name.empty() && csv.error.empty()) {
        SuccessText(Format(ui.T(Str::CsvDone), csv.last_file_name.c_str()));
    }
    NoticeText(ui.T(Str::CsvNote));
    return pressed;
}

}  // namespace portal
