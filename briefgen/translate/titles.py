"""English forms of the memo header's free text (Kepada, Dari, Tembusan, signatory), never guessed.

A memo header holds offices and names, not sentences, so machine translation is the wrong tool
and copying the Indonesian into the English part is a silent error. For each field, in order:

1. the analyst's own English (``reviewed``);
2. a whole-field match in the office titles (``assets/office-titles.yaml`` plus the user's
   ``office-titles.yaml``): "Menteri Luar Negeri" → "Minister for Foreign Affairs" (``generated``);
3. a whole-field match in the gazetteer: a known person's name, a role, an organisation (``generated``);
4. otherwise the English side stays ``missing`` and is marked untranslated in every output
   (the translation step may still fill it from the memory or the glossary, with its status).

Courtesies ("Yth.", "Bapak", "Ibu") are set aside for the lookup and never translated. Core, no Qt.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from briefgen.model import BiText, Status
from briefgen.resources import asset, user_data_dir
from briefgen.userfiles import UserFileError, list_of, load_yaml, record, validate
from briefgen.userfiles import text as text_field

log = logging.getLogger(__name__)
FILE_NAME = "office-titles.yaml"
_COURTESY = re.compile(r"^\s*(?:(?:yth|kepada yth|bapak|ibu|bpk|sdr|sdri)\.?\s+)+", re.IGNORECASE)


_SCHEMA = record({"titles": list_of(record({"id": text_field(500, allow_numbers=False),
                                             "en": text_field(500, allow_numbers=False)}, required=("id", "en")),
                                     50_000)})
MAX_BYTES = 4 * 1024 * 1024


def _read(path: Path) -> dict[str, str]:
    """The file's titles; a broken or hostile file is left out whole with a one-line warning.

    Read through :mod:`briefgen.userfiles`: a regular file only, size-bounded, YAML refused when its
    aliases would expand past the budget, and every ``id``/``en`` must be text (an alias bomb used as a
    title's ``en`` is a list, never turned into a string)."""
    try:
        rows = validate(load_yaml(path, MAX_BYTES), _SCHEMA).get("titles", [])
    except UserFileError as exc:
        if exc.reason == "file not found":
            return {}
        log.warning("office titles not used: %s", exc)
        return {}
    return {_norm(r["id"]): r["en"].strip() for r in rows if r["id"].strip() and r["en"].strip()}


def _norm(text: str) -> str:
    return " ".join(text.replace(",", " ,").split()).casefold().replace(" ,", ",")


@functools.lru_cache(maxsize=4)
def _titles(user_file: Path | None) -> dict[str, str]:
    table = _read(asset(FILE_NAME))
    if user_file is not None:
        table.update(_read(user_file))
    return table


def office_titles() -> dict[str, str]:
    """Normalised Indonesian title → English title (the user's file wins)."""
    try:
        user = user_data_dir() / FILE_NAME
    except OSError:
        user = None
    return _titles(user if user is not None and user.is_file() else None)


def english_form(value: str, gazetteer=None) -> str | None:  # noqa: ANN001 - briefgen.extract.gazetteer.Gazetteer
    """The English of a whole header field when a table knows it; None otherwise (never a guess)."""
    core = _COURTESY.sub("", value).strip().rstrip(".").strip()
    if not core:
        return None
    hit = office_titles().get(_norm(core))
    if hit:
        return hit
    if gazetteer is None:
        try:
            from briefgen.extract.gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        except Exception:  # noqa: BLE001 - no gazetteer: the field stays marked untranslated
            return None
    for mention in gazetteer.find(core):
        if mention.start == 0 and mention.end == len(core):
            if mention.role is not None:
                return mention.role.en
            return mention.entry.name.get("en") or None
    return None


def header_text(value: str, english: str = "", gazetteer=None) -> BiText:  # noqa: ANN001
    """A header field in both languages: the Indonesian as written, the English as above."""
    value, english = value.strip(), english.strip()
    if not value and not english:
        return BiText()
    text = BiText.source(value, "id") if value else BiText()
    if english:
        return text.with_text("en", english, Status.REVIEWED)
    found = english_form(value, gazetteer) if value else None
    return text.with_text("en", found, Status.GENERATED) if found else text
