// ScreenDescription: what a screen's description holds (nodes, nesting, keys, flags) and the JSON the
// DOM mirror reads; when the mirror is sent again (only on a change, and a countdown described in
// minutes does not change every second); actions from the mirror and how long they wait.
#include "ui/screen_description.h"

#include <doctest/doctest.h>

#include <string>

#include "i18n.h"

namespace portal {
namespace {

// A small screen as the widget helpers record it while drawing: a heading, a field, a grid with a
// header row and one row whose password cell holds a button.
void DescribeScreen(ScreenDescription& description, const std::string& count, const std::string& left) {
    description.BeginFrame();
    SetCurrentDescription(&description);
    {
        const DescribedGroup main(Role::Main, "main", "");
        Describe(Role::Heading, "ご契約情報照会");
        DescribedNode field;
        field.role = Role::Field;
        field.key = "search.prefix";
        field.name = "電話番号";
        field.value = "0505";
        field.flags = node_flags::kNumeric;
        field.widget = 42;
        description.Add(field);
        Describe(Role::Status, count);
        Describe(Role::Text, "セッション残り " + left);
        const DescribedGroup grid(Role::Grid, "table.grid", "回線情報", 11, 2);
        {
            const DescribedGroup header(Role::Row, "table.headerRow", "", 1, 0, node_flags::kHeaderRow);
            Describe(Role::ColumnHeader, "No", 0, "table.header.no");
            Describe(Role::ColumnHeader, "回線パスワード", 0, "table.header.linePassword");
        }
        const DescribedGroup row(Role::Row, "table.row.0", "", 2);
        Describe(Role::Cell, "1", 0, "table.row.0.no");
        const DescribedGroup cell(Role::Cell, "table.row.0.linePassword", "非表示のパスワード", 0, 0,
                                  node_flags::kMasked);
        Describe(Role::Button, "表示: 05058051001 のパスワード", 0, "table.row.0.reveal");
    }
    SetCurrentDescription(nullptr);
}

DescribedNode Node(Role role, const std::string& key, const std::string& name) {
    DescribedNode node;
    node.role = role;
    node.key = key;
    node.name = name;
    return node;
}

const DescribedNode& NodeWithKey(const ScreenDescription& description, const std::string& key) {
    for (const DescribedNode& node : description.Nodes())
        if (node.key == key) return node;
    FAIL("no node with key " << key);
    return description.Nodes().front();
}

}  // namespace

TEST_CASE("a description holds one node per described thing, nested as drawn, with roles, names and flags") {
    ScreenDescription description;
    DescribeScreen(description, "全 10回線中 10回線を表示", "15:00");
    const auto& nodes = description.Nodes();
    REQUIRE(nodes.size() == 13);
    CHECK(nodes[0].role == Role::Main);
    CHECK(nodes[0].parent == -1);
    CHECK(nodes[1].role == Role::Heading);
    CHECK(nodes[1].parent == 0);
    const DescribedNode& grid = NodeWithKey(description, "table.grid");
    CHECK(grid.level == 11);  // aria-rowcount: the header and all rows
    CHECK(grid.columns == 2);
    const DescribedNode& button = NodeWithKey(description, "table.row.0.reveal");
    const DescribedNode& cell = nodes[static_cast<size_t>(button.parent)];
    CHECK(cell.key == "table.row.0.linePassword");
    CHECK(cell.flags == node_flags::kMasked);
    CHECK(nodes[static_cast<size_t>(cell.parent)].key == "table.row.0");
    CHECK(description.KeyOfWidget(42) == "search.prefix");
    CHECK(description.KeyOfWidget(7).empty());
    CHECK(description.KeyOfWidget(0).empty());
}

TEST_CASE(
    "the JSON the mirror reads: children nested, empty parts left out, text escaped, masked values never "
    "sent") {
    ScreenDescription description;
    description.BeginFrame();
    SetCurrentDescription(&description);
    {
        const DescribedGroup section(Role::Section, "s", "区分 \"A\"\n");
        DescribedNode secret;
        secret.role = Role::Field;
        secret.key = "pw";
        secret.name = "パスワード";
        secret.value = "hunter2";
        secret.flags = node_flags::kMasked;
        description.Add(secret);
        DescribedNode id;
        id.role = Role::Field;
        id.key = "id";
        id.name = "ID";
        id.value = "a\\b";
        id.detail = "必須";
        id.flags = node_flags::kInvalid;
        description.Add(id);
        DescribedNode copy;
        copy.role = Role::Button;
        copy.key = "copy";
        copy.name = "コピー";
        copy.spoken = "コピー: 05058051001 のアカウントID";
        description.Add(copy);
    }
    SetCurrentDescription(nullptr);
    CHECK(
        description.ToJson() ==
        "[{\"k\":\"s\",\"r\":\"section\",\"n\":\"区分 \\\"A\\\"\\u000a\",\"ch\":["
        "{\"k\":\"pw\",\"r\":\"field\",\"n\":\"パスワード\",\"f\":8},"
        "{\"k\":\"id\",\"r\":\"field\",\"n\":\"ID\",\"v\":\"a\\\\b\",\"d\":\"必須\",\"f\":4},"
        "{\"k\":\"copy\",\"r\":\"button\",\"n\":\"コピー\",\"s\":\"コピー: 05058051001 のアカウントID\"}]}]");
    CHECK(description.ToJson().find("hunter2") == std::string::npos);
}

TEST_CASE(
    "keys are stable: the same screen drawn again has the same keys; blanks and repeats get unique ones") {
    ScreenDescription description;
    description.BeginFrame();
    CHECK(description.Add(Node(Role::Text, "", "a")) == 0);
    description.Add(Node(Role::Button, "back", "戻る"));
    description.Add(Node(Role::Button, "back", "戻る"));
    description.Add(Node(Role::Text, "", "b"));
    CHECK(description.Nodes()[0].key == "n0");  // from its position
    CHECK(description.Nodes()[1].key == "back");
    CHECK(description.Nodes()[2].key == "back~2");  // ids stay unique in the DOM
    CHECK(description.Nodes()[3].key == "n3");

    ScreenDescription again;
    DescribeScreen(description, "全 10回線中 10回線を表示", "15:00");
    const std::string first = description.ToJson();
    DescribeScreen(description, "全 10回線中 10回線を表示", "15:00");  // the next frame
    CHECK(description.ToJson() == first);
    DescribeScreen(again, "全 10回線中 10回線を表示", "15:00");  // another instance
    CHECK(again.ToJson() == first);
    for (size_t i = 0; i < description.Nodes().size(); ++i)
        CHECK(description.Nodes()[i].key == again.Nodes()[i].key);
}

TEST_CASE("the mirror is sent again only when the description changes") {
    ScreenDescription description;
    DescriptionChange change;
    std::string json;
    DescribeScreen(description, "全 10回線中 10回線を表示", "15:00");
    REQUIRE(change.Take(description, json));
    CHECK(json == description.ToJson());

    json = "untouched";
    DescribeScreen(description, "全 10回線中 10回線を表示", "15:00");
    CHECK_FALSE(change.Take(description, json));  // an unchanged screen: nothing to send
    CHECK(json == "untouched");

    DescribeScreen(description, "全 10回線中 3回線を表示", "15:00");
    CHECK(change.Take(description, json));
    CHECK(json.find("3回線を表示") != std::string::npos);

    change.Reset();  // logout emptied the page's mirror: the same screen is sent again
    CHECK(change.Take(description, json));
}

TEST_CASE("a countdown described in minutes changes the description once a minute, then every ten seconds") {
    CHECK(DescribedCountdownSeconds(900.0) == 900.0);
    CHECK(DescribedCountdownSeconds(899.4) == 900.0);
    CHECK(DescribedCountdownSeconds(840.5) == 900.0);
    CHECK(DescribedCountdownSeconds(840.0) == 840.0);
    CHECK(DescribedCountdownSeconds(61.0) == 120.0);
    CHECK(DescribedCountdownSeconds(60.0) == 60.0);
    CHECK(DescribedCountdownSeconds(51.0) == 60.0);
    CHECK(DescribedCountdownSeconds(50.0) == 50.0);
    CHECK(DescribedCountdownSeconds(0.2) == 10.0);
    CHECK(DescribedCountdownSeconds(-3.0) == 0.0);

    // A frame a second for the fifteen minutes of a session: the described screen is sent at most
    // once a minute while more than a minute is left, every ten seconds in the last minute.
    ScreenDescription description;
    DescriptionChange change;
    std::string json;
    int sent_over_a_minute = 0, sent_last_minute = 0;
    for (int left = 900; left >= 0; --left) {
        DescribeScreen(description, "全 10回線中 10回線を表示",
                       FormatCountdown(DescribedCountdownSeconds(static_cast<double>(left))));
        if (change.Take(description, json)) ++(left > 60 ? sent_over_a_minute : sent_last_minute);
    }
    CHECK(sent_over_a_minute == 14);  // 15:00 (the first), 14:00, ..., 2:00
    CHECK(sent_last_minute == 7);     // 1:00, 0:50, ..., 0:00
}

TEST_CASE(
    "an action from the mirror is taken once by the widget with its key, and waits two frames at most") {
    ScreenDescription description;
    description.Queue(MirrorAction{MirrorActionKind::Activate, "search.run", ""});
    description.Queue(MirrorAction{MirrorActionKind::Value, "search.prefix", "0505"});
    CHECK(description.HasPendingActions());
    description.BeginFrame();
    CHECK_FALSE(description.TakeActivation("search.prefix"));  // another key
    CHECK_FALSE(description.TakeFocus("search.run"));          // another kind
    std::string value;
    CHECK(description.TakeValue("search.prefix", value));
    CHECK(value == "0505");
    description.BeginFrame();  // the shown pass after the settle pass
    CHECK(description.TakeActivation("search.run"));
    CHECK_FALSE(description.TakeActivation("search.run"));  // once
    CHECK_FALSE(description.HasPendingActions());

    description.Queue(MirrorAction{MirrorActionKind::Focus, "gone", ""});
    description.BeginFrame();
    description.BeginFrame();
    CHECK(description.HasPendingActions());
    description.BeginFrame();  // no widget took it in two frames: dropped
    CHECK_FALSE(description.HasPendingActions());
    CHECK_FALSE(description.TakeFocus("gone"));
}

TEST_CASE("a field's texts queued faster than the frames: the newest is taken, the older ones go with it") {
    ScreenDescription description;
    for (const char* text : {"05058", "050582", "0505820", "05058202", "050582020", "0505820200"})
        description.Queue(MirrorAction{MirrorActionKind::Value, "search.prefix", text});
    description.Queue(MirrorAction{MirrorActionKind::Value, "details.number", "0312"});
    description.BeginFrame();
    std::string value;
    CHECK(description.TakeValue("search.prefix", value));
    CHECK(value == "0505820200");
    CHECK_FALSE(description.TakeValue("search.prefix", value));
    CHECK(description.TakeValue("details.number", value));  // another field's text stays its own
    CHECK(value == "0312");
    CHECK_FALSE(description.HasPendingActions());
}

TEST_CASE("nothing is recorded without a current description, in a pause, or for an empty text") {
    ScreenDescription description;
    description.BeginFrame();
    Describe(Role::Heading, "無し");
    { const DescribedGroup group(Role::Section, "s", "無し"); }
    CHECK(description.Nodes().empty());
    SetCurrentDescription(&description);
    Describe(Role::Text, "");
    {
        const ScreenDescriptionPause pause;
        Describe(Role::Text, "ヒント");
    }
    Describe(Role::Text, "本文");
    SetCurrentDescription(nullptr);
    REQUIRE(description.Nodes().size() == 1);
    CHECK(description.Nodes()[0].name == "本文");
    CHECK(RoleKey(Role::AlertDialog) == std::string("alertdialog"));
    CHECK(VisibleLabel("表示###table.row.0.reveal") == "表示");
    CHECK(VisibleLabel("戻る") == "戻る");
}

}  // namespace portal

namespace portal {
namespace {

TEST_CASE("a page of a grid on the HTML page: rows from the window's height alone, 5 to 30") {
    CHECK(DomPageRows(800.0) == 18);  // 22 rows of 36 px, less the header, caption and pager
    CHECK(DomPageRows(600.0) == 12);
    CHECK(DomPageRows(800.0) > DomPageRows(600.0));
    CHECK(DomPageRows(100.0) == 5);  // never fewer than a few rows
    CHECK(DomPageRows(0.0) == 5);
    CHECK(DomPageRows(-1.0) == 5);
    CHECK(DomPageRows(5000.0) == 30);  // a tall window does not make a huge DOM
    for (double height = 200.0; height < 2000.0; height += 7.0) {
        CAPTURE(height);
        CHECK(DomPageRows(height) <= DomPageRows(height + 7.0));  // taller never means fewer
    }
}

}  // namespace
}  // namespace portal
