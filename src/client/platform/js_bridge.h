// The only door to JavaScript: declarations of web/portal_lib.js (linked with --js-library) and
// thin C++ wrappers. Nothing else in the client calls JavaScript (no EM_ASM elsewhere).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" {
// Creates the hidden IME <input>, hooks paste and context loss to `context` (a WebPlatform*),
// which the library hands back to the portal_on_* callbacks.
void portal_js_init(void* context);
// Test build only: installs window.portalTest answered through portal_test_state / portal_test_rect.
void portal_js_install_test_hook(void* context);
// Focuses (active != 0) or blurs the hidden <input>; x, y, line_height are CSS pixels of the caret
// so the IME candidate window opens beside the text being typed.
void portal_js_set_text_input(int active, double x, double y, double line_height);
void portal_js_set_cursor(const char* css_cursor);
void portal_js_clipboard_write(const char* utf8);
// fetch(): credentials same-origin; POSTs carry a JSON body, Content-Type application/json and
// the CSRF header. want_binary asks for the lines payload (version 2, or 1 from an older server);
// a version 2 body is handed over piece by piece through portal_on_fetch_chunk as it arrives,
// then portal_on_fetch_done (same id) ends the request with an empty body.
void portal_js_fetch(void* context, int id, const char* method, const char* url, const char* json_body,
                     int want_binary);
// Saves bytes as a file: Blob + <a download>, object URL revoked afterwards.
void portal_js_download(const char* file_name, const void* bytes, size_t size, const char* mime_type);
// Mirrors what the canvas shows as real HTML for assistive technology (role=status / role=alert).
void portal_js_set_accessible(const char* title, const char* screen, const char* status, const char* error,
                              const char* lang);
// Hides the shell's progress overlay (the UI font is in place).
void portal_js_app_ready(void);
// Shows a message over the canvas when the app cannot go on (e.g. the font failed to load).
void portal_js_fatal(const char* message_ja, const char* message_en);
// Text-input widgets of the last frame, CSS pixels, as x,y,w,h quadruples: a tap inside one
// focuses the hidden <input> within the tap's own event, which mobile browsers require before
// they open the on-screen keyboard.
void portal_js_set_text_targets(const float* rects, int count);
// The value of a query parameter of the page's URL ("" when absent); malloc'ed, caller frees.
char* portal_js_url_param(const char* name);
// Kiosk mode: no text selection, long-press callout or context menu on the page.
void portal_js_set_kiosk(int on);
// The session ended: forget the customer's data held by the page (object URLs, links, live
// regions, input values), then load a fresh instance with ?ended=<reason_key>.
void portal_js_end_session(const char* reason_key);
// The <form> over the ImGui fields: kind 0 the login (rects = ID field then password field, x,y,w,h
// in CSS pixels), 1 the code (one rect), -1 removes the form. Its inputs report through
// portal_on_form_value/_submit/_focus. offscreen_mask: bit i set when field i is scrolled out of
// view (its rect is where it lies outside the view; the input stays for managers and Tab).
// mask_advance: the CSS width of one masked character as the canvas draws it, which the password
// input's own dots are spaced to, so its caret sits where the canvas's text ends.
// focus_input: the input (0 or 1) that takes the focus now, -1 none.
void portal_js_login_form(int kind, const float* rects, int offscreen_mask, float font_px, float pad_x,
                          float mask_advance, int show_password, int focus_input, const char* id_label,
                          const char* password_label, const char* submit_label);
// Sets the form inputs' text when the app changed the fields itself.
void portal_js_login_values(const char* id, const char* password);
// 1 while an input of the login form has the focus (its keys are the browser's to edit with).
int portal_js_form_focused(void);
// Removes a query parameter from the page's URL (history.replaceState).
void portal_js_drop_url_param(const char* name);
// Nothing is drawn any more: hides the canvas and shows the HTML mirror as the page, with the line
// that says why (reason: "forced", "no-webgl2" or "context-lost").
void portal_js_set_dom_render(const char* reason);
// The window's inner size in CSS pixels (the page's layout viewport).
void portal_js_viewport_size(double* width, double* height);
// The DOM mirror (web/portal_mirror_lib.js): brings #portal-mirror in step with a screen
// description (ScreenDescription::ToJson); its elements report through portal_on_mirror.
void portal_js_mirror_update(const char* json);
// The app's focus (moved by keyboard or mouse) is on the mirrored control `key`: the DOM focus
// follows unless the customer is typing in a field of the page.
void portal_js_mirror_focus(const char* key);
// 1 while a mirrored text field has the focus (its keys are the browser's to edit with).
int portal_js_mirror_field_focused(void);
// Empties the mirror (logout: it may hold the customer's data).
void portal_js_mirror_clear(void);
// inputmode=numeric (1) or the ordinary keyboard (0) for the hidden input ImGui's fields type into.
void portal_js_ime_numeric(int numeric);
// 1: the lines payload decodes in a Web Worker (?decoder=worker); 0: on the page's main thread
// between frames, the default (faster on the two-core machines measured, docs/lines-payload.md).
void portal_js_use_lines_worker(int on);
// Starts the lines decode worker before the lines are requested (the code screen shows), when it is
// used at all.
void portal_js_prepare_lines_decoder(void);
// Fetches the site's lines warm-up payload and hands it to portal_on_lines_warm_up a few times in
// idle time (lines_warm_up.h); once per page, and not when the worker decodes or a load started.
void portal_js_warm_lines_decoder(void* context);
// Touches `bytes` of the heap (one block, in idle periods) and frees it, so a lines store written
// next reuses resident pages (lines_warm_up.h); reports to portal_on_lines_memory. Once per page; a
// lines request frees the block at once.
void portal_js_prepare_lines_memory(void* context, int bytes);
// navigator.deviceMemory in GiB; 0 when the browser does not say (only Chromium-based ones do).
double portal_js_device_memory_gib(void);
// Lays out `lines` (newline-separated) once in hidden elements styled like the mirror's, in idle
// time: the browser's first layout of new text (glyph and font-fallback caches) then happens
// before the menu and the contract screen, not during their first frames. Once per page.
void portal_js_warm_text_layout(const char* lines);
}

