// 検索条件 exactly as the manual lays it out: 電話番号 (※前方一致(7桁以上)), the two ステータス
// radio buttons, サービス開始日 from ~ to, and 検索する. Every edit also filters at once; the
// engine's validation messages appear beside the field they concern.
#include "contract_view.h"
#include "i18n_mirror.h"
#include "screens/screens.h"
#include "ui/date_input.h"

namespace portal {
namespace {

// The manual's two-column table, or on narrow screens (phones) each label above its field.
void LabelCell(const char* text, bool stacked) {
    if (stacked) {
        ImGui::Spacing();
        ImGui::TextColored(colors::kMuted, "%s", text);
        return;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(240, 240, 240, 255));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::TableNextColumn();
}

void FieldErrorText(const LinesViewState& state, const char* field, UiContext& ui, const char* mark) {
    if (const Error* error = FieldError(state, field)) {
        ErrorText(Tr(ui.lang, error->message));
        ui.Mark(mark);
    }
}

// Hyphens, spaces and full-width digits typed into the phone field are the engine's business;
// this only keeps IME full-width digits readable as ASCII as they are typed.
int PhoneCharFilter(ImGuiInputTextCallbackData* data) {
    if (data->EventChar >= 0xFF10 && data->EventChar <= 0xFF19)
        data->EventChar = static_cast<ImWchar>('0' + (data->EventChar - 0xFF10));
    return 0;
}

}  // namespace

bool DrawSearchPanel(LinesViewState& state, const Contract& contract, UiContext& ui) {
    (void)contract;
    SubHeading(ui.T(Str::SearchTitle));
    // The notes follow the title when they fit: a line more for the table below (1280×800).
    const std::string notes = std::string(ui.T(Str::SearchNoteOne)) + "  " + ui.T(Str::SearchNoteAll);
    if (RemainingOnLine() >= ImGui::CalcTextSize(notes.c_str()).x + Em(2.0f)) ImGui::SameLine(0, Em(2.0f));
    NoticeText(notes);
    // The saved conditions are on their way: nothing typed now could be mixed with them.
    if (state.search_restoring || state.search_restore_failed) {
        const char* note = ui.T(state.search_restoring ? Str::SearchRestoring : Str::SearchRestoreFailed);
        ImGui::TextColored(colors::kMuted, "%s", note);
        ui.Mark("search.restore");
        Describe(Role::Status, note, 0, "search.restore");
    }
    ImGui::BeginDisabled(state.search_restoring);
    bool changed = false;
    const bool stacked = ImGui::GetContentRegionAvail().x < Em(36.0f);
    if (stacked ||
        ImGui::BeginTable("search", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        if (!stacked) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, Em(9.0f));
            ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
        }

        LabelCell(ui.T(Str::PhoneNumber), stacked);
        ImGui::SetNextItemWidth(Em(12.0f));
        const Error* prefix_error = FieldError(state, "phone_prefix");
        const std::string prefix_detail =
            prefix_error ? Tr(ui.lang, prefix_error->message) : ui.T(Str::PrefixHint);
        changed |= DescribedInputText(ui, ui.T(Str::PhoneNumber), "search.prefix", state.phone_prefix.data(),
                                      state.phone_prefix.size(), ImGuiInputTextFlags_CallbackCharFilter,
                                      PhoneCharFilter, prefix_detail,
                                      node_flags::kNumeric | (prefix_error ? node_flags::kInvalid : 0));
        SameLineIfRoom(Em(8.0f));  // the hint wraps beside the field, or under it in a narrow window
        MutedWrappedText(ui.T(Str::PrefixHint));
        {
            const ScreenDescriptionPause pause;  // the field above carries its hint and error
            FieldErrorText(state, "phone_prefix", ui, "search.prefix.error");
        }

        LabelCell(ui.T(Str::Status), stacked);
        int status = state.status == StatusFilter::All ? 0 : 1;
        {
            const DescribedGroup group(Role::RadioGroup, "search.status", ui.T(Str::Status));
            if (DescribedRadio(ui, ui.L(Str::StatusAll, "status-all"), "search.statusAll", status == 0)) {
                changed |= status != 0;
                status = 0;
            }
            const std::string active = ui.L(Str::StatusActive, "status-active");
            // Beside the first when the field's column has room (zoom 200% may leave it too little).
            const float active_width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                                       ImGui::CalcTextSize(active.c_str(), nullptr, true).x;
            if (!stacked) SameLineIfRoom(active_width, Em(1.5f));
            if (DescribedRadio(ui, active, "search.statusActive", status == 1)) {
                changed |= status != 1;
                status = 1;
            }
        }
        state.status = status == 0 ? StatusFilter::All : StatusFilter::InServiceOnly;

        LabelCell(ui.T(Str::StartDate), stacked);
        const DescribedGroup dates(Role::Section, "search.dates", ui.T(Str::StartDate));
        changed |= DateInput(ui, "search.from", state.start_from, state.min_year, state.max_year, false,
                             Format(Tr(ui.lang, MStr::DateFrom), ui.T(Str::StartDate)));
        // The manual puts both dates on one line; narrow windows wrap the second below.
        const float second_width = Em(19.0f);
        if (RemainingOnLine() > second_width + Em(2.0f)) ImGui::SameLine();
        ImGui::TextUnformatted("～");  // full-width: the font's ASCII tilde sits high like an overline
        SameLineIfRoom(DateInputWidth(ui));
        changed |= DateInput(ui, "search.to", state.start_to, state.min_year, state.max_year, true,
                             Format(Tr(ui.lang, MStr::DateTo), ui.T(Str::StartDate)));
        FieldErrorText(state, "start_from", ui, "search.from.error");
        FieldErrorText(state, "start_to", ui, "search.to.error");
        if (!stacked) ImGui::EndTable();
    }
    for (const Error& error : state.validation.errors) {  // any message not tied to one field
        if (error.field != "phone_prefix" && error.field != "start_from" && error.field != "start_to")
            ErrorText(Tr(ui.lang, error.message));
    }
    if (changed) state.query_dirty = true;
    if (changed) state.search_restore_failed = false;  // the notice has been read
    ImGui::Spacing();
    const bool search =
        PrimaryButton(ui, ui.L(Str::SearchButton, "search"), "search.submit", ImVec2(Em(8.0f), 0));
    ImGui::EndDisabled();
    if (search) state.query_dirty = true;
    return search;
}

}  // namespace portal
