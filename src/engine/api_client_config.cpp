// The client-config payload's encoder and decoder, on the engine's JSON writer and reader.
#include "engine/api_client_config.h"

#include "engine/json_reader.h"
#include "engine/json_writer.h"

namespace portal {
namespace {

// More than a day of either is a damaged answer, not a setting (the client keeps its own limits).
constexpr uint64_t kMaxSeconds = 24 * 3600;

}  // namespace

std::string EncodeClientConfig(const ClientConfigPayload& config) {
    std::string out;
    JsonObjectWriter root(out);
    root.Bool("kiosk", config.kiosk);
    root.Number("idle_seconds", config.idle_seconds);
    root.Number("countdown_seconds", config.countdown_seconds);
    root.Close();
    return out;
}

Result<ClientConfigPayload> DecodeClientConfig(std::string_view json) {
    JsonReader in(json);
    ClientConfigPayload config;
    enum : uint32_t { kKiosk = 1, kIdle = 2, kCountdown = 4 };
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "kiosk") return in.FirstTime(seen, kKiosk) && in.Bool(config.kiosk);
        if (key == "idle_seconds" || key == "idleSeconds")
            return in.FirstTime(seen, kIdle) && in.Unsigned(kMaxSeconds, config.idle_seconds);
        if (key == "countdown_seconds" || key == "countdownSeconds")
            return in.FirstTime(seen, kCountdown) && in.Unsigned(kMaxSeconds, config.countdown_seconds);
        return in.Skip();
    });
    if (ok && !(seen & kKiosk)) in.FailMember("kiosk", "missing");
    if (ok && !(seen & kIdle)) in.FailMember("idle_seconds", "missing");
    if (ok && !(seen & kCountdown)) in.FailMember("countdown_seconds", "missing");
    if (!ok || in.failed() || !in.Finish()) return Result<ClientConfigPayload>::Failure(in.error());
    return config;
}

}  // namespace portal
