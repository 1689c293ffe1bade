// 明細照会: for customers with the option, the number (prefix search over the contract's numbers),
// the period, and a sortable table of the calls drawn through ImGuiListClipper (100,000 calls
// scroll smoothly), totals and CSV. Customers without the option are told why and how to apply.
#include <algorithm>
#include <optional>

#include "engine/format.h"
#include "report_view.h"
#include "screens/report_screens.h"
#include "ui/csv_options.h"
#include "ui/date_input.h"

namespace portal {
namespace {

constexpr size_t kMaxCandidates = 8;

void DrawNotSubscribed(UiContext& ui) {
    SubHeading(Tr(ui.lang, RStr::DetailsNotSubscribedTitle));
    ui.Mark("details.notSubscribed");
    Paragraph(Tr(ui.lang, RStr::DetailsNotSubscribed));
    ImGui::Spacing();
    Paragraph(Tr(ui.lang, RStr::DetailsHowToApply));
    ImGui::Spacing();
}

// Numbers of the contract starting with what was typed; choosing one selects it.
void DrawNumberChooser(CallDetailsViewState& state, const LinesViewState& lines, UiContext& ui) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(ui.lang, RStr::DetailsNumber));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(Em(10.0f));
    std::string digits;
    const bool digits_ok = NormalisePhoneInput(state.number.data(), digits);
    DescribedInputText(ui, Tr(ui.lang, RStr::DetailsNumber), "details.number", state.number.data(),
                       state.number.size(), 0, nullptr,
                       Tr(ui.lang, digits_ok ? RStr::DetailsNumberHint : RStr::DetailsNumberDigits),
                       node_flags::kNumeric | (digits_ok ? 0 : node_flags::kInvalid));
    SameLineIfRoom(Em(8.0f));  // the hint wraps beside the field, or under it in a narrow window
    MutedWrappedText(Tr(ui.lang, RStr::DetailsNumberHint));
    if (!lines.loaded) {
        NoticeText(Tr(ui.lang, RStr::DetailsLinesLoading));
        return;
    }
    if (!digits_ok) {
        const ScreenDescriptionPause said_by_the_field;
        ErrorText(Tr(ui.lang, RStr::DetailsNumberDigits));
        return;
    }
    std::vector<size_t> matches;
    size_t total = 0;
    for (size_t row = 0; row < lines.store.Size(); ++row) {
        const std::string_view phone = lines.store.Phone(row);
        if (phone.substr(0, digits.size()) != digits) continue;
        if (matches.size() < kMaxCandidates) matches.push_back(row);
        ++total;
    }
    if (total == 0) {
        ErrorText(Tr(ui.lang, RStr::DetailsNoCandidates));
        return;
    }
    const std::string candidates = Format(Tr(ui.lang, RStr::DetailsCandidates), FormatCount(total).c_str());
    ImGui::TextColored(colors::kMuted, "%s", candidates.c_str());
    const DescribedGroup group(Role::RadioGroup, "details.candidates", candidates);
    for (size_t i = 0; i < matches.size(); ++i) {
        const std::string phone(lines.store.Phone(matches[i]));
        SameLineIfRoom(ButtonWidth(phone.c_str()));  // eight numbers take several lines in a narrow window
        const bool selected = phone == state.selected_phone;
        const std::string mark = "details.candidate." + std::to_string(i);
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
        FollowMirrorFocus(mark);
        const bool activated = MirrorActivated(mark);
        // The chosen number is a pressed button on the canvas, a checked radio in the mirror.
        if (ImGui::Button(phone.c_str()) || activated) {
            state.selected_phone = phone;
            std::snprintf(state.number.data(), state.number.size(), "%s", phone.c_str());
        }
        if (selected) ImGui::PopStyleColor();
        ui.Mark(mark);
        DescribeLastItem(Role::Radio, mark, phone, selected ? node_flags::kChecked : 0);
    }
    if (total == 1 && digits.size() == lines.store.Phone(matches[0]).size()) {
        state.selected_phone = std::string(lines.store.Phone(matches[0]));
    }
}

