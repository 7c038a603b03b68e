"""Write assets/samples/sample-translations.tmx from tools/sample_translations.txt.

Each unit names the bundled sample files (by sha256 of their bytes) whose text holds the sentence,
so briefgen uses it for those files only. Run after changing the translations or the samples:

    uv run python tools/make_sample_tmx.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefgen.export import atomic_write_bytes  # noqa: E402
from briefgen.pipeline import load_articles  # noqa: E402
from briefgen.translate.samples import ARTICLE_PROP, FILE_NAME, XML_LANG  # noqa: E402
from briefgen.translate.segments import normalise  # noqa: E402

SOURCE = ROOT / "tools" / "sample_translations.txt"
TARGET = ROOT / "assets" / "samples" / FILE_NAME


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("id: "):
            current = line[4:].strip()
        elif line.startswith("en: ") and current is not None:
            pairs.append((current, line[4:].strip()))
            current = None
    return pairs


def main() -> int:
    articles = load_articles(sample=True).articles
    texts = {a.sha256: normalise("\n".join([a.title, *a.paragraphs])) for a in articles}
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "briefgen tools/make_sample_tmx.py", "creationtoolversion": "1", "segtype": "sentence",
        "o-tmf": "briefgen", "adminlang": "en", "srclang": "id", "datatype": "plaintext",
        "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
    })
    ET.SubElement(root[0], "note").text = ("Sample translation (supplied with briefgen) of the bundled sample "
                                           "clippings; used for those files only.")
    body = ET.SubElement(root, "body")
    orphans = []
    for id_text, en_text in read_pairs(SOURCE):
        inner = normalise(id_text).strip('"').rstrip(".…").strip()
        shas = sorted(sha for sha, text in texts.items() if inner in text)
        if not shas:
            orphans.append(id_text)
            continue
        tu = ET.SubElement(body, "tu", srclang="id")
        for sha in shas:
            ET.SubElement(tu, "prop", type=ARTICLE_PROP).text = sha
        for lang, text in (("id", id_text), ("en", en_text)):
            ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: lang}), "seg").text = text
    if orphans:
        print("not found in any sample:", *orphans, sep="\n  ", file=sys.stderr)
        return 1
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    atomic_write_bytes(TARGET, data)
    print(f"{TARGET}: {len(body)} units for {len(articles)} sample files "
          f"({hashlib.sha256(TARGET.read_bytes()).hexdigest()[:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
