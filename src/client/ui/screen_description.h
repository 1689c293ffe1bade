// What the current screen shows, in words: while a screen draws, the widget helpers record one
// semantic node per heading, text, field, button, table row ... into the frame's description. The
// canvas is drawn from the same calls, so the two never disagree; the platform layer turns the
// description into the DOM mirror (web/portal_lib.js) that assistive technology, password managers
// and the no-WebGL page read. Pure C++ (no ImGui) so its bookkeeping has native tests.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

// The DOM each role becomes is in web/portal_lib.js (PortalMirror.make).
enum class Role : uint8_t {
    Header,        // <header>: the brand bar
    Main,          // <main>: the screen
    Section,       // <section aria-label>: a named part of a screen
    Heading,       // <h2>/<h3>: level
    Text,          // <p>
    Status,        // <p role=status>: polite announcement of a changed count or result
    Button,        // <button>
    Checkbox,      // <input type=checkbox> in its <label>
    RadioGroup,    // <fieldset> with <legend>
    Radio,         // <input type=radio> in its <label>
    Field,         // <label> + <input> (+ its hint or error, aria-describedby)
    List,          // <ul>
    ListItem,      // <li>
    Table,         // <table>: a small table read as is (the summary)
    Grid,          // <table role=grid>: level = aria-rowcount of all rows, columns = aria-colcount
    Row,           // <tr>: level = aria-rowindex (1 is the header row)
    ColumnHeader,  // <th scope=col>: level = sort (0 none, 1 ascending, 2 descending)
    RowHeader,     // <th scope=row>
    Cell,          // <td>
    AlertDialog,   // <div role=alertdialog aria-modal>: name = title, detail = the message
    Select,        // <label> + <select>: value = the chosen option's name; its children are options
    Option,        // <option>: checked = the one chosen
};
const char* RoleKey(Role role);

namespace node_flags {
constexpr uint32_t kChecked = 1u << 0;
constexpr uint32_t kDisabled = 1u << 1;
constexpr uint32_t kInvalid = 1u << 2;       // a field whose detail is its error message
constexpr uint32_t kMasked = 1u << 3;        // a hidden password: read as its name, never its value
constexpr uint32_t kNumeric = 1u << 4;       // a field: the numeric keyboard; a cell: right-aligned
constexpr uint32_t kHeaderRow = 1u << 5;     // the row of column headers (<thead>)
constexpr uint32_t kError = 1u << 6;         // a message saying what went wrong
constexpr uint32_t kPressed = 1u << 7;       // a toggle button that is on (aria-pressed)
constexpr uint32_t kMuted = 1u << 8;         // secondary text (breadcrumb, hints)
constexpr uint32_t kExternal = 1u << 9;      // the login form's real input stands for this field
constexpr uint32_t kCollapsible = 1u << 10;  // a button that shows or hides what follows
constexpr uint32_t kExpanded = 1u << 11;     // ... and it is shown (aria-expanded)
}  // namespace node_flags

struct DescribedNode {
    Role role = Role::Text;
    std::string key;     // stable: the DOM element's id and the target of actions from the DOM
    std::string name;    // the label or the text
    std::string value;   // a field's text
    std::string detail;  // a hint or an error message (aria-describedby)
    std::string spoken;  // the name heard, when it must say more than the visible label (aria-label)
    int level = 0;       // heading level, rowcount, rowindex or sort, by role
    int columns = 0;     // a grid's aria-colcount
    uint32_t flags = 0;
    uint32_t widget = 0;  // the ImGui item, for keyboard focus to follow between canvas and DOM
    int parent = -1;      // index of the enclosing node, -1 at the top
};

// An action that came from the DOM mirror, for the widget whose key it names.
enum class MirrorActionKind : uint8_t { Activate, Focus, Value };
struct MirrorAction {
    MirrorActionKind kind = MirrorActionKind::Activate;
    std::string key;
    std::string value;
};

