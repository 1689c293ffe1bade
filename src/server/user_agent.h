// Browser and operating system named from a User-Agent header, for the login history and the
// session list ("Chrome on Windows"). Only the families a customer recognises; never trusted
// for anything but display.
#pragma once
#include <string>
#include <string_view>

namespace portal::server {

struct BrowserInfo {
    std::string browser;  // "Chrome 120", "Firefox 121", "Safari 17", ... or "" when unknown
    std::string os;       // "Windows", "macOS", "iOS", "Android", "ChromeOS", "Linux" or ""
};

BrowserInfo DescribeUserAgent(std::string_view user_agent);

}  // namespace portal::server
