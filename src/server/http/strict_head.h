// The request head (request line and header fields) checked on its raw bytes before any parser
// reads it: limits on its size, and the RFC 9112 rules whose lenient reading lets a proxy in
// front and this server see different requests (request smuggling). Pure functions over bytes,
// so each rule is tested on its own.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace portal::server::http {

struct HeadLimits {
    size_t head_bytes = 16 * 1024;     // request line + header fields + the blank line
    size_t field_count = 100;          // header fields
    size_t request_line_bytes = 8192;  // method, target and version
};

enum class HeadScan {
    NeedMore,      // no blank line yet and still within the limits
    Complete,      // head_size is the length up to and including the blank line
    HeadTooLarge,  // 431: the head is longer than head_bytes
    LineTooLong,   // 414: the request line is longer than request_line_bytes
};

// Looks for the end of the head in what has arrived so far; decides as early as the bytes allow,
// so an over-long line is refused without waiting for (or keeping) the rest of it.
HeadScan ScanHead(std::string_view received, const HeadLimits& limits, size_t& head_size);

// What the framing checks found; valid when CheckHead returned nullptr.
struct HeadFacts {
    bool http11 = false;
    bool chunked = false;
    bool has_content_length = false;
    uint64_t content_length = 0;
};

// A refusal: the status, an error code and messages in Japanese and English.
struct HeadRefusal {
    int status;
    const char* code;
    const char* ja;
    const char* en;
};

// Checks a complete head (from ScanHead). Returns nullptr when it is acceptable, else why not:
// bare LF, obs-fold, control characters, whitespace before a colon, too many fields, a
// Content-Length that is not one plain number, more than one, Transfer-Encoding other than
// exactly "chunked" (or on HTTP/1.0), both of them, a missing or repeated Host on HTTP/1.1, and
// any Content-Encoding (no route takes a compressed body, so none is ever inflated).
const HeadRefusal* CheckHead(std::string_view head, const HeadLimits& limits, HeadFacts& facts);

}  // namespace portal::server::http
