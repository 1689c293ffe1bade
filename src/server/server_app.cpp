// Start-up: open the database (migrating it), seed the demo data on first start, build the
// routes, bind, print the address and the demo logins, and serve.
#include "server/server_app.h"

#include <sodium.h>

#include <csignal>
#include <cstdio>
#include <filesystem>

#include "app_context.h"
#include "server/audit_export.h"
#include "server/demo_data.h"
#include "server/housekeeping.h"
#include "server/http/server.h"
#include "server/http_common.h"
#include "server/importer.h"
#include "server/line_warmer.h"
#include "server/pg_session_listener.h"
#include "server/sqlite_db.h"
#include "server/storage_factory.h"

namespace portal::server {
namespace {

std::optional<DateKey> AsOfOverride(const Settings& settings) {
    if (settings.as_of.empty()) return std::nullopt;
    return ParseDate(settings.as_of);
}

// Opens storage (SQLite file or PostgreSQL); nullptr after printing why.
std::unique_ptr<Storage> OpenStorage(const Settings& settings, Secrets& secrets) {
    std::string error;
    if (!Secrets::Load(settings.secret_key_hex, settings.secret_key_file, secrets, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return nullptr;
    }
    auto storage = OpenStorageBackend(settings, secrets, error);
    if (!storage) std::fprintf(stderr, "%s\n", error.c_str());
    return storage;
}

http::ServerOptions ServerOptionsOf(const Settings& settings) {
    http::ServerOptions options;
    options.host = settings.Host();
    if (options.host.size() > 2 && options.host.front() == '[')
        options.host = options.host.substr(1, options.host.size() - 2);
    options.port = settings.Port();
    options.io_threads = static_cast<int>(settings.io_threads);
    options.worker_threads = static_cast<int>(settings.threads);
    options.tls_cert = settings.tls_cert;
    options.tls_key = settings.tls_key;
    options.head.head_bytes = static_cast<size_t>(settings.max_header_bytes);
    options.head.field_count = static_cast<size_t>(settings.max_header_count);
    options.head.request_line_bytes = static_cast<size_t>(settings.max_request_line);
    options.max_body_bytes = static_cast<size_t>(settings.max_body_bytes);
    options.head_timeout = std::chrono::seconds(settings.header_timeout_seconds);
    options.body_timeout = std::chrono::seconds(settings.body_timeout_seconds);
    options.idle_timeout = std::chrono::seconds(settings.idle_timeout_seconds);
    options.send_timeout = std::chrono::seconds(settings.send_timeout_seconds);
    options.max_connections = static_cast<size_t>(settings.max_connections);
    options.max_connections_per_address = static_cast<size_t>(settings.max_connections_per_address);
    return options;
}

http::ServerHooks ServerHooksOf(const Settings& settings) {
    http::ServerHooks hooks;
    hooks.default_headers = SecurityHeaders(settings);
    hooks.error = [](http::Response& res, int status, const char* code, const std::string& ja,
                     const std::string& en) { SendError(res, status, code, ja, en); };
    hooks.before_route = [](const http::Request& req, http::Response& res) {
        if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
    };
    hooks.log_exception = [](const http::Request& req, const char* what) {
        std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what);
    };
    return hooks;
}

// The origins a browser may POST from: --public-origin, else the address we listen on (with the
// port actually bound), plus its localhost twin for a loopback or wildcard address.
std::vector<std::string> AllowedOrigins(const Settings& settings, int port) {
    std::vector<std::string> origins;
    std::string rest = settings.public_origin;
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string item = rest.substr(0, comma);
        rest = comma == std::string::npos ? std::string() : rest.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.erase(0, 1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '/')) item.pop_back();
        if (!item.empty()) origins.push_back(item);
    }
    if (!origins.empty()) return origins;
    const std::string scheme = settings.UsesTls() ? "https://" : "http://";
    const std::string suffix = ":" + std::to_string(port);
    const std::string host = settings.Host();
    if (host != "0.0.0.0" && host != "[::]") origins.push_back(scheme + host + suffix);
    if (host == "127.0.0.1" || host == "[::1]" || host == "localhost" || host == "0.0.0.0" ||
        host == "[::]") {
        for (const char* loopback : {"127.0.0.1", "localhost"})
            if (host != loopback) origins.push_back(scheme + loopback + suffix);
    }
    return origins;
}

void AddAllRoutes(http::Router& router, AppContext& app) {
    AddAuthRoutes(router, app);
    AddDataRoutes(router, app);
    AddReportRoutes(router, app);
    AddWorkbookRoutes(router, app);
    AddClientConfigRoutes(router, app);
    AddSecurityRoutes(router, app);
    AddPreferenceRoutes(router, app);
    AddStaticRoutes(router, app);
}

void PrintBanner(const Settings& settings, int port, const MailTransport& mail, bool demo) {
    const char* scheme = settings.UsesTls() ? "https" : "http";
    std::printf("050 Portal server listening on %s://%s:%d/\n", scheme, settings.Host().c_str(), port);
    std::printf("  database %s, mail %s, web root %s\n", settings.db_path.c_str(), mail.Describe().c_str(),
                settings.web_root.empty() ? "(none: API only)" : settings.web_root.c_str());
    if (demo) {
        std::printf("  デモ用ログイン / demo logins (password %s):\n", kDemoPassword);
        for (const auto& login : DemoLogins())
            std::printf("    %-14s %s\n", login.selfcare_id.c_str(), login.description.c_str());
    }
    std::fflush(stdout);
}

}  // namespace

