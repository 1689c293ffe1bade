#!/usr/bin/python3
"""Generates the engine's Unicode -> CP932 table (cp932_table.inc) at build time.

Source: Python's 'cp932' codec, decoding every byte sequence, which is Microsoft's CP932.TXT.
Several code points have more than one CP932 spelling (NEC row 13, IBM extensions and the NEC
selection of IBM extensions overlap). Windows (WideCharToMultiByte, hence Excel) picks them in
this order: JIS X 0208 and NEC row 13 first, then the IBM extensions FA-FC, and the NEC-selected
IBM extensions ED-EE last. That is why ～ is 81 60, ① is 87 40 and 髙 is FB FC, while Python's own
encoder would give EE E0 for 髙. Code points only reachable through Python's lenient extra
encodings (U+301C, U+00AC, ...) are left out: they do not round-trip, so the writer reports them.

Where glibc's iconv is available its CP932 is used as a cross-check on every code point both
tables hold; disagreements other than the known duplicate choices fail the build.

Output: a two-level page table (high byte -> page of 256 uint16 entries; 0 = not encodable,
values below 0x100 are single bytes, others lead << 8 | trail), identical for native and WASM.
"""
import sys

REQUIRED = {0xFF5E: 0x8160, 0x2460: 0x8740, 0x9AD9: 0xFBFC, 0xFF71: 0xB1, 0x3042: 0x82A0}


def preference(code):
    """Lower is preferred when several byte sequences decode to the same code point."""
    lead = code >> 8
    if 0xED <= lead <= 0xEE:
        return (2, code)
    if 0xFA <= lead <= 0xFC:
        return (1, code)
    return (0, code)


def build_table():
    best = {}

    def offer(cp, code):
        if cp < 0x80:
            return
        if cp not in best or preference(code) < preference(best[cp]):
            best[cp] = code

    for byte in range(0x80, 0x100):
        try:
            text = bytes([byte]).decode("cp932")
        except UnicodeDecodeError:
            continue
        if len(text) == 1:
            offer(ord(text), byte)
    for lead in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
            try:
                text = bytes([lead, trail]).decode("cp932")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                offer(ord(text), lead << 8 | trail)
    return best


def cross_check_with_iconv(table):
    """Compares with glibc's CP932 where it is usable; returns the number of code points compared."""
    try:
        import ctypes
        import ctypes.util
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
    except OSError:
        return 0
    libc.iconv_open.restype = ctypes.c_void_p
    libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.iconv.restype = ctypes.c_size_t
    libc.iconv.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t),
                           ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t)]
    libc.iconv_close.argtypes = [ctypes.c_void_p]
    handle = libc.iconv_open(b"CP932", b"UTF-32LE")
    if handle in (None, ctypes.c_void_p(-1).value):
        return 0
    compared = 0
    mismatches = []
    try:
        for cp, code in table.items():
            src = ctypes.create_string_buffer(cp.to_bytes(4, "little"), 4)
            dst = ctypes.create_string_buffer(8)
            src_ptr = ctypes.c_char_p(ctypes.addressof(src))
            dst_ptr = ctypes.c_char_p(ctypes.addressof(dst))
            src_left = ctypes.c_size_t(4)
            dst_left = ctypes.c_size_t(8)
            libc.iconv(ctypes.c_void_p(handle), None, None, None, None)
            if libc.iconv(ctypes.c_void_p(handle), ctypes.byref(src_ptr), ctypes.byref(src_left),
                          ctypes.byref(dst_ptr), ctypes.byref(dst_left)) == ctypes.c_size_t(-1).value:
                continue  # glibc cannot encode it: nothing to compare
            out = dst.raw[:8 - dst_left.value]
            theirs = int.from_bytes(out, "big")
            compared += 1
            if theirs != code:
                # Both are valid spellings of the same character (duplicate rows): fine when
                # glibc's choice decodes back to the same code point.
                if out.decode("cp932", errors="replace") != chr(cp):
                    mismatches.append((cp, code, theirs))
    finally:
        libc.iconv_close(ctypes.c_void_p(handle))
    if mismatches:
        sample = ", ".join("U+%04X ours %X glibc %X" % m for m in mismatches[:5])
        sys.exit("gen_cp932_table: glibc iconv disagrees on %d code points: %s" % (len(mismatches), sample))
    return compared


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_cp932_table.py <output.inc>")
    table = build_table()
    for cp, code in REQUIRED.items():
        if table.get(cp) != code:
            sys.exit("gen_cp932_table: U+%04X must be %X, got %s" % (cp, code, table.get(cp)))
    compared = cross_check_with_iconv(table)

    pages = sorted({cp >> 8 for cp in table})
    page_slot = {page: index + 1 for index, page in enumerate(pages)}  # slot 0 = the empty page
    lines = [
        "// Generated by src/tools/gen_cp932_table.py from Python's cp932 codec (Microsoft's table),",
        "// Windows' choice among duplicate spellings; %d code points, %d cross-checked with glibc iconv." %
        (len(table), compared),
        "// Do not edit. Entry: 0 = not encodable, < 0x100 single byte, else lead << 8 | trail.",
        "constexpr int kCp932PageCount = %d;" % (len(pages) + 1),
        "constexpr uint8_t kCp932PageOfHighByte[256] = {",
    ]
    slots = [page_slot.get(high, 0) for high in range(256)]
    for start in range(0, 256, 16):
        lines.append("    " + ", ".join("%d" % s for s in slots[start:start + 16]) + ",")
    lines.append("};")
    lines.append("constexpr uint16_t kCp932Pages[kCp932PageCount][256] = {")
    lines.append("    {0},")
    for page in pages:
        entries = [table.get(page << 8 | low, 0) for low in range(256)]
        lines.append("    {  // U+%02X00" % page)
        for start in range(0, 256, 16):
            lines.append("        " + ", ".join("0x%X" % e for e in entries[start:start + 16]) + ",")
        lines.append("    },")
    lines.append("};")
    with open(sys.argv[1], "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
