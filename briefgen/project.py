"""A briefing project: the clippings themselves plus every choice the user made, saved as ``.briefgen``.

Why the texts and not only paths: a project must reopen identically on another laptop or after the
clipping folder was tidied away, so it carries each clipping's decoded text, its hash and format
hints. Beside them: which articles are included, which removed lines the user restored, the
document options, the analyst's own assessment and recommendations, dropped and reordered points,
and translation edits (keyed by item key and language; they enter the briefing as ``reviewed``), and
the cross-language pairings the user rejected.

A ``.briefgen`` file is UTF-8 JSON with a format name and a version, written atomically. The
:class:`Autosave` keeps a copy in the user data folder and a session marker, so a crash is noticed
at the next start and recovery can be offered. Core module: no Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from briefgen.assemble import SECTION_LABELS, BriefingOptions, split_bottom_line
from briefgen.errors import BriefgenError
from briefgen.export import atomic_write_bytes
from briefgen.i18n import label
from briefgen.ingest import build as ingest_build
from briefgen.model import LANGS, Article, BiText, Briefing, Item, RawArticle, Section, Status
from briefgen.pipeline import BuildOptions, letterhead_lines, make_briefing, translate_and_date
from briefgen.privacy import redact_raw
from briefgen.progress import Progress
from briefgen.resources import user_data_dir
from briefgen.templating import Template
from briefgen.userfiles import (
    UserFileError,
    YamlDoc,
    boolean,
    integer,
    list_of,
    mapping_of,
    read_regular,
    record,
    validate,
)
from briefgen.userfiles import text as text_field

FORMAT = "briefgen-project"
VERSION = 1
SUFFIX = ".briefgen"
ANALYST_KEYS = ("assessment", "recommendations")


@dataclass
class ProjectArticle:
    """One clipping as imported, with the user's choices about it."""

    raw: RawArticle
    included: bool = True
    restored: frozenset[int] = frozenset()  # RemovedLine.line numbers put back by the user


@dataclass
class DocumentOptions:
    """The right-hand panel: template, layout, languages and the memo header fields."""

    template: str = ""
    layout: str = ""  # "": the template's default
    languages: str = "bilingual"
    page_size: str = "A4"
    classification: str = "biasa"
    urgency: str = "biasa"
    number: str = ""  # Nomor
    to: str = ""  # Kepada
    sender: str = ""  # Dari
    subject: str = ""  # Hal
    subject_en: str = ""  # Hal in English, as the analyst writes it
    cc: str = ""  # Tembusan, one addressee per line
    signatory: str = ""
    to_en: str = ""  # the English of Kepada, Dari, signatory and Tembusan (one per line), as the analyst writes it
    sender_en: str = ""
    signatory_en: str = ""
    cc_en: str = ""
    author: str = ""
    date_of_issue: str = ""  # ISO date; "": today
    letterhead: str = ""  # kop lines, Indonesian, one per line; "": the template's (placeholder) kop
    letterhead_en: str = ""  # kop lines for the English part; "": the Indonesian lines
    signatory_title: str = ""  # jabatan above the signature
    signatory_nip: str = ""
    opening: str = ""  # the memo's opening paragraph; "": the template's
    opening_en: str = ""
    closing: str = ""
    closing_en: str = ""
    emblem: str = ""  # path of the user's emblem picture for the kop; "": none


