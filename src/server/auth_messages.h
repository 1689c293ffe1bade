// The words of the login's refusals, in Japanese and English, with the waits and limits they name
// taken from the settings. Shared by the files of AuthService.
#pragma once
#include <string>

#include "engine/result.h"
#include "server/storage.h"

namespace portal::server {

Error AuthError(const char* code, const char* ja, const char* en);
// "45 秒" / "45 seconds", or whole minutes from two minutes on: "5 分" / "5 minutes".
std::string WaitText(Seconds seconds, bool japanese);
// How often a code may be re-sent: "1分に1回" / "once a minute" at 60 s.
Text ResendRule(Seconds interval);
// The answer to one extension too many (--max-extensions; 0: the time is never extended).
Text ExtensionLimitText(int max_extensions);
// An unknown, used or ended challenge, and one past its life (--code-lifetime).
Error ChallengeInvalid();
Error CodeExpired();
Error NotLoggedIn();

}  // namespace portal::server
