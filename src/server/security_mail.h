// Security notices mailed to the customer: a login from a browser not seen before for the ID,
// the second step locked after too many wrong codes, and every change of the second step.
#pragma once
#include <string_view>

#include "server/mail_message.h"

namespace portal::server {

MailMessage BuildNewDeviceMail(std::string_view from, std::string_view to, std::string_view address,
                               std::string_view browser, Seconds now);
MailMessage BuildSecondStepLockedMail(std::string_view from, std::string_view to, Seconds locked_until,
                                      Seconds now);

// A change of the second step (authenticator added or removed, recovery codes renewed) or a
// recovery code used: `what_ja` / `what_en` name it in one line.
MailMessage BuildSecondStepChangeMail(std::string_view from, std::string_view to, std::string_view what_ja,
                                      std::string_view what_en, std::string_view address, Seconds now);

}  // namespace portal::server