@dataclass
class Project:
    articles: list[ProjectArticle] = field(default_factory=list)
    options: DocumentOptions = field(default_factory=DocumentOptions)
    assessment: BiText | None = None
    recommendations: BiText | None = None
    dropped: list[str] = field(default_factory=list)  # Item.key
    order: list[str] = field(default_factory=list)  # Item.key, the user's order
    edits: dict[str, dict[str, str]] = field(default_factory=dict)  # Item.key → lang → reviewed text
    rejected_pairs: list[str] = field(default_factory=list)  # cross-language pairings the user rejected (Pair.key)

    # --- articles ----------------------------------------------------------------------------------
    def add_raws(self, raws: Iterable[RawArticle], included: Iterable[bool] | None = None) -> list[int]:
        """Append clippings not already in the project (by hash); returns the indexes added."""
        known = {a.raw.sha256 for a in self.articles}
        flags = list(included) if included is not None else None
        added = []
        for i, raw in enumerate(raws):
            if raw.sha256 in known:
                continue
            known.add(raw.sha256)
            self.articles.append(ProjectArticle(raw, True if flags is None else flags[i]))
            added.append(len(self.articles) - 1)
        return added

    def snapshot(self) -> Project:
        """A copy a worker can read while the user goes on editing (clipping texts are shared: immutable)."""
        return replace(self, articles=[replace(a) for a in self.articles], options=replace(self.options),
                       dropped=list(self.dropped), order=list(self.order),
                       edits={k: dict(v) for k, v in self.edits.items()}, rejected_pairs=list(self.rejected_pairs))

    def included_hashes(self) -> set[str]:
        return {a.raw.sha256 for a in self.articles if a.included}

    def reject_pair(self, key: str, rejected: bool = True) -> None:
        """Remember (or forget) that a cross-language pairing is wrong: its sentence is no longer shown as the
        other language's text and no longer counts as corroboration."""
        if rejected and key not in self.rejected_pairs:
            self.rejected_pairs.append(key)
        elif not rejected and key in self.rejected_pairs:
            self.rejected_pairs.remove(key)

    def set_edit(self, key: str, lang: str, text: str | None) -> None:
        """Record (or with ``None`` forget) the user's text for one item and language.

        A memo field (``header:subject``, ``header:to``, ``header:from``, ``header:signatory``,
        ``header:cc:N``) goes to the document options the memo panel shows, so it has one home."""
        if key.startswith("header:"):
            self._set_header(key.removeprefix("header:"), lang, text or "")
            return
        if text is None:
            self.edits.get(key, {}).pop(lang, None)
            if key in self.edits and not self.edits[key]:
                del self.edits[key]
        else:
            self.edits.setdefault(key, {})[lang] = text

    def _set_header(self, name: str, lang: str, text: str) -> None:
        o = self.options
        if name.startswith("cc:"):
            field_name = "cc_en" if lang == "en" else "cc"
            lines = getattr(o, field_name).splitlines()
            n = int(name[3:])  # the n-th addressee the memo shows, not the n-th line of the text box
            kept = [i for i, _, _ in cc_pairs(o)]
            row = kept[n] if n < len(kept) else max(len(o.cc.splitlines()), len(lines)) + n - len(kept)
            lines += [""] * (row + 1 - len(lines))
            lines[row] = text.strip()
            self.options = replace(o, **{field_name: "\n".join(lines).rstrip("\n")})
            return
        fields_by_lang = {"subject": ("subject", "subject_en"), "to": ("to", "to_en"), "from": ("sender", "sender_en"),
                          "signatory": ("signatory", "signatory_en")}
        if name in fields_by_lang:
            self.options = replace(o, **{fields_by_lang[name][lang == "en"]: text.strip()})

    # --- (de)serialisation -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "articles": [
                {**asdict(a.raw), "included": a.included, "restored": sorted(a.restored)} for a in self.articles
            ],
            "options": asdict(self.options),
            "analyst": {k: _bitext_to_dict(getattr(self, k)) for k in ANALYST_KEYS},
            "dropped": list(self.dropped),
            "order": list(self.order),
            "edits": {k: dict(v) for k, v in self.edits.items()},
            "rejected_pairs": list(self.rejected_pairs),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str | Path | None = None) -> Project:
        """The project in ``data``, checked whole before anything is built: a damaged or hand-made file is
        refused with the first problem named (``articles[3].text must be text``), never half-applied.

        Clippings are redacted here too (unless the user kept their personal data on import): a project
        written by an older briefgen, or by hand, brings no e-mail address or phone number into view.
        """
        if data.get("format") != FORMAT:
            raise BriefgenError("not a briefgen project file", source, code="not-a-project")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise BriefgenError(f"project format version {str(version)[:20]!r} is not valid; the file is damaged",
                                source, code="project-too-new")
        if version > VERSION:
            raise BriefgenError(f"project format version {version!r} is newer than this briefgen "
                                "understands; update briefgen", source, code="project-too-new")
        doc = YamlDoc(Path(str(source or "project")), data)
        try:
            checked = validate(doc, _PROJECT_SCHEMA)
            articles = [
                ProjectArticle(
                    redact_raw(RawArticle(file=a["file"], sha256=a["sha256"], text=a["text"], fmt=a.get("fmt", "txt"),
                                          encoding=a.get("encoding"), hints=a.get("hints", {}))),
                    a.get("included", True), frozenset(a.get("restored", ())))
                for a in checked.get("articles", [])
            ]
            options = DocumentOptions(**checked.get("options", {}))
            analyst = checked.get("analyst", {})
            return cls(
                articles=articles,
                options=options,
                assessment=_bitext_from_dict(analyst.get("assessment")),
                recommendations=_bitext_from_dict(analyst.get("recommendations")),
                dropped=checked.get("dropped", []),
                order=checked.get("order", []),
                edits={k: {lang: t for lang, t in v.items() if lang in LANGS}
                       for k, v in checked.get("edits", {}).items()},
                rejected_pairs=checked.get("rejected_pairs", []),
            )
        except UserFileError as exc:
            raise BriefgenError(f"project file is damaged: {exc.reason}", source, code="project-damaged") from exc
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            raise BriefgenError(f"project file is damaged ({type(exc).__name__}: {str(exc)[:120]})", source,
                                code="project-damaged") from exc


