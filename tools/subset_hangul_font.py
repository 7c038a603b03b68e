"""Make assets/fonts/NotoSansKR-Hangul.otf: Noto Sans CJK KR cut down to Hangul, jamo and a few symbols.

Korean names (윤석열, 김정은) appear in clippings about the peninsula; the Latin Noto Sans has no
Hangul (nor the ✓ of the corroboration matrix), so the PDF would otherwise fall back to whatever
the machine has (and may not embed it).
The full CJK collection is ~20 MB; Hangul alone is a few MB. Latin stays with Noto Sans.

    uv run python tools/subset_hangul_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

The result is renamed "Noto Sans KR Hangul" so it never shadows a full system Noto Sans CJK.
Licence: SIL Open Font License 1.1 (assets/fonts/OFL-NotoSansCJK.txt); renaming a subset is allowed
as the font declares no Reserved Font Name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection

FAMILY = "Noto Sans KR Hangul"
RANGES = [(0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F), (0x0020, 0x007E), (0x00A0, 0x00FF),
          (0x2010, 0x2027), (0x3000, 0x3003), (0x300C, 0x300F),
          (0x2713, 0x2718), (0x2190, 0x2199), (0x25A0, 0x25CF)]  # ✓ ✗ for the corroboration matrix, arrows, shapes


def build(source: Path, target: Path) -> None:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if "KR" in f["name"].getDebugName(1))
    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
    font.save(str(target))


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    out = Path(__file__).resolve().parents[1] / "assets/fonts/NotoSansKR-Hangul.otf"
    build(src, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
