// WebGL2 context, canvas sizing at devicePixelRatio, frame pacing, IME caret, clipboard and the
// extern "C" entry points web/portal_lib.js calls back into.
#include "platform/web_platform.h"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // InputEventsQueue: ImGui's own backlog of trickled input

#include <algorithm>
#include <cmath>

#include "platform/js_bridge.h"
#include "ui/style.h"

namespace portal {
namespace {
constexpr int kFramesAfterInput = 4;
// Hover highlights and tooltips change a moment after the pointer stops: one more frame then.
constexpr double kSettleAfterInputMs = 650.0;
constexpr double kContextRestoreWaitMs = 4000.0;
// The HTML page's undrawn layout height (CSS pixels): more than any screen's content.
constexpr double kDomLayoutCssHeight = 20000.0;
}  // namespace

void WebPlatform::Init() {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "portal_web_platform";
    io.BackendPlatformUserData = this;
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.SetClipboardTextFn = &WebPlatform::SetClipboard;
    io.GetClipboardTextFn = &WebPlatform::GetClipboard;
    io.ClipboardUserData = this;
    io.SetPlatformImeDataFn = &WebPlatform::SetImeData;
    io.IniFilename = nullptr;  // no filesystem; window layout is fixed anyway
    io.LogFilename = nullptr;
    portal_js_init(JsContext());
    // ?render=dom shows the HTML page on any browser (support staff reproduce what a customer
    // without WebGL2 sees; the browser tests compare both modes). It never creates a context.
    if (js::UrlParam("render") == "dom") {
        SwitchToDom("forced");
    } else if (!CreateRenderer()) {
        SwitchToDom("no-webgl2");
    }
    InstallInputCallbacks();
    input_installed_ = true;
    last_frame_ms_ = emscripten_get_now();
}

bool WebPlatform::CreateRenderer() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
    attributes.premultipliedAlpha = EM_FALSE;
    gl_context_ = emscripten_webgl_create_context("#canvas", &attributes);
    if (gl_context_ <= 0) return false;
    emscripten_webgl_make_context_current(gl_context_);
    // A context whose shaders do not compile (a broken driver) draws nothing: the HTML page then.
    if (!ImGui_ImplOpenGL3_Init("#version 300 es")) return false;
    ImGui_ImplOpenGL3_CreateDeviceObjects();  // now, so that the first font rebuild replaces a texture
    return true;
}

// From here on nothing touches WebGL: the frames go on (layout, input through the page's own
// elements, fetches, timers), only the drawing stops. There is no way back to the canvas in this
// instance; a reload tries WebGL2 again.
void WebPlatform::SwitchToDom(const char* reason) {
    mode_ = RenderMode::Dom;
    dom_reason_ = reason;
    context_lost_ = false;
    context_restored_ = false;
    js::SetDomRender(reason);
    if (input_installed_) InstallInputCallbacks();
    RequestFrames(3);
}

bool WebPlatform::Idle() const {
    return frames_to_draw_ <= 0 && input_.Empty() && ImGui::GetCurrentContext()->InputEventsQueue.empty();
}

void WebPlatform::RequestFrames(int count) {
    frames_to_draw_ = std::max(frames_to_draw_, count);
}

void WebPlatform::WakeAt(double time_ms) {
    if (wake_at_ms_ == 0.0 || time_ms < wake_at_ms_) wake_at_ms_ = time_ms;
}

void WebPlatform::NoteInput() {
    RequestFrames(kFramesAfterInput);
    WakeAt(emscripten_get_now() + kSettleAfterInputMs);
}

void WebPlatform::UpdateCanvasSize() {
    double css_width = 0.0, css_height = 0.0;
    const double viewport_before = viewport_css_height_;
    if (mode_ == RenderMode::Dom) {
        // The hidden canvas has no size: ImGui lays out for the width of the window the page is
        // shown in, and taller than any screen, so nothing of the undrawn layout is clipped (a
        // table below the window would not be laid out at all); the HTML page scrolls itself.
        js::ViewportSize(css_width, css_height);
        viewport_css_height_ = css_height;
        css_height = std::max(css_height, kDomLayoutCssHeight);
    } else {
        emscripten_get_element_css_size("#canvas", &css_width, &css_height);
        viewport_css_height_ = css_height;
    }
    // Browser zoom changes devicePixelRatio too, so it is read every frame.
    const float ratio = static_cast<float>(std::max(0.5, emscripten_get_device_pixel_ratio()));
    const int width = std::max(1, static_cast<int>(std::lround(css_width * ratio)));
    const int height = std::max(1, static_cast<int>(std::lround(css_height * ratio)));
    if (viewport_css_height_ != viewport_before) RequestFrames(2);  // the HTML page's tables follow it
    if (width != framebuffer_width_ || height != framebuffer_height_ || ratio != pixel_ratio_) {
        framebuffer_width_ = width;
        framebuffer_height_ = height;
        pixel_ratio_ = ratio;
        if (mode_ == RenderMode::Canvas) emscripten_set_canvas_element_size("#canvas", width, height);
        RequestFrames(2);
    }
}

