// Texts of the security notices (Japanese, then English).
#include "server/security_mail.h"

#include "engine/date.h"

namespace portal::server {

MailMessage BuildNewDeviceMail(std::string_view from, std::string_view to, std::string_view address,
                               std::string_view browser, Seconds now) {
    const std::string when = FormatJstDateTime(now);
    const std::string where(address);
    const std::string what = browser.empty() ? std::string("-") : std::string(browser);
    const std::string body =
        "050 Portal ご契約情報照会 新しいブラウザからのログイン\r\n\r\n"
        "これまでログインに使われたことのないブラウザから、お客様のセルフケアIDでログインがありました。\r\n\r"
        "\n"
        "日時: " +
        when +
        " (日本時間)\r\n"
        "接続元: " +
        where +
        "\r\n"
        "ブラウザ: " +
        what +
        "\r\n\r\n"
        "お客様ご自身のログインであれば、このメールは破棄してください。\r\n"
        "心当たりがない場合は、セキュリティ設定の「他のセッションをすべてログアウト」を行い、\r\n"
        "パスワードを変更して、サポート窓口にご連絡ください。\r\n\r\n"
        "----\r\n"
        "050 Portal: a login from a new browser\r\n\r\n"
        "Your self-care ID was used to log in from a browser that has not logged in before.\r\n\r\n"
        "When: " +
        when +
        " (Japan time)\r\n"
        "From: " +
        where +
        "\r\n"
        "Browser: " +
        what +
        "\r\n\r\n"
        "If this was you, delete this message. If it was not, log out the other sessions under\r\n"
        "Security settings, change your password and contact support.\r\n";
    return BuildTextMail(from, to, "【050 Portal】新しいブラウザからのログイン / Login from a new browser",
                         body, now);
}

MailMessage BuildSecondStepLockedMail(std::string_view from, std::string_view to, Seconds locked_until,
                                      Seconds now) {
    const std::string until = FormatJstDateTime(locked_until);
    const std::string body =
        "050 Portal ご契約情報照会 ログインの停止\r\n\r\n"
        "正しいパスワードのあとに誤った認証コードが続いたため、" +
        until +
        " (日本時間) まで\r\n"
        "お客様のセルフケアIDでのログインを停止しました。\r\n"
        "どなたかがお客様のパスワードを知っている可能性があります。パスワードを変更し、\r\n"
        "サポート窓口にご連絡ください。\r\n\r\n"
        "----\r\n"
        "050 Portal: logins stopped\r\n\r\n"
        "The right password was followed by too many wrong codes, so logins with your self-care ID\r\n"
        "are stopped until " +
        until +
        " (Japan time). Someone may know your password: change it\r\n"
        "and contact support.\r\n";
    return BuildTextMail(from, to, "【050 Portal】ログインを停止しました / Logins stopped", body, now);
}

MailMessage BuildSecondStepChangeMail(std::string_view from, std::string_view to, std::string_view what_ja,
                                      std::string_view what_en, std::string_view address, Seconds now) {
    const std::string when = FormatJstDateTime(now);
    const std::string body =
        "050 Portal ご契約情報照会 ログインの設定\r\n\r\n" + std::string(what_ja) + "\r\n\r\n日時: " + when +
        " (日本時間)\r\n接続元: " + std::string(address) +
        "\r\n\r\n心当たりがない場合は、パスワードを変更し、サポート窓口にご連絡ください。\r\n\r\n"
        "----\r\n050 Portal: login settings\r\n\r\n" +
        std::string(what_en) + "\r\n\r\nWhen: " + when + " (Japan time)\r\nFrom: " + std::string(address) +
        "\r\n\r\nIf this was not you, change your password and contact support.\r\n";
    return BuildTextMail(from, to, "【050 Portal】ログインの設定が変わりました / Login settings changed",
                         body, now);
}

}  // namespace portal::server
