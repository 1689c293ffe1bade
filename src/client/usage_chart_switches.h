// ご利用状況照会's chart switches (by number or by month, charge or call time, how many numbers),
// described once: the canvas draws its radio buttons and slider from this description and the DOM
// mirror (the HTML page without WebGL2) shows the same switches as radio groups and a <select>.
// Pure C++ (no ImGui), so what the switches offer and what choosing one does have native tests.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "i18n.h"
#include "i18n_reports.h"
#include "report_state.h"

namespace portal {

// The numbers the per-number chart can show (its slider's range and the <select>'s options).
constexpr int kChartTopMin = 3;
constexpr int kChartTopMax = 30;
// The count switch's mark: the slider's on the canvas, the <select>'s in the mirror.
constexpr std::string_view kChartCountMark = "usage.chart.top";

struct ChartChoice {
    std::string name;  // the visible label
    std::string mark;  // the widget mark and the mirror key
    bool chosen = false;
};

// A group of choices: two radio buttons, or (`is_count`) the numbers to show, one of many.
struct ChartSwitch {
    std::string legend;  // the group's name
    std::string mark;    // the group's mirror key
    bool is_count = false;
    std::vector<ChartChoice> choices;
};

// The switches the chart shows now, in drawing order: the grouping, the metric, and (per number
// only: every month is drawn) how many numbers.
std::vector<ChartSwitch> DescribeChartSwitches(const UsageViewState& state, Lang lang);

// Carries out a choice (from the canvas or the mirror) by its mark; false for a mark that names
// no choice of the chart.
bool ChooseChartSwitch(UsageViewState& state, std::string_view mark);

// The mark of the count choice for `top` numbers, and the count a typed or chosen value asks for
// (clamped to the range; the current count when the text is no number).
std::string ChartTopMark(int top);
int ChartTopFromText(std::string_view text, int current);

}  // namespace portal
