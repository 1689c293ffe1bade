// 050 Portal browser client: creates the ImGui context and the App, then hands the frame function
// to the browser's animation loop (never a blocking loop: a browser tab must not sleep).
#include <emscripten.h>
#include <imgui.h>

#include "app.h"

namespace {
void RunFrame(void* app) {
    static_cast<portal::App*>(app)->Frame();
}
}  // namespace

int main() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    // Lives as long as the page: the browser loop calls back into it until the tab closes.
    auto* app = new portal::App();
    app->Init();
    emscripten_set_main_loop_arg(RunFrame, app, 0, false);
    return 0;
}