bool WebPlatform::BeginFrame(double now_ms) {
    if (context_lost_) {
        // Browsers give a lost context back within a second or two (GPU process restart, driver
        // reset) or never (too many contexts, a blocklisted GPU): past the wait, the page.
        if (now_ms - context_lost_at_ms_ < kContextRestoreWaitMs) return false;
        SwitchToDom("context-lost");
    }
    UpdateCanvasSize();
    const bool woken = wake_at_ms_ != 0.0 && now_ms >= wake_at_ms_;
    if (frames_to_draw_ <= 0 && !woken && !context_restored_) return false;  // idle: nothing changed
    if (woken) wake_at_ms_ = 0.0;
    if (frames_to_draw_ > 0) --frames_to_draw_;
    if (context_restored_) {
        // Every GL object died with the context: build the renderer's objects again (deleting the
        // dead ones first would only make WebGL complain that they belong to another context).
        context_restored_ = false;
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        drawn_frame_.Forget();  // the new context's canvas holds nothing yet
    }

    ImGuiIO& io = ImGui::GetIO();
    DeliverHeldInput();  // what must wait for the hover goes in a later pass or frame
    io.DisplaySize = ImVec2(static_cast<float>(framebuffer_width_), static_cast<float>(framebuffer_height_));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    // The real elapsed time, even after an idle stretch: ImGui's double-click and key-repeat
    // timing compare against its own clock, so a clamped step would make two clicks seconds
    // apart look like a double click.
    io.DeltaTime = static_cast<float>(std::max((now_ms - last_frame_ms_) / 1000.0, 0.0001));
    last_frame_ms_ = now_ms;
    if (mode_ == RenderMode::Canvas) ImGui_ImplOpenGL3_NewFrame();
    return true;
}

void WebPlatform::EndFrame() {
    ImGui::Render();
    if (mode_ == RenderMode::Dom) {
        // Laid out, not drawn. The hidden IME <input> stays unfocused: the page's own inputs edit.
        if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) RequestFrames(1);
        return;
    }
    // A canvas left untouched keeps showing the frame drawn last, and costs the browser nothing.
    if (FrameDiffersFromDrawn(*ImGui::GetDrawData())) {
        emscripten_webgl_make_context_current(gl_context_);
        glViewport(0, 0, framebuffer_width_, framebuffer_height_);
        const ClearColor clear = CanvasClearColor();  // the content panel's white (ui/style.h)
        glClearColor(clear.r, clear.g, clear.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    UpdateCursor();
    UpdateTextInput();
    // ImGui takes a key's press and its release on separate frames: while its own queue still
    // holds events (fast typing, a held key's repeats), keep drawing until it is empty.
    if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) RequestFrames(1);
}

bool WebPlatform::FrameDiffersFromDrawn(const ImDrawData& data) {
    drawn_frame_.Begin();
    drawn_frame_.AddValue(framebuffer_width_);
    drawn_frame_.AddValue(framebuffer_height_);
    drawn_frame_.AddValue(data.DisplayPos);
    drawn_frame_.AddValue(data.DisplaySize);
    drawn_frame_.AddValue(data.FramebufferScale);
    for (const ImDrawList* list : data.CmdLists) {
        drawn_frame_.AddValue(list->VtxBuffer.Size);
        drawn_frame_.Add(list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.size_in_bytes()));
        drawn_frame_.AddValue(list->IdxBuffer.Size);
        drawn_frame_.Add(list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.size_in_bytes()));
        for (const ImDrawCmd& command : list->CmdBuffer) {  // field by field: no padding bytes
            drawn_frame_.AddValue(command.ClipRect);
            drawn_frame_.AddValue(command.TextureId);
            drawn_frame_.AddValue(command.VtxOffset);
            drawn_frame_.AddValue(command.IdxOffset);
            drawn_frame_.AddValue(command.ElemCount);
            drawn_frame_.AddValue(command.UserCallback);
            drawn_frame_.AddValue(command.UserCallbackData);
        }
    }
    return drawn_frame_.MustDraw();
}

