// The customer's last 検索条件 of the lines table, kept on the server (PUT / GET
// /api/v1/preferences/line-search): read after login, so that a customer who logs in again after
// an idle logout finds the same conditions, and sent when they change (once they have been still
// for a moment and are valid). Nothing of them stays in the page after the session: the server's
// copy is the customer's. Clock and transport are injected, so it runs in native doctests.
#pragma once
#include "app_state.h"
#include "client_ports.h"
#include "engine/api_search_state.h"

namespace portal {

// The conditions as the search panel and the table hold them (the query as CurrentQueryInput
// reads it, and the sort), and back.
LineSearchState SearchOf(const LinesViewState& lines);
void ApplySearch(const LineSearchState& search, LinesViewState& lines);

class SavedSearch {
  public:
    // Conditions are sent once they have not changed for this long (typing a number is one change).
    static constexpr double kSettleMs = 1000.0;

    SavedSearch(const Clock& clock, Transport& transport) : clock_(clock), transport_(transport) {}

    // How long the panel waits for the saved conditions before it gives up and keeps its defaults,
    // counted from the request: the lines load before it, however long, takes none of it.
    static constexpr double kRestoreWaitMs = 8000.0;

    // After login: the saved conditions are wanted (the session before this one ended while idle,
    // or the page was reloaded within the session). They are asked for once the lines have loaded,
    // when the panel appears; it takes no input until they are applied, refused or overdue.
    void Load(LinesViewState& lines);
    // After any other login: the panel keeps its defaults, and they are sent once settled, so that
    // what an earlier session left on the server never comes back after a later idle logout.
    void StartFresh();
    // The answer to the GET or a PUT. The saved conditions replace what the panel holds unless the
    // customer has changed it meanwhile; true when they did (the table is then queried again).
    bool OnAnswer(const ApiResponse& response, LinesViewState& lines);
    // Once a frame: asks for the wanted saved conditions once the lines are in, gives up on saved
    // conditions that are overdue, and sends valid, changed
    // conditions that have settled. Returns when to look again (0: nothing waits).
    double Tick(LinesViewState& lines);
    // Sends a change at once, settled or not (before a logout). True when a save is in flight.
    bool SaveNow(const LinesViewState& lines);
    bool Saving() const { return save_request_ != 0; }
    // The session ended: the page keeps no copy.
    void Forget();

  private:
    void Send(const LineSearchState& search);
    void SendLoad();
    // The saved conditions will not be applied: the panel keeps its defaults and takes input.
    void StopWaiting(LinesViewState& lines);

    const Clock& clock_;
    Transport& transport_;
    LineSearchState on_server_;  // as far as this page knows
    LineSearchState settling_;   // the change waiting to settle
    double settling_since_ms_ = 0.0;
    double load_sent_ms_ = 0.0;
    bool load_wanted_ = false;   // Load was called; the GET waits for the lines
    bool loaded_ = false;        // the GET answered: before that nothing is sent, nothing overwritten
    bool server_known_ = false;  // on_server_ is what the server holds (else the next tick sends)
    int load_request_ = 0, save_request_ = 0;
};

}  // namespace portal
