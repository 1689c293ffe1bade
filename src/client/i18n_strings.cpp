// The strings table, in the order of enum Str. Japanese wording follows the product manual.
#include <iterator>

#include "i18n.h"

namespace portal {

struct StringPair {
    const char* ja;
    const char* en;
};

namespace {
const StringPair kStrings[] = {
    // AppTitle, Brand, BrandService, SwitchLanguage, Loading
    {"IP電話サービス／モバイルチョイス“050” ご契約情報照会",
     "IP Phone Service / Mobile Choice \"050\" Contract Information"},
    {"カスタマー・セルフケア・サービス", "Customer Self-care Service"},
    {"IP加入電話", "IP phone subscription"},
    {"English", "日本語"},
    {"読み込み中…", "Loading…"},
    // Login
    {"セルフケアログイン", "Self-care login"},
    {"ログイン認証チェックを行います。", "We will check your login details."},
    {"※ご本人様確認のため、ログイン後、ご契約時に登録のメールアドレス宛に認証コードをお送りします。",
     "※To confirm that it is you, after login we send an authentication code to the e-mail address "
     "registered with your contract."},
    {"お手元に「サービス開始のご案内」をご用意いただき、「セルフケアID」「セルフケアパスワード」をご入力くだ"
     "さい。",
     "Please have your \"Service start notice\" at hand and enter your self-care ID and self-care password."},
    {"紛失等により情報漏洩が発生すると、第三者に悪用される恐れがありますので、本紙記載のIDやパスワード等につ"
     "きましては、お客様において責任をもって管理いただきますようお願いいたします。",
     "If the notice is lost and its information leaks, third parties may misuse it: please keep the ID, "
     "passwords and other details on it safe under your own responsibility."},
    {"お客様が第三者に共有する場合は、お客様の責任においてお取り扱いください。",
     "If you share them with a third party, you do so under your own responsibility."},
    {"★セルフケア情報", "★Self-care details"},
    {"セルフケアID", "Self-care ID"},
    {"セルフケアIDを入力してください。", "Please enter your self-care ID."},
    {"セルフケアパスワード", "Self-care password"},
    {"セルフケアパスワードを入力してください。", "Please enter your self-care password."},
    {"表示する", "Show"},
    {"隠す", "Hide"},
    {"送信", "Submit"},
    {"リセット", "Reset"},
    {"※ご登録メールアドレスによる二段階認証を行います",
     "※Two-step verification through your registered e-mail address"},
    {"送信中…", "Sending…"},
    {"ログインは一時的に制限されています。あと %s でもう一度お試しいただけます。",
     "Login is temporarily restricted. You can try again in %s."},
    {"セッションが終了しました。もう一度ログインしてください。",
     "Your session has ended. Please log in again."},
    {"ログアウトしました。", "You have logged out."},
    // Code
    {"認証コードの入力", "Enter the authentication code"},
    {"認証コードを %s 宛にお送りしました。", "We sent an authentication code to %s."},
    {"メールに記載の6桁の数字を入力してください。貼り付けもできます。",
     "Enter the six digits from the e-mail. You can also paste them."},
    {"認証コード", "Authentication code"},
    {"有効期限まで残り %s", "Valid for another %s"},
    {"認証コードの有効期限が切れました。ログイン画面からやり直してください。",
     "The authentication code has expired. Please start again from the login screen."},
    {"認証する", "Verify"},
    {"認証コードを再送信", "Send the code again"},
    {"再送信はあと %s でできます", "You can resend in %s"},
    {"認証コードを再送信しました。新しいコードを入力してください。",
     "We sent a new code. Please enter the new one."},
    {"ログイン画面に戻る", "Back to login"},
    {"6桁の数字を入力してください。", "Please enter six digits."},
    {"認証アプリのコードの入力", "Enter the authenticator app code"},
    {"認証アプリ（Google Authenticator "
     "など）に表示されている6桁の数字を入力してください。メールは送信されません。",
     "Enter the six digits your authenticator app (Google Authenticator or similar) shows now. No e-mail is "
     "sent."},
    {"アプリを使えないときは、登録時に控えた回復コード（例: "
     "abcde-fghjk）を入力できます。回復コードは1回だけ使えます。",
     "If you cannot use the app, enter one of the recovery codes you kept at set-up (e.g. abcde-fghjk). Each "
     "works once."},
    {"6桁の数字、または回復コード（英数字10文字）を入力してください。",
     "Please enter six digits or a recovery code (ten letters and digits)."},
    {"認証アプリ（Google Authenticator "
     "など）に表示されている6桁の数字を入力してください。アプリを使えないとき"
     "は、認証コードを %s 宛にメールでお送りできます。",
     "Enter the six digits your authenticator app (Google Authenticator or similar) shows now. If you cannot "
     "use the app, we can send a code by e-mail to %s."},
    {"認証コードをメールで送る", "Send the code by e-mail"},
    {"認証コードをメールでお送りしました。メールに記載の6桁の数字を入力してください。",
     "We sent a code by e-mail. Please enter the six digits from the mail."},
    {"認証コードの有効期限がまもなく切れます。間に合わないときは、新しいコードをお送りします。",
     "The code expires soon. If you need more time, we can send you a new code."},
    {"ログインを完了できる時間がまもなく終わります。時間が足りないときは「時間を延長する」を押してください。",
     "The time to finish logging in ends soon. If you need more, choose \"Extend the time\"."},
    {"新しいコードを送る", "Send a new code"},
    {"ログイン完了までの残り時間 %s", "Time left to finish logging in: %s"},
    {"時間を延長する", "Extend the time"},
    {"時間を延長しました。認証アプリのコードを入力してください。",
     "The time was extended. Please enter the code your app shows."},
    // Menu
    {"情報照会サービス", "Inquiry services"},
    {"下記のメニューより照会したい内容をお選びください。", "Please choose what you would like to look up."},
    {"◆ご契約情報照会", "◆Contract information"},
    {"(ご契約内容の一覧)", "(list of your contract)"},
    {"◆ご利用状況照会", "◆Usage"},
    {"(番号別の通話回数/時間/料金)", "(calls, time and charges per number)"},
    {"◆明細照会", "◆Call details"},
    {"(番号別の通話先電話番号、日時、時間、料金等)",
     "(destination, date and time, duration, charge per number)"},
    {"※明細照会をご利用いただくには別途お申し込みが必要(無料)です。",
     "※Call details need a separate application (free of charge)."},
    {"お申し込みがないため、明細照会はご利用いただけません。",
     "Call details are not available because this contract has not applied for them."},
    {"※安全性について", "※About security"},
    {"フォームのご利用にあたっては、プライバシー保護のため、SSL暗号化通信を導入しています。",
     "To protect your privacy, the forms use SSL-encrypted communication."},
    {"メニューに戻る", "Back to menu"},
    // Header
    {"ご契約者名", "Contractor"},
    {"様", ""},
    {"セッション残り %s", "Session ends in %s"},
    {"ログアウト", "Log out"},
    // Contract
    {"ご契約情報照会", "Contract information"},
    {"情報照会サービス ＞ IP電話サービス ＞ 契約情報照会",
     "Inquiry services > IP phone service > Contract information"},
    {"契約情報照会のご利用案内", "About this inquiry"},
    {"ここでは現在の契約アカウント情報を参照することができます。解約申込書を提出いただいている場合、当社にて"
     "手続き中のアカウントのステータスはサービス提供中として表示されます。当社手続き完了後、ステータスは解約"
     "済みとなります。",
     "Here you can see the accounts of your current contract. If you have submitted a cancellation, accounts "
     "still being processed show as in service; once we have finished, they show as cancelled."},
    {"※注意事項　アカウントIDやパスワードの取り扱いにはご注意ください。第三者に開示する場合はお客様の責任でご"
     "判断ください。",
     "※Caution: handle account IDs and passwords with care. Disclosing them to a third party is your own "
     "decision and responsibility."},
    {"ご契約内容", "Contract summary"},
    {"サービス名", "Service"},
    {"お客様コード", "Customer code"},
    {"SIPプロキシサーバ", "SIP proxy server"},
    {"SIPドメイン", "SIP domain"},
    {"払出し済み回線数", "Lines issued"},
    {"サービス提供中回線数", "Lines in service"},
    {"解約済み回線数", "Lines cancelled"},
    {"通話料プラン", "Call charge plan"},
    {"%s回線", "%s lines"},
    {"回線情報", "Lines"},
    {"検索条件", "Search conditions"},
    {"※一つの条件でも検索は可能です。", "※You can search with a single condition."},
    {"※複数の条件を指定した場合はいずれも満たす回線のみ表示",
     "※With several conditions, only lines meeting all of them are shown"},
    {"電話番号", "Phone number"},
    {"※前方一致(7桁以上)", "※Starts with (7 digits or more)"},
    {"ステータス", "Status"},
    {"すべての回線(解約済み含む)", "All lines (incl. cancelled)"},
    {"サービス提供中回線のみ表示", "Lines in service only"},
    {"サービス開始日", "Service start date"},
    {"年", "Y"},
    {"月", "M"},
    {"日", "D"},
    {"クリア", "Clear"},
    {"開始", "From"},
    {"終了", "To"},
    {"検索する", "Search"},
    {"全 %s回線中 %s回線を表示", "Showing %2$s of %1$s lines"},
    {"表示", "Show"},
    {"隠す", "Hide"},
    {"コピー", "Copy"},
    {"コピーしました", "Copied"},
    {"戻る", "Back"},
    {"回線情報を読み込んでいます…", "Loading the lines…"},
    {"回線情報を受信しています: %2$s回線中 %1$s回線", "Receiving the lines: %s of %s"},
    {"条件に一致する回線はありません。", "No line matches the conditions."},
    {"条件を直すと一覧が更新されます (表示中の一覧は直前の条件のものです)。",
     "Correct the conditions to update the list (the list shown is for the previous conditions)."},
    {"表示したパスワードは30秒後に再び伏せられます。",
     "Revealed passwords are hidden again after 30 seconds."},
    {"検索条件を復元しています…", "Restoring your search conditions…"},
    {"前回の検索条件を復元できませんでした。初期の検索条件で表示しています。",
     "Your previous search conditions could not be restored. The default conditions are shown."},
    // CSV
    {"csvダウンロード", "CSV download"},
    {"表示中の回線 (%s回線)", "Lines shown (%s)"},
    {"全回線 (%s回線)", "All lines (%s)"},
    {"UTF-8 (BOM付き)", "UTF-8 (with BOM)"},
    {"Shift_JIS (古いExcel向け)", "Shift_JIS (older Excel)"},
    {"csvダウンロード", "Download CSV"},
    {"ダウンロードしました: %s", "Downloaded: %s"},
    {"全ての契約情報がダウンロード可能です。", "All contract information can be downloaded."},
    {"形式", "Format"},
    {"対象", "Lines"},
    {"Excel (.xlsx)", "Excel (.xlsx)"},
    {"Excelダウンロード", "Download Excel"},
    // Network
    {"サーバーに接続できませんでした (%s)。通信環境をご確認のうえ、再試行してください。",
     "Could not reach the server (%s). Please check your connection and retry."},
    {"サーバーから時間内に応答がありませんでした。通信環境をご確認のうえ、再試行してください。",
     "The server did not answer in time. Please check your connection and retry."},
    {"サーバーでエラーが発生しました (HTTP %d)。しばらくしてから再試行してください。",
     "The server reported an error (HTTP %d). Please retry in a moment."},
    {"サーバーの応答を読み取れませんでした: %s", "The server's answer could not be read: %s"},
    {"再試行", "Retry"},
    {"処理中…", "Working…"},
    // Screens
    {"ログイン", "Login"},
    {"認証コード", "Authentication code"},
    {"メニュー", "Menu"},
    {"ご契約情報照会", "Contract information"},
    {"ご利用状況照会", "Usage"},
    {"明細照会", "Call details"},
    {"起動中", "Starting"},
};
static_assert(std::size(kStrings) == static_cast<size_t>(Str::Count), "kStrings must follow enum Str");
}  // namespace

const StringPair& StringAt(size_t index) {
    return kStrings[index];
}

}  // namespace portal
