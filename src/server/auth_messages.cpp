// The login's refusals in words (auth_messages.h).
#include "server/auth_messages.h"

namespace portal::server {

Error AuthError(const char* code, const char* ja, const char* en) {
    return Error{code, "", Text{ja, en}};
}

std::string WaitText(Seconds seconds, bool japanese) {
    if (seconds >= 120) {
        Seconds minutes = (seconds + 59) / 60;
        return japanese ? std::to_string(minutes) + " 分" : std::to_string(minutes) + " minutes";
    }
    return japanese ? std::to_string(seconds) + " 秒" : std::to_string(seconds) + " seconds";
}

Text ResendRule(Seconds interval) {
    if (interval == 60) return Text{"1分に1回", "once a minute"};
    if (interval == 1) return Text{"1秒に1回", "once a second"};
    if (interval % 60 == 0) {
        const std::string minutes = std::to_string(interval / 60);
        return Text{minutes + "分に1回", "once every " + minutes + " minutes"};
    }
    const std::string seconds = std::to_string(interval);
    return Text{seconds + "秒に1回", "once every " + seconds + " seconds"};
}

Text ExtensionLimitText(int max_extensions) {
    const std::string then_ja = "時間内に完了できないときは、ログイン画面からやり直してください。";
    const std::string then_en = " If you cannot finish in time, please log in again.";
    if (max_extensions <= 0)
        return Text{"時間の延長はできません。" + then_ja, "The time cannot be extended." + then_en};
    const std::string times = std::to_string(max_extensions);
    return Text{"時間の延長は" + times + "回までです。" + then_ja,
                "The time can be extended " + (max_extensions == 1 ? std::string("once") : times + " times") +
                    " at most." + then_en};
}

Error ChallengeInvalid() {
    return AuthError("challenge_invalid", "このログインは無効か期限切れです。もう一度ログインしてください。",
                     "This login has ended or expired. Please log in again.");
}

Error CodeExpired() {
    return AuthError("code_expired", "認証コードの有効期限が切れました。もう一度ログインしてください。",
                     "The code has expired. Please log in again.");
}

Error NotLoggedIn() {
    return AuthError("not_logged_in", "ログインしていないか、セッションの有効期限が切れています。",
                     "You are not logged in or the session has expired.");
}

}  // namespace portal::server
