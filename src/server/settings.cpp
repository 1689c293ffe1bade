// Flags and environment variables into Settings, with strict value checks.
#include "server/settings.h"

#include <cstdlib>
#include <functional>
#include <map>

#include "engine/date.h"

namespace portal::server {
namespace {

bool ParseInteger(const std::string& text, int64_t min, int64_t max, int64_t& out) {
    if (text.empty() || text.size() > 12) return false;
    int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    if (value < min || value > max) return false;
    out = value;
    return true;
}

bool ParseSwitch(const std::string& text, bool& out) {
    if (text == "1" || text == "true" || text == "yes" || text == "on") return out = true, true;
    if (text == "0" || text == "false" || text == "no" || text == "off") return out = false, true;
    return false;
}

struct Option {
    const char* flag;
    const char* env;  // nullptr when there is no environment variable
    std::function<bool(const std::string&)> apply;
    const char* expects = nullptr;  // the accepted values, named in the error message
    bool is_switch = false;         // 0|1: the flag alone means 1 (--kiosk)
};

std::vector<Option> Options(Settings& s) {
    auto text = [](std::string& field) {
        return [&field](const std::string& v) {
            field = v;
            return true;
        };
    };
    auto integer = [](int64_t& field, int64_t min, int64_t max) {
        return [&field, min, max](const std::string& v) { return ParseInteger(v, min, max, field); };
    };
    auto flag = [](bool& field) { return [&field](const std::string& v) { return ParseSwitch(v, field); }; };
    constexpr const char* kSwitch = "0/1, true/false, yes/no, on/off";
    return {
        {"--listen", "PORTAL_LISTEN", text(s.listen)},
        {"--db", "PORTAL_DB", text(s.db_path)},
        {"--db-pool", "PORTAL_DB_POOL", integer(s.db_pool, 1, 256)},
        {"--mail", "PORTAL_MAIL", text(s.mail)},
        {"--mail-from", "PORTAL_MAIL_FROM", text(s.mail_from)},
        {"--smtp-starttls", "PORTAL_SMTP_STARTTLS", flag(s.smtp_starttls), kSwitch, true},
        {"--smtp-ca", "PORTAL_SMTP_CA_FILE", text(s.smtp_ca_file)},
        {nullptr, "PORTAL_SMTP_USER", text(s.smtp_user)},
        {nullptr, "PORTAL_SMTP_PASSWORD", text(s.smtp_password)},
        {"--tls-cert", "PORTAL_TLS_CERT", text(s.tls_cert)},
        {"--tls-key", "PORTAL_TLS_KEY", text(s.tls_key)},
        {"--session-idle", "PORTAL_SESSION_IDLE", integer(s.session_idle_seconds, 1, 86400)},
        {"--session-absolute", "PORTAL_SESSION_ABSOLUTE", integer(s.session_absolute_seconds, 1, 7 * 86400)},
        {"--as-of", "PORTAL_AS_OF",
         [&s](const std::string& v) { return v.empty() || ParseDate(v) ? (s.as_of = v, true) : false; }},
        {"--demo", "PORTAL_DEMO", flag(s.demo), kSwitch, true},
        {"--demo-large-lines", "PORTAL_DEMO_LARGE_LINES", integer(s.demo_large_lines, 1, 2000000)},
        {"--web-root", "PORTAL_WEB_ROOT", text(s.web_root)},
        {"--secret-key-file", "PORTAL_SECRET_KEY_FILE", text(s.secret_key_file)},
        {nullptr, "PORTAL_SECRET_KEY", text(s.secret_key_hex)},
        {"--lock-seconds", "PORTAL_LOCK_SECONDS", integer(s.lock_seconds, 1, 30 * 86400)},
        {"--login-delay-max", "PORTAL_LOGIN_DELAY_MAX", integer(s.login_delay_max, 0, 86400)},
        {"--resend-interval", "PORTAL_RESEND_INTERVAL", integer(s.resend_interval, 1, 3600)},
        {"--code-lifetime", "PORTAL_CODE_LIFETIME", integer(s.code_lifetime, 1, 3600)},
        {"--max-extensions", "PORTAL_MAX_EXTENSIONS", integer(s.max_extensions, 0, 100)},
        {"--ip-limit", "PORTAL_IP_LIMIT", integer(s.ip_limit_per_minute, 1, 1000000)},
        {"--threads", "PORTAL_THREADS", integer(s.threads, 1, 256)},
        {"--io-threads", "PORTAL_IO_THREADS", integer(s.io_threads, 0, 256)},
        {"--max-header-bytes", "PORTAL_MAX_HEADER_BYTES", integer(s.max_header_bytes, 1024, 1024 * 1024)},
        {"--max-headers", "PORTAL_MAX_HEADERS", integer(s.max_header_count, 8, 10000)},
        {"--max-request-line", "PORTAL_MAX_REQUEST_LINE", integer(s.max_request_line, 256, 1024 * 1024)},
        {"--max-body-bytes", "PORTAL_MAX_BODY_BYTES", integer(s.max_body_bytes, 1024, 64 * 1024 * 1024)},
        {"--header-timeout", "PORTAL_HEADER_TIMEOUT", integer(s.header_timeout_seconds, 1, 3600)},
        {"--body-timeout", "PORTAL_BODY_TIMEOUT", integer(s.body_timeout_seconds, 1, 3600)},
        {"--idle-timeout", "PORTAL_IDLE_TIMEOUT", integer(s.idle_timeout_seconds, 1, 3600)},
        {"--send-timeout", "PORTAL_SEND_TIMEOUT", integer(s.send_timeout_seconds, 1, 3600)},
        {"--max-connections", "PORTAL_MAX_CONNECTIONS", integer(s.max_connections, 1, 1000000)},
        {"--max-connections-per-address", "PORTAL_MAX_CONNECTIONS_PER_ADDRESS",
         integer(s.max_connections_per_address, 1, 1000000)},
        {"--public-origin", "PORTAL_PUBLIC_ORIGIN", text(s.public_origin)},
        {"--cache-mb", "PORTAL_CACHE_MB", integer(s.cache_megabytes, 1, 65536)},
        {"--session-cache-ms", "PORTAL_SESSION_CACHE_MS", integer(s.session_cache_ms, 0, 60000)},
        {"--session-listen", "PORTAL_SESSION_LISTEN", flag(s.session_listen), kSwitch, true},
        // The client's own limits (app_kiosk.cpp), so whatever the server says the client takes.
        {"--kiosk", "PORTAL_KIOSK", flag(s.kiosk), kSwitch, true},
        {"--client-idle", "PORTAL_CLIENT_IDLE", integer(s.client_idle_seconds, 5, 3600), "5-3600 (seconds)"},
        {"--client-countdown", "PORTAL_CLIENT_COUNTDOWN", integer(s.client_countdown_seconds, 3, 60),
         "3-60 (seconds)"},
        {"--import", nullptr, text(s.import_file)},
        {"--customer", nullptr, text(s.import_customer)},
        {"--unlock", nullptr, text(s.unlock_id)},
        {"--migrate", nullptr, flag(s.migrate), kSwitch, true},
    };
}

std::string Expected(const Option& option) {
    return option.expects ? std::string(" (使える値 / expected: ") + option.expects + ")" : std::string();
}

}  // namespace

std::string Settings::Host() const {
    auto colon = listen.rfind(':');
    return colon == std::string::npos ? listen : listen.substr(0, colon);
}

int Settings::Port() const {
    auto colon = listen.rfind(':');
    int64_t port = -1;
    if (colon == std::string::npos || !ParseInteger(listen.substr(colon + 1), 0, 65535, port)) return -1;
    return static_cast<int>(port);
}

bool LoadSettings(int argc, char** argv, Settings& settings, std::string& error) {
    auto options = Options(settings);
    for (const auto& option : options) {
        if (!option.env) continue;
        const char* value = std::getenv(option.env);
        if (value && !option.apply(value)) {
            error = std::string("環境変数 ") + option.env + " の値が正しくありません / bad value of " +
                    option.env + ": " + value + Expected(option);
            return false;
        }
    }
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            settings.show_help = true;
            continue;
        }
        if (arg == "--audit-export") {  // the one flag with two values
            if (i + 2 >= argc) {
                error = "--audit-export には FROM TO の2つの日付が必要です / --audit-export needs FROM TO";
                return false;
            }
            settings.audit_export = true;
            settings.audit_export_from = argv[++i];
            settings.audit_export_to = argv[++i];
            continue;
        }
        std::string value;
        bool has_inline_value = false;
        if (auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_inline_value = true;
        }
        const Option* match = nullptr;
        for (const auto& option : options)
            if (option.flag && arg == option.flag) match = &option;
        if (!match) {
            error = "不明なオプションです / unknown option: " + arg + " (--help)";
            return false;
        }
        if (!has_inline_value && match->is_switch) {
            // "--kiosk" alone is on; "--kiosk 0" still works because a switch word follows.
            bool ignored = false;
            value = i + 1 < argc && ParseSwitch(argv[i + 1], ignored) ? argv[++i] : "1";
        } else if (!has_inline_value) {
            if (i + 1 >= argc) {
                error = "オプションに値がありません / missing value for " + arg;
                return false;
            }
            value = argv[++i];
        }
        if (!match->apply(value)) {
            error =
                "オプションの値が正しくありません / bad value for " + arg + ": " + value + Expected(*match);
            return false;
        }
    }
    if (settings.Port() < 0) {
        error = "待ち受けアドレスは host:port の形式です / --listen must be host:port: " + settings.listen;
        return false;
    }
    if (settings.tls_cert.empty() != settings.tls_key.empty()) {
        error = "TLS には証明書と鍵の両方が必要です / --tls-cert and --tls-key go together";
        return false;
    }
    if (settings.session_absolute_seconds < settings.session_idle_seconds) {
        error =
            "絶対タイムアウトはアイドルタイムアウト以上にしてください / --session-absolute must be >= "
            "--session-idle";
        return false;
    }
    return true;
}

