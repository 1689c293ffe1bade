// Security notices mailed to the customer: a login from a browser not seen before for the ID,
// and the second step locked after too many wrong codes.
#pragma once
#include <string_view>

#include "server/mail_message.h"

namespace portal::server {

MailMessage BuildNewDeviceMail(std::string_view from, std::string_view to, std::string_view address,
                               std::string_view browser, Seconds now);
MailMessage BuildSecondStepLockedMail(std::string_view from, std::string_view to, Seconds locked_until,
                                      Seconds now);

}  // namespace portal::server
