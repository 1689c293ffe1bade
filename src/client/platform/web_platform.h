// The browser platform layer: WebGL2 context, canvas backbuffer at devicePixelRatio, input from
// Emscripten's html5 callbacks, IME through a hidden <input>, fetch results, and frame pacing
// that skips frames while nothing changes: an idle page uses no CPU.
#pragma once
#include <emscripten/html5.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lines_buffers.h"
#include "lines_warm_up.h"
#include "platform/input_queue.h"
#include "ui/drawn_frame_memory.h"
#include "ui/screen_description.h"

struct ImDrawData;
struct ImGuiViewport;
struct ImGuiPlatformImeData;

namespace portal {

// One finished fetch: status 0 means the request never got an HTTP answer (network_error says why).
struct FetchResult {
    int id = 0;
    int status = 0;
    int retry_after_seconds = 0;
    std::string body;
    std::string network_error;
};

// A piece of a fetch's body as it arrives (the lines payload is read as a stream): `received` of
// `total` bytes so far, total 0 when the answer did not say.
// With the decode worker, `bytes` stays empty and `decoded` says what the worker made of them.
struct FetchChunk {
    int id = 0;
    std::string bytes;
    double received = 0, total = 0;
    std::shared_ptr<DecodedLines> decoded;
};

// A change in a real <input> of the login form (field 0: ID, 1: password), its submit, or an
// input taking the focus (Tab, a screen reader, a password manager) while its field may be
// scrolled out of view.
struct FormEvent {
    int field = 0;
    std::string value;
    bool submit = false;
    bool focus = false;
};

// Implemented by the test build of the app: answers window.portalTest.state(), .rect(id) and
// .marks() (docs/client.md). The production build has no hook.
class TestHookSource {
  public:
    virtual ~TestHookSource() = default;
    virtual std::string TestStateJson() = 0;
    virtual std::string TestRectJson(std::string_view id) = 0;
    virtual std::string TestMarksJson() = 0;
};

// How the portal is shown. Canvas: ImGui draws through WebGL2. Dom: no WebGL2 (or ?render=dom, or
// a context the browser lost and never gave back): the canvas is hidden and the HTML mirror is the
// page, while ImGui still lays out every frame and the app runs exactly as before.
enum class RenderMode { Canvas, Dom };

class WebPlatform {
  public:
    // Creates the WebGL2 context and the ImGui renderer, hooks every input event. Needs a current
    // ImGui context. Without WebGL2 (or with ?render=dom) it starts in RenderMode::Dom instead.
    void Init();
    // Test build only (platform/web_test_hook.cpp): installs window.portalTest answered by `source`.
    void EnableTestHook(TestHookSource* source);

    // Decides whether this animation frame draws. When it does, sizes the canvas, feeds ImGui the
    // display size and time, and starts the renderer's frame; when not, the caller returns at once.
    bool BeginFrame(double now_ms);
    // Draws the frame ImGui rendered to the canvas, unless it is exactly the frame drawn last.
    void EndFrame();
    // Input that waited for a later pass (a press after a pointer jump): hands it to ImGui now, for
    // another pass of the same frame. False when none waits.
    bool DeliverHeldInput();
    // The next frame is drawn even when it looks the same: the font texture was rebuilt.
    void RedrawNextFrame() { drawn_frame_.Forget(); }

    // Keep drawing for a few frames (after input, a state change, a fetch completing).
    void RequestFrames(int count);
    // Draw one frame at (or soon after) this time: countdowns, hover delays, masking timers.
    void WakeAt(double time_ms);

    float PixelRatio() const { return pixel_ratio_; }
    // The height of the window the page is shown in, in CSS pixels.
    double ViewportCssHeight() const { return viewport_css_height_; }
    RenderMode Mode() const { return mode_; }
    // Why the page is HTML: "forced" (?render=dom), "no-webgl2" or "context-lost"; "" on canvas.
    const char* DomReason() const { return dom_reason_; }
    // Nothing left to draw or deliver: the canvas and every rectangle reflect the current state.
    bool Idle() const;
    // CSS pixels per ImGui pixel (ImGui works in backbuffer pixels so text is sharp).
    float ToCss(float physical) const { return physical / pixel_ratio_; }

