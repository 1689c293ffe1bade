// The state every screen shows, one struct per screen, owned by App and passed by reference.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/csv.h"
#include "engine/filter.h"
#include "engine/model.h"
#include "engine/sort.h"
#include "i18n.h"

namespace portal {

enum class Screen : uint8_t { Starting, Login, Code, Menu, Contract, Usage, CallDetails, Security };
const char* ScreenKey(Screen screen);  // "login", "code", ... (window.portalTest)

// A message that can be shown in either language (from the engine, the API or our own table).
struct Message {
    Text text;
    bool empty() const { return text.ja.empty() && text.en.empty(); }
    void clear() { text = Text{}; }
};
Message MessageOf(Str id);

struct LoginState {
    std::array<char, 128> selfcare_id{};
    std::array<char, 256> password{};
    bool show_password = false;
    bool busy = false;
    Message error;                  // beside the form (API errors, missing fields)
    std::string error_field;        // "selfcare_id" / "password" when the API names one
    Message notice;                 // why we are here again (logged out, session ended)
    double locked_until_ms = 0.0;   // lockout / slow-down from Retry-After
    bool focus_id = true;           // put the caret in the ID field when the screen opens
    bool submit_requested = false;  // the login <form> was submitted (Enter, a password manager)
    // The <form>'s input of this field (0 ID, 1 password) took the focus while the field may be
    // scrolled out of view (zoom, a short window): the screen scrolls it in.
    int reveal_field = -1;
};

struct CodeState {
    std::string challenge;
    std::string masked_email;
    bool authenticator = false;  // the customer set up an authenticator app: its code, no mail
    bool email_codes = false;    // ... and chose to be able to ask for a mailed code instead
    double expires_at_ms = 0.0;
    double warn_at_ms = 0.0;  // when the end is announced ahead (a minute before, at most half the life)
    double resend_allowed_at_ms = 0.0;
    bool expired = false;         // its life is over: said so, and no code is taken any more
    bool extend_refused = false;  // the server gives this login no more time (the limit, a lock)
    Message expiry_notice;        // the end is near (announced politely), with a new code offered
    std::array<char, 16> code{};
    bool busy = false;
    bool focus_code = true;
    // A new code can be asked for on this screen: a mailed one, or the app's customer who kept mail.
    bool CanRenew() const { return !authenticator || email_codes; }
    // An app login can be given more time (the server bounds how often).
    bool CanExtend() const { return authenticator && !extend_refused; }
    bool submit_requested = false;  // the code <form> was submitted (Enter, autofill)
    bool reveal_code = false;       // the <form>'s input took the focus: scroll the field into view
    Message error;
    Message info;
};

struct SessionState {
    bool active = false;
    double idle_deadline_ms = 0.0;  // local clock; refreshed from /auth/session
    double absolute_deadline_ms = 0.0;
    double idle_timeout_seconds = 0.0;  // to extend the idle deadline after each successful call
    bool checking = false;              // a /auth/session request is in flight
};

// サービス開始日 as three drop-downs that can only form real dates (0 = not chosen).
struct DateParts {
    int year = 0, month = 0, day = 0;
    bool typed_invalid = false;  // the mirror's text field got something that is not a date
    bool empty() const { return year == 0; }
    std::string ToQuery() const;  // "YYYY-MM-DD" or "" when not chosen
};

struct CsvOptions {
    bool all_lines = false;  // false: the lines shown now
    CsvEncoding encoding = CsvEncoding::Utf8Bom;
    bool xlsx = false;  // an Excel workbook instead of the CSV (the encoding then does not apply)
    Message error;      // e.g. characters Shift_JIS cannot hold
    std::string last_file_name;
};

struct LinesViewState {
    bool loading = false;
    bool loaded = false;
    LineStore store;
    int min_year = 2000, max_year = 2030;  // range offered by the サービス開始日 drop-downs
    LineOrderCache order_cache;
    // 検索条件 as typed
    std::array<char, 32> phone_prefix{};
    StatusFilter status = StatusFilter::All;
    DateParts start_from, start_to;
    // Applied query
    LineFilterValidation validation;  // of what is typed now (errors shown beside the fields)
    LineFilter applied_filter;        // last valid filter: the table shows its result
    LineSort sort;
    // The saved 検索条件 after an idle logout (saved_search.h): while they are on their way the
    // panel takes no input, so nothing the customer types is mixed with them; when they do not
    // come (an error, or too slow) the panel keeps its defaults and says so until the next change.
    bool search_restoring = false;
    bool search_restore_failed = false;
    std::vector<uint32_t> rows;  // matching rows in display order
    bool query_dirty = true;
    bool scroll_to_top = false;
    // Revealed passwords: row -> time they are masked again
    std::unordered_map<uint32_t, double> revealed_until_ms;
    double copied_at_ms = 0.0;
    CsvOptions csv;
    // Index (into rows) of the first row the table showed last frame (window.portalTest)
    size_t first_visible_index = 0;
    float footer_height = 0.0f;  // measured last frame: the table leaves exactly this much room
    double last_query_ms = 0.0;  // how long the last filter + sort took
    // Where the time of loading the lines went (window.portalTest, the browser benchmark).
    double requested_at_ms = 0.0, fetch_ms = 0.0, decode_ms = 0.0, prepare_ms = 0.0;
    double adopt_ms = 0.0;  // the decode worker's columns copied into this module's memory
    size_t payload_bytes = 0;
    // While a streamed payload arrives: rows decoded of the header's count (0 until it is read).
    size_t rows_received = 0, rows_expected = 0;
    // The first rows, in stored order, shown while the rest arrives: `store` and `rows` hold them
    // with `loaded` still false (no filter, sort or CSV) until the whole payload checks out.
    bool first_rows_only = false;
};

struct ContractState {
    bool loaded = false;
    bool loading = false;
    double requested_at_ms = 0.0;  // when the contract was last asked for
    Contract contract;
    LinesViewState lines;
};

// A request that failed without an answer we could use: what happened and how to retry.
struct NetworkFailure {
    bool active = false;
    Message message;
    int retry_request = 0;  // ApiClient handle of the request to send again
};

}  // namespace portal
