// Accept parsing for the lines payload: media type, then ";version=N" and ";q=…" parameters.
#include "server/lines_negotiation.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"

namespace portal::server {
namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool SameLetters(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The versions of our media type an Accept header lists (1 when it names none), q=0 left out.
std::vector<std::string> AcceptedVersions(std::string_view accept) {
    std::vector<std::string> versions;
    while (!accept.empty()) {
        const size_t comma = accept.find(',');
        std::string_view entry = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
        const size_t semicolon = entry.find(';');
        if (!SameLetters(Trim(entry.substr(0, semicolon)), kLinesBinaryMediaType)) continue;
        std::string version = "1";
        bool refused = false;
        std::string_view params =
            semicolon == std::string_view::npos ? std::string_view() : entry.substr(semicolon + 1);
        while (!params.empty()) {
            const size_t next = params.find(';');
            const std::string_view param = Trim(params.substr(0, next));
            params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
            const size_t equals = param.find('=');
            if (equals == std::string_view::npos) continue;
            const std::string_view name = Trim(param.substr(0, equals)),
                                   value = Trim(param.substr(equals + 1));
            if (SameLetters(name, "version")) version = std::string(value.substr(0, 16));
            if (SameLetters(name, "q") && value.find_first_not_of("0.") == std::string_view::npos)
                refused = true;
        }
        if (!refused) versions.push_back(version);
    }
    return versions;
}

}  // namespace

bool ChooseLinesForm(std::string_view format, std::string_view accept, LinesForm& form, Error& error,
                     int& http_status) {
    if (format == "json") return form = LinesForm::Json, true;
    if (format == "bin") return form = LinesForm::BinaryV1, true;
    if (format == "bin2") return form = LinesForm::BinaryV2, true;
    if (!format.empty()) {
        http_status = 400;
        error = Error{"bad_format",
                      "format",
                      {"format は json、bin、bin2 のいずれかです。", "format must be json, bin or bin2."}};
        return false;
    }
    const std::vector<std::string> versions = AcceptedVersions(accept);
    if (versions.empty()) return form = LinesForm::Json, true;
    if (std::find(versions.begin(), versions.end(), std::to_string(kLinesV2Version)) != versions.end())
        return form = LinesForm::BinaryV2, true;
    if (std::find(versions.begin(), versions.end(), "1") != versions.end())
        return form = LinesForm::BinaryV1, true;
    http_status = 406;
    error = Error{"unsupported_version",
                  "Accept",
                  {"回線データの形式 (version=" + versions.front() +
                       ") にこのサーバーは対応していません (対応: 1, 2)。ページを再読み込みしてください。",
                   "This server does not offer lines payload version " + versions.front() +
                       " (it offers 1 and 2). Please reload the page."}};
    return false;
}

std::string_view LinesContentType(LinesForm form) {
    static const std::string v2 =
        std::string(kLinesBinaryMediaType) + "; version=" + std::to_string(kLinesV2Version);
    switch (form) {
        case LinesForm::BinaryV1:
            return kLinesBinaryMediaType;
        case LinesForm::BinaryV2:
            return v2;
        default:
            return kJsonMediaType;
    }
}

}  // namespace portal::server
