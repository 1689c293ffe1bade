// Raw checks of the request head; see strict_head.h for the list and why.
#include "server/http/strict_head.h"

#include <strings.h>

namespace portal::server::http {
namespace {

constexpr HeadRefusal kBareLf{400, "bad_request_framing", "要求の行末が CRLF ではありません。",
                              "A line of the request does not end in CRLF."};
constexpr HeadRefusal kObsFold{400, "bad_request_framing", "ヘッダの折り返し (obs-fold) は使えません。",
                               "Folded header lines (obs-fold) are not accepted."};
constexpr HeadRefusal kBadField{400, "bad_header", "ヘッダの形式が正しくありません。",
                                "A header field is malformed."};
constexpr HeadRefusal kTooManyFields{431, "too_many_headers", "ヘッダの数が多すぎます。",
                                     "The request has too many header fields."};
constexpr HeadRefusal kBadRequestLine{400, "bad_request_line", "要求行の形式が正しくありません。",
                                      "The request line is malformed."};
constexpr HeadRefusal kBadLength{400, "bad_content_length",
                                 "Content-Length は 1 つの数値で指定してください。",
                                 "Content-Length must be a single plain number."};
constexpr HeadRefusal kBadTransferEncoding{400, "bad_transfer_encoding",
                                           "Transfer-Encoding は chunked のみ使えます。",
                                           "Transfer-Encoding must be exactly chunked."};
constexpr HeadRefusal kLengthAndChunked{400, "bad_request_framing",
                                        "Content-Length と Transfer-Encoding は同時に使えません。",
                                        "Content-Length and Transfer-Encoding cannot both be given."};
constexpr HeadRefusal kBadHost{400, "bad_host", "Host ヘッダがないか、複数あります。",
                               "The Host header is missing or repeated."};
constexpr HeadRefusal kEncodedBody{415, "unsupported_content_encoding",
                                   "圧縮された本文 (Content-Encoding) は受け付けません。",
                                   "Compressed request bodies (Content-Encoding) are not accepted."};

bool IsTokenChar(unsigned char c) {
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool NameIs(std::string_view name, const char* expected) {
    return name.size() == std::char_traits<char>::length(expected) &&
           ::strncasecmp(name.data(), expected, name.size()) == 0;
}

// method SP target SP HTTP/1.x, each part non-empty, single spaces.
bool ValidRequestLine(std::string_view line, bool& http11) {
    const size_t first = line.find(' ');
    const size_t last = line.rfind(' ');
    if (first == std::string_view::npos || first == 0 || last == first || last + 1 >= line.size())
        return false;
    for (size_t i = 0; i < first; ++i)
        if (!IsTokenChar(static_cast<unsigned char>(line[i]))) return false;
    const std::string_view target = line.substr(first + 1, last - first - 1);
    for (unsigned char c : target)
        if (c <= ' ' || c == 0x7f) return false;
    const std::string_view version = line.substr(last + 1);
    if (version == "HTTP/1.1") return http11 = true, true;
    return version == "HTTP/1.0";
}

}  // namespace

HeadScan ScanHead(std::string_view received, const HeadLimits& limits, size_t& head_size) {
    const size_t line_end = received.find('\n');
    if ((line_end == std::string_view::npos ? received.size() : line_end) > limits.request_line_bytes + 1)
        return HeadScan::LineTooLong;
    const size_t end = received.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        // A bare-LF blank line ends the head too (and is then refused as bare LF), so a client
        // that uses LF alone gets its 400 rather than a wait for the deadline.
        const size_t lf_end = received.find("\n\n");
        if (lf_end != std::string_view::npos && lf_end + 2 <= limits.head_bytes)
            return head_size = lf_end + 2, HeadScan::Complete;
        return received.size() > limits.head_bytes ? HeadScan::HeadTooLarge : HeadScan::NeedMore;
    }
    if (end + 4 > limits.head_bytes) return HeadScan::HeadTooLarge;
    head_size = end + 4;
    return HeadScan::Complete;
}

const HeadRefusal* CheckHead(std::string_view head, const HeadLimits& limits, HeadFacts& facts) {
    facts = HeadFacts{};
    for (size_t i = 0; i < head.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(head[i]);
        if (c == '\n' && (i == 0 || head[i - 1] != '\r')) return &kBareLf;
        if (c == '\r' && (i + 1 >= head.size() || head[i + 1] != '\n')) return &kBareLf;
        if ((c < ' ' && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) return &kBadField;
    }
    size_t pos = head.find("\r\n");
    if (!ValidRequestLine(head.substr(0, pos), facts.http11)) return &kBadRequestLine;
    pos += 2;
    size_t fields = 0, hosts = 0, lengths = 0, encodings = 0;
    bool content_encoding = false;
    std::string_view length_text, transfer_encoding;
    while (pos + 2 < head.size()) {  // the last CRLF is the blank line
        const size_t end = head.find("\r\n", pos);
        const std::string_view line = head.substr(pos, end - pos);
        pos = end + 2;
        if (line.front() == ' ' || line.front() == '\t') return &kObsFold;
        if (++fields > limits.field_count) return &kTooManyFields;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return &kBadField;
        const std::string_view name = line.substr(0, colon);
        for (unsigned char c : name)
            if (!IsTokenChar(c)) return &kBadField;  // includes whitespace before the colon
        const std::string_view value = Trim(line.substr(colon + 1));
        if (NameIs(name, "Host")) {
            ++hosts;
        } else if (NameIs(name, "Content-Length")) {
            ++lengths;
            length_text = value;
        } else if (NameIs(name, "Transfer-Encoding")) {
            ++encodings;
            transfer_encoding = value;
        } else if (NameIs(name, "Content-Encoding")) {
            content_encoding = content_encoding || !NameIs(value, "identity");
        }
    }
    if (lengths > 1) return &kBadLength;
    if (lengths == 1) {
        if (length_text.empty() || length_text.size() > 15) return &kBadLength;
        for (char c : length_text) {
            if (c < '0' || c > '9') return &kBadLength;
            facts.content_length = facts.content_length * 10 + static_cast<uint64_t>(c - '0');
        }
        facts.has_content_length = true;
    }
    if (encodings > 0) {
        if (encodings > 1 || !facts.http11 || !NameIs(transfer_encoding, "chunked"))
            return &kBadTransferEncoding;
        facts.chunked = true;
    }
    if (facts.chunked && facts.has_content_length) return &kLengthAndChunked;
    if (hosts > 1 || (facts.http11 && hosts == 0)) return &kBadHost;
    if (content_encoding) return &kEncodedBody;
    return nullptr;
}

}  // namespace portal::server::http
