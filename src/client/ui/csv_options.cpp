// One CSV block for every table (it was copied three times): button, scope, encoding, messages.
#include "ui/csv_options.h"

#include <vector>

#include "engine/format.h"

namespace portal {
namespace {

// Width of a radio button with `label`, as ImGui draws it.
float RadioWidth(const std::string& label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
           ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

struct Choice {
    std::string label;  // with its ###mark
    std::string mark;
};

// "caption ( ) a ( ) b ( ) c" kept on one line when it fits there, else started on the next; each
// choice wraps to the next line on its own when the width runs out. Returns the index chosen.
int RadioGroup(const char* caption, const std::vector<Choice>& choices, int value, UiContext& ui) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float width = ImGui::CalcTextSize(caption).x;
    for (const Choice& choice : choices) width += RadioWidth(choice.label) + spacing;
    if (RemainingOnLine() >= width + Em(1.5f)) ImGui::SameLine(0, Em(1.5f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(colors::kMuted, "%s", caption);
    for (size_t i = 0; i < choices.size(); ++i) {
        if (i == 0 || RemainingOnLine() >= RadioWidth(choices[i].label) + spacing) ImGui::SameLine();
        ImGui::RadioButton(choices[i].label.c_str(), &value, static_cast<int>(i));
        ui.Mark(choices[i].mark);
    }
    return value;
}

}  // namespace

bool DrawCsvOptions(CsvOptions& csv, const CsvOptionsSpec& spec, UiContext& ui) {
    const std::string& prefix = spec.mark_prefix;
    // The ### ids are the marks: stable across languages, formats and tables. The button names
    // the file it makes: the manual's csvダウンロード, or Excel once that format is chosen.
    const Str button = csv.xlsx ? Str::XlsxDownload : Str::CsvDownload;
    const bool pressed =
        PrimaryButton(ui, ui.L(button, (prefix + ".download").c_str()), prefix + ".download");
    if (spec.with_scope) {
        const std::string shown =
            Format(ui.T(Str::CsvScopeShown), FormatCount(static_cast<int64_t>(spec.shown_count)).c_str());
        const std::string all =
            Format(ui.T(Str::CsvScopeAll), FormatCount(static_cast<int64_t>(spec.all_count)).c_str());
        const int scope = RadioGroup(ui.T(Str::CsvScope),
                                     {{shown + "###" + prefix + ".scopeShown", prefix + ".scopeShown"},
                                      {all + "###" + prefix + ".scopeAll", prefix + ".scopeAll"}},
                                     csv.all_lines ? 1 : 0, ui);
        csv.all_lines = scope == 1;
    }
    // Excel (.xlsx) sits beside the two encodings: one choice of what file the button makes.
    const int format = RadioGroup(ui.T(Str::CsvEncoding),
                                  {{ui.L(Str::CsvEncodingUtf8, (prefix + ".utf8").c_str()), prefix + ".utf8"},
                                   {ui.L(Str::CsvEncodingSjis, (prefix + ".sjis").c_str()), prefix + ".sjis"},
                                   {ui.L(Str::CsvFormatXlsx, (prefix + ".xlsx").c_str()), prefix + ".xlsx"}},
                                  csv.xlsx                             ? 2
                                  : csv.encoding == CsvEncoding::Cp932 ? 1
                                                                       : 0,
                                  ui);
    const bool xlsx = format == 2;
    const CsvEncoding chosen = xlsx ? csv.encoding : format == 1 ? CsvEncoding::Cp932 : CsvEncoding::Utf8Bom;
    if (chosen != csv.encoding || xlsx != csv.xlsx) csv.error.clear();  // it was about the other file
    csv.encoding = chosen;
    csv.xlsx = xlsx;
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
