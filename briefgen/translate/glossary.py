"""Glossary: fixed translations of names and terms (the gazetteer plus the user's own glossaries).

Three uses. A segment that *is* a term ("Menteri Luar Negeri AS") is rendered from the glossary
(status ``generated``) with no machine involved. Before machine translation every term in a
segment is replaced by a placeholder the model has no reason to touch, and the term's fixed
translation is put back afterwards, so a name is never "translated" into something else. And a
target that lacks a term's fixed translation (a person's older rendering, say) is flagged.

User glossaries are CSV (``id,en`` header, or two columns in that order) or TBX files in
``<user data>/glossaries/``; an entry there wins over the gazetteer's. Terms match on word
boundaries, case-sensitively ("AS" is the United States; "as" is not), longest first.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from briefgen.errors import BriefgenError
from briefgen.model.text import Lang
from briefgen.resources import file_state, user_data_dir
from briefgen.translate.tmx_read import XML_LANG, lang_code
from briefgen.userfiles import UserFileError, read_regular

log = logging.getLogger(__name__)
PLACEHOLDER = "XT{}X"  # letters and a digit: sentencepiece keeps them as pieces and models tend to copy codes
PLACEHOLDER_RE = re.compile(r"X\s?T\s?(\d+)\s?X", re.IGNORECASE)
_TRAIL = ".,;:!?\"'”’)"


class GlossaryError(BriefgenError):
    """A glossary file that cannot be read."""


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    target: str
    origin: str  # "gazetteer" or "glossary:<file name>"


@dataclass(frozen=True)
class Masked:
    """A segment with its terms replaced by placeholders, and what each placeholder stands for."""

    text: str
    terms: tuple[Term, ...] = ()
    pieces: tuple[str, ...] = field(default=())  # the text between placeholders, for the fallback

    def restore(self, translated: str) -> tuple[str, list[Term]]:
        """Put each term's fixed translation where its placeholder came back; return the terms lost."""
        seen: set[int] = set()

        def put(m: re.Match[str]) -> str:
            n = int(m.group(1))
            if 1 <= n <= len(self.terms):
                seen.add(n)
                return self.terms[n - 1].target
            return ""

        out = " ".join(PLACEHOLDER_RE.sub(put, translated).split())
        return out, [t for i, t in enumerate(self.terms, 1) if i not in seen]


class Glossary:
    """Term pairs in both directions, looked up longest first on word boundaries."""

    def __init__(self, pairs: Iterable[tuple[str, str, str]] = ()) -> None:
        self._terms: dict[tuple[Lang, Lang], dict[str, Term]] = {("id", "en"): {}, ("en", "id"): {}}
        self._patterns: dict[tuple[Lang, Lang], re.Pattern[str] | None] = {}
        self.add(pairs)

    def add(self, pairs: Iterable[tuple[str, str, str]], override: bool = False) -> None:
        """Add (Indonesian, English, origin) pairs. The first Indonesian form of an English term is the one
        used for en→id, so list canonical forms first; ``override`` lets a user file replace entries."""
        for id_text, en_text, origin in pairs:
            id_text, en_text = " ".join(id_text.split()), " ".join(en_text.split())
            if not id_text or not en_text:
                continue
            for (s, t), (src, tgt) in (((("id", "en")), (id_text, en_text)), ((("en", "id")), (en_text, id_text))):
                table = self._terms[(s, t)]
                if override or src not in table:
                    table[src] = Term(src, tgt, origin)
        self._patterns.clear()

    def __len__(self) -> int:
        return len(self._terms[("id", "en")])

    def terms(self, src: Lang, tgt: Lang) -> list[Term]:
        return list(self._terms[(src, tgt)].values())

    def _pattern(self, src: Lang, tgt: Lang) -> re.Pattern[str] | None:
        key = (src, tgt)
        if key not in self._patterns:
            forms = sorted(self._terms[key], key=len, reverse=True)
            self._patterns[key] = re.compile(
                r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)") if forms else None
        return self._patterns[key]

    def exact(self, text: str, src: Lang, tgt: Lang) -> Term | None:
        """The term a whole segment consists of (trailing punctuation aside), if any."""
        core = text.strip().rstrip(_TRAIL).strip()
        return self._terms[(src, tgt)].get(core)

    def find(self, text: str, src: Lang, tgt: Lang) -> list[Term]:
        pattern = self._pattern(src, tgt)
        table = self._terms[(src, tgt)]
        return [table[m.group(1)] for m in pattern.finditer(text)] if pattern else []

    def mask(self, text: str, src: Lang, tgt: Lang) -> Masked:
        """Replace each term by ``XT<n>X``; ``pieces`` keeps the text between them for the fallback."""
        pattern = self._pattern(src, tgt)
        if pattern is None or "XT" in text.upper().replace(" ", ""):  # never confuse real text with a placeholder
            return Masked(text, (), (text,))
        table = self._terms[(src, tgt)]
        terms: list[Term] = []
        pieces: list[str] = []
        out: list[str] = []
        last = 0
        for m in pattern.finditer(text):
            terms.append(table[m.group(1)])
            pieces.append(text[last:m.start()])
            out += [text[last:m.start()], PLACEHOLDER.format(len(terms))]
            last = m.end()
        pieces.append(text[last:])
        out.append(text[last:])
        return Masked("".join(out), tuple(terms), tuple(pieces))

    def insert(self, text: str, src: Lang, tgt: Lang) -> str:
        """``text`` with each term replaced by its fixed translation (for models that mangle placeholders)."""
        pattern = self._pattern(src, tgt)
        table = self._terms[(src, tgt)]
        return pattern.sub(lambda m: table[m.group(1)].target, text) if pattern else text

    def missing_in(self, source: str, target: str, src: Lang, tgt: Lang) -> list[Term]:
        """The terms of ``source`` whose fixed translation does not appear in ``target``."""
        low = target.casefold()
        return [t for t in self.find(source, src, tgt) if t.target.casefold() not in low]

    # -- loading ----------------------------------------------------------------------------------------------

    def copy(self) -> Glossary:
        twin = Glossary()
        twin._terms = {key: dict(table) for key, table in self._terms.items()}
        return twin

    @classmethod
    def default(cls, folder: Path | None = None) -> Glossary:
        """The gazetteer's terms plus every CSV/TBX glossary in the user's glossary folder.

        Built again only when the gazetteer or a glossary file changed: the window asks for it on
        every rebuild, and building it was a tenth of a rebuild at 500 clippings. Each caller gets
        its own copy (a glossary can be added to)."""
        folder = folder or user_data_dir() / "glossaries"
        paths = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".tbx")) if folder.is_dir() else []
        key = (_gazetteer_state(), tuple(file_state(p) for p in paths))
        cached = _DEFAULTS.get(key)
        if cached is None:
            cached = cls(gazetteer_pairs())
            for path in paths:
                try:
                    cached.add(read_glossary(path), override=True)
                except GlossaryError as exc:
                    log.warning("%s", exc)
            _DEFAULTS.clear()  # one glossary remembered: the files' current state
            _DEFAULTS[key] = cached
        return cached.copy()


