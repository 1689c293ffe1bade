// One CSV block for every table (it was copied three times): button, scope, encoding, messages.
#include "ui/csv_options.h"

#include "engine/format.h"

namespace portal {
namespace {

// Width of a radio button with `label`, as ImGui draws it.
float RadioWidth(const std::string& label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
           ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

// "caption ( ) first ( ) second" kept on one line when it fits there, else started on the next.
// Returns the index chosen (0 or 1).
int RadioPair(const char* caption, const std::string& first, const std::string& second, int value,
              const std::string& first_mark, const std::string& second_mark, UiContext& ui) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = ImGui::CalcTextSize(caption).x + RadioWidth(first) + RadioWidth(second) + spacing * 2;
    if (RemainingOnLine() >= width + Em(1.5f)) ImGui::SameLine(0, Em(1.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", caption);
    ImGui::SameLine();
    ImGui::RadioButton(first.c_str(), &value, 0);
    ui.Mark(first_mark);
    if (RemainingOnLine() >= RadioWidth(second) + spacing) ImGui::SameLine();
    ImGui::RadioButton(second.c_str(), &value, 1);
    ui.Mark(second_mark);
    return value;
}

}  // namespace

bool DrawCsvOptions(CsvOptions& csv, const CsvOptionsSpec& spec, UiContext& ui) {
    const std::string& prefix = spec.mark_prefix;
    // The ### ids are the marks: stable across languages and distinct per table.
    const bool pressed =
        PrimaryButton(ui, ui.L(Str::CsvDownload, (prefix + ".download").c_str()), prefix + ".download");
    if (spec.with_scope) {
        const std::string shown =
            Format(ui.T(Str::CsvScopeShown), FormatCount(static_cast<int64_t>(spec.shown_count)).c_str());
        const std::string all =
            Format(ui.T(Str::CsvScopeAll), FormatCount(static_cast<int64_t>(spec.all_count)).c_str());
        const int scope = RadioPair(ui.T(Str::CsvScope), shown + "###" + prefix + ".scopeShown",
                                    all + "###" + prefix + ".scopeAll", csv.all_lines ? 1 : 0,
                                    prefix + ".scopeShown", prefix + ".scopeAll", ui);
        csv.all_lines = scope == 1;
    }
    const int encoding =
        RadioPair(ui.T(Str::CsvEncoding), ui.L(Str::CsvEncodingUtf8, (prefix + ".utf8").c_str()),
                  ui.L(Str::CsvEncodingSjis, (prefix + ".sjis").c_str()),
                  csv.encoding == CsvEncoding::Cp932 ? 1 : 0, prefix + ".utf8", prefix + ".sjis", ui);
    const CsvEncoding chosen = encoding == 1 ? CsvEncoding::Cp932 : CsvEncoding::Utf8Bom;
    if (chosen != csv.encoding) csv.error.clear();  // the old message was about the other encoding
    csv.encoding = chosen;
    return pressed;
}

void DrawCsvMessages(const CsvOptions& csv, const char* note, UiContext& ui) {
    if (!csv.error.empty()) ErrorText(ui.T(csv.error));
    if (!csv.last_file_name.empty() && csv.error.empty()) {
        SuccessText(Format(ui.T(Str::CsvDone), csv.last_file_name.c_str()));
    }
    if (note != nullptr) NoticeText(note);
}

}  // namespace portal
