// Test build only: window.portalTest, the read-only automation hook of the browser tests. The
// production site is linked without this file, so neither the hook's exports nor its JavaScript
// (pulled from web/portal_lib.js only when referenced) are in it.
#include <emscripten.h>

#include "platform/js_bridge.h"
#include "platform/web_platform.h"

namespace portal {

void WebPlatform::EnableTestHook(TestHookSource* source) {
    test_hook_ = source;
    portal_js_install_test_hook(JsContext());
}

}  // namespace portal

extern "C" {

// The returned text lives until the next call (the hook parses it at once).
EMSCRIPTEN_KEEPALIVE const char* portal_test_state(void* context) {
    auto* platform = static_cast<portal::WebPlatform*>(context);
    auto* hook = platform->TestHook();
    platform->TestReply() = hook ? hook->TestStateJson() : std::string("{}");
    return platform->TestReply().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* portal_test_rect(void* context, const char* id) {
    auto* platform = static_cast<portal::WebPlatform*>(context);
    auto* hook = platform->TestHook();
    platform->TestReply() = hook && id ? hook->TestRectJson(id) : std::string("null");
    return platform->TestReply().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* portal_test_marks(void* context) {
    auto* platform = static_cast<portal::WebPlatform*>(context);
    auto* hook = platform->TestHook();
    platform->TestReply() = hook ? hook->TestMarksJson() : std::string("null");
    return platform->TestReply().c_str();
}

}  // extern "C"