bool WebPlatform::DeliverHeldInput() {
    if (input_.Empty()) return false;
    if (input_.Deliver(ImGui::GetIO())) RequestFrames(2);
    return true;
}

void WebPlatform::UpdateCursor() {
    const char* cursor = "default";
    switch (ImGui::GetMouseCursor()) {
        case ImGuiMouseCursor_None:
            cursor = "none";
            break;
        case ImGuiMouseCursor_TextInput:
            cursor = "text";
            break;
        case ImGuiMouseCursor_ResizeAll:
            cursor = "move";
            break;
        case ImGuiMouseCursor_ResizeNS:
            cursor = "ns-resize";
            break;
        case ImGuiMouseCursor_ResizeEW:
            cursor = "ew-resize";
            break;
        case ImGuiMouseCursor_ResizeNESW:
            cursor = "nesw-resize";
            break;
        case ImGuiMouseCursor_ResizeNWSE:
            cursor = "nwse-resize";
            break;
        case ImGuiMouseCursor_Hand:
            cursor = "pointer";
            break;
        case ImGuiMouseCursor_NotAllowed:
            cursor = "not-allowed";
            break;
        default:
            break;
    }
    if (cursor != css_cursor_) {
        css_cursor_ = cursor;
        js::SetCursor(cursor);
    }
}

void WebPlatform::UpdateTextInput() {
    const bool want = ImGui::GetIO().WantTextInput;
    if (want) {
        // Refreshed while active so the IME window follows the caret.
        js::SetTextInput(true, ToCss(ime_x_), ToCss(ime_y_), ToCss(ime_line_height_));
    } else if (input_.Empty() && ImGui::GetCurrentContext()->InputEventsQueue.empty()) {
        // Not while input is still queued: a click that may activate a field, and keys typed
        // right after it, need the hidden <input> (focused by the library on mousedown).
        js::SetTextInput(false, 0, 0, 0);
    }
    text_input_active_ = want;
}

void WebPlatform::SetImeData(ImGuiViewport*, ImGuiPlatformImeData* data) {
    auto* self = static_cast<WebPlatform*>(ImGui::GetIO().BackendPlatformUserData);
    if (!self || !data) return;
    self->ime_visible_ = data->WantVisible;
    self->ime_x_ = data->InputPos.x;
    self->ime_y_ = data->InputPos.y;
    self->ime_line_height_ = data->InputLineHeight;
}

void WebPlatform::SetClipboard(void* user_data, const char* text) {
    auto* self = static_cast<WebPlatform*>(user_data);
    self->clipboard_ = text ? text : "";
    js::ClipboardWrite(self->clipboard_);
}

// The browser only hands clipboard contents to a paste event; Ctrl+V therefore goes through the
// hidden <input>'s paste handler, and this returns what the portal itself copied last.
const char* WebPlatform::GetClipboard(void* user_data) {
    return static_cast<WebPlatform*>(user_data)->clipboard_.c_str();
}

std::string WebPlatform::TakeTypedText() {
    std::string text;
    text.swap(typed_text_);
    return text;
}

void WebPlatform::OnFetchDone(FetchResult result) {
    fetch_results_.push_back(std::move(result));
    RequestFrames(3);
}

void WebPlatform::OnFetchChunk(FetchChunk chunk) {
    fetch_chunks_.push_back(std::move(chunk));
    if (chunk_arrived_)
        chunk_arrived_();
    else
        RequestFrames(2);  // the progress bar moves
}

void WebPlatform::OnText(const char* utf8) {
    if (!utf8 || !*utf8) return;
    input_.Chars(utf8);
    typed_text_ += utf8;
    NoteInput();
}

void WebPlatform::OnFormEvent(FormEvent event) {
    form_events_.push_back(std::move(event));
    NoteInput();
}

void WebPlatform::OnPageScroll(float notches) {
    page_scroll_ += notches;
    NoteInput();
}

float WebPlatform::TakePageScroll() {
    const float notches = page_scroll_;
    page_scroll_ = 0.0f;
    return notches;
}

void WebPlatform::OnPageRow(int row) {
    page_row_ = row < 0 ? 0 : row;
    NoteInput();
}

