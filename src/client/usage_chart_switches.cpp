// The usage chart's switches, described once for the canvas and the DOM mirror.
#include "usage_chart_switches.h"

#include <algorithm>
#include <charconv>

namespace portal {

namespace {
constexpr std::string_view kTopPrefix = "usage.chart.top.";
}

std::string ChartTopMark(int top) {
    return std::string(kTopPrefix) + std::to_string(top);
}

int ChartTopFromText(std::string_view text, int current) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return current;
    return std::clamp(value, kChartTopMin, kChartTopMax);
}

std::vector<ChartSwitch> DescribeChartSwitches(const UsageViewState& state, Lang lang) {
    std::vector<ChartSwitch> switches;
    switches.push_back({Tr(lang, RStr::UsageChartGrouping),
                        "usage.chart.grouping",
                        false,
                        {{Tr(lang, RStr::UsageChartByNumber), "usage.chart.byNumber", !state.chart_by_month},
                         {Tr(lang, RStr::UsageChartByMonth), "usage.chart.byMonth", state.chart_by_month}}});
    switches.push_back({Tr(lang, RStr::UsageChartMetric),
                        "usage.chart.metric",
                        false,
                        {{Tr(lang, RStr::UsageChartCharge), "usage.chart.charge", !state.chart_by_time},
                         {Tr(lang, RStr::UsageChartTime), "usage.chart.time", state.chart_by_time}}});
    if (state.chart_by_month) return switches;  // every month is drawn: no top N
    ChartSwitch count{Tr(lang, RStr::UsageChartTop), std::string(kChartCountMark), true, {}};
    for (int top = kChartTopMin; top <= kChartTopMax; ++top)
        count.choices.push_back({std::to_string(top), ChartTopMark(top), top == state.chart_top});
    switches.push_back(std::move(count));
    return switches;
}

bool ChooseChartSwitch(UsageViewState& state, std::string_view mark) {
    if (mark == "usage.chart.byNumber" || mark == "usage.chart.byMonth") {
        state.chart_by_month = mark == "usage.chart.byMonth";
        return true;
    }
    if (mark == "usage.chart.charge" || mark == "usage.chart.time") {
        state.chart_by_time = mark == "usage.chart.time";
        return true;
    }
    if (mark.substr(0, kTopPrefix.size()) != kTopPrefix) return false;
    const std::string_view digits = mark.substr(kTopPrefix.size());
    const int top = ChartTopFromText(digits, -1);
    if (top < 0 || std::to_string(top) != digits) return false;
    state.chart_top = top;
    return true;
}

}  // namespace portal