_DEFAULTS: dict[tuple, Glossary] = {}


def _gazetteer_state() -> object:
    """The loaded gazetteer object (replaced by :func:`load_gazetteer` when one of its files changes)."""
    try:
        from briefgen.extract.gazetteer import load_gazetteer

        return load_gazetteer()  # kept in the key, so its identity cannot be reused by another object
    except Exception:  # noqa: BLE001 - gazetteer_pairs says why when it builds the glossary
        return None


def gazetteer_pairs() -> list[tuple[str, str, str]]:
    """The gazetteer's (Indonesian, English) term pairs; none if the gazetteer cannot be loaded."""
    try:
        from briefgen.extract.gazetteer import load_gazetteer
    except ImportError:  # an install without the extraction layer still translates
        return []
    try:
        return [(i, e, "gazetteer") for i, e in load_gazetteer().term_pairs()]
    except (BriefgenError, OSError, ValueError) as exc:
        log.warning("gazetteer not used for the glossary: %s", exc)
        return []


MAX_GLOSSARY_BYTES = 20 * 1024 * 1024
MAX_TERM_CHARS = 1_000  # one term; real ones are a few words
MAX_ROWS = 200_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # would make the DOCX's XML invalid


def read_glossary(path: Path | str) -> list[tuple[str, str, str]]:
    """(Indonesian, English, origin) pairs from a CSV or TBX file (a regular file only: a FIFO named
    ``x.csv`` would block every build; size, row count and term length are bounded)."""
    path = Path(path)
    try:
        data = read_regular(path, MAX_GLOSSARY_BYTES)
    except UserFileError as exc:
        raise GlossaryError(exc.reason, path) from exc
    if path.suffix.lower() == ".tbx":
        return _read_tbx(data, path)
    return _read_csv(data, path)


def _read_csv(data: bytes, path: Path) -> list[tuple[str, str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError("is not UTF-8 text (save the glossary as CSV UTF-8)", path) from exc
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise GlossaryError(f"more than {MAX_ROWS:,} rows; split the glossary", path)
            if any(len(cell) > MAX_TERM_CHARS for cell in row[:8]):
                raise GlossaryError(f"line {reader.line_num}: a field of more than {MAX_TERM_CHARS:,} characters "
                                    "(a glossary holds terms, not texts)", path)
            if any(_CONTROL.search(cell) for cell in row[:8]):
                raise GlossaryError(f"line {reader.line_num}: a control character inside a term", path)
            if any(c.strip() for c in row):
                rows.append(row)
    except csv.Error as exc:  # a field over csv's own limit (128 KB), a NUL, a broken quote
        raise GlossaryError(f"line {reader.line_num}: not a readable CSV row ({exc})", path) from exc
    if not rows:
        return []
    head = [lang_code(c) for c in rows[0]]
    if "id" in head and "en" in head:
        i, e, rows = head.index("id"), head.index("en"), rows[1:]
    else:
        i, e = 0, 1
    origin = f"glossary:{path.name}"
    bad = [n for n, r in enumerate(rows, 1) if len(r) <= max(i, e)]
    if bad:
        raise GlossaryError(f"row {bad[0]} has fewer than two columns (expected Indonesian and English)", path)
    return [(r[i].strip(), r[e].strip(), origin) for r in rows]


def _read_tbx(data: bytes, path: Path) -> list[tuple[str, str, str]]:
    try:  # defusedxml: entity declarations and outside references refused in every encoding (UTF-16 too)
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise GlossaryError("declares XML entities or refers to outside files, which a TBX file does not need; "
                            f"refused ({type(exc).__name__})", path) from exc
    except ET.ParseError as exc:
        raise GlossaryError(f"is not well-formed XML ({exc})", path) from exc
    origin = f"glossary:{path.name}"
    pairs = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        forms: dict[str, list[str]] = {"id": [], "en": []}
        for lang_set in entry:
            lang = lang_code(lang_set.get(XML_LANG) or lang_set.get("lang"))
            if _local(lang_set.tag) == "langSet" and lang:
                forms[lang] += [" ".join((t.text or "").split()) for t in lang_set.iter() if _local(t.tag) == "term"]
        if forms["id"] and forms["en"]:
            pairs += [(form, forms["en"][0], origin) for form in forms["id"] if form]
    return pairs


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
