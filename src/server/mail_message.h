// The login-code e-mail and security notices as complete RFC 5322 / MIME message (UTF-8, Japanese then
// English).
#pragma once
#include <string>
#include <string_view>

#include "server/storage.h"

namespace portal::server {

struct MailMessage {
    std::string envelope_from;  // bare address for SMTP MAIL FROM
    std::string envelope_to;
    std::string bytes;  // headers + body, CRLF line ends
};

// `from` is "Display Name <address>" or a bare address.
MailMessage BuildCodeMail(std::string_view from, std::string_view to, std::string_view code,
                          Seconds valid_seconds, Seconds now);

// Any plain-text notice (UTF-8 subject and body with CRLF line ends), same headers as the code mail.
MailMessage BuildTextMail(std::string_view from, std::string_view to, std::string_view subject,
                          std::string_view body, Seconds now);

// Pieces exposed for reuse and tests.
std::string BareAddress(std::string_view from);
std::string EncodeHeaderWord(std::string_view utf8);  // RFC 2047 B encoding, folded
std::string Base64Lines(std::string_view bytes);      // 76-column lines, CRLF
std::string Rfc5322Date(Seconds t);                   // in JST (+0900)

}  // namespace portal::server