class ScreenDescription {
  public:
    // Forgets the last frame's nodes; actions not taken by a widget last one more frame (the
    // settle pass and the shown pass may draw the widget), then are dropped.
    void BeginFrame();
    // Adds a node under the innermost open container; returns its index. An empty key gets one
    // from its position, and a key already used this frame gets a suffix (ids must be unique).
    int Add(DescribedNode node);
    int Open(DescribedNode node);  // a container: what follows goes inside until Close
    void Close();
    DescribedNode* Last() { return nodes_.empty() ? nullptr : &nodes_.back(); }
    const std::vector<DescribedNode>& Nodes() const { return nodes_; }
    void Clear();

    void Queue(MirrorAction action);
    bool TakeActivation(std::string_view key);
    bool TakeFocus(std::string_view key);
    // A value is the field's whole text: the newest one queued for `key` is taken, and any older
    // one still waiting goes with it (keys typed faster than the frames never lose the last ones).
    bool TakeValue(std::string_view key, std::string& value);
    bool HasPendingActions() const { return !pending_.empty(); }

    // The key of the node recorded for ImGui item `widget`, "" when none.
    std::string KeyOfWidget(uint32_t widget) const;
    // The description as JSON for the mirror: [{"k","r","n","v","d","l","c","f","ch":[...]}, ...].
    std::string ToJson() const;

  private:
    bool Take(MirrorActionKind kind, std::string_view key, std::string* value);
    void AppendJson(std::string& out, int index, const std::vector<std::vector<int>>& children) const;

    std::vector<DescribedNode> nodes_;
    std::vector<int> open_;
    std::vector<std::string> used_keys_;
    struct Pending {
        MirrorAction action;
        int frames_left = 2;
    };
    std::deque<Pending> pending_;
};

// The description the widgets record into while a frame draws (null: record nothing), set by App
// around each pass like ImGui's own current context, so every helper describes itself without
// each screen passing it down.
ScreenDescription* CurrentDescription();
void SetCurrentDescription(ScreenDescription* description);

// A container node for the lifetime of the object (nothing when no description is recorded).
class DescribedGroup {
  public:
    DescribedGroup(Role role, std::string_view key, std::string_view name, int level = 0, int columns = 0,
                   uint32_t flags = 0);
    ~DescribedGroup();
    DescribedGroup(const DescribedGroup&) = delete;
    DescribedGroup& operator=(const DescribedGroup&) = delete;

  private:
    bool open_ = false;
};

// Draws without describing for its lifetime: for what an enclosing node already says (a field's
// hint drawn beside it).
class ScreenDescriptionPause {
  public:
    ScreenDescriptionPause() : saved_(CurrentDescription()) { SetCurrentDescription(nullptr); }
    ~ScreenDescriptionPause() { SetCurrentDescription(saved_); }
    ScreenDescriptionPause(const ScreenDescriptionPause&) = delete;
    ScreenDescriptionPause& operator=(const ScreenDescriptionPause&) = delete;

  private:
    ScreenDescription* saved_;
};

// What the page last received of the description: it is sent again only when its JSON differs,
// so an unchanged (idle, merely animating) screen costs one string comparison.
class DescriptionChange {
  public:
    // True, with the JSON to send in `json`, when `description` says something else than what was
    // last taken; false (and `json` untouched) when it says the same.
    bool Take(const ScreenDescription& description, std::string& json);
    void Reset() { sent_.clear(); }

  private:
    std::string sent_;
};

// How many data rows a page of a grid holds on the HTML page shown without WebGL2: about a window
// of rows (a row with its buttons is some 36 CSS px), less room for the header row, the caption and
// the paging buttons; from the window's height alone (never from where the table lies in the
// undrawn layout), between 5 and 30.
int DomPageRows(double viewport_css_height);

// A countdown as the mirror says it, in seconds: whole minutes, the last minute in steps of ten
// seconds (rounded up), so a description with a countdown changes a few times a minute at most.
double DescribedCountdownSeconds(double seconds);

// One leaf node (nothing when no description is recorded).
void Describe(Role role, std::string_view name, uint32_t flags = 0, std::string_view key = {});
// The visible part of an ImGui label: "表示###reveal" → "表示".
std::string_view VisibleLabel(std::string_view label);

}  // namespace portal
