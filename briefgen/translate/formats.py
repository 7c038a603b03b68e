"""What a translation-model file or folder is: detected from its layout, never from its name alone.

The shapes IT departments can hand over (see README, "Machine translation"):

* ``briefgen``: ``metadata.json`` with ``source``/``target`` and the sha256 of every model file.
* ``argos``: an Argos Translate ``.argosmodel`` (``metadata.json`` with ``from_code``/``to_code``,
  ``model/``, ``sentencepiece.model`` or ``bpe.model``; optional ``target_prefix``; ``stanza/`` and
  ``minisbd/`` sentence splitters, which briefgen does not need: its own splitter runs).
* ``opus-mt``: an OPUS-MT / Tatoeba-MT release (Marian ``.npz``, ``decoder.yml``, vocabulary ``.yml``,
  ``source.spm``/``target.spm``, README, LICENSE), converted at install.
* ``nllb``, ``m2m100``, ``madlad``: CTranslate2 folders of multilingual models, recognised by the
  language tokens in their vocabulary (``eng_Latn``; ``__en__``; ``<2en>``); they serve both directions.

Everything else is refused in one line that says what the file looks like and what would work. The
licence is read from the files (``LICENSE``, metadata, a model card's ``license:`` line), the quality
figure from a README's benchmark table; when absent they are "unknown"/empty, never guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.model.text import Lang
from briefgen.translate.archive import PackError
from briefgen.translate.tmx_read import lang_code

WHAT_WORKS = ("an Argos .argosmodel, an OPUS-MT/Tatoeba-MT release .zip or folder, a CTranslate2 folder of "
              "NLLB-200, M2M-100 or MADLAD-400, or a briefgen pack")
FORMAT_NAMES = {"briefgen": "briefgen pack", "argos": "Argos Translate package",
                "opus-mt": "OPUS-MT/Tatoeba-MT release (converted to CTranslate2 at install)",
                "nllb": "CTranslate2 NLLB-200 model", "m2m100": "CTranslate2 M2M-100 model",
                "madlad": "CTranslate2 MADLAD-400 model"}
# language tokens of the multilingual families, per language
MULTILINGUAL = {
    "nllb": {"id": "ind_Latn", "en": "eng_Latn"},
    "m2m100": {"id": "__id__", "en": "__en__"},
    "madlad": {"id": "<2id>", "en": "<2en>"},
}
SPM_NAMES = ("sentencepiece.bpe.model", "spiece.model", "sentencepiece.model", "tokenizer.model")
_JUNK = ("__MACOSX", ".DS_Store", "Thumbs.db")
_LICENCES = (  # (pattern in the text, name shown, non-commercial)
    (r"attribution[- ]noncommercial|cc[- ]by[- ]nc|non-?commercial", "CC-BY-NC", True),
    (r"creative commons attribution[- ]share ?alike|cc[- ]by[- ]sa", "CC-BY-SA", False),
    (r"creative commons attribution|cc[- ]by(?![- ](nc|sa))|^\s*attribution \d\.\d international", "CC-BY", False),
    (r"apache license|apache-2\.0", "Apache-2.0", False),
    (r"\bmit license\b|permission is hereby granted, free of charge|^mit$", "MIT", False),
    (r"cc0|public domain dedication", "CC0", False),
)


@dataclass
class Detected:
    """What a staged folder holds, and the facts shown to the user."""

    format: str
    root: Path
    directions: list[tuple[Lang, Lang]] = field(default_factory=list)
    model_name: str = ""
    licence: str = "unknown"
    licence_file: str = ""
    non_commercial: bool = False
    quality: str = ""
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def pack_root(staging: Path) -> Path:
    """The folder that holds the model: descend through single top folders (zips of a folder, Argos)."""
    root = staging
    for _ in range(3):
        entries = [p for p in root.iterdir() if p.name not in _JUNK]
        if len(entries) == 1 and entries[0].is_dir():
            root = entries[0]
        else:
            break
    return root


MAX_TEXT = 1 << 20  # metadata, README, LICENSE: read at most this much (a hostile 4 GB README is not read whole)


def read_text(path: Path, limit: int = MAX_TEXT) -> str:
    with path.open("rb") as fh:
        return fh.read(limit).decode("utf-8", errors="replace")


def _read_json(path: Path, where: Path) -> dict:
    if path.stat().st_size > MAX_TEXT:
        raise PackError(f"refused: {path.name} is {path.stat().st_size} bytes (at most {MAX_TEXT})", where)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackError(f"refused: {path.name} cannot be read ({str(exc).splitlines()[0]})", where) from exc
    if not isinstance(data, dict):
        raise PackError(f"refused: {path.name} is not a JSON object", where)
    return data


def detect(staging: Path, where: Path) -> Detected:
    """Recognise the layout under ``staging`` (``where`` is the user's file, for messages)."""
    root = pack_root(staging)
    label = root.name if root != staging else re.sub(r"\.(zip|argosmodel)$", "", where.name, flags=re.I)
    names = {p.name for p in root.iterdir()}
    files = [p for p in root.rglob("*") if p.is_file()]
    if "metadata.json" in names:
        meta = _read_json(root / "metadata.json", where)
        if "from_code" in meta or "to_code" in meta:
            return _argos(root, meta, where)
        if "source" in meta or "target" in meta:
            return _briefgen(root, meta, where)
    bergamot = [p.name for p in files if re.search(r"intgemm|\.s2t\.bin$|^lex\.", p.name)]
    if bergamot:
        raise PackError(f"refused: this is a Bergamot/Firefox Translations model ({bergamot[0]}: Marian binary "
                        f"with an RNN decoder), which CTranslate2 cannot run; ask IT for {WHAT_WORKS}", where)
    if "decoder.yml" in names or any(p.suffix == ".npz" for p in root.iterdir()):
        return _opus_mt(root, where, label)
    if "model.bin" in names and "config.json" in names:
        return _ctranslate2(root, where, label)
    sample = ", ".join(sorted(p.name for p in files)[:3]) or "nothing"
    raise PackError(f"refused: no translation model found (it holds {len(files)} files: {sample}); "
                    f"what works: {WHAT_WORKS}", where)


# -- the shapes --------------------------------------------------------------------------------------------------


def _direction(source: object, target: object, where: Path) -> tuple[Lang, Lang]:
    src, tgt = lang_code(str(source or "")), lang_code(str(target or ""))
    if not src or not tgt or src == tgt:
        raise PackError(f"refused: the pack translates {source or '?'}→{target or '?'}; briefgen needs "
                        f"Indonesian→English (id→en) or English→Indonesian (en→id)", where)
    return src, tgt


def _briefgen(root: Path, meta: dict, where: Path) -> Detected:
    found = Detected("briefgen", root, [_direction(meta.get("source"), meta.get("target"), where)], meta=meta)
    found.model_name = str(meta.get("model") or meta.get("name") or "")
    _licence_from(found, meta)
    found.quality = str(meta.get("quality") or "")
    return found


def _argos(root: Path, meta: dict, where: Path) -> Detected:
    found = Detected("argos", root, [_direction(meta.get("from_code"), meta.get("to_code"), where)], meta=meta)
    if not (root / "model" / "model.bin").is_file():
        raise PackError("refused: an Argos package without model/model.bin (a CTranslate2 model)", where)
    if not (root / "sentencepiece.model").is_file() and not (root / "bpe.model").is_file():
        raise PackError("refused: an Argos package without sentencepiece.model or bpe.model", where)
    src, tgt = found.directions[0]
    version = str(meta.get("package_version") or "")
    found.model_name = str(meta.get("name") or meta.get("code") or f"translate-{src}_{tgt}") + (
        f" {version}" if version else "")
    _licence_from(found, meta)
    found.quality = str(meta.get("quality") or "") or readme_quality(root)
    return found


def _opus_mt(root: Path, where: Path, label: str) -> Detected:
    readme = _readme_text(root)
    found = Detected("opus-mt", root)
    title = re.search(r"^#\s*(\S+?)(?:\.zip)?\s*$", readme, re.M)
    found.model_name = title.group(1) if title else label
    found.directions = [_opus_direction(readme, label, where)]
    _licence_from(found, {})
    found.quality = readme_quality(readme)
    labels = re.search(r"valid language labels?:\s*(.+)", readme, re.I)  # multi-target models list their tokens
    found.meta = {"language_labels": re.findall(r">>[\w-]+<<", labels.group(1)) if labels else []}
    return found


def _opus_direction(readme: str, label: str, where: Path) -> tuple[Lang, Lang]:
    """From the README's "source language(s)"/"target language(s)" lines, else a pair in the names."""
    src_line = re.search(r"source language\(?s?\)?:\s*(.+)", readme, re.I)
    tgt_line = re.search(r"target language\(?s?\)?:\s*(.+)", readme, re.I)
    if src_line and tgt_line:
        src = {lang_code(c) for c in re.split(r"[\s,]+", src_line.group(1))} - {None}
        tgt = {lang_code(c) for c in re.split(r"[\s,]+", tgt_line.group(1))} - {None}
        if len(src) == 1 and len(tgt) == 1 and src != tgt:
            return src.pop(), tgt.pop()  # type: ignore[return-value]
    for text in (readme, where.name, label):
        pair = re.search(r"(?<![a-z])(id|ind|in|msa|zlm)[-_](en|eng)(?![a-z])|(?<![a-z])(en|eng)[-_](id|ind|msa|zlm)"
                         r"(?![a-z])", text.lower())
        if pair:
            return ("id", "en") if pair.group(1) else ("en", "id")
    return ("", "")  # type: ignore[return-value]  # asked for: --direction (the window asks)


def _ctranslate2(root: Path, where: Path, label: str) -> Detected:
    from briefgen.translate.tokenize import load_vocabulary

    vocabulary = set(load_vocabulary(root, "target")) | set(load_vocabulary(root, "source"))
    for family, tokens in MULTILINGUAL.items():
        if set(tokens.values()) <= vocabulary:
            found = Detected(family, root, [("id", "en"), ("en", "id")])
            found.meta = {"language_tokens": tokens}
            break
    else:
        raise PackError("refused: a CTranslate2 model folder without Indonesian and English language tokens "
                        "(not NLLB-200, M2M-100 or MADLAD-400), so its direction is unknown; ask for the Argos "
                        "package or OPUS-MT release it was made from", where)
    if not any((root / n).is_file() for n in SPM_NAMES):
        raise PackError(f"refused: the {FORMAT_NAMES[family]} folder has no sentencepiece model "
                        f"({' or '.join(SPM_NAMES[:2])}); convert it with the tokenizer files copied", where)
    card = _readme_text(root)
    named = re.search(r"^(?:model_name|base_model|name):\s*(\S+)", card, re.M)
    found.model_name = named.group(1) if named else label
    _licence_from(found, {})
    found.quality = readme_quality(card)
    return found


# -- licence, README, quality ---------------------------------------------------------------------------------


def _readme_text(root: Path) -> str:
    for name in ("README.md", "README.txt", "README", "readme.md"):
        if (root / name).is_file():
            return read_text(root / name)
    return ""


def licence_name(text: str) -> tuple[str, bool]:
    """(name, non-commercial) of a licence text; the first line when no known licence is named."""
    low = text.lower()
    for pattern, name, non_commercial in _LICENCES:
        if re.search(pattern, low, re.M):
            version = re.search(r"(?:version|v)?\s?([1-4]\.0)\b", text[:2000]) if name.startswith("CC") else None
            return (f"{name} {version.group(1)}" if version else name), non_commercial
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first[:100], False


def _licence_from(found: Detected, meta: dict) -> None:
    """The licence as the files state it: LICENSE text, then metadata, then a model card's ``license:`` line."""
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "LICENCE.txt", "license.txt", "COPYING"):
        path = found.root / name
        if path.is_file():
            text = read_text(path)
            if text.strip():
                found.licence, found.non_commercial = licence_name(text)
                found.licence_file = name
                return
    stated, where = meta.get("licence") or meta.get("license"), "metadata.json"
    if not stated:
        card = re.search(r"^\s*licen[cs]e:\s*(\S.*)$", _readme_text(found.root), re.M | re.I)
        stated = card.group(1).strip() if card else ""
        where = next((n for n in ("README.md", "README.txt", "README", "readme.md") if (found.root / n).is_file()), "")
    if stated:
        found.licence, found.non_commercial = licence_name(str(stated))
        found.licence_file = where


def readme_quality(readme_or_root: str | Path) -> str:
    """A published figure from a README's benchmark table ("BLEU 38.6 (flores200-devtest)"), or ""."""
    text = _readme_text(readme_or_root) if isinstance(readme_or_root, Path) else readme_or_root
    rows = []
    header: list[str] = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            header = []
            continue
        lowered = [c.lower() for c in cells]
        if "bleu" in lowered and any("test" in c or "set" in c for c in lowered):
            header = lowered
            continue
        if header and re.fullmatch(r"\d+(\.\d+)?", cells[header.index("bleu")] if len(cells) > header.index(
                "bleu") else ""):
            rows.append((cells[0], cells[header.index("bleu")]))
    if not rows:
        return ""
    best = next((r for r in rows if "flores" in r[0].lower() and "devtest" in r[0].lower()), rows[0])
    return f"BLEU {best[1]} ({best[0]})"
