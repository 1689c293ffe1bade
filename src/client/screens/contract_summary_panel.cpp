// ご契約内容: the manual's eight summary columns (the basic plan hides SIPプロキシサーバ and
// SIPドメイン). Wide windows show the manual's one-row table; narrow ones a label/value list.
#include <algorithm>
#include <vector>

#include "engine/format.h"
#include "screens/screens.h"

namespace portal {
namespace {

struct SummaryCell {
    Str header;
    std::string value;
    const char* mark;
};

std::vector<SummaryCell> SummaryCells(const Contract& contract, UiContext& ui) {
    const ContractSummary& s = contract.summary;
    const auto lines = [&](int64_t n) { return Format(ui.T(Str::LinesUnit), FormatCount(n).c_str()); };
    std::vector<SummaryCell> cells = {
        {Str::SummaryServiceName, s.service_name, "summary.service"},
        {Str::SummaryCustomerCode, s.customer_code, "summary.customerCode"},
    };
    if (contract.plan != PlanKind::Basic) {
        cells.push_back({Str::SummarySipProxy, s.sip_proxy, "summary.sipProxy"});
        cells.push_back({Str::SummarySipDomain, s.sip_domain, "summary.sipDomain"});
    }
    cells.push_back({Str::SummaryIssued, lines(s.lines_issued), "summary.issued"});
    cells.push_back({Str::SummaryActive, lines(s.lines_active), "summary.active"});
    cells.push_back({Str::SummaryCancelled, lines(s.lines_cancelled), "summary.cancelled"});
    cells.push_back({Str::SummaryChargePlan, s.charge_plan, "summary.chargePlan"});
    return cells;
}

}  // namespace

void DrawContractSummaryPanel(const Contract& contract, UiContext& ui) {
    SubHeading(ui.T(Str::SummaryTitle));
    const std::vector<SummaryCell> cells = SummaryCells(contract, ui);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp;
    const bool wide = ImGui::GetContentRegionAvail().x >= Em(62.0f);
    // The mirror reads it as label/value rows whatever the width: a header row of eight columns
    // over one value row is harder to follow by ear.
    {
        const DescribedGroup table(Role::Table, "summary", ui.T(Str::SummaryTitle));
        for (const SummaryCell& cell : cells) {
            const DescribedGroup row(Role::Row, std::string(cell.mark) + ".row", "");
            Describe(Role::RowHeader, ui.T(cell.header));
            Describe(Role::Cell, cell.value, 0, cell.mark);
        }
    }
    const ScreenDescriptionPause pause;
    if (wide) {
        if (ImGui::BeginTable("summary", static_cast<int>(cells.size()), flags)) {
            for (const SummaryCell& cell : cells) TableHeaderCell(ui.T(cell.header));
            ImGui::TableNextRow();
            for (const SummaryCell& cell : cells) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(cell.value.c_str());
                ui.Mark(cell.mark);
            }
            ImGui::EndTable();
        }
        return;
    }
    // The labels take what the longest needs, up to 11 em, and at most 42 % of a narrow window
    // (wrapping there): the values (SIP domain, service name) are what the customer reads and copies.
    float label_width = 0.0f;
    for (const SummaryCell& cell : cells)
        label_width = std::max(label_width, ImGui::CalcTextSize(ui.T(cell.header)).x);
    label_width = std::min({label_width + ImGui::GetStyle().CellPadding.x * 2.0f, Em(11.0f),
                            std::max(Em(6.0f), ImGui::GetContentRegionAvail().x * 0.42f)});
    if (ImGui::BeginTable("summary", 2, flags)) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_width);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        for (const SummaryCell& cell : cells) {
            ImGui::TableNextRow();
            TableHeaderCell(ui.T(cell.header), true);
            ImGui::TableNextColumn();
            Paragraph(cell.value.c_str());
            ui.Mark(cell.mark);
        }
        ImGui::EndTable();
    }
}

}  // namespace portal