def _optional_text(limit: int) -> Any:
    check = text_field(limit, allow_numbers=False)
    return lambda value, where, doc: None if value is None else check(value, where, doc)


_TEXT = 60_000_000  # a clipping's text: up to the importer's 50 MB, decoded
_ARTICLE = record({
    "file": text_field(4_096, allow_numbers=False), "sha256": text_field(128, allow_numbers=False),
    "text": text_field(_TEXT, allow_numbers=False), "fmt": text_field(20, allow_numbers=False),
    "encoding": _optional_text(64), "hints": mapping_of(text_field(1_000_000, allow_numbers=False), 200),
    "included": boolean(), "restored": list_of(integer(1, 10**9), 100_000),
}, required=("file", "sha256", "text"))
_BITEXT = record({"id": text_field(1_000_000, allow_numbers=False), "en": text_field(1_000_000, allow_numbers=False),
                  "id_status": text_field(40, allow_numbers=False), "en_status": text_field(40, allow_numbers=False)})
_PROJECT_SCHEMA = record({
    "articles": list_of(_ARTICLE, 10_000),
    "options": record({f.name: text_field(100_000, allow_numbers=False) for f in fields(DocumentOptions)}),
    "analyst": record({k: _BITEXT for k in ANALYST_KEYS}),
    "dropped": list_of(text_field(1_000, allow_numbers=False), 100_000),
    "order": list_of(text_field(1_000, allow_numbers=False), 100_000),
    "edits": mapping_of(mapping_of(text_field(1_000_000, allow_numbers=False), 10), 100_000),
    "rejected_pairs": list_of(text_field(1_000, allow_numbers=False), 100_000),
})


def _bitext_to_dict(text: BiText | None) -> dict[str, str] | None:
    if text is None:
        return None
    return {"id": text.id, "en": text.en, "id_status": str(text.id_status), "en_status": str(text.en_status)}


def _bitext_from_dict(data: dict[str, str] | None) -> BiText | None:
    if not data:
        return None
    return BiText(data.get("id", ""), data.get("en", ""), Status(data.get("id_status", "missing")),
                  Status(data.get("en_status", "missing")))


def analyst_text(id_text: str, en_text: str) -> BiText | None:
    """The analyst's own words: each language written is ``reviewed``; an empty one stays missing."""
    text = BiText()
    for lang, value in (("id", id_text.strip()), ("en", en_text.strip())):
        if value:
            text = text.with_text(lang, value, Status.REVIEWED)  # type: ignore[arg-type]
    return text if (text.id or text.en) else None


# --- files --------------------------------------------------------------------------------------------