std::string SettingsHelp() {
    return R"(portal-server: 050 Portal API server (see docs/server.md)

  --listen HOST:PORT        PORTAL_LISTEN            default 127.0.0.1:8080 (port 0 = any free port)
  --db PATH|postgresql://USER@HOST:PORT/DB
                            PORTAL_DB                default var/portal.db (SQLite, WAL); a
                                                     postgresql:// URI for several servers (docs/scaling.md)
  --db-pool N               PORTAL_DB_POOL           PostgreSQL connections per server (default 8)
  --mail outbox:DIR|smtp://HOST:PORT|smtps://HOST:PORT
                            PORTAL_MAIL              default outbox:var/outbox
  --mail-from ADDRESS       PORTAL_MAIL_FROM
  --smtp-starttls 0|1       PORTAL_SMTP_STARTTLS     require STARTTLS on smtp://
  --smtp-ca FILE            PORTAL_SMTP_CA_FILE      CA certificate(s) to trust for the mail server's TLS
                            PORTAL_SMTP_USER / PORTAL_SMTP_PASSWORD  SMTP login
  --tls-cert FILE --tls-key FILE  PORTAL_TLS_CERT / PORTAL_TLS_KEY  HTTPS, __Host- cookie, HSTS
  --session-idle SECONDS    PORTAL_SESSION_IDLE      default 900
  --session-absolute SECONDS PORTAL_SESSION_ABSOLUTE default 28800
  --as-of YYYY-MM-DD        PORTAL_AS_OF             as-of date override (tests)
  --demo 0|1                PORTAL_DEMO              seed demo customers on first start (default 1)
  --demo-large-lines N      PORTAL_DEMO_LARGE_LINES  lines of demo-large (default 100000)
  --web-root DIR            PORTAL_WEB_ROOT          built client files to serve
  --secret-key-file FILE    PORTAL_SECRET_KEY_FILE   default var/secret.key (created when missing)
                            PORTAL_SECRET_KEY        64 hex digits, wins over the file
  --lock-seconds N          PORTAL_LOCK_SECONDS      lock after 100 failed passwords (default 3600)
  --login-delay-max N       PORTAL_LOGIN_DELAY_MAX   cap of the growing delay after failed passwords (default 300, 0 = none)
  --resend-interval N       PORTAL_RESEND_INTERVAL   seconds between code resends (default 60)
  --code-lifetime N         PORTAL_CODE_LIFETIME     seconds a login's code (and its challenge) lives (default 600)
  --max-extensions N        PORTAL_MAX_EXTENSIONS    times an app login's time can be extended, 0-100 (default 3)
  --ip-limit N              PORTAL_IP_LIMIT          auth calls per minute per address (default 60)
  --threads N               PORTAL_THREADS           route handler worker threads (default 16)
  --io-threads N            PORTAL_IO_THREADS        network I/O threads (default 0 = one per core)
  --public-origin URL[,URL] PORTAL_PUBLIC_ORIGIN     origins allowed to POST (default: the listen address)
  --max-header-bytes N      PORTAL_MAX_HEADER_BYTES  request head size limit, 431 beyond (default 16384)
  --max-headers N           PORTAL_MAX_HEADERS       header fields per request, 431 beyond (default 100)
  --max-request-line N      PORTAL_MAX_REQUEST_LINE  request line length, 414 beyond (default 8192)
  --max-body-bytes N        PORTAL_MAX_BODY_BYTES    request body bytes on the wire, 413 beyond (default 16384)
  --header-timeout S        PORTAL_HEADER_TIMEOUT    deadline for a whole request head (default 10)
  --body-timeout S          PORTAL_BODY_TIMEOUT      deadline for a whole request body (default 10)
  --idle-timeout S          PORTAL_IDLE_TIMEOUT      keep-alive idle time between requests (default 30)
  --send-timeout S          PORTAL_SEND_TIMEOUT      deadline per 256 KiB of an answer (default 30)
  --max-connections N       PORTAL_MAX_CONNECTIONS   open connections, 503 beyond (default 10000)
  --max-connections-per-address N  PORTAL_MAX_CONNECTIONS_PER_ADDRESS  per client address (default 512)
  --cache-mb N              PORTAL_CACHE_MB          decoded line cache budget (default 256)
  --session-cache-ms N      PORTAL_SESSION_CACHE_MS  how long a checked session is remembered (default
                                                     1000 on SQLite; on PostgreSQL 60000 with
                                                     --session-listen, else 0 = a check per request)
  --session-listen [0|1]    PORTAL_SESSION_LISTEN    PostgreSQL: keep the session cache true by LISTEN/NOTIFY
                                                     (default 0); without it a cache set by --session-cache-ms
                                                     lets a logout on one server reach the others that late
  --kiosk [0|1]             PORTAL_KIOSK             kiosk mode for the browser client (GET /api/v1/client-config)
  --client-idle SECONDS     PORTAL_CLIENT_IDLE       client idle time before its logout countdown, 5-3600
                                                     (default 600 with --kiosk, 900 otherwise)
  --client-countdown SECONDS PORTAL_CLIENT_COUNTDOWN the countdown dialog's seconds, 3-60 (default 60; the
                                                     client raises values under 20 to 20, WCAG 2.2.1)
Operator commands (run and exit):
  --import FILE [--customer ID]   import customers (JSON) or one customer's lines (CSV)
  --unlock ID                     release an account locked by failed passwords or codes
  --audit-export FROM TO          the audit log of Japan days FROM..TO (YYYY-MM-DD) as CSV
                                  (UTF-8 with BOM) on stdout; kept 13 months
  --migrate                       bring the database schema up to date, print its version
)";
}

}  // namespace portal::server
