// User-Agent families. Order matters: Edge and Opera also say "Chrome", Chrome also says
// "Safari", and Android also says "Linux".
#include "server/user_agent.h"

namespace portal::server {
namespace {

// "Name/120.0.1" -> "Name 120" for the first of `tokens` present.
std::string Versioned(std::string_view ua, std::string_view token, std::string_view name) {
    const size_t at = ua.find(token);
    if (at == std::string_view::npos) return {};
    size_t start = at + token.size();
    size_t end = start;
    while (end < ua.size() && end - start < 6 && ua[end] >= '0' && ua[end] <= '9') ++end;
    std::string out(name);
    if (end > start) out += " " + std::string(ua.substr(start, end - start));
    return out;
}

bool Has(std::string_view ua, std::string_view token) {
    return ua.find(token) != std::string_view::npos;
}

}  // namespace

BrowserInfo DescribeUserAgent(std::string_view ua) {
    BrowserInfo info;
    struct Family {
        std::string_view token, name;
    };
    static constexpr Family kBrowsers[] = {
        {"Edg/", "Edge"},
        {"EdgA/", "Edge"},
        {"EdgiOS/", "Edge"},
        {"OPR/", "Opera"},
        {"SamsungBrowser/", "Samsung Internet"},
        {"Firefox/", "Firefox"},
        {"FxiOS/", "Firefox"},
        {"CriOS/", "Chrome"},
        {"HeadlessChrome/", "Chrome"},
        {"Chromium/", "Chromium"},
        {"Chrome/", "Chrome"},
    };
    for (const auto& family : kBrowsers) {
        info.browser = Versioned(ua, family.token, family.name);
        if (!info.browser.empty()) break;
    }
    if (info.browser.empty() && Has(ua, "Safari/")) info.browser = Versioned(ua, "Version/", "Safari");
    if (info.browser.empty() && Has(ua, "Safari/")) info.browser = "Safari";

    if (Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod"))
        info.os = "iOS";
    else if (Has(ua, "Android"))
        info.os = "Android";
    else if (Has(ua, "Windows"))
        info.os = "Windows";
    else if (Has(ua, "CrOS"))
        info.os = "ChromeOS";
    else if (Has(ua, "Mac OS X") || Has(ua, "Macintosh"))
        info.os = "macOS";
    else if (Has(ua, "Linux") || Has(ua, "X11"))
        info.os = "Linux";
    return info;
}

}  // namespace portal::server
