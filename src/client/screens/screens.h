// Every screen and panel of the client: one Draw...() per file, drawing the state it is given and
// returning what the customer asked for. Screens never do I/O; App acts on their answers.
#pragma once
#include <string>

#include "app_state.h"
#include "contract_controller.h"
#include "ui/widgets.h"

namespace portal {

// Header on every screen: brand, language switch; after login also the contractor, the session
// countdown and logout.
struct HeaderInfo {
    const Contract* contract = nullptr;  // null before login or while loading
    const SessionState* session = nullptr;
    bool logged_in = false;
};
enum class HeaderAction { None, ToggleLanguage, Logout };
HeaderAction DrawHeaderBar(const HeaderInfo& info, UiContext& ui);

enum class LoginAction { None, Submit };
LoginAction DrawLoginScreen(LoginState& state, UiContext& ui);

enum class CodeAction { None, Verify, Resend, Extend, BackToLogin };
CodeAction DrawCodeScreen(CodeState& state, UiContext& ui);

enum class MenuAction { None, Contract, Usage, CallDetails, Security };
MenuAction DrawMenuScreen(const Contract& contract, UiContext& ui);

// A failed request: what happened and a retry button. Returns true when retry was pressed.
bool DrawNetworkErrorPanel(const NetworkFailure& failure, UiContext& ui);

// ご契約情報照会 and its panels.
// The table's buttons: a value to copy (App writes the clipboard) and the 利用 drill-down.
struct LinesTableActions {
    std::string copy_text;
    std::string drill_down_phone;  // open this number's usage (and calls)
};
struct ContractActions {
    bool back_to_menu = false;
    bool download_csv = false;
    LinesTableActions table;
};
// Runs a pending query through the controller while it draws, so the count answers 検索する at once.
ContractActions DrawContractScreen(ContractController& controller, UiContext& ui);
void DrawContractSummaryPanel(const Contract& contract, UiContext& ui);
// Edits the 検索条件; sets state.query_dirty when anything changed. Returns true for 検索する.
bool DrawSearchPanel(LinesViewState& state, const Contract& contract, UiContext& ui);
LinesTableActions DrawLinesTable(LinesViewState& state, const Contract& contract, UiContext& ui,
                                 float height);
// While the lines load: a bar of lines received out of all once the payload has said how many.
void DrawLinesProgress(const LinesViewState& state, UiContext& ui);

}  // namespace portal
