// The few functions of the screens' state (app_state.h): plain C++, shared by the client and the
// client-logic doctests.
#include "app_state.h"

#include <cstdio>

namespace portal {

const char* ScreenKey(Screen screen) {
    switch (screen) {
        case Screen::Starting:
            return "starting";
        case Screen::Login:
            return "login";
        case Screen::Code:
            return "code";
        case Screen::Menu:
            return "menu";
        case Screen::Contract:
            return "contract";
        case Screen::Usage:
            return "usage";
        case Screen::CallDetails:
            return "callDetails";
        case Screen::Security:
            return "security";
    }
    return "unknown";
}

Message MessageOf(Str id) {
    Message message;
    message.text = Text{Tr(Lang::Ja, id), Tr(Lang::En, id)};
    return message;
}

std::string DateParts::ToQuery() const {
    if (empty()) return std::string();
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

}  // namespace portal
