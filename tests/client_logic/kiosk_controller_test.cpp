// KioskController: where the kiosk settings come from, the idle deadline, the "still there?"
// countdown with its WCAG minimum, staying, and the logout and wipe when nobody answers, on the
// injected clock.
#include "kiosk_controller.h"

#include <doctest/doctest.h>

#include <cstring>

#include "fakes.h"
#include "session_controller.h"

namespace portal {
namespace {

struct Fixture {
    test::ManualClock clock;
    KioskController kiosk{clock};

    // No input, a session running, the frame checks the deadlines.
    IdleTick Quiet() { return kiosk.Track(false, true, false); }
    void Seconds(double seconds) { clock.Advance(seconds * 1000.0); }
};

}  // namespace

TEST_CASE("kiosk: the defaults until the server answers, then its values; the URL overrides both") {
    Fixture f;
    CHECK_FALSE(f.kiosk.Start(-1, 0.0, 0.0, false));
    CHECK(f.kiosk.state().idle_seconds == 900.0);
    CHECK(f.kiosk.state().countdown_seconds == 60.0);
    CHECK(f.kiosk.state().config == KioskConfig::Pending);

    CHECK(f.kiosk.ApplySettings(true, 600.0, 45.0));  // kiosk mode switched on
    CHECK(f.kiosk.state().kiosk);
    CHECK(f.kiosk.state().idle_seconds == 600.0);
    CHECK(f.kiosk.state().countdown_seconds == 45.0);
    CHECK(f.kiosk.state().config == KioskConfig::FromServer);
    CHECK_FALSE(f.kiosk.ApplySettings(true, 600.0, 45.0));  // unchanged mode

    Fixture url;
    url.kiosk.Start(0, 12.0, 0.0, false);
    url.kiosk.ApplySettings(true, 45.0, 30.0);
    CHECK_FALSE(url.kiosk.state().kiosk);
    CHECK(url.kiosk.state().idle_seconds == 12.0);
    CHECK(url.kiosk.state().countdown_seconds == 30.0);  // still the server's

    // The server's idle time belongs to its own mode: the URL switched it, so that mode's default.
    Fixture switched;
    switched.kiosk.Start(1, 0.0, 0.0, false);
    switched.kiosk.ApplySettings(false, 45.0, 0.0);
    CHECK(switched.kiosk.state().idle_seconds == 600.0);
    CHECK(switched.kiosk.state().countdown_seconds == 60.0);

    // Out of range: ignored, the defaults stay.
    Fixture odd;
    odd.kiosk.Start(7, 2.0, 999.0, false);
    odd.kiosk.ApplySettings(false, 99999.0, 61.0);
    CHECK(odd.kiosk.state().url_kiosk == -1);
    CHECK(odd.kiosk.state().idle_seconds == 900.0);
    CHECK(odd.kiosk.state().countdown_seconds == 60.0);
}

TEST_CASE("kiosk: the countdown never gives less than 20 seconds, except from a test build's URL") {
    Fixture server;
    server.kiosk.Start(-1, 0.0, 0.0, false);
    server.kiosk.ApplySettings(false, 300.0, 7.0);  // an operator's --client-countdown 7
    CHECK(server.kiosk.state().countdown_seconds == kMinIdleCountdownSeconds);
    CHECK(kMinIdleCountdownSeconds == 20.0);

    Fixture production;
    production.kiosk.Start(-1, 5.0, 3.0, false);  // ?idle=5&countdown=3 on the production site
    CHECK(production.kiosk.state().countdown_seconds == 20.0);

    Fixture test_build;
    test_build.kiosk.Start(-1, 5.0, 3.0, true);
    CHECK(test_build.kiosk.state().countdown_seconds == 3.0);
    test_build.kiosk.ApplySettings(false, 300.0, 50.0);
    CHECK(test_build.kiosk.state().countdown_seconds == 3.0);  // the URL still wins
}

TEST_CASE("kiosk: the warning opens after the idle time, the configured countdown ahead of the logout") {
    Fixture f;
    f.kiosk.Start(-1, 0.0, 0.0, false);
    f.kiosk.ApplySettings(false, 600.0, 30.0);
    const double started = f.clock.now_ms;
    IdleTick tick = f.Quiet();
    CHECK(tick.step == IdleStep::None);
    CHECK(tick.wake_at_ms == doctest::Approx(started + 600'000.0 + 1.0));  // no frames meanwhile

    f.Seconds(599.9);
    CHECK(f.Quiet().step == IdleStep::None);
    CHECK_FALSE(f.kiosk.DialogOpen());
    f.Seconds(0.1);
    CHECK(f.Quiet().step == IdleStep::DialogOpened);
    CHECK(f.kiosk.DialogOpen());
    CHECK(f.kiosk.SecondsLeft() == 30);
    f.Seconds(0.2);
    CHECK(f.kiosk.SecondsLeft() == 30);  // rounded up: "30" until a whole second has gone
    tick = f.Quiet();
    CHECK(tick.step == IdleStep::None);
    CHECK(tick.wake_at_ms == doctest::Approx(started + 630'000.0 + 1.0));
    f.Seconds(10.0);
    CHECK(f.kiosk.SecondsLeft() == 20);

    // Moving the mouse while the dialog is open does not answer it: only its buttons do.
    CHECK(f.kiosk.Track(true, true, false).step == IdleStep::None);
    CHECK(f.kiosk.DialogOpen());
}

TEST_CASE("kiosk: staying closes the dialog and the full idle time starts again") {
    Fixture f;
    f.kiosk.Start(-1, 60.0, 20.0, false);
    f.Seconds(60.0);
    REQUIRE(f.Quiet().step == IdleStep::DialogOpened);
    f.Seconds(19.0);
    f.kiosk.Stay();
    CHECK_FALSE(f.kiosk.DialogOpen());
    CHECK(f.kiosk.SecondsLeft() == 0);
    f.Seconds(59.0);
    CHECK(f.Quiet().step == IdleStep::None);  // the session goes on past the old deadline
    f.Seconds(1.0);
    CHECK(f.Quiet().step == IdleStep::DialogOpened);
}

TEST_CASE("kiosk: activity restarts the idle time; typing in a real input counts too") {
    Fixture f;
    f.kiosk.Start(-1, 60.0, 20.0, false);
    f.Seconds(50.0);
    CHECK(f.kiosk.Track(true, true, false).step == IdleStep::None);  // a click
    CHECK(f.kiosk.IdleForSeconds() == 0.0);
    f.Seconds(50.0);
    CHECK(f.Quiet().step == IdleStep::None);
    f.kiosk.NoteInput();  // the login form's or the number field's keys
    f.Seconds(59.0);
    CHECK(f.Quiet().step == IdleStep::None);
    f.Seconds(1.0);
    CHECK(f.Quiet().step == IdleStep::DialogOpened);
}

TEST_CASE("kiosk: letting the countdown run out logs out, and the session's end wipes what was typed") {
    test::ManualClock clock;
    test::RecordingTransport transport;
    KioskController kiosk{clock};
    SessionController session{clock, transport};
    kiosk.Start(-1, 60.0, 20.0, false);
    std::strcpy(session.login().selfcare_id.data(), "demo01");
    std::strcpy(session.login().password.data(), "secret-pass");
    session.SubmitLogin();
    session.OnLogin(test::Answer(transport, "/api/v1/auth/login", 200,
                                 R"({"challenge":"ch-1","email_masked":"t***@example.jp","factor":"email",)"
                                 R"("code_lifetime_seconds":600,"resend_after_seconds":60})"));
    std::strcpy(session.code().code.data(), "123456");
    session.SubmitCode();
    session.OnVerify(test::Answer(transport, "/api/v1/auth/verify", 200,
                                  R"({"idle_timeout_seconds":900,"absolute_timeout_seconds":28800})"));
    REQUIRE(session.session().active);

    clock.Advance(60'000.0);
    REQUIRE(kiosk.Track(false, session.session().active, false).step == IdleStep::DialogOpened);
    clock.Advance(19'999.0);
    CHECK(kiosk.Track(false, true, false).step == IdleStep::None);
    CHECK(kiosk.SecondsLeft() == 1);
    clock.Advance(1.0);
    const IdleTick tick = kiosk.Track(false, true, false);
    REQUIRE(tick.step == IdleStep::LogOut);
    CHECK_FALSE(kiosk.DialogOpen());

    // What App does with LogOut: tell the server, end the session here, forget the ID.
    session.Logout();
    session.End(Message{Text{"idle", "idle"}});
    session.ForgetId();
    CHECK(transport.CountTo("/api/v1/auth/logout") == 1);
    CHECK_FALSE(session.session().active);
    CHECK(session.login().selfcare_id[0] == '\0');
    CHECK(session.login().password[0] == '\0');
    CHECK(session.code().code[0] == '\0');
    CHECK(session.login().notice.text.en == "idle");

    // With no session the idle check stays quiet and asks for nothing.
    CHECK(kiosk.Track(false, false, false).step == IdleStep::None);
    CHECK(kiosk.Track(false, false, false).wake_at_ms == 0.0);
}

TEST_CASE("kiosk: a login left half-typed is cleared after the idle time and the countdown") {
    Fixture f;
    f.kiosk.Start(-1, 60.0, 20.0, false);
    IdleTick tick = f.kiosk.Track(true, false, true);  // typing the ID
    CHECK(tick.step == IdleStep::None);
    CHECK(tick.wake_at_ms == doctest::Approx(f.clock.now_ms + 80'000.0 + 1.0));
    f.Seconds(79.0);
    CHECK(f.kiosk.Track(false, false, true).step == IdleStep::None);
    f.Seconds(1.0);
    CHECK(f.kiosk.Track(false, false, true).step == IdleStep::ClearLogin);
    CHECK_FALSE(f.kiosk.DialogOpen());  // silently: no dialog before a session exists
    // The clearing starts the time again: nothing more is due at once.
    CHECK(f.kiosk.Track(false, false, true).step == IdleStep::None);
}

}  // namespace portal
