// Builds the ImGui font atlas from the subset BIZ UDGothic, glyphs on demand.
#include "platform/font_manager.h"

#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/utf8.h"

namespace portal {
namespace {
constexpr int kMaxAtlasSide = 4096;  // what phones' WebGL reliably accepts
}  // namespace

void FontManager::Note(std::string_view utf8) {
    // ASCII is always in the atlas.
    for (size_t at = 0; (at = SkipAscii(utf8, at)) < utf8.size();) {
        uint32_t codepoint = 0;
        const size_t length = DecodeUtf8(utf8, at, codepoint);
        if (length == 0) codepoint = 0xFFFD;  // a broken sequence draws as the replacement mark
        at += std::max<size_t>(length, 1);
        if (codepoint < 0x10000 && !noted_.test(codepoint)) {
            noted_.set(codepoint);
            ++noted_count_;
            dirty_ = drawing_ || dirty_;
        }
    }
}

void FontManager::SetFontData(std::string ttf, bool full) {
    if (full_ && !full) return;  // the UI subset never replaces the full font
    ttf_ = std::move(ttf);
    full_ = full;
    dirty_ = drawing_ || dirty_;
}

void FontManager::StopDrawing() {
    drawing_ = false;
    dirty_ = true;  // the next PrepareFrame swaps in the default font
}

bool FontManager::PrepareFrame(float pixel_ratio) {
    if (!dirty_ && pixel_ratio == built_ratio_) return false;
    Build(pixel_ratio);
    dirty_ = false;
    built_ratio_ = pixel_ratio;
    if (drawing_) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    return true;
}

void FontManager::Build(float pixel_ratio) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (ttf_.empty() || !drawing_) {
        // Before the Japanese font arrives (the shell's progress overlay still covers the canvas),
        // or when nothing is drawn at all.
        ImFontConfig config;
        config.SizePixels = std::round(13.0f * pixel_ratio);
        atlas.AddFontDefault(&config);
        atlas.Build();
        atlas_width_ = atlas.TexWidth;
        atlas_height_ = atlas.TexHeight;
        return;
    }
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesDefault());  // Basic Latin + Latin-1
    for (uint32_t c = 0x100; c < 0x10000; ++c) {
        if (noted_.test(c)) builder.AddChar(static_cast<ImWchar>(c));
    }
    builder.AddChar(0xFFFD);
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    float size = std::round(kBaseSizeCss * pixel_ratio);
    for (int attempt = 0; attempt < 3; ++attempt) {
        atlas.Clear();
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false;
        config.OversampleH = 1;  // CJK glyphs are large; horizontal oversampling would double the atlas
        config.OversampleV = 1;
        config.PixelSnapH = true;
        atlas.AddFontFromMemoryTTF(ttf_.data(), static_cast<int>(ttf_.size()), size, &config, ranges_.Data);
        atlas.Build();
        if (atlas.TexWidth <= kMaxAtlasSide && atlas.TexHeight <= kMaxAtlasSide) break;
        // Too many glyphs for the ratio: rasterise smaller rather than fail on the GPU.
        size = std::floor(size * std::sqrt(static_cast<float>(kMaxAtlasSide) / atlas.TexHeight) * 0.95f);
        std::printf("font: atlas %dx%d too large, retrying at %.0f px\n", atlas.TexWidth, atlas.TexHeight,
                    size);
    }
    atlas_width_ = atlas.TexWidth;
    atlas_height_ = atlas.TexHeight;
}

}  // namespace portal
