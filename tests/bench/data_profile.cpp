// Profile and sanity checks of GenerateSampleLines output (see data_profile.h).
#include "data_profile.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace bench {
namespace {

bool AllDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

DataProfile ProfileLines(const portal::LineStore& store, portal::DateKey as_of) {
    DataProfile profile;
    const size_t lines = store.Size();
    size_t in_service = 0, numbers_050 = 0, with_caller_id = 0, with_hunt_group = 0, with_mobile = 0;
    portal::DateKey first_start = 99991231, last_start = 0;
    std::vector<std::string_view> phones;
    phones.reserve(lines);
    for (size_t row = 0; row < lines; ++row) {
        const std::string_view phone = store.Phone(row);
        phones.push_back(phone);
        const bool is_050 = phone.size() == 11 && phone.substr(0, 3) == "050";
        if (is_050) ++numbers_050;
        if (!AllDigits(phone) || (!is_050 && phone.size() != 10)) {
            profile.problems.push_back("row " + std::to_string(row + 1) + ": bad number " +
                                       std::string(phone));
            break;
        }
        if (portal::IsInService(store.EndDate(row), as_of)) ++in_service;
        if (store.EndDate(row) != portal::kNoDate && store.EndDate(row) < store.StartDate(row)) {
            profile.problems.push_back("row " + std::to_string(row + 1) + ": ends before it starts");
            break;
        }
        first_start = std::min(first_start, store.StartDate(row));
        last_start = std::max(last_start, store.StartDate(row));
        with_caller_id += !store.TextColumn(portal::LineColumn::CallerIdNumber).Get(row).empty();
        with_hunt_group += !store.TextColumn(portal::LineColumn::HuntGroup).Get(row).empty();
        with_mobile += !store.TextColumn(portal::LineColumn::MobileChoice).Get(row).empty();
    }
    std::sort(phones.begin(), phones.end());
    if (std::adjacent_find(phones.begin(), phones.end()) != phones.end()) {
        profile.problems.push_back("a phone number occurs twice");
    }
    size_t prefixes = 0;
    for (size_t i = 0; i < phones.size(); ++i) {
        if (i == 0 || phones[i].substr(0, 7) != phones[i - 1].substr(0, 7)) ++prefixes;
    }
    const double share = lines ? 100.0 * static_cast<double>(in_service) / static_cast<double>(lines) : 0;
    // Small samples wander; from 1,000 lines on the share must be close to the promised 85%.
    if (lines >= 1000 && (share < 80 || share > 90)) profile.problems.push_back("in-service share off 85%");
    if (lines > 0 && (first_start < 20100101 || last_start > std::min<portal::DateKey>(20261031, as_of))) {
        profile.problems.push_back("start dates outside 2010-01-01 .. 2026-10-31");
    }
    const auto percent = [&](size_t n) { return lines ? 100.0 * static_cast<double>(n) / lines : 0.0; };
    char text[320];
    std::snprintf(text, sizeof text,
                  "%.1f%% in service, %.1f%% 050 numbers (the rest 0AB-J), %zu distinct 7-digit prefixes, "
                  "start dates %s .. %s; caller ID on %.1f%%, hunt group on %.1f%%, mobile choice on %.1f%%",
                  share, percent(numbers_050), prefixes, portal::FormatDate(first_start, '-').c_str(),
                  portal::FormatDate(last_start, '-').c_str(), percent(with_caller_id),
                  percent(with_hunt_group), percent(with_mobile));
    profile.summary = text;
    return profile;
}

}  // namespace bench
