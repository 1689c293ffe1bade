// Builds the code mail by hand: the format is small and fixed, and writing it here keeps every
// header under our control (no library guesses at encodings).
#include "server/mail_message.h"

#include <sodium.h>

#include <cstdio>

#include "engine/date.h"
#include "server/secrets.h"

namespace portal::server {
namespace {

std::string Base64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL
    return out;
}

std::string DomainOf(std::string_view address) {
    auto at = address.rfind('@');
    return at == std::string_view::npos ? "portal.example.jp" : std::string(address.substr(at + 1));
}

std::string DisplayNameOf(std::string_view from) {
    auto lt = from.find('<');
    if (lt == std::string_view::npos) return {};
    auto name = from.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    return std::string(name);
}

// "10 分" / "10 minutes" for whole minutes (the default life), else seconds (--code-lifetime 90).
std::string LifetimeText(Seconds seconds, bool japanese) {
    if (seconds % 60 == 0)
        return std::to_string(seconds / 60) + (japanese ? " 分" : seconds == 60 ? " minute" : " minutes");
    return std::to_string(seconds) + (japanese ? " 秒" : " seconds");
}

std::string Body(std::string_view code, Seconds valid_seconds, Seconds now) {
    const std::string until = FormatJstDateTime(now + valid_seconds);
    std::string c(code);
    return "050 Portal ご契約情報照会 ログイン認証コード\r\n\r\n"
           "認証コード: " +
           c +
           "\r\n\r\n"
           "このコードの有効期限は " +
           LifetimeText(valid_seconds, true) + "です（" + until +
           " まで）。\r\n"
           "ログイン画面に入力してください。コードは一度だけ使えます。\r\n\r\n"
           "このメールに心当たりがない場合:\r\n"
           "どなたかがお客様のセルフケアIDとパスワードでログインしようとしています。\r\n"
           "このコードを誰にも教えずにこのメールを破棄し、パスワードの変更をご検討ください。\r\n"
           "当社からお電話やメールでこのコードをお尋ねすることはありません。\r\n\r\n"
           "----\r\n"
           "050 Portal login code: " +
           c +
           "\r\n\r\n"
           "The code is valid for " +
           LifetimeText(valid_seconds, false) + " (until " + until +
           " Japan time) and works once.\r\n"
           "Enter it on the login screen.\r\n\r\n"
           "If you did not try to log in: someone knows your self-care ID and password.\r\n"
           "Do not share this code, delete this message and consider changing your password.\r\n"
           "We will never ask you for this code by phone or e-mail.\r\n";
}

}  // namespace

std::string BareAddress(std::string_view from) {
    auto lt = from.find('<');
    auto gt = from.rfind('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt)
        return std::string(from.substr(lt + 1, gt - lt - 1));
    return std::string(from);
}

std::string EncodeHeaderWord(std::string_view utf8) {
    // Each encoded-word stays within 75 characters: 45 bytes of UTF-8 give 60 of base64, cut at
    // a character boundary so no word holds half a character (RFC 2047 section 5).
    std::string out;
    size_t pos = 0;
    while (pos < utf8.size()) {
        size_t end = std::min(utf8.size(), pos + 45);
        while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + Base64(utf8.substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string Base64Lines(std::string_view bytes) {
    std::string encoded = Base64(bytes), out;
    for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
    return out;
}

std::string Rfc5322Date(Seconds t) {
    static const char* days[] = {"Thu", "Fri", "Sat", "Sun",
                                 "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Seconds jst = t + 9 * 3600;
    const int64_t day_number = jst >= 0 ? jst / 86400 : (jst - 86399) / 86400;
    const DateKey date = JstDateOf(t);
    const int64_t second_of_day = jst - day_number * 86400;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %d %s %04d %02d:%02d:%02d +0900",
                  days[((day_number % 7) + 7) % 7], DateDay(date), months[DateMonth(date) - 1],
                  DateYear(date), static_cast<int>(second_of_day / 3600),
                  static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
    return buffer;
}

MailMessage BuildCodeMail(std::string_view from, std::string_view to, std::string_view code,
                          Seconds valid_seconds, Seconds now) {
    return BuildTextMail(from, to, "【050 Portal】ログイン認証コード / Your login code",
                         Body(code, valid_seconds, now), now);
}

MailMessage BuildTextMail(std::string_view from, std::string_view to, std::string_view subject,
                          std::string_view body, Seconds now) {
    MailMessage mail;
    mail.envelope_from = BareAddress(from);
    mail.envelope_to = std::string(to);
    std::string from_header = mail.envelope_from;
    if (auto name = DisplayNameOf(from); !name.empty())
        from_header = EncodeHeaderWord(name) + " <" + mail.envelope_from + ">";
    std::string& m = mail.bytes;
    m += "Date: " + Rfc5322Date(now) + "\r\n";
    m += "Message-ID: <" + RandomToken(16) + "@" + DomainOf(mail.envelope_from) + ">\r\n";
    m += "From: " + from_header + "\r\n";
    m += "To: <" + mail.envelope_to + ">\r\n";
    m += "Subject: " + EncodeHeaderWord(subject) + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "\r\n";
    m += Base64Lines(body);
    return mail;
}

}  // namespace portal::server