def save_project(project: Project, path: Path) -> Path:
    """Write ``project`` atomically; a locked or read-only target raises ExportFailed naming it."""
    data = json.dumps(project.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    return atomic_write_bytes(Path(path), data)


MAX_PROJECT_BYTES = 1024 * 1024 * 1024


def load_project(path: Path) -> Project:
    """Read a project; a file that cannot be used whole is refused whole (see :meth:`Project.from_dict`)."""
    try:
        data = json.loads(read_regular(Path(path), MAX_PROJECT_BYTES).decode("utf-8"))
    except UserFileError as exc:
        if exc.reason == "file not found":
            raise BriefgenError("project file not found", path, code="file-missing") from None
        raise BriefgenError(f"cannot read the project file: {exc.reason}", path, code="cannot-read") from exc
    except RecursionError as exc:
        raise BriefgenError("cannot read the project file (nested too deeply)", path, code="cannot-read") from exc
    except OSError as exc:
        raise BriefgenError(f"cannot read the project file: {exc.strerror or exc}", path, code="cannot-read") from exc
    except (UnicodeDecodeError, ValueError) as exc:  # not UTF-8 or not JSON: damaged, or not a project at all
        raise BriefgenError("cannot read the project file: it is not valid project text (damaged?)", path,
                            code="project-damaged") from exc
    if not isinstance(data, dict):
        raise BriefgenError("not a briefgen project file", path, code="not-a-project")
    return Project.from_dict(data, path)


# --- from project to briefing ---------------------------------------------------------------------------

def build_articles(project: Project, today: dt.date | None = None) -> list[Article]:
    """Clean every clipping, honouring restored lines when the ingest layer supports it."""
    supports_restore = "restore" in inspect.signature(ingest_build.build_article).parameters
    built = []
    for pa in project.articles:
        if supports_restore and pa.restored:
            built.append(ingest_build.build_article(pa.raw, today=today, restore=pa.restored))
        else:
            built.append(ingest_build.build_article(pa.raw, today))
    return ingest_build.mark_duplicates(built)


def restore_supported() -> bool:
    return "restore" in inspect.signature(ingest_build.build_article).parameters


def cc_pairs(o: DocumentOptions) -> list[tuple[int, str, str]]:
    """(line number, Indonesian, English) of each Tembusan addressee.

    The two text boxes are paired line by line *before* blank lines are dropped, and a line is dropped
    only with its partner: a blank line in one box must not shift every English addressee after it
    onto the wrong Indonesian one. A line with no Indonesian text names no addressee in the memo."""
    ids, ens = o.cc.splitlines(), o.cc_en.splitlines()
    ens += [""] * (len(ids) - len(ens))
    return [(i, c.strip(), e.strip()) for i, (c, e) in enumerate(zip(ids, ens, strict=False)) if c.strip()]


def build_options(project: Project) -> BuildOptions:
    """The pipeline's options from the project (dropped/order are applied afterwards, see below)."""
    o = project.options
    known = {f.name for f in fields(BriefingOptions)}
    values: dict[str, Any] = {
        "classification": o.classification, "urgency": o.urgency, "number": o.number, "to": o.to,
        "sender": o.sender, "subject": o.subject, "subject_en": o.subject_en, "signatory": o.signatory,
        "cc": tuple(c for _, c, _ in cc_pairs(o)),
        "assessment": project.assessment, "recommendations": project.recommendations,
        "author": o.author, "to_en": o.to_en, "sender_en": o.sender_en, "signatory_en": o.signatory_en,
        "cc_en": tuple(e for _, _, e in cc_pairs(o)),
        "rejected_pairs": frozenset(project.rejected_pairs),
        "signatory_title": o.signatory_title, "signatory_nip": o.signatory_nip,
        "opening": o.opening, "opening_en": o.opening_en, "closing": o.closing, "closing_en": o.closing_en,
    }
    if o.date_of_issue:
        with contextlib.suppress(ValueError):
            values["date_of_issue"] = dt.date.fromisoformat(o.date_of_issue)
    briefing = BriefingOptions(**{k: v for k, v in values.items() if k in known})
    return BuildOptions(template=o.template or None, layout=o.layout or None, languages=o.languages,
                        page_size=o.page_size, briefing=briefing,
                        letterhead=letterhead_lines(o.letterhead, o.letterhead_en),
                        emblem=Path(o.emblem) if o.emblem else None)


def apply_edits(briefing: Briefing, edits: dict[str, dict[str, str]]) -> Briefing:
    """Put the user's translations into the briefing as ``reviewed`` text (empty text: left as is)."""
    if not edits:
        return briefing

    def edit(item: Item) -> Item:
        cells = list(item.cells)
        for lang, text in edits.get(item.key, {}).items():
            if text.strip():
                # a cell that holds the item's own words (a statement's quote) takes the same translation
                src = item.text.source_lang
                for n, cell in enumerate(cells):
                    if src and src != lang and cell.text(src) == item.text.text(src) and cell.source_lang == src:
                        cells[n] = cell.with_text(lang, text.strip(), Status.REVIEWED)  # type: ignore[arg-type]
                item = replace(item, text=item.text.with_text(lang, text.strip(), Status.REVIEWED))
        for n, cell in enumerate(cells):  # a cell with words of its own: key "ITEMKEY#cN"
            for lang, text in edits.get(f"{item.key}#c{n}", {}).items():
                if text.strip():
                    cells[n] = cell = cell.with_text(lang, text.strip(), Status.REVIEWED)  # type: ignore[arg-type]
        return replace(item, cells=tuple(cells)) if cells else item

    sections = tuple(replace(s, items=tuple(edit(i) if i.key else i for i in s.items)) for s in briefing.sections)
    return replace(briefing, sections=sections)


def apply_point_choices(briefing: Briefing, dropped: Iterable[str], order: Sequence[str]) -> Briefing:
    """Drop and reorder items by key (idempotent, so it agrees with an assembler that already did)."""
    dropped = set(dropped)
    rank = {key: i for i, key in enumerate(order)}

    def choose(section: Section) -> Section:
        if section.key in ANALYST_KEYS:
            return section
        kept = [i for i in section.items if not (i.key and i.key in dropped)]
        kept.sort(key=lambda i: rank.get(i.key, len(rank)))  # stable: unranked keep their order, after
        return replace(section, items=tuple(kept))

    return replace(briefing, sections=split_bottom_line([choose(s) for s in briefing.sections], order))


def with_analyst_sections(briefing: Briefing, project: Project) -> Briefing:
    """The analyst's sections, also when the template does not list them: what the user wrote is shown.

    They go before the source list (or at the end), as ``prose`` with the user's text (``reviewed``).
    """
    sections = list(briefing.sections)
    for key in ANALYST_KEYS:
        text = getattr(project, key)
        if text is None or any(s.key == key for s in sections):
            continue
        where = next((i for i, s in enumerate(sections) if s.key == "sources"), len(sections))
        sections.insert(where, Section(key, label(SECTION_LABELS[key]), (Item(text=text, key=key),), kind="prose"))
    return replace(briefing, sections=tuple(sections))


def project_briefing(project: Project, articles: Sequence[Article],
                     progress: Progress | None = None) -> tuple[Briefing, Briefing, Template, BuildOptions]:
    """(every point, the briefing as exported, template, options) for the included articles.

    The first briefing ignores drops and order, so the window can list dropped points for undoing.
    """
    options = build_options(project)
    included = [a for pa, a in zip(project.articles, articles, strict=True) if pa.included]
    full, template = make_briefing(included, options)
    full = with_analyst_sections(full, project)
    full = translate_and_date(full, options, progress)  # memory, glossary, packs, dated relative times;
    # the user's edits then win
    full = apply_edits(full, project.edits)
    final = apply_point_choices(full, project.dropped, project.order)
    return full, final, template, options


# --- autosave and crash recovery ------------------------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would terminate it; a stale marker is the common case
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Autosave:
    """``autosave.briefgen`` plus ``session.json`` (our pid) in ``<user data>/autosave/``.

    A clean exit removes both. If the next start finds a marker whose process is gone and an
    autosave beside it, the last session crashed: :meth:`pending_recovery` returns the file.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or user_data_dir() / "autosave"
        self.file = self.folder / f"autosave{SUFFIX}"
        self.marker = self.folder / "session.json"

    def pending_recovery(self) -> Path | None:
        try:
            info = json.loads(self.marker.read_text(encoding="utf-8"))
            pid = int(info.get("pid", 0))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, AttributeError):
            pid = 0
        if pid and _pid_alive(pid):
            return None  # another window is running (or this one)
        return self.file if self.file.is_file() else None

    def begin_session(self, project_path: Path | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        info = {"pid": os.getpid(), "started": dt.datetime.now().isoformat(timespec="seconds"),
                "project": str(project_path) if project_path else ""}
        atomic_write_bytes(self.marker, json.dumps(info).encode("utf-8"))

    def save(self, project: Project) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return save_project(project, self.file)

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)

    def end_session(self) -> None:
        """A clean exit: nothing to recover next time."""
        self.discard()
        self.marker.unlink(missing_ok=True)
