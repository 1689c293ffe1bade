// Internal: the generated Unicode -> CP932 table (see src/tools/gen_cp932_table.py).
#pragma once
#include <cstdint>

namespace portal {

// 0 when CP932 cannot hold `cp`; below 0x100 a single byte; otherwise lead << 8 | trail.
// ASCII maps to itself (returned as the byte value, with U+0000 as the one exception).
uint16_t Cp932Code(uint32_t cp);

}  // namespace portal
