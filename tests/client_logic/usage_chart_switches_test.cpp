// The usage chart's switches as described once for the canvas and the mirror: what each offers in
// both languages, which choice is on, and what choosing one (a click on the canvas, a radio button
// or an option of the mirror) does to the chart's state.
#include "usage_chart_switches.h"

#include <doctest/doctest.h>

#include <string>

namespace portal {
namespace {

std::vector<std::string> ChosenMarks(const std::vector<ChartSwitch>& switches) {
    std::vector<std::string> chosen;
    for (const ChartSwitch& option : switches)
        for (const ChartChoice& choice : option.choices)
            if (choice.chosen) chosen.push_back(choice.mark);
    return chosen;
}

TEST_CASE("the default chart: by number, charge, top 10; three switches with one choice each on") {
    const UsageViewState state;
    const std::vector<ChartSwitch> ja = DescribeChartSwitches(state, Lang::Ja);
    REQUIRE(ja.size() == 3);
    CHECK(ja[0].legend == "グラフの集計");
    CHECK(ja[0].mark == "usage.chart.grouping");
    CHECK(ja[0].choices[0].name == "番号別");
    CHECK(ja[0].choices[1].name == "月別");
    CHECK(ja[1].legend == "グラフの値");
    CHECK(ja[1].choices[0].name == "通話料金");
    CHECK(ja[1].choices[1].name == "通話時間");
    CHECK(ja[2].legend == "表示する番号数");
    CHECK(ja[2].is_count);
    CHECK(!ja[0].is_count);
    REQUIRE(ja[2].choices.size() == static_cast<size_t>(kChartTopMax - kChartTopMin + 1));
    CHECK(ja[2].choices.front().name == "3");
    CHECK(ja[2].choices.back().name == "30");
    CHECK(ChosenMarks(ja) ==
          std::vector<std::string>{"usage.chart.byNumber", "usage.chart.charge", "usage.chart.top.10"});
    const std::vector<ChartSwitch> en = DescribeChartSwitches(state, Lang::En);
    CHECK(en[0].legend == "Chart per");
    CHECK(en[0].choices[1].name == "By month");
    CHECK(en[1].choices[1].name == "Call time");
    CHECK(en[2].legend == "Numbers shown");
    CHECK(ChosenMarks(en) == ChosenMarks(ja));  // the marks do not depend on the language
}

TEST_CASE("choosing a switch changes the chart's state; by month has no count of numbers") {
    UsageViewState state;
    CHECK(ChooseChartSwitch(state, "usage.chart.time"));
    CHECK(state.chart_by_time);
    CHECK(ChooseChartSwitch(state, ChartTopMark(5)));
    CHECK(state.chart_top == 5);
    CHECK(ChosenMarks(DescribeChartSwitches(state, Lang::Ja)) ==
          std::vector<std::string>{"usage.chart.byNumber", "usage.chart.time", "usage.chart.top.5"});
    CHECK(ChooseChartSwitch(state, "usage.chart.byMonth"));
    CHECK(state.chart_by_month);
    const std::vector<ChartSwitch> by_month = DescribeChartSwitches(state, Lang::Ja);
    CHECK(by_month.size() == 2);  // every month is drawn
    CHECK(ChosenMarks(by_month) == std::vector<std::string>{"usage.chart.byMonth", "usage.chart.time"});
    CHECK(ChooseChartSwitch(state, "usage.chart.charge"));
    CHECK(ChooseChartSwitch(state, "usage.chart.byNumber"));
    CHECK(!state.chart_by_month);
    CHECK(!state.chart_by_time);
    CHECK(state.chart_top == 5);  // kept while by month
}

TEST_CASE("a mark or a value that names no choice changes nothing; a typed count is kept in range") {
    UsageViewState state;
    for (const char* mark : {"usage.chart", "usage.chart.top", "usage.chart.top.", "usage.chart.top.2",
                             "usage.chart.top.31", "usage.chart.top.05", "usage.chart.top.x", "usage.back"}) {
        CAPTURE(mark);
        CHECK(!ChooseChartSwitch(state, mark));
    }
    CHECK(state.chart_top == 10);
    CHECK(!state.chart_by_month);
    CHECK(!state.chart_by_time);
    CHECK(ChartTopFromText("7", 10) == 7);
    CHECK(ChartTopFromText("1", 10) == kChartTopMin);
    CHECK(ChartTopFromText("999", 10) == kChartTopMax);
    CHECK(ChartTopFromText("", 10) == 10);
    CHECK(ChartTopFromText("7a", 10) == 10);
    CHECK(ChartTopFromText("-4", 10) == kChartTopMin);
}

}  // namespace
}  // namespace portal
