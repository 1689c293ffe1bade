// The client-config payload, described once by its table of members (engine/api_members.h).
#include "engine/api_client_config.h"

#include "engine/api_members.h"

namespace portal {
namespace {

using api_members::Field;

// More than a day of either is a damaged answer, not a setting (the client keeps its own limits).
constexpr uint64_t kMaxSeconds = 24 * 3600;

// In the order the server has always written them; the camelCase of older servers is read too.
constexpr api_members::Member<ClientConfigPayload> kClientConfig[] = {
    Field<&ClientConfigPayload::kiosk>("kiosk"),
    Field<&ClientConfigPayload::idle_seconds, kMaxSeconds>("idle_seconds").Or("idleSeconds"),
    Field<&ClientConfigPayload::countdown_seconds, kMaxSeconds>("countdown_seconds").Or("countdownSeconds"),
};

}  // namespace

std::string EncodeClientConfig(const ClientConfigPayload& config) {
    return api_members::Encode(config, kClientConfig);
}

Result<ClientConfigPayload> DecodeClientConfig(std::string_view json) {
    return api_members::DecodeAnswer(json, kClientConfig);
}

}  // namespace portal