void SetupCallColumns(const CallDetailsViewState& state, UiContext& ui) {
    const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
    ImGui::TableSetupColumn(Tr(ui.lang, RStr::DetailsColStart), fixed | ImGuiTableColumnFlags_DefaultSort,
                            Em(11.0f), static_cast<ImGuiID>(CallColumn::Start));
    ImGui::TableSetupColumn(Tr(ui.lang, RStr::DetailsColDestination), fixed, Em(9.0f),
                            static_cast<ImGuiID>(CallColumn::Destination));
    ImGui::TableSetupColumn(Tr(ui.lang, RStr::DetailsColDuration), fixed, Em(6.0f),
                            static_cast<ImGuiID>(CallColumn::Duration));
    const char* charge = Tr(ui.lang, RStr::DetailsColCharge);
    ImGui::TableSetupColumn(charge, fixed, std::max(Em(7.0f), ImGui::CalcTextSize(charge).x + Em(1.6f)),
                            static_cast<ImGuiID>(CallColumn::Charge));
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    const DescribedGroup row(Role::Row, "details.headerRow", "", 1, 0, node_flags::kHeaderRow);
    static constexpr const char* kKeys[] = {"start", "destination", "duration", "charge"};
    for (int i = 0; i < 4; ++i) {
        const int sort = static_cast<int>(state.sort_column) != i ? 0 : state.descending ? 2 : 1;
        DescribedColumnHeader(ui, i, std::string("details.header.") + kKeys[i], sort);
    }
}

void RightAligned(const std::string& text) {
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetColumnWidth() - width));
    ImGui::TextUnformatted(text.c_str());
}

void DrawCallTable(CallDetailsViewState& state, const KioskState& kiosk, UiContext& ui) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const float needed = row_height * static_cast<float>(state.rows.size() + 1) + Em(0.5f);
    const float footer =
        ImGui::GetFrameHeightWithSpacing() * 2.0f + ImGui::GetTextLineHeightWithSpacing() * 2.0f;
    const float height = ScrollingTableHeight(
        ui, std::min(needed, std::max(Em(10.0f), ImGui::GetContentRegionAvail().y - footer)), needed,
        row_height);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit;
    // As wide as its columns need (the widest label decides), never wider than the page.
    const float width = std::min(ImGui::GetContentRegionAvail().x, Em(38.0f) + style.ScrollbarSize);
    if (!ImGui::BeginTable("calls", 4, flags, ImVec2(width, height))) return;
    const DescribedGroup grid(Role::Grid, "details.grid", Tr(ui.lang, RStr::DetailsTitle),
                              static_cast<int>(state.rows.size()) + 1, 4);
    SetupCallColumns(state, ui);
    int column = static_cast<int>(state.sort_column);
    if (ReadReportSort(column, state.descending)) {
        state.sort_column = static_cast<CallColumn>(column);
        UpdateCallRows(state);
    }
    if (state.scroll_to_top) {
        ImGui::SetScrollY(0.0f);
        state.scroll_to_top = false;
    }
    const float visible_top = ImGui::GetWindowPos().y + row_height;
    bool first_found = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CallDetail& call = state.report.calls[state.rows[static_cast<size_t>(i)]];
            ImGui::TableNextRow();
            if (!first_found &&
                ImGui::GetCursorScreenPos().y + ImGui::GetTextLineHeight() * 0.5f >= visible_top) {
                first_found = true;
                state.first_visible_index = static_cast<size_t>(i);
            }
            std::optional<ScreenDescriptionPause> out_of_view;
            if (!TableRowInView(ui, row_height)) out_of_view.emplace();
            const DescribedGroup row_node(Role::Row, "details.row." + std::to_string(i), "", i + 2);
            const std::string cells[] = {FormatJstDateTime(call.start),
                                         kiosk.privacy ? MaskLastFour(call.destination) : call.destination,
                                         FormatDuration(call.duration_seconds), FormatYen(call.charge_yen)};
            for (size_t c = 0; c < 4; ++c) {
                ImGui::TableNextColumn();
                if (c < 2)
                    ImGui::TextUnformatted(cells[c].c_str());
                else
                    RightAligned(cells[c]);
                Describe(Role::Cell, cells[c], c < 2 ? 0 : node_flags::kNumeric);
            }
        }
    }
    if (!first_found) state.first_visible_index = 0;
    FollowPageRow(ui, clipper.ItemsHeight);
    ImGui::EndTable();
    ui.Mark("details.table");
}

}  // namespace

