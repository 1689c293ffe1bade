// The UI font: BIZ UDGothic (subset at build time), rasterised only for the characters the
// portal needs: every UI string, and characters that arrive in data or typing at run time. The
// atlas is rebuilt between frames when new characters appear or devicePixelRatio changes, and
// stays within 4096x4096 at ratio 2 (a CJK atlas grows past what WebGL allows otherwise).
#pragma once
#include <imgui.h>

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>

namespace portal {

class FontManager {
  public:
    static constexpr float kBaseSizeCss = 16.0f;  // CSS pixels of body text
    // The UI subset (the client's and the engine's own texts) comes first; the full JIS X 0208
    // subset follows in the background and replaces it, for names and data typed or received.
    static constexpr const char* kUiFontUrl = "fonts/BIZUDGothic-ui.ttf";
    static constexpr const char* kFullFontUrl = "fonts/BIZUDGothic-portal.ttf";

    // Characters to rasterise (UTF-8 text; anything outside the BMP is ignored).
    void Note(std::string_view utf8);
    // Takes the TTF bytes once fetched; the atlas is rebuilt with them on the next PrepareFrame.
    void SetFontData(std::string ttf, bool full);
    bool HasFontData() const { return !ttf_.empty(); }
    bool HasFullFont() const { return full_; }

    // Call before ImGui::NewFrame: rebuilds the atlas (and GPU texture) when the pixel ratio
    // changed or new characters were noted. Returns true when it rebuilt.
    bool PrepareFrame(float pixel_ratio);
    // New characters were noted since the last build: another frame is needed to show them.
    bool PrepareNeeded() const { return dirty_; }

    // The page is HTML (RenderMode::Dom): the browser shows the text in its own copy of the font,
    // so ImGui only needs a font to lay out with. From now on the atlas is ImGui's small default
    // font, built once per ratio, and no GPU texture is made.
    void StopDrawing();
    bool Drawing() const { return drawing_; }

    int AtlasWidth() const { return atlas_width_; }
    int AtlasHeight() const { return atlas_height_; }
    size_t GlyphCount() const { return noted_count_; }

  private:
    void Build(float pixel_ratio);

    std::string ttf_;  // owned here: ImGui's atlas only borrows it (FontDataOwnedByAtlas = false)
    bool full_ = false;
    ImVector<ImWchar> ranges_;  // must outlive the atlas, which keeps pointing at it
    std::bitset<0x10000> noted_;
    size_t noted_count_ = 0;
    bool dirty_ = true;
    bool drawing_ = true;
    float built_ratio_ = 0.0f;
    int atlas_width_ = 0;
    int atlas_height_ = 0;
};

}  // namespace portal
