// GET /api/v1/client-config: the settings the browser client reads at boot (kiosk mode and its
// idle logout), as one typed payload with exactly one encoder (the server) and one decoder (the
// client and the tests).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace portal {

struct ClientConfigPayload {
    bool kiosk = false;
    uint64_t idle_seconds = 0;       // before the "still there?" countdown opens
    uint64_t countdown_seconds = 0;  // of that countdown
    bool operator==(const ClientConfigPayload& other) const {
        return kiosk == other.kiosk && idle_seconds == other.idle_seconds &&
               countdown_seconds == other.countdown_seconds;
    }
};

// {"kiosk":false,"idle_seconds":900,"countdown_seconds":60}
std::string EncodeClientConfig(const ClientConfigPayload& config);
// Every member is required: a missing or renamed one is an error naming it, never a default.
// The camelCase names of older servers (idleSeconds, countdownSeconds) are still read, for one
// release; a member given under both names is "given twice". Unknown members are skipped.
Result<ClientConfigPayload> DecodeClientConfig(std::string_view json);

}  // namespace portal
