"""Language services: gettext catalogues for the UI and fixed document labels, Babel formatting.

One catalogue (domain ``briefgen``) serves the window and the documents. Message ids are English;
the Indonesian catalogue lives in ``briefgen/locale/id/LC_MESSAGES/briefgen.po``. A compiled ``.mo``
is used when present and current (packaging compiles them); otherwise the ``.po`` is compiled in
memory with Babel, so a source checkout never runs stale translations.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache, lru_cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from briefgen.model import LANGS, BiText, Lang
from briefgen.resources import locale_dir

DOMAIN = "briefgen"
BABEL_LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_GB"}  # en_GB: day-month order, as in the anatomy
DATE_PATTERNS: dict[str, str] = {
    "long": "EEEE, d MMMM y",  # Kamis, 9 November 2023 / Thursday, 9 November 2023
    "medium": "d MMMM y",
    "short": "d MMM y",
    "long-us": "EEEE, MMMM d, y",  # an English setting: Thursday, November 9, 2023
}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for ``lang``; English (the message ids) needs none."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = locale_dir() / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.is_file():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_po(po.read_bytes())))


def compile_po(po_bytes: bytes) -> bytes:
    """Compile a .po catalogue to .mo bytes with Babel (fuzzy entries left out, as msgfmt does).

    Babel's catalogue reader is loaded here, not at import: an installed app has a compiled .mo."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def gettext_for(lang: str):
    """A ``_``-style function for one language."""
    return translations(lang).gettext


def ngettext_for(lang: str):
    """An ``n_(singular, plural, count)`` for one language: "1 file" / "2 files" (Indonesian has one form)."""
    return translations(lang).ngettext


def label(msgid: str, **values: object) -> BiText:
    """A fixed document label in both languages, from the catalogue (status ``generated``)."""
    texts = [translations(lang).gettext(msgid) for lang in LANGS]
    if values:
        texts = [t.format(**values) for t in texts]
    return BiText.generated(texts[0], texts[1])


@lru_cache(maxsize=4096)
def format_date(value: dt.date, lang: Lang, style: str = "long") -> str:
    """Cached: a briefing of thousands of clippings writes the same few hundred dates again and again,
    and Babel parses its pattern on every call."""
    return _babel_date(value, DATE_PATTERNS.get(style, style), locale=BABEL_LOCALES[lang])


def date_text(value: dt.date, style: str = "long", en_style: str | None = None) -> BiText:
    """A date written out in both languages ("Kamis, 9 November 2023" / "Thursday, 9 November 2023")."""
    return BiText.generated(format_date(value, "id", style), format_date(value, "en", en_style or style))


def format_number(value: float, lang: Lang) -> str:
    return _babel_decimal(value, locale=BABEL_LOCALES[lang])
