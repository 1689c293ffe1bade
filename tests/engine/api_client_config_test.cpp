// The client-config payload: what the server writes is what the client reads; a missing, renamed,
// mistyped or doubled member is an error naming its path; the old camelCase is still read.
#include "engine/api_client_config.h"

#include <doctest/doctest.h>

namespace portal {

TEST_CASE("client config: snake_case on the wire, read back as written") {
    const ClientConfigPayload config{true, 600, 45};
    const std::string json = EncodeClientConfig(config);
    CHECK(json == R"({"kiosk":true,"idle_seconds":600,"countdown_seconds":45})");
    const Result<ClientConfigPayload> read = DecodeClientConfig(json);
    REQUIRE(read.ok());
    CHECK(read.value() == config);
}

TEST_CASE("client config: the camelCase of older servers is still read, for one release") {
    const auto read = DecodeClientConfig(R"({"kiosk":false,"idleSeconds":900,"countdownSeconds":60})");
    REQUIRE(read.ok());
    CHECK(read.value() == ClientConfigPayload{false, 900, 60});
}

TEST_CASE("client config: a missing or renamed member is an error naming it, never a default") {
    const struct {
        const char* json;
        const char* field;
    } cases[] = {
        {R"({"idle_seconds":900,"countdown_seconds":60})", "kiosk"},
        {R"({"kiosk":true,"countdown_seconds":60})", "idle_seconds"},
        {R"({"kiosk":true,"idle_timeout":900,"countdown_seconds":60})", "idle_seconds"},
        {R"({"kiosk":true,"idle_seconds":900})", "countdown_seconds"},
        {R"({"kiosk":"yes","idle_seconds":900,"countdown_seconds":60})", "kiosk"},
        {R"({"kiosk":true,"idle_seconds":-1,"countdown_seconds":60})", "idle_seconds"},
        {R"({"kiosk":true,"idle_seconds":90.5,"countdown_seconds":60})", "idle_seconds"},
        {R"({"kiosk":true,"idle_seconds":900,"countdown_seconds":99999999})", "countdown_seconds"},
        {R"({"kiosk":true,"idle_seconds":900,"idleSeconds":900,"countdown_seconds":60})", "idleSeconds"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.json);
        const auto read = DecodeClientConfig(c.json);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().field == c.field);
    }
    CHECK_FALSE(DecodeClientConfig("").ok());
    CHECK_FALSE(DecodeClientConfig("[]").ok());
    CHECK_FALSE(DecodeClientConfig(R"({"kiosk":true,"idle_seconds":900,"countdown_seconds":60} x)").ok());
}

TEST_CASE("client config: members it does not know are skipped") {
    const auto read =
        DecodeClientConfig(R"({"theme":{"dark":[1,2]},"kiosk":true,"idle_seconds":5,"countdown_seconds":3})");
    REQUIRE(read.ok());
    CHECK(read.value() == ClientConfigPayload{true, 5, 3});
}

}  // namespace portal