CallDetailsActions DrawCallDetailsScreen(CallDetailsViewState& state, const LinesViewState& lines,
                                         const Contract& contract, const KioskState& kiosk, UiContext& ui) {
    CallDetailsActions actions;
    Heading(Tr(ui.lang, RStr::DetailsTitle));
    if (!contract.call_details_available || state.not_subscribed) {
        DrawNotSubscribed(ui);
        actions.back_to_menu = MarkedButton(ui, ui.L(Str::BackToMenu, "details-back"), "details.back");
        return actions;
    }
    NoticeText(Tr(ui.lang, RStr::DetailsGuide));
    ImGui::Spacing();
    DrawNumberChooser(state, lines, ui);
    const int max_year = DateYear(contract.as_of);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(ui.lang, RStr::DetailsFrom));
    // The period on one line when it fits. Otherwise (320 CSS px, zoom 200%) the end date starts a
    // line of its own under its own label, as the start date does: a 「～」 left at the start or the
    // end of a line reads as a stray mark.
    const float date_width = DateInputWidth(ui);
    SameLineIfRoom(date_width);
    DateInput(ui, "details.from", state.from, max_year - 1, max_year, false, Tr(ui.lang, RStr::DetailsFrom));
    const float around_tilde = Em(1.0f);
    if (RemainingOnLine() + ImGui::GetStyle().ItemSpacing.x >=
        around_tilde * 2.0f + ImGui::CalcTextSize("～").x + date_width) {
        ImGui::SameLine(0.0f, around_tilde);
        ImGui::TextUnformatted("～");  // full-width: the font's ASCII tilde sits high like an overline
        ImGui::SameLine(0.0f, around_tilde);
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Tr(ui.lang, RStr::DetailsTo));
        SameLineIfRoom(date_width);
    }
    DateInput(ui, "details.to", state.to, max_year - 1, max_year, true, Tr(ui.lang, RStr::DetailsTo));
    MutedWrappedText(Tr(ui.lang, RStr::DetailsRangeNote));
    const bool reversed =
        !state.from.empty() && !state.to.empty() && state.from.ToQuery() > state.to.ToQuery();
    if (reversed) ErrorText(Tr(ui.lang, RStr::DetailsRangeReversed));
    ImGui::BeginDisabled(state.selected_phone.empty() || reversed || state.loading);
    actions.query = PrimaryButton(ui, Label(ui.lang, RStr::DetailsQuery, "details-query"), "details.query");
    ImGui::EndDisabled();
    if (state.selected_phone.empty()) {
        SameLineIfRoom(Em(8.0f));
        MutedWrappedText(Tr(ui.lang, RStr::DetailsChooseNumber));
    } else {
        SameLineIfRoom(ButtonWidth(Tr(ui.lang, RStr::ToUsage)), Em(2.0f));
        actions.open_usage =
            MarkedButton(ui, Label(ui.lang, RStr::ToUsage, "details-to-usage"), "details.toUsage");
    }
    if (state.loading) NoticeText(Tr(ui.lang, RStr::DetailsLoading));
    if (!state.error.empty()) ErrorText(ui.T(state.error));
    if (state.loaded) {
        if (state.sort_dirty) UpdateCallRows(state);
        ImGui::Spacing();
        PushTextWrapInside();
        // The period is one word: a narrow window moves it whole to the next line, 「～」 never alone.
        DescribedText(state.report.phone + "  " + FormatDate(state.report.from, '/') + "～" +
                      FormatDate(state.report.to, '/'));
        ImGui::PopTextWrapPos();
        DrawCallTable(state, kiosk, ui);
        if (state.rows.empty()) NoticeText(Tr(ui.lang, RStr::DetailsNoCalls));
        const std::string totals = Format(
            Tr(ui.lang, RStr::DetailsTotal), FormatCount(static_cast<int64_t>(state.rows.size())).c_str(),
            FormatDuration(state.total_seconds).c_str(), FormatYen(state.total_charge).c_str());
        PushTextWrapInside();
        ImGui::TextUnformatted(totals.c_str());
        ImGui::PopTextWrapPos();
        ui.Mark("details.totals");
        Describe(Role::Status, totals, 0, "details.totals");
    }
    if (MarkedButton(ui, ui.L(Str::Back, "details-back"), "details.back", ImVec2(Em(6.0f), 0)))
        actions.back_to_menu = true;
    if (state.loaded) {
        SameLineIfRoom(ButtonWidth(ui.T(state.csv.xlsx ? Str::XlsxDownload : Str::CsvDownload)), Em(2.0f));
        actions.download_csv = DrawCsvOptions(state.csv, CsvOptionsSpec{"details.csv"}, ui);
        DrawCsvMessages(state.csv, Tr(ui.lang, RStr::UsageCsvNote), ui);
    }
    return actions;
}

}  // namespace portal
