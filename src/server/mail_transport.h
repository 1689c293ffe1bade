// Where code mails go: a development outbox folder (one .eml file per message) or an SMTP
// server through libcurl (plain, STARTTLS or implicit TLS, with optional login).
#pragma once
#include <memory>
#include <string>

#include "server/mail_message.h"
#include "server/settings.h"

namespace portal::server {

class MailTransport {
  public:
    virtual ~MailTransport() = default;
    // Delivers the message; false with `error` (for the log, not the customer) on failure.
    virtual bool Send(const MailMessage& message, std::string& error) = 0;
    virtual std::string Describe() const = 0;
};

// nullptr with `error` when PORTAL_MAIL is not outbox:DIR, smtp://host:port or smtps://host:port.
std::unique_ptr<MailTransport> MakeMailTransport(const Settings& settings, std::string& error);

}  // namespace portal::server