int RunServer(const Settings& settings) {
    if (sodium_init() < 0) return std::fprintf(stderr, "libsodium failed to start\n"), 1;
    Secrets secrets;
    auto storage = OpenStorage(settings, secrets);
    if (!storage) return 1;
    std::string error;
    auto mail = MakeMailTransport(settings, error);
    if (!mail) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
    PasswordHasher hasher(2);
    auto as_of = AsOfOverride(settings);
    const DateKey seed_as_of = as_of ? *as_of : JstDateOf(NowSeconds());
    if (settings.demo && !SeedDemoDataIfEmpty(*storage, hasher, seed_as_of,
                                              static_cast<size_t>(settings.demo_large_lines), error))
        return std::fprintf(stderr, "demo data: %s\n", error.c_str()), 1;

    AuthPolicy policy;
    policy.session_idle = settings.session_idle_seconds;
    policy.session_absolute = settings.session_absolute_seconds;
    policy.lock_seconds = settings.lock_seconds;
    policy.max_delay = settings.login_delay_max;
    policy.resend_interval = settings.resend_interval;
    policy.code_lifetime = settings.code_lifetime;
    policy.max_extensions = static_cast<int>(settings.max_extensions);
    const bool shared = IsSharedDatabase(settings);
    policy.session_cache_ms = settings.session_cache_ms >= 0 ? settings.session_cache_ms
                              : !shared                      ? 1000
                              : settings.session_listen      ? 60000
                                                             : 0;
    AuthService auth(*storage, hasher, *mail, secrets, settings, policy);
    // On a shared database a remembered session is trusted only while this server hears every
    // logout, touch and import of the others.
    std::unique_ptr<PgSessionListener> session_listener;
    if (shared && settings.session_listen && policy.session_cache_ms > 0)
        session_listener = std::make_unique<PgSessionListener>(settings.db_path, auth.session_cache());
    LineCache cache(static_cast<size_t>(settings.cache_megabytes) * 1024 * 1024);
    LineWarmer warmer(*storage, cache);
    auth.OnPasswordAccepted([&warmer](const Customer& customer) { warmer.Warm(customer); });

    http::Router router;
    http::Server server(router, ServerOptionsOf(settings), ServerHooksOf(settings));
    if (!server.Listen(error)) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
    const int port = server.port();
    Settings effective = settings;
    effective.allowed_origins = AllowedOrigins(settings, port);
    AppContext app{effective, *storage, auth, cache, as_of};
    AddAllRoutes(router, app);
    PrintBanner(effective, port, *mail, settings.demo);
    // A browser closing a connection mid-response must not end the server.
    std::signal(SIGPIPE, SIG_IGN);
    server.Run([&] {
        try {
            RunHousekeeping(*storage, policy, NowSeconds());
        } catch (const SqliteError& e) {  // a busy or full disk: try again next minute
            std::fprintf(stderr, "purge: %s\n", e.message.c_str());
        } catch (const std::exception& e) {  // the database server is down: the same
            std::fprintf(stderr, "purge: %s\n", e.what());
        }
    });
    std::printf("050 Portal server stopped\n");
    return 0;
}

int RunUnlock(const Settings& settings) {
    if (sodium_init() < 0) return 1;
    Secrets secrets;
    auto storage = OpenStorage(settings, secrets);
    if (!storage) return 1;
    if (storage->ClearThrottle(settings.unlock_id)) {
        std::printf("%s のロックと失敗回数を解除しました / unlocked %s\n", settings.unlock_id.c_str(),
                    settings.unlock_id.c_str());
    } else {
        std::printf("%s には記録された失敗がありません / %s had no failures recorded\n",
                    settings.unlock_id.c_str(), settings.unlock_id.c_str());
    }
    return 0;
}

int RunMigrate(const Settings& settings) {
    if (sodium_init() < 0) return 1;
    Secrets secrets;  // migrations read and write no sealed values: no key needed
    std::string error;
    int version = 0;
    if (!OpenStorageBackend(settings, secrets, error, &version))
        return std::fprintf(stderr, "%s\n", error.c_str()), 1;
    std::printf("スキーマは版 %d です / schema at version %d\n", version, version);
    return 0;
}

int RunAuditExport(const Settings& settings) {
    if (sodium_init() < 0) return 1;
    Secrets secrets;
    auto storage = OpenStorage(settings, secrets);
    if (!storage) return 1;
    std::string csv, error;
    if (!ExportAuditCsv(*storage, settings.audit_export_from, settings.audit_export_to, csv, error))
        return std::fprintf(stderr, "%s\n", error.c_str()), 64;
    if (std::fwrite(csv.data(), 1, csv.size(), stdout) != csv.size() || std::fflush(stdout) != 0)
        return std::fprintf(stderr, "書き出せませんでした / cannot write the CSV\n"), 1;
    return 0;
}

int RunImport(const Settings& settings) {
    if (sodium_init() < 0) return 1;
    Secrets secrets;
    auto storage = OpenStorage(settings, secrets);
    if (!storage) return 1;
    PasswordHasher hasher(2);
    ImportReport report = ImportFile(*storage, hasher, settings.import_file, settings.import_customer);
    if (!report.ok) {
        std::fprintf(stderr,
                     "取り込みを中止しました (何も書き込んでいません) / import rejected, nothing written:\n  "
                     "%s\n  %s\n",
                     report.error.message.ja.c_str(), report.error.message.en.c_str());
        return 2;
    }
    std::printf("取り込みました / imported: %zu customers, %zu lines\n", report.customers, report.lines);
    return 0;
}

}  // namespace portal::server
