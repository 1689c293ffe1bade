// The portal's look: a light theme with the manual's red accents, sized for devicePixelRatio.
#pragma once

namespace portal {

// Sets ImGui's style for this pixel ratio (called again whenever the ratio changes).
void ApplyStyle(float pixel_ratio);

}  // namespace portal
