// The portal's look: a light theme with the manual's red accents, sized for devicePixelRatio.
#pragma once

struct ImVec2;

namespace portal {

// Sets ImGui's style for this pixel ratio (called again whenever the ratio changes).
void ApplyStyle(float pixel_ratio);

// The page is drawn on a canvas cleared in the content panel's white (CanvasClearColor), and only
// the grey around the panel is painted (PaintPageBackground, behind every window): the root window
// and the child windows draw no background of their own. Without a GPU the browser rasterises every
// full-canvas layer in software and waits for it on each drawn frame; the root's and the panel's
// own backgrounds were two such layers (and a scrolling table's a third), for the same pixels.
struct ClearColor {
    float r, g, b;
};
ClearColor CanvasClearColor();
// Paints the page colour outside the content panel (header, margins) into ImGui's background draw
// list, with the panel's rounded corners as ImGui draws a child window's. `panel_min`/`panel_max`:
// the panel's rectangle this frame.
void PaintPageBackground(const ImVec2& panel_min, const ImVec2& panel_max);

}  // namespace portal
