"""The pipeline as plain functions: paths → raw articles → articles → briefing → documents.

Each stage is a pure-ish function over immutable values; long stages take a :class:`Progress`
(which carries the cancel token) so the GUI's workers and the CLI drive the same code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.assemble import BriefingOptions, assemble
from briefgen.errors import BriefgenError, ImportFailed
from briefgen.export import check_format
from briefgen.ingest.build import build_article, judge_batch
from briefgen.ingest.importers import expand_paths, read_path, read_stdin
from briefgen.model import Article, Briefing, RawArticle
from briefgen.privacy import redact_raw
from briefgen.progress import Progress
from briefgen.resources import sample_files

if TYPE_CHECKING:  # the layout and the templates (Jinja2) are loaded by the stages that use them
    from briefgen.render.layout import Document
    from briefgen.templating import Template


@dataclass(frozen=True)
class BuildOptions:
    """Everything the user chose for one build (the CLI flags, the window's right-hand panel)."""

    template: str | None = None
    layout: str | None = None  # None: the template's default
    languages: str = "bilingual"  # bilingual | id | en
    page_size: str = "A4"
    briefing: BriefingOptions = field(default_factory=BriefingOptions)
    use_mt: bool = True  # use installed machine-translation packs (memory and glossaries are always used)
    # the user's kop (letterhead) lines per language, replacing the placeholder of a template that has one
    letterhead: dict[str, tuple[str, ...]] = field(default_factory=dict)
    emblem: Path | None = None  # the user's emblem (PNG or JPEG) above the kop
    include_off_topic: bool = False  # headless: off-topic clippings fill the briefing too (the window: tick them)


def letterhead_lines(indonesian: Sequence[str] | str, english: Sequence[str] | str = ()) -> dict[str, tuple[str, ...]]:
    """The kop per language from the user's lines (a text: one line each). Without English lines the
    English part repeats the Indonesian ones: an organisation's name is not translated by guess."""
    def lines(value: Sequence[str] | str) -> tuple[str, ...]:
        items = value.splitlines() if isinstance(value, str) else value
        return tuple(line.strip() for line in items if line.strip())

    id_lines, en_lines = lines(indonesian), lines(english)
    if not id_lines and not en_lines:
        return {}
    return {"id": id_lines or en_lines, "en": en_lines or id_lines}


@dataclass(frozen=True)
class LoadResult:
    articles: tuple[Article, ...]
    errors: tuple[ImportFailed, ...]
    raws: tuple[RawArticle, ...] = ()  # what was read, index for index with ``articles`` (projects keep these)


def load_articles(paths: Sequence[Path | str] = (), sample: bool = False, progress: Progress | None = None,
                  today: dt.date | None = None, keep_personal: bool = False) -> LoadResult:
    """Read and clean clippings; '-' reads stdin. Failures are collected, the batch goes on.

    The reader's e-mail addresses and phone numbers are replaced by a marker before cleaning, so no
    later stage (briefing, project, removed lines) sees them, unless ``keep_personal``; either way
    each raw article's ``hints['personal_data']`` lists what was found (masked).
    """
    progress = progress or Progress()
    files: list[Path | str] = [*sample_files()] if sample else []
    files += [p if p == "-" else Path(p) for p in paths]
    expanded: list[Path | str] = []
    for f in files:
        expanded += ["-"] if f == "-" else expand_paths([Path(f)])
    progress.grow(len(expanded))
    raws: list[RawArticle] = []
    errors: list[ImportFailed] = []
    for f in expanded:
        try:
            raw = read_stdin() if f == "-" else read_path(Path(f))
            raws.append(redact_raw(raw, keep=keep_personal))
        except ImportFailed as exc:
            errors.append(exc)
        except Exception as exc:  # MemoryError, RecursionError, a reader's bug: never the end of the batch
            errors.append(ImportFailed(f"cannot read: {type(exc).__name__}: {str(exc)[:200]}", str(f)))
        progress.step(str(f))
    built: list[tuple[RawArticle, Article]] = []
    for raw in raws:
        try:
            built.append((raw, build_article(raw, today)))
        except Exception as exc:  # cleaning must never end the batch either
            errors.append(ImportFailed(f"cannot clean: {type(exc).__name__}: {str(exc)[:200]}", raw.file))
    articles = judge_batch(a for _, a in built)  # duplicates and off-topic clippings, as build_articles does
    return LoadResult(tuple(articles), tuple(errors), tuple(r for r, _ in built))


def selected_articles(articles: Sequence[Article], options: BuildOptions) -> list[Article]:
    """What a headless build uses: the clippings, judged against the subject line when there is one,
    without the off-topic ones unless asked (the window leaves them unticked instead)."""
    from briefgen.extract.relevance import mark_relevance

    if options.briefing.subject:
        articles = mark_relevance(articles, subject=options.briefing.subject)
    if options.include_off_topic:
        return list(articles)
    kept = [a for a in articles if not a.off_topic]
    return kept or list(articles)  # a batch judged off-topic as a whole is still the user's batch


def make_briefing(articles: Sequence[Article], options: BuildOptions) -> tuple[Briefing, Template]:
    from briefgen.templating import get_template

    template = get_template(options.template)
    briefing_options = replace(options.briefing, template=template.name, sections=template.sections,
                               title=template.title)
    return assemble(articles, briefing_options), template


def translate(briefing: Briefing, options: BuildOptions, progress: Progress | None = None) -> Briefing:
    """Fill each missing language from the translation memory, the glossaries and (unless ``use_mt`` is
    off) the installed packs; what nothing covers stays missing and marked (see :mod:`briefgen.translate`)."""
    from briefgen.translate.apply import SegmentTranslator, translate_briefing

    # problems (a damaged memory moved aside, a pack that fails) are logged once where they happen
    with SegmentTranslator.default(use_mt=options.use_mt) as translator:
        return translate_briefing(briefing, translator, progress)


MAX_EMBLEM_BYTES = 2_000_000  # an emblem is a small picture; a larger file is refused, not read


def read_emblem(path: Path) -> bytes:
    """The user's emblem: a PNG or JPEG python-docx can place, at most 2 MB; anything else is refused."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    from briefgen.userfiles import UserFileError, read_regular

    try:  # a regular file only, read to at most the limit: a project can name /dev/zero or a FIFO
        data = read_regular(path, MAX_EMBLEM_BYTES)
    except UserFileError as exc:
        raise BriefgenError(f"emblem not used: {exc.reason}", path) from exc
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise BriefgenError("emblem refused: not a PNG or JPEG picture", path)
    try:
        Image.from_blob(data)
    except (UnrecognizedImageError, Exception) as exc:  # a damaged header can fail in many ways; all refuse it
        raise BriefgenError(f"emblem refused: the picture is damaged ({type(exc).__name__})", path) from exc
    return data


def template_features(template: Template, options: BuildOptions) -> dict:
    features = dict(template.features)
    if options.letterhead and features.get("letterhead"):  # only a template with a kop shows one
        features["letterhead"] = {lang: list(lines) for lang, lines in options.letterhead.items()}
    return features


def translate_and_date(briefing: Briefing, options: BuildOptions, progress: Progress | None = None) -> Briefing:
    """:func:`translate`, then relative times get their dates in brackets in each language
    (:mod:`briefgen.extract.timenotes`; after, so the memory sees the clipping's own words)."""
    from briefgen.extract.timenotes import annotate_briefing

    return annotate_briefing(translate(briefing, options, progress))


def make_document(briefing: Briefing, template: Template, options: BuildOptions) -> Document:
    from briefgen.render.layout import lay_out

    layout = options.layout or template.defaults.get("layout", "side-by-side")
    from briefgen.prose import polish

    document = lay_out(polish(briefing), layout, options.languages, template_features(template, options))
    if options.emblem and template.features.get("letterhead"):
        document = replace(document, emblem=read_emblem(Path(options.emblem)))
    return document


def check(briefing: Briefing, document: Document, template: Template, options: BuildOptions,
          lang: str = "en") -> list[str]:
    """The format check's findings for this build (see :mod:`briefgen.format_check`)."""
    from briefgen.format_check import deviations
    from briefgen.render.layout import Features

    features = Features.from_mapping(template_features(template, options))
    return deviations(briefing, document, features, lang, options.page_size)


def write_outputs(document: Document, template: Template, outputs: Sequence[Path], options: BuildOptions,
                  progress: Progress | None = None) -> list[Path]:
    """Write each output in the format its suffix names; each write is atomic."""
    progress = progress or Progress()
    progress.grow(len(outputs))
    suffixes = [check_format(path) for path in outputs]  # every name checked before anything is written
    written = []
    pages: dict[str, int] = {}
    order = sorted(range(len(outputs)), key=lambda i: suffixes[i] != ".pdf")  # the PDF first: its pages
    for i in order:  # number the DOCX's contents
        path, suffix = outputs[i], suffixes[i]
        # each writer is loaded when its format is asked for: python-docx only for DOCX, Qt only for PDF
        if suffix == ".docx":
            from briefgen.render.docx import write_docx

            write_docx(document, template, path, options.page_size, pages)
        elif suffix == ".html":
            from briefgen.render.html import write_html

            write_html(document, template, path)
        else:
            from briefgen.render.pdf import write_pdf

            pages = write_pdf(document, template, path, options.page_size) or {}
        written.append(path)
        progress.step(str(path))
    return [outputs[i] for i in sorted(order)]


def build(paths: Sequence[Path | str], outputs: Sequence[Path], options: BuildOptions | None = None,
          sample: bool = False, progress: Progress | None = None,
          keep_personal: bool = False, warnings: list[str] | None = None) -> tuple[LoadResult, list[Path]]:
    """The whole headless build: load, assemble, lay out, write; ``warnings`` collects the format check."""
    result = build_briefing(paths, outputs, options, sample, progress, keep_personal, warnings)
    return result.loaded, result.written


@dataclass(frozen=True)
class BuildResult:
    loaded: LoadResult
    written: list[Path]
    briefing: Briefing  # as written (translated)
    template: Template


def build_briefing(paths: Sequence[Path | str], outputs: Sequence[Path], options: BuildOptions | None = None,
                   sample: bool = False, progress: Progress | None = None,
                   keep_personal: bool = False, warnings: list[str] | None = None) -> BuildResult:
    """:func:`build`, also returning the briefing as written (the CLI counts what is left untranslated)."""
    options = options or BuildOptions()
    loaded = load_articles(paths, sample, progress, keep_personal=keep_personal)
    if not loaded.articles:
        first = loaded.errors[0] if loaded.errors else None
        raise BriefgenError(f"no article could be read{f' ({first.reason})' if first else ''}",
                            first.path if first else None, code="nothing-read")
    briefing, template = make_briefing(selected_articles(loaded.articles, options), options)
    briefing = translate_and_date(briefing, options, progress)
    document = make_document(briefing, template, options)
    if warnings is not None:
        warnings += check(briefing, document, template, options)
    return BuildResult(loaded, write_outputs(document, template, outputs, options, progress), briefing, template)
