// The ja / en table of i18n_security.h.
#include "i18n_security.h"

namespace portal {
namespace {

struct Pair {
    const char* ja;
    const char* en;
};

// In SStr order; a static_assert below keeps the two in step.
constexpr Pair kStrings[] = {
    {"セキュリティ設定", "Security settings"},
    {"認証アプリの設定、ログイン履歴、ログイン中の端末を確認します。",
     "Set up an authenticator app, see the login history and the devices logged in."},
    {"セキュリティ設定", "Security settings"},
    {"セキュリティ設定", "Security settings"},
    {"ログインの2段階目に認証アプリを使うと、メールより安全です。心当たりのないログインがあれば、すぐにパスワ"
     "ード"
     "の変更をお申し込みください。",
     "An authenticator app for the second step of login is safer than e-mail. If you see a login you do not "
     "recognise, apply for a new password at once."},
    {"認証アプリ", "Authenticator app"},
    {"ログイン履歴", "Login history"},
    {"ログイン中の端末", "Sessions"},
    // Authenticator app
    {"認証アプリ（ワンタイムパスワード）", "Authenticator app (one-time codes)"},
    {"認証アプリを設定済みです。ログイン時は認証アプリのコードを入力します。",
     "An authenticator app is set up: the login asks for its code."},
    {"認証アプリは未設定です。ログイン時の認証コードはメールでお送りしています。",
     "No authenticator app is set up: the login code is sent by e-mail."},
    {"未使用のリカバリーコード: %d 個", "Unused recovery codes: %d"},
    {"認証アプリを設定する", "Set up an authenticator app"},
    {"認証アプリ（Google Authenticator、Microsoft Authenticator "
     "など）でQRコードを読み取るか、下のキーを入力し"
     "てください。",
     "Scan the QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, ...) or "
     "type in the key below."},
    {"キー（手入力用）", "Key (to type in)"},
    {"アプリに表示された6桁のコードを入力して設定を完了してください。",
     "Enter the six-digit code the app shows to finish the set-up."},
    {"設定を完了する", "Finish set-up"},
    {"やめる", "Cancel"},
    {"認証アプリを設定しました。次回のログインから認証アプリのコードを使います。",
     "The authenticator app is set up: from the next login on, use its code."},
    {"リカバリーコード", "Recovery codes"},
    {"スマートフォンを紛失したときに1回ずつ使えるコードです。この画面を離れると二度と表示されません。印刷する"
     "か"
     "安全な場所に書き留めてください。",
     "Each code works once, for when you lose your phone. They are never shown again after you leave this "
     "screen: print them or write them down somewhere safe."},
    {"リカバリーコードを控えました", "I have kept the recovery codes"},
    {"リカバリーコードを隠す", "Hide the recovery codes"},
    {"認証アプリの削除", "Remove the authenticator app"},
    {"認証アプリのコードかリカバリーコードを入力してください。削除後はメールの認証コードに戻ります。",
     "Enter a code from the app or a recovery code. After removal the login code is sent by e-mail again."},
    {"認証アプリを削除する", "Remove the authenticator app"},
    {"リカバリーコードの再発行", "New recovery codes"},
    {"認証アプリのコードを入力すると、新しいリカバリーコードを10個発行します。古いコードは使えなくなります。",
     "Enter a code from the app to get ten new recovery codes. The old ones stop working."},
    {"再発行する", "Issue new codes"},
    {"コード", "Code"},
    {"認証アプリの6桁の数字を入力してください。", "Enter the six digits the authenticator app shows."},
    {"認証アプリの6桁の数字か、リカバリーコード（例: 7kq4m-x2hzp）を入力してください。",
     "Enter the app's six digits or a recovery code (e.g. 7kq4m-x2hzp)."},
    {"認証アプリを削除しました。ログイン時の認証コードはメールでお送りします。",
     "The authenticator app was removed: the login code is sent by e-mail again."},
    {"メールでの認証コード", "Codes by e-mail"},
    {"携帯電話を持っていないときのために、ログイン画面でメールの認証コードも選べるようにできます。"
     "選べるようにすると、メールを読める人も2段階目を通れます。",
     "For when your phone is not at hand, the login can also offer a code by e-mail. Anyone who can read "
     "your mail can then pass the second step too."},
    {"メールでのコード送信も使う", "Also allow codes by e-mail"},
    {"ログイン時にメールの認証コードも使えるようにしました。",
     "Logins can now also use a code sent by e-mail."},
    {"ログイン時のメールの認証コードを止めました。認証アプリのコードだけを使います。",
     "Codes by e-mail are off: logins use the authenticator app's code only."},
    // Login history
    {"ログイン履歴（最新50件）", "Login history (latest 50)"},
    {"日時は日本時間です。ブラウザとOSはアクセス時の情報から推定しています。",
     "Times are Japan time. Browser and OS are guessed from what the browser sent."},
    {"履歴はありません。", "No events."},
    {"日時", "Time"},
    {"できごと", "Event"},
    {"結果", "Result"},
    {"認証方法", "Factor"},
    {"接続元アドレス", "Address"},
    {"ブラウザ", "Browser"},
    {"OS", "OS"},
    {"最新の情報に更新", "Refresh"},
    {"CSVダウンロード", "Download CSV"},
    {"%s をダウンロードしました。", "Downloaded %s."},
    // Sessions
    {"ログイン中の端末", "Devices logged in"},
    {"心当たりのない端末があれば「他の端末をすべてログアウト」を押してください。",
     "If you do not recognise a device, press \"Log out the other sessions\"."},
    {"開始", "Started"},
    {"最終利用", "Last seen"},
    {"現在の端末", "Current"},
    {"この端末", "This device"},
    {"他の端末をすべてログアウト", "Log out the other sessions"},
    {"他の端末 %d 台をログアウトしました。", "%d other sessions were logged out."},
    {"他にログイン中の端末はありません。", "No other device is logged in."},
    // Events
    {"ログイン", "Login"},
    {"ログイン失敗", "Login failed"},
    {"認証コード誤り", "Wrong code"},
    {"ロック", "Locked"},
    {"ログアウト", "Logout"},
    {"セッション期限切れ", "Session expired"},
    {"他の端末をログアウト", "Other sessions ended"},
    {"成功", "Success"},
    {"失敗", "Failure"},
    {"情報", "Info"},
    {"パスワード", "Password"},
    {"メール", "E-mail"},
    {"認証アプリ", "Authenticator app"},
    {"リカバリーコード", "Recovery code"},
    {"サーバーの応答を読み取れませんでした。もう一度お試しください。",
     "The server's answer could not be read. Please try again."},
    {"認証アプリで読み取るQRコード（読み取れない場合は下のキーを入力してください）",
     "QR code for the authenticator app (if it cannot be scanned, type in the key below)"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(SStr::Count),
              "every SStr needs a row");

}  // namespace

const char* Tr(Lang lang, SStr id) {
    const Pair& pair = kStrings[static_cast<size_t>(id)];
    return lang == Lang::En ? pair.en : pair.ja;
}

std::string Label(Lang lang, SStr id, const char* stable_id) {
    return std::string(Tr(lang, id)) + "###" + stable_id;
}

std::string AllSecurityStringsForFont() {
    std::string all;
    for (const Pair& pair : kStrings) {
        all += pair.ja;
        all += pair.en;
    }
    return all;
}

}  // namespace portal