namespace portal::js {

inline void SetTextInput(bool active, double x, double y, double line_height) {
    portal_js_set_text_input(active ? 1 : 0, x, y, line_height);
}
inline void SetCursor(const char* css_cursor) {
    portal_js_set_cursor(css_cursor);
}
inline void UseLinesWorker(bool on) {
    portal_js_use_lines_worker(on ? 1 : 0);
}
inline void PrepareLinesDecoder() {
    portal_js_prepare_lines_decoder();
}
inline void WarmLinesDecoder(void* context) {
    portal_js_warm_lines_decoder(context);
}
inline void PrepareLinesMemory(void* context, size_t bytes) {
    portal_js_prepare_lines_memory(context, static_cast<int>(bytes));
}
inline double DeviceMemoryGiB() {
    return portal_js_device_memory_gib();
}
inline void WarmTextLayout(const std::string& lines) {
    portal_js_warm_text_layout(lines.c_str());
}
inline void ClipboardWrite(const std::string& text) {
    portal_js_clipboard_write(text.c_str());
}
inline void Fetch(void* context, int id, const std::string& method, const std::string& url,
                  const std::string& json_body, bool want_binary) {
    portal_js_fetch(context, id, method.c_str(), url.c_str(), json_body.c_str(), want_binary ? 1 : 0);
}
inline void Download(const std::string& file_name, const std::string& bytes, const char* mime_type) {
    portal_js_download(file_name.c_str(), bytes.data(), bytes.size(), mime_type);
}
inline void SetAccessible(const std::string& title, const std::string& screen, const std::string& status,
                          const std::string& error, const char* lang) {
    portal_js_set_accessible(title.c_str(), screen.c_str(), status.c_str(), error.c_str(), lang);
}
inline void AppReady() {
    portal_js_app_ready();
}
inline void Fatal(const char* message_ja, const char* message_en) {
    portal_js_fatal(message_ja, message_en);
}
inline void SetTextTargets(const float* rects, int count) {
    portal_js_set_text_targets(rects, count);
}
inline std::string UrlParam(const char* name) {
    char* value = portal_js_url_param(name);
    std::string text = value ? value : "";
    free(value);
    return text;
}
inline void SetKiosk(bool on) {
    portal_js_set_kiosk(on ? 1 : 0);
}
inline void EndSession(const char* reason_key) {
    portal_js_end_session(reason_key);
}
inline void DropUrlParam(const char* name) {
    portal_js_drop_url_param(name);
}
inline void SetDomRender(const char* reason) {
    portal_js_set_dom_render(reason);
}
inline void ViewportSize(double& width, double& height) {
    portal_js_viewport_size(&width, &height);
}
inline bool FormFocused() {
    return portal_js_form_focused() != 0;
}
inline void LoginForm(int kind, const float* rects, int offscreen_mask, float font_px, float pad_x,
                      float mask_advance, bool show_password, int focus_input, const char* label0,
                      const char* label1, const char* submit_label) {
    portal_js_login_form(kind, rects, offscreen_mask, font_px, pad_x, mask_advance, show_password ? 1 : 0,
                         focus_input, label0, label1, submit_label);
}
inline void LoginValues(const char* id, const char* password) {
    portal_js_login_values(id, password);
}
inline void MirrorUpdate(const std::string& json) {
    portal_js_mirror_update(json.c_str());
}
inline void MirrorFocus(const std::string& key) {
    portal_js_mirror_focus(key.c_str());
}
inline bool MirrorFieldFocused() {
    return portal_js_mirror_field_focused() != 0;
}
inline void MirrorClear() {
    portal_js_mirror_clear();
}
inline void ImeNumeric(bool numeric) {
    portal_js_ime_numeric(numeric ? 1 : 0);
}

}  // namespace portal::js
