// Words that only the DOM mirror says (what the canvas shows by position, colour or a dot), in
// Japanese and English. A table of its own so the screens' string tables are not edited for it.
#pragma once
#include "i18n.h"

namespace portal {

enum class MStr : uint16_t {
    Masked,    // a password cell while it is masked
    DateFrom,  // the date fields' names
    DateTo,
    DateHint,        // how to type a date into the mirrored field
    DateInvalid,     // a typed date that is not one
    PageNavigation,  // the header's landmark name
    LinesGrid,       // the line table's caption
    RowUsage,        // a row's buttons, named for their row on their own (a cell is named by its text)
    RowCopy,
    RowReveal,
    RowHide,
    Count
};

const char* Tr(Lang lang, MStr id);

}  // namespace portal
