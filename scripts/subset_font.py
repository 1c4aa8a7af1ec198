"""Cuts Noto Sans SC (OFL 1.1) down to the characters GroupGate's PDF designs print.

The designs function embeds the result (functions/designs/src/main/resources/fonts/); PDFBox
then embeds a per-document subset of it. Kept: ASCII and Latin-1, general and CJK
punctuation, full-width forms, and every character of GB 2312 (simplified) and Big5
(traditional), about 13,000 hanzi: the names tenants print, in either script.

Source: the static Noto Sans SC Medium TTF (TrueType glyf outlines, which PDFBox's
PDType0Font needs) from the npm package @expo-google-fonts/noto-sans-sc 0.4.3 (font under
OFL-1.1, its LICENSE_FONT). Run: .venv/bin/python scripts/subset_font.py SOURCE.ttf OUT.ttf
"""
import sys

from fontTools import subset


def characters():
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    chars |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for codec, lead, trail in (("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF)),
                               ("big5", range(0xA1, 0xFA), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))):
        for hi in lead:
            for lo in trail:
                try:
                    chars.update(ord(c) for c in bytes((hi, lo)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return chars


def main(source, out):
    options = subset.Options()
    options.layout_features = []  # horizontal text, no shaping: PDFBox does not apply GSUB/GPOS
    options.name_IDs = ["*"]  # keep the copyright and OFL licence records
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["vhea", "vmtx", "BASE", "STAT", "GSUB", "GPOS", "GDEF"]
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    subset.save_font(font, out, options)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
