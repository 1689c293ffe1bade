// The authenticator set-up's QR symbol drawn on the canvas from the server's module matrix.
#include <algorithm>
#include <cmath>

#include "screens/security_screens.h"

namespace portal {

void DrawQrCode(const QrMatrix& qr, float max_side, UiContext& ui) {
    if (qr.size <= 0) return;
    constexpr int kQuietZone = 4;  // ISO/IEC 18004 asks for four light modules around the symbol
    const int modules = qr.size + 2 * kQuietZone;
    // Whole pixels per module: a scanner reads sharp edges, and no module blurs into its neighbour.
    const float module = std::max(2.0f, std::floor(max_side / static_cast<float>(modules)));
    const float side = module * static_cast<float>(modules);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 start(std::floor(origin.x), std::floor(origin.y));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + side, start.y + side), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size; ++x) {
            if (!qr.Dark(x, y)) continue;
            const float left = start.x + module * static_cast<float>(x + kQuietZone);
            const float top = start.y + module * static_cast<float>(y + kQuietZone);
            draw->AddRectFilled(ImVec2(left, top), ImVec2(left + module, top + module),
                                IM_COL32(0, 0, 0, 255));
        }
    }
    ImGui::Dummy(ImVec2(side, side));
    // The symbol means nothing to a screen reader: the key below it is the way in.
    Describe(Role::Text, Tr(ui.lang, SStr::QrDescription), 0, "security.qr");
}

}  // namespace portal
