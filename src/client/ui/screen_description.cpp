// ScreenDescription: the frame's semantic nodes, actions from the DOM and the JSON the mirror reads.
#include "ui/screen_description.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace portal {
namespace {

ScreenDescription* g_current = nullptr;

void AppendJsonString(std::string& out, std::string_view text) {
    out.push_back('"');
    for (const char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (u < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
            out += escaped;
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

}  // namespace

const char* RoleKey(Role role) {
    static constexpr const char* kKeys[] = {
        "header",     "main",    "section", "heading",     "text",   "status", "button", "checkbox",
        "radiogroup", "radio",   "field",   "list",        "item",   "table",  "grid",   "row",
        "colhead",    "rowhead", "cell",    "alertdialog", "select", "option"};
    static_assert(sizeof kKeys / sizeof kKeys[0] == static_cast<size_t>(Role::Option) + 1);
    return kKeys[static_cast<size_t>(role)];
}

ScreenDescription* CurrentDescription() {
    return g_current;
}

void SetCurrentDescription(ScreenDescription* description) {
    g_current = description;
}

void ScreenDescription::BeginFrame() {
    Clear();
    for (Pending& pending : pending_) --pending.frames_left;
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [](const Pending& pending) { return pending.frames_left < 0; }),
                   pending_.end());
}

void ScreenDescription::Clear() {
    nodes_.clear();
    open_.clear();
    used_keys_.clear();
}

int ScreenDescription::Add(DescribedNode node) {
    node.parent = open_.empty() ? -1 : open_.back();
    const int index = static_cast<int>(nodes_.size());
    if (node.key.empty()) node.key = "n" + std::to_string(index);
    // Positional keys keep texts apart; a repeated widget key (two 戻る on one screen) gets a
    // suffix so every DOM id stays unique. Linear search: a screen has a few hundred nodes.
    if (std::find(used_keys_.begin(), used_keys_.end(), node.key) != used_keys_.end())
        node.key += "~" + std::to_string(index);
    used_keys_.push_back(node.key);
    nodes_.push_back(std::move(node));
    return index;
}

int ScreenDescription::Open(DescribedNode node) {
    const int index = Add(std::move(node));
    open_.push_back(index);
    return index;
}

void ScreenDescription::Close() {
    if (!open_.empty()) open_.pop_back();
}

void ScreenDescription::Queue(MirrorAction action) {
    pending_.push_back(Pending{std::move(action), 2});
}

bool ScreenDescription::Take(MirrorActionKind kind, std::string_view key, std::string* value) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->action.kind != kind || it->action.key != key) continue;
        if (value) *value = std::move(it->action.value);
        pending_.erase(it);
        return true;
    }
    return false;
}

bool ScreenDescription::TakeActivation(std::string_view key) {
    return Take(MirrorActionKind::Activate, key, nullptr);
}

bool ScreenDescription::TakeFocus(std::string_view key) {
    return Take(MirrorActionKind::Focus, key, nullptr);
}

bool ScreenDescription::TakeValue(std::string_view key, std::string& value) {
    bool taken = false;
    while (Take(MirrorActionKind::Value, key, &value)) taken = true;  // oldest first: the last wins
    return taken;
}

std::string ScreenDescription::KeyOfWidget(uint32_t widget) const {
    if (widget == 0) return "";
    for (const DescribedNode& node : nodes_)
        if (node.widget == widget) return node.key;
    return "";
}

void ScreenDescription::AppendJson(std::string& out, int index,
                                   const std::vector<std::vector<int>>& children) const {
    const DescribedNode& node = nodes_[static_cast<size_t>(index)];
    out += "{\"k\":";
    AppendJsonString(out, node.key);
    out += ",\"r\":\"";
    out += RoleKey(node.role);
    out += "\",\"n\":";
    AppendJsonString(out, node.name);
    if (!node.value.empty() && !(node.flags & node_flags::kMasked)) {
        out += ",\"v\":";
        AppendJsonString(out, node.value);
    }
    if (!node.detail.empty()) {
        out += ",\"d\":";
        AppendJsonString(out, node.detail);
    }
    if (!node.spoken.empty()) {
        out += ",\"s\":";
        AppendJsonString(out, node.spoken);
    }
    if (node.level) out += ",\"l\":" + std::to_string(node.level);
    if (node.columns) out += ",\"c\":" + std::to_string(node.columns);
    if (node.flags) out += ",\"f\":" + std::to_string(node.flags);
    const std::vector<int>& kids = children[static_cast<size_t>(index)];
    if (!kids.empty()) {
        out += ",\"ch\":[";
        for (size_t i = 0; i < kids.size(); ++i) {
            if (i) out.push_back(',');
            AppendJson(out, kids[i], children);
        }
        out.push_back(']');
    }
    out.push_back('}');
}

std::string ScreenDescription::ToJson() const {
    std::vector<std::vector<int>> children(nodes_.size());
    std::vector<int> roots;
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const int parent = nodes_[i].parent;
        (parent < 0 ? roots : children[static_cast<size_t>(parent)]).push_back(static_cast<int>(i));
    }
    std::string out = "[";
    for (size_t i = 0; i < roots.size(); ++i) {
        if (i) out.push_back(',');
        AppendJson(out, roots[i], children);
    }
    out.push_back(']');
    return out;
}

DescribedGroup::DescribedGroup(Role role, std::string_view key, std::string_view name, int level, int columns,
                               uint32_t flags) {
    ScreenDescription* description = CurrentDescription();
    if (!description) return;
    DescribedNode node;
    node.role = role;
    node.key = std::string(key);
    node.name = std::string(name);
    node.level = level;
    node.columns = columns;
    node.flags = flags;
    description->Open(std::move(node));
    open_ = true;
}

DescribedGroup::~DescribedGroup() {
    if (open_ && CurrentDescription()) CurrentDescription()->Close();
}

void Describe(Role role, std::string_view name, uint32_t flags, std::string_view key) {
    ScreenDescription* description = CurrentDescription();
    if (!description || (name.empty() && role == Role::Text)) return;
    DescribedNode node;
    node.role = role;
    node.name = std::string(name);
    node.flags = flags;
    node.key = std::string(key);
    description->Add(std::move(node));
}

bool DescriptionChange::Take(const ScreenDescription& description, std::string& json) {
    std::string now = description.ToJson();
    if (now == sent_) return false;
    sent_ = now;
    json = std::move(now);
    return true;
}

int DomPageRows(double viewport_css_height) {
    constexpr double kRowCss = 36.0;
    constexpr int kRoomForTheRest = 4;  // the header row, the caption, the paging buttons
    const double rows = std::floor(std::max(0.0, viewport_css_height) / kRowCss) - kRoomForTheRest;
    return static_cast<int>(std::clamp(rows, 5.0, 30.0));
}

double DescribedCountdownSeconds(double seconds) {
    const double step = seconds > 60.0 ? 60.0 : 10.0;
    return std::ceil(std::max(0.0, seconds) / step) * step;
}

std::string_view VisibleLabel(std::string_view label) {
    const size_t hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

}  // namespace portal
