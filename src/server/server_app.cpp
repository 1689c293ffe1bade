// Start-up: open the database (migrating it), seed the demo data on first start, build the
// routes, bind, print the address and the demo logins, and serve.
#include "server/server_app.h"

#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app_context.h"
#include "server/demo_data.h"
#include "server/http_common.h"
#include "server/importer.h"
#include "server/sqlite_db.h"
#include "server/storage_factory.h"

namespace portal::server {
namespace {

// Set by SIGINT/SIGTERM. The handler only sets this flag (calling into cpp-httplib from a signal
// handler is not safe), and a signal that came before listen_after_bind() started running was
// lost: the test harness stops a server right after it printed its address, and it hung.
std::atomic<bool> g_stop_requested{false};

void StopOnSignal(int) {
    g_stop_requested = true;
}

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

void AddMethodGuards(httplib::Server& server) {
    // A wrong method on a known path is 405 with Allow, not a misleading 404.
    auto refuse = [](const char* allow) {
        return [allow](const httplib::Request&, httplib::Response& res) {
            res.set_header("Allow", allow);
            SendError(res, 405, "method_not_allowed",
                      std::string("このURLで使えるメソッドは ") + allow + " です。",
                      std::string("This URL accepts ") + allow + ".");
        };
    };
    for (const char* path :
         {"/api/v1/auth/login", "/api/v1/auth/verify", "/api/v1/auth/resend", "/api/v1/auth/logout"})
        server.Get(path, refuse("POST"));
    for (const char* path : {"/api/v1/auth/session", "/api/v1/contract", "/api/v1/lines", "/api/v1/lines.csv",
                             "/api/v1/usage", "/api/v1/usage.csv", "/api/v1/usage/months",
                             "/api/v1/call-details", "/api/v1/call-details.csv", "/api/v1/client-config"}) {
        server.Post(path, refuse("GET"));
        server.Put(path, refuse("GET"));
        server.Delete(path, refuse("GET"));
    }
}

void ConfigureServer(httplib::Server& server, AppContext& app) {
    server.set_default_headers(SecurityHeaders(app.settings));
    server.set_keep_alive_max_count(1000);
    server.set_payload_max_length(kMaxAuthBodyBytes);
    server.set_tcp_nodelay(true);
    // cpp-httplib's default also sets SO_REUSEPORT, which lets a second server start silently on
    // a port already in use: keep only SO_REUSEADDR so that start fails loudly instead.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    const size_t threads = static_cast<size_t>(app.settings.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // cpp-httplib answers some errors itself (404 without a route, 413, 400 on a bad request
    // line) with an empty body: give those the same JSON shape as ours.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty() || res.content_length_ > 0)
                return httplib::Server::HandlerResponse::Unhandled;
            if (res.status == 413)
                SendError(res, 413, "body_too_large", "要求の本文が大きすぎます (16 KiB まで)。",
                          "The request body is too large (16 KiB at most).");
            else if (res.status == 404)
                SendError(res, 404, "not_found", "ページが見つかりません。", "Not found.");
            else
                SendError(res, res.status, "bad_request", "要求を処理できません。",
                          "The request cannot be processed.");
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const SqliteError& e) {
                what = e.message;
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
            SendError(res, 503, "temporarily_unavailable",
                      "一時的に処理できません。しばらくしてからお試しください。",
                      "Temporarily unavailable. Please try again later.");
        });
    AddAuthRoutes(server, app);
    AddDataRoutes(server, app);
    AddReportRoutes(server, app);
    AddClientConfigRoutes(server, app);
    AddMethodGuards(server);
    AddStaticRoutes(server, app);
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
    policy.session_cache_ms = IsSharedDatabase(settings) ? 0 : 1000;
    AuthService auth(*storage, hasher, *mail, secrets, settings, policy);
    LineCache cache(static_cast<size_t>(settings.cache_megabytes) * 1024 * 1024);
    AppContext app{settings, *storage, auth, cache, as_of};

    std::unique_ptr<httplib::Server> server;
    if (settings.UsesTls())
        server = std::make_unique<httplib::SSLServer>(settings.tls_cert.c_str(), settings.tls_key.c_str());
    else
        server = std::make_unique<httplib::Server>();
    if (!server->is_valid()) return std::fprintf(stderr, "TLS: cannot load certificate or key\n"), 1;
    ConfigureServer(*server, app);
    int port = settings.Port();
    if (port == 0)
        port = server->bind_to_any_port(settings.Host());
    else if (!server->bind_to_port(settings.Host(), port))
        port = -1;
    if (port < 0) return std::fprintf(stderr, "cannot listen on %s\n", settings.listen.c_str()), 1;
    PrintBanner(settings, port, *mail, settings.demo);

    std::signal(SIGINT, StopOnSignal);
    std::signal(SIGTERM, StopOnSignal);
    // A browser closing a connection mid-response must not end the server (TLS writes use
    // write(2), which raises SIGPIPE; plain sockets already send with MSG_NOSIGNAL).
    std::signal(SIGPIPE, SIG_IGN);
    std::atomic<bool> running{true};
    std::mutex housekeeping_mutex;
    std::condition_variable housekeeping_wake;
    // Housekeeping: stops the server once a signal asked for it and the server is running (so
    // the stop cannot be lost), and purges expired rows once a minute.
    std::thread housekeeper([&] {
        std::unique_lock<std::mutex> lock(housekeeping_mutex);
        Seconds next_purge = NowSeconds() + 60;
        bool stopping = false;
        while (!housekeeping_wake.wait_for(lock, std::chrono::milliseconds(50),
                                           [&] { return !running.load(); })) {
            if (g_stop_requested && !stopping && server->is_running()) {
                stopping = true;  // once: cpp-httplib asserts on a second stop() while it winds down
                server->stop();
            }
            if (NowSeconds() < next_purge) continue;
            next_purge = NowSeconds() + 60;
            try {
                storage->PurgeExpired(NowSeconds(), policy.session_idle, policy.session_absolute);
            } catch (const SqliteError& e) {  // a busy or full disk: try again next minute
                std::fprintf(stderr, "purge: %s\n", e.message.c_str());
            } catch (const std::exception& e) {  // the database server is down: the same
                std::fprintf(stderr, "purge: %s\n", e.what());
            }
        }
    });
    server->listen_after_bind();
    running = false;
    housekeeping_wake.notify_all();
    housekeeper.join();
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
