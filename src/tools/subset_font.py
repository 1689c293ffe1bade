#!/usr/bin/python3
"""Subsets BIZ UDGothic for the browser client: JIS X 0208 kanji and kana, the CP932
(Windows Shift_JIS) extensions the CSV writer can encode, half-width katakana, Latin and symbols.

Only the tables Dear ImGui's stb_truetype reads are kept (no hinting, no OpenType layout), which
roughly halves the file. The character set comes from Python's own codecs, decoding every
two-byte code, so no list is hand-written.

Usage: subset_font.py INPUT.ttf OUTPUT.ttf [--text-from FILE ...]

With --text-from, the subset holds only ASCII, Latin-1, the UI symbols and the characters that
occur in those files (the client's strings table, the engine's messages): the small font the
login screen needs, loaded first while the full one follows in the background.
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


# UI symbols the screens draw: arrows, triangles, bullets, ellipsis, check marks.
UI_SYMBOLS = "←↑→↓▲▼△▽◆◇○●■□★☆…‥※〜～・✓✔＞"


def double_byte_characters(codec, lead_bytes, trail_bytes):
    chars = set()
    for lead in lead_bytes:
        for trail in trail_bytes:
            try:
                chars.update(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass  # unassigned code: skip it
    return chars


def portal_characters():
    chars = set(chr(c) for c in range(0x20, 0x7F))  # ASCII
    chars.update(chr(c) for c in range(0xA0, 0x100))  # Latin-1 (é, ×, ·, ...)
    chars.update(chr(c) for c in range(0xFF61, 0xFFA0))  # half-width katakana
    # JIS X 0208 through EUC-JP: both bytes in 0xA1-0xFE.
    chars |= double_byte_characters("euc_jp", range(0xA1, 0xFF), range(0xA1, 0xFF))
    # CP932 adds the NEC and IBM extensions (①, ㈱, 髙, ...) and maps ～ to U+FF5E.
    chars |= double_byte_characters("cp932", list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)),
                                    list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)))
    chars.update(UI_SYMBOLS)
    # isprintable() is False for every space but ASCII's; the ideographic space is wanted.
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def base_characters():
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(UI_SYMBOLS)
    return chars


def characters_in_files(paths):
    chars = base_characters()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            chars.update(c for c in handle.read() if ord(c) > 0x7F)
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def main(argv):
    if len(argv) < 3 or (len(argv) > 3 and argv[3] != "--text-from"):
        sys.stderr.write("usage: subset_font.py INPUT.ttf OUTPUT.ttf [--text-from FILE ...]\n")
        return 2
    source, target = argv[1], argv[2]
    font = TTFont(source)
    cmap = font.getBestCmap()
    chosen = characters_in_files(argv[4:]) if len(argv) > 3 else portal_characters()
    wanted = sorted(ord(c) for c in chosen)
    present = [c for c in wanted if c in cmap]

    options = subset.Options()
    options.hinting = False
    options.layout_features = []  # stb_truetype does no shaping
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG",
                            "DSIG", "gasp", "hdmx", "LTSH", "VDMX", "kern"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence-relevant names
    options.notdef_outline = True
    options.recalc_bounds = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    font.save(target)
    sys.stdout.write("subset_font: %d of %d characters present -> %s\n" % (len(present), len(wanted), target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
