// Outbox and SMTP transports.
#include "server/mail_transport.h"

#include <curl/curl.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "engine/format.h"
#include "server/secrets.h"

namespace portal::server {
namespace {

class OutboxTransport : public MailTransport {
  public:
    explicit OutboxTransport(std::string dir) : dir_(std::move(dir)) {}

    bool Send(const MailMessage& message, std::string& error) override {
        std::error_code ec;
        std::filesystem::create_directories(dir_, ec);
        char stamp[32];
        std::time_t now = std::time(nullptr);
        std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
        const std::string name = std::string(stamp) + "-" + RandomToken(4) + ".eml";
        const auto final_path = std::filesystem::path(dir_) / name;
        const auto temp_path = std::filesystem::path(dir_) / ("." + name + ".tmp");
        {
            std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
            out.write(message.bytes.data(), static_cast<std::streamsize>(message.bytes.size()));
            if (!out) {
                error = "cannot write " + temp_path.string();
                return false;
            }
        }
        // Rename so a reader of the folder never sees half a message.
        std::filesystem::rename(temp_path, final_path, ec);
        if (ec) {
            error = "cannot rename to " + final_path.string() + ": " + ec.message();
            return false;
        }
        std::printf(
            "mail: 認証コードのメール (%s 宛) を %s に保存しました / code mail for %s written to %s\n",
            MaskEmail(message.envelope_to).c_str(), final_path.c_str(),
            MaskEmail(message.envelope_to).c_str(), final_path.c_str());
        std::fflush(stdout);
        return true;
    }

    std::string Describe() const override { return "outbox " + dir_; }

  private:
    std::string dir_;
};

class SmtpTransport : public MailTransport {
  public:
    SmtpTransport(std::string url, const Settings& settings)
        : url_(std::move(url)),
          user_(settings.smtp_user),
          password_(settings.smtp_password),
          ca_file_(settings.smtp_ca_file),
          starttls_(settings.smtp_starttls) {}

    bool Send(const MailMessage& message, std::string& error) override {
        CURL* curl = curl_easy_init();
        if (!curl) return error = "curl_easy_init failed", false;
        Upload upload{message.bytes, 0};
        curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.envelope_to + ">").c_str());
        const std::string mail_from = "<" + message.envelope_from + ">";
        curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, &SmtpTransport::Read);
        curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        if (starttls_) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
        if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
        if (!user_.empty()) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, user_.c_str());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
        }
        CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(recipients);
        curl_easy_cleanup(curl);
        if (rc != CURLE_OK) {
            error = std::string("SMTP: ") + curl_easy_strerror(rc);
            return false;
        }
        std::printf("mail: 認証コードのメール (%s 宛) を %s へ送信しました / code mail for %s sent via %s\n",
                    MaskEmail(message.envelope_to).c_str(), url_.c_str(),
                    MaskEmail(message.envelope_to).c_str(), url_.c_str());
        std::fflush(stdout);
        return true;
    }

    std::string Describe() const override { return url_ + (starttls_ ? " (STARTTLS)" : ""); }

  private:
    struct Upload {
        const std::string& bytes;
        size_t offset;
    };
    static size_t Read(char* buffer, size_t size, size_t count, void* user) {
        auto* upload = static_cast<Upload*>(user);
        size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
        std::copy_n(upload->bytes.data() + upload->offset, n, buffer);
        upload->offset += n;
        return n;
    }

    std::string url_, user_, password_, ca_file_;
    bool starttls_;
};

}  // namespace

std::unique_ptr<MailTransport> MakeMailTransport(const Settings& settings, std::string& error) {
    const std::string& spec = settings.mail;
    if (spec.rfind("outbox:", 0) == 0 && spec.size() > 7)
        return std::make_unique<OutboxTransport>(spec.substr(7));
    if (spec.rfind("smtp://", 0) == 0 || spec.rfind("smtps://", 0) == 0) {
        static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
        if (!curl_ready) return error = "curl_global_init failed", nullptr;
        return std::make_unique<SmtpTransport>(spec, settings);
    }
    error =
        "メール送信先は outbox:DIR か smtp://host:port です / --mail must be outbox:DIR, smtp://host:port or "
        "smtps://host:port: " +
        spec;
    return nullptr;
}

}  // namespace portal::server
