// Finds the line of a value in JSON text by its path. nlohmann_json does not keep positions of
// values, and an operator fixing an import file needs "line 812", so we scan the text once more
// (only on the error path, streaming, so a file of any size) with a small tokenizer that tracks
// the current path.
#include <istream>
#include <string_view>
#include <vector>

#include "server/importer.h"

namespace portal::server {
namespace {

struct Frame {
    bool is_object;
    bool expect_key;
    std::string key;
    long index;
};

std::string CurrentPath(const std::vector<Frame>& stack) {
    std::string path;
    for (const auto& frame : stack) {
        if (frame.is_object)
            path += (path.empty() ? "" : ".") + frame.key;
        else
            path += "[" + std::to_string(frame.index) + "]";
    }
    return path;
}

}  // namespace

size_t LineOfJsonPath(std::istream& in, const std::string& path) {
    std::vector<Frame> stack;
    size_t line = 1;
    auto value_starts_here = [&] { return CurrentPath(stack) == path; };
    std::streambuf& text = *in.rdbuf();
    constexpr int kEnd = std::char_traits<char>::eof();
    for (int c = text.sbumpc(); c != kEnd; c = text.sbumpc()) {
        if (c == '\n') {
            ++line;
        } else if (c == ',') {
            if (!stack.empty() && stack.back().is_object) stack.back().expect_key = true;
            if (!stack.empty() && !stack.back().is_object) ++stack.back().index;
        } else if (c == ':') {
            if (!stack.empty()) stack.back().expect_key = false;
        } else if (c == '{' || c == '[') {
            if (value_starts_here()) return line;
            stack.push_back(Frame{c == '{', c == '{', {}, 0});
        } else if (c == '}' || c == ']') {
            if (!stack.empty()) stack.pop_back();
        } else if (c == '"') {
            std::string s;
            const size_t start_line = line;
            for (int d = text.sbumpc(); d != kEnd && d != '"'; d = text.sbumpc()) {
                if (d == '\\') d = text.sbumpc();
                if (d == kEnd) break;
                s.push_back(static_cast<char>(d));
            }
            if (!stack.empty() && stack.back().is_object && stack.back().expect_key) {
                stack.back().key = s;
            } else if (value_starts_here()) {
                return start_line;
            }
        } else if (c != ' ' && c != '\t' && c != '\r') {
            if (value_starts_here()) return line;
            for (int next = text.sgetc();
                 next != kEnd &&
                 std::string_view(",}] \t\r\n").find(static_cast<char>(next)) == std::string_view::npos;
                 next = text.sgetc())
                text.sbumpc();
        }
    }
    return 0;
}

}  // namespace portal::server