    int NextFetchId() { return ++last_fetch_id_; }
    void* JsContext() { return this; }
    std::deque<FetchResult>& FetchResults() { return fetch_results_; }
    std::deque<FetchChunk>& FetchChunks() { return fetch_chunks_; }
    // Called as each piece of a streamed body arrives, between frames, so the app decodes it at
    // once (and asks for a frame only when something shown changed). Without it the pieces wait
    // for the next frame, which asks for two frames per piece.
    void OnChunkArrived(std::function<void()> handler) { chunk_arrived_ = std::move(handler); }
    std::deque<FormEvent>& FormEvents() { return form_events_; }
    void OnFormEvent(FormEvent event);
    // Actions from the DOM mirror's elements (dom_mirror.cpp), for the next frame's widgets.
    std::deque<MirrorAction>& MirrorActions() { return mirror_actions_; }
    void OnMirrorAction(MirrorAction action);
    // The HTML page (RenderMode::Dom) asked to scroll the screen's table, in wheel notches (its
    // wheel over the mirror's grid, or its paging buttons); the app aims them at the table.
    void OnPageScroll(float notches);
    float TakePageScroll();
    // ... or asked for the row to show first (0 for the first data row; past the end: the last
    // page), for its paging buttons and keys: rows, not notches, so no page is a row off.
    void OnPageRow(int row);
    int TakePageRow();
    // Text that arrived from the IME / keyboard / paste since last asked: the font may need glyphs.
    std::string TakeTypedText();
    // The font texture must be rebuilt on the GPU (after WebGL context restoration).
    bool DeviceObjectsLost() const { return context_lost_; }

    // Called from web/portal_lib.js (through the extern "C" functions in web_platform.cpp).
    void OnFetchDone(FetchResult result);
    void OnFetchChunk(FetchChunk chunk);
    void OnText(const char* utf8);
    void OnContextLost(bool lost);
    TestHookSource* TestHook() { return test_hook_; }
    std::string& TestReply() { return test_reply_; }  // keeps the hook's answer alive for JS
    // The lines decoder's warm-up (lines_warm_up.h): started once the sign-in screen shows;
    // web/portal_fetch_lib.js decodes the site's made-up payload in idle time and reports here.
    void StartLinesWarmUp();
    void OnLinesWarmUp(std::string_view payload, size_t piece_bytes);
    const LinesWarmUpRecord& LinesWarmUp() const { return lines_warm_up_; }
    // Once the password step succeeded: the memory of the lines store made resident ahead.
    void PrepareLinesMemory();
    void OnLinesMemory(size_t touched) { lines_memory_.touched = touched; }
    const LinesMemoryRecord& LinesMemory() const { return lines_memory_; }

    // Input handlers (web_input.cpp). The canvas's pointer and keyboard handlers exist only in
    // RenderMode::Canvas: on the HTML page, keys and clicks belong to its own elements.
    void InstallInputCallbacks();
    void NoteInput();
    InputQueue& Input() { return input_; }
    // Touch gesture being tracked (web_input.cpp): a tap clicks where it landed, a drag scrolls.
    struct TouchGesture {
        bool active = false;
        bool scrolling = false;
        long identifier = 0;
        double start_x = 0.0, start_y = 0.0, last_x = 0.0, last_y = 0.0;
    };
    TouchGesture& Touch() { return touch_; }

  private:
    static void SetImeData(ImGuiViewport* viewport, ImGuiPlatformImeData* data);
    static void SetClipboard(void* user_data, const char* text);
    static const char* GetClipboard(void* user_data);
    void UpdateCanvasSize();
    bool CreateRenderer();
    void SwitchToDom(const char* reason);
    void UpdateCursor();
    void UpdateTextInput();
    bool FrameDiffersFromDrawn(const ImDrawData& data);

    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_context_ = 0;
    TestHookSource* test_hook_ = nullptr;
    int framebuffer_width_ = 0;
    int framebuffer_height_ = 0;
    double viewport_css_height_ = 0.0;
    float pixel_ratio_ = 1.0f;
    int frames_to_draw_ = 2;
    double wake_at_ms_ = 0.0;
    double last_frame_ms_ = 0.0;
    bool context_lost_ = false;
    bool context_restored_ = false;
    double context_lost_at_ms_ = 0.0;
    float page_scroll_ = 0.0f;
    int page_row_ = -1;
    RenderMode mode_ = RenderMode::Canvas;
    bool input_installed_ = false;
    const char* dom_reason_ = "";
    int last_fetch_id_ = 0;
    std::deque<FetchResult> fetch_results_;
    std::deque<FetchChunk> fetch_chunks_;
    std::function<void()> chunk_arrived_;
    std::deque<FormEvent> form_events_;
    std::deque<MirrorAction> mirror_actions_;
    std::string typed_text_;
    std::string clipboard_;
    std::string test_reply_;
    LinesWarmUpRecord lines_warm_up_;
    LinesMemoryRecord lines_memory_;
    const char* css_cursor_ = nullptr;
    // IME caret as ImGui last reported it (physical pixels).
    bool ime_visible_ = false;
    float ime_x_ = 0.0f, ime_y_ = 0.0f, ime_line_height_ = 0.0f;
    bool text_input_active_ = false;
    InputQueue input_;
    TouchGesture touch_;
    DrawnFrameMemory drawn_frame_;
};

}  // namespace portal
