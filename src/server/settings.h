// The server's settings: every one a command-line flag and an environment variable, with
// defaults that need nothing else (see docs/server.md for the table).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace portal::server {

struct Settings {
    std::string listen = "127.0.0.1:8080";   // --listen / PORTAL_LISTEN (port 0 = any free port)
    std::string db_path = "var/portal.db";   // --db / PORTAL_DB (a file, or postgresql://...)
    int64_t db_pool = 8;                     // --db-pool / PORTAL_DB_POOL (PostgreSQL connections)
    std::string mail = "outbox:var/outbox";  // --mail / PORTAL_MAIL: outbox:DIR | smtp[s]://host:port
    std::string mail_from = "050 Portal <no-reply@portal.example.jp>";  // --mail-from
    std::string smtp_user;      // PORTAL_SMTP_USER (environment only: no secrets in ps)
    std::string smtp_password;  // PORTAL_SMTP_PASSWORD
    bool smtp_starttls = false;
    std::string smtp_ca_file;  // --smtp-ca / PORTAL_SMTP_CA_FILE (private CA of the mail server) //
                               // --smtp-starttls / PORTAL_SMTP_STARTTLS=1
    std::string tls_cert;      // --tls-cert / PORTAL_TLS_CERT
    std::string tls_key;       // --tls-key / PORTAL_TLS_KEY
    int64_t session_idle_seconds = 15 * 60;          // --session-idle / PORTAL_SESSION_IDLE
    int64_t session_absolute_seconds = 8 * 3600;     // --session-absolute / PORTAL_SESSION_ABSOLUTE
    std::string as_of;                               // --as-of / PORTAL_AS_OF (YYYY-MM-DD; empty = today JST)
    bool demo = true;                                // --demo 0|1 / PORTAL_DEMO
    int64_t demo_large_lines = 100000;               // --demo-large-lines / PORTAL_DEMO_LARGE_LINES
    std::string web_root;                            // --web-root / PORTAL_WEB_ROOT
    std::string secret_key_file = "var/secret.key";  // --secret-key-file / PORTAL_SECRET_KEY_FILE
    std::string secret_key_hex;                      // PORTAL_SECRET_KEY (64 hex digits; wins over the file)
    int64_t lock_seconds = 3600;                     // --lock-seconds / PORTAL_LOCK_SECONDS
    int64_t login_delay_max = 300;     // --login-delay-max / PORTAL_LOGIN_DELAY_MAX (0 = no delays)
    int64_t resend_interval = 60;      // --resend-interval / PORTAL_RESEND_INTERVAL (tests shorten it)
    int64_t code_lifetime = 600;       // --code-lifetime / PORTAL_CODE_LIFETIME (a login's second step)
    int64_t max_extensions = 3;        // --max-extensions / PORTAL_MAX_EXTENSIONS (per app challenge)
    int64_t ip_limit_per_minute = 60;  // --ip-limit / PORTAL_IP_LIMIT (auth calls per address)
    int64_t threads = 16;              // --threads / PORTAL_THREADS (route handler workers)
    int64_t cache_megabytes = 256;     // --cache-mb / PORTAL_CACHE_MB (decoded line stores)
    // --session-cache-ms / PORTAL_SESSION_CACHE_MS; -1: 1000 on SQLite; on PostgreSQL 60000
    // kept true by LISTEN/NOTIFY (session_listen), 0 (a check per request) without it
    int64_t session_cache_ms = -1;
    // --session-listen 0|1 / PORTAL_SESSION_LISTEN (PostgreSQL only). Off by default: not shown
    // faster than the check per request on the loaded 2-core machine (docs/scaling.md).
    bool session_listen = false;

    // The HTTP layer: its threads and the limits on what one client can make the server hold.
    int64_t io_threads = 0;                // --io-threads / PORTAL_IO_THREADS (0 = one per core)
    int64_t max_header_bytes = 16 * 1024;  // --max-header-bytes / PORTAL_MAX_HEADER_BYTES
    int64_t max_header_count = 100;        // --max-headers / PORTAL_MAX_HEADERS
    int64_t max_request_line = 8192;       // --max-request-line / PORTAL_MAX_REQUEST_LINE
    int64_t max_body_bytes = 16 * 1024;    // --max-body-bytes / PORTAL_MAX_BODY_BYTES
    int64_t header_timeout_seconds = 10;   // --header-timeout / PORTAL_HEADER_TIMEOUT
    int64_t body_timeout_seconds = 10;     // --body-timeout / PORTAL_BODY_TIMEOUT
    int64_t idle_timeout_seconds = 30;     // --idle-timeout / PORTAL_IDLE_TIMEOUT
    int64_t send_timeout_seconds = 30;     // --send-timeout / PORTAL_SEND_TIMEOUT
    int64_t max_connections = 10000;       // --max-connections / PORTAL_MAX_CONNECTIONS
    int64_t max_connections_per_address =
        512;  // --max-connections-per-address / PORTAL_MAX_CONNECTIONS_PER_ADDRESS
    // The origins whose browsers may call the API (Origin of a POST), comma-separated; empty:
    // the listen address itself (and localhost for a loopback address).
    std::string public_origin;                 // --public-origin / PORTAL_PUBLIC_ORIGIN
    std::vector<std::string> allowed_origins;  // computed at start from the two above

    // What the browser client fetches at boot from GET /api/v1/client-config: kiosk mode
    // and its idle logout, so an operator can set a kiosk up without URL parameters.
    bool kiosk = false;                     // --kiosk [0|1] / PORTAL_KIOSK
    int64_t client_idle_seconds = -1;       // --client-idle / PORTAL_CLIENT_IDLE (-1 = 600 kiosk, 900 else)
    int64_t client_countdown_seconds = 60;  // --client-countdown / PORTAL_CLIENT_COUNTDOWN

    // Operator commands: run, print the outcome and exit instead of serving.
    std::string import_file;      // --import FILE
    std::string import_customer;  // --customer ID (CSV line imports)
    std::string unlock_id;        // --unlock ID
    bool migrate = false;         // --migrate: bring the schema up to date and exit
    bool audit_export = false;    // --audit-export FROM TO (Japan dates, inclusive)
    std::string audit_export_from, audit_export_to;
    bool show_help = false;

    bool UsesTls() const { return !tls_cert.empty(); }
    int64_t ClientIdleSeconds() const {
        return client_idle_seconds >= 0 ? client_idle_seconds : kiosk ? 600 : 900;
    }
    std::string Host() const;
    int Port() const;
};

// Flags win over environment variables, which win over the defaults. Returns false with a
// message in `error` (Japanese and English) on an unknown flag or a bad value.
bool LoadSettings(int argc, char** argv, Settings& settings, std::string& error);
std::string SettingsHelp();

}  // namespace portal::server