int WebPlatform::TakePageRow() {
    const int row = page_row_;
    page_row_ = -1;
    return row;
}

void WebPlatform::OnContextLost(bool lost) {
    if (mode_ == RenderMode::Dom) return;  // a context given back after the switch stays unused
    context_lost_ = lost;
    if (lost) {
        context_lost_at_ms_ = emscripten_get_now();
        WakeAt(context_lost_at_ms_ + kContextRestoreWaitMs);
    } else {
        context_restored_ = true;
        RequestFrames(3);
    }
}

void WebPlatform::StartLinesWarmUp() {
    js::WarmLinesDecoder(JsContext());
}

void WebPlatform::PrepareLinesMemory() {
    if (lines_memory_.asked > 0) return;
    lines_memory_.asked = LinesMemoryToPrepare(js::DeviceMemoryGiB());
    if (lines_memory_.asked > 0) js::PrepareLinesMemory(JsContext(), lines_memory_.asked);
}

void WebPlatform::OnLinesWarmUp(std::string_view payload, size_t piece_bytes) {
    const double started = emscripten_get_now();
    lines_warm_up_.rows = DecodeForWarmUp(payload, piece_bytes);
    lines_warm_up_.ms += emscripten_get_now() - started;
    ++lines_warm_up_.decodes;
}

}  // namespace portal

// ---- Entry points for web/portal_lib.js ------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_on_fetch_done(void* context, int id, int status, int retry_after,
                                               const char* data, int size, const char* error) {
    portal::FetchResult result;
    result.id = id;
    result.status = status;
    result.retry_after_seconds = retry_after;
    result.body.assign(data, static_cast<size_t>(std::max(0, size)));
    result.network_error = error ? error : "";
    static_cast<portal::WebPlatform*>(context)->OnFetchDone(std::move(result));
}

EMSCRIPTEN_KEEPALIVE void portal_on_fetch_chunk(void* context, int id, const char* data, int size,
                                                double received, double total) {
    portal::FetchChunk chunk;
    chunk.id = id;
    chunk.bytes.assign(data, static_cast<size_t>(std::max(0, size)));
    chunk.received = received;
    chunk.total = total;
    static_cast<portal::WebPlatform*>(context)->OnFetchChunk(std::move(chunk));
}

EMSCRIPTEN_KEEPALIVE void portal_on_lines_warm_up(void* context, const char* data, int size,
                                                  int piece_bytes) {
    static_cast<portal::WebPlatform*>(context)->OnLinesWarmUp(
        std::string_view(data, static_cast<size_t>(std::max(0, size))),
        static_cast<size_t>(std::max(0, piece_bytes)));  // DecodeForWarmUp takes 0 as 1
}

EMSCRIPTEN_KEEPALIVE void portal_on_lines_memory(void* context, int touched) {
    static_cast<portal::WebPlatform*>(context)->OnLinesMemory(static_cast<size_t>(std::max(0, touched)));
}

EMSCRIPTEN_KEEPALIVE void portal_on_text(void* context, const char* utf8) {
    static_cast<portal::WebPlatform*>(context)->OnText(utf8);
}

EMSCRIPTEN_KEEPALIVE void portal_on_form_value(void* context, int field, const char* utf8) {
    static_cast<portal::WebPlatform*>(context)->OnFormEvent(
        portal::FormEvent{field, utf8 ? utf8 : "", false});
}

EMSCRIPTEN_KEEPALIVE void portal_on_form_submit(void* context) {
    static_cast<portal::WebPlatform*>(context)->OnFormEvent(portal::FormEvent{0, "", true});
}

EMSCRIPTEN_KEEPALIVE void portal_on_form_focus(void* context, int field) {
    static_cast<portal::WebPlatform*>(context)->OnFormEvent(portal::FormEvent{field, "", false, true});
}

EMSCRIPTEN_KEEPALIVE void portal_on_page_scroll(void* context, double notches) {
    static_cast<portal::WebPlatform*>(context)->OnPageScroll(static_cast<float>(notches));
}

EMSCRIPTEN_KEEPALIVE void portal_on_page_row(void* context, double row) {
    static_cast<portal::WebPlatform*>(context)->OnPageRow(static_cast<int>(std::min(row, 2.0e9)));
}

EMSCRIPTEN_KEEPALIVE void portal_on_context(void* context, int lost) {
    static_cast<portal::WebPlatform*>(context)->OnContextLost(lost != 0);
}

}  // extern "C"
