"""Command line: ``briefgen`` (the window), ``build``, ``check``, ``inspect``, ``templates``, ``--version``.

This is a contract that later work extends and never breaks: exit 0 on success; on failure,
non-zero with a one-line error that names the file.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from briefgen import __version__
from briefgen.errors import BriefgenError, printable
from briefgen.model import Article, RawArticle
from briefgen.model.briefing import CLASSIFICATIONS, URGENCIES

# The command line imports the pipeline lazily, inside each command: `--version` and `--help` stay
# instant, and a frozen bundle starts fast.
LAYOUTS = ("side-by-side", "sequential")  # briefgen.render.layout.LAYOUTS (a test keeps them equal)

EXIT_ERROR = 1
EXIT_PARTIAL = 3  # the build succeeded but some inputs could not be read
EXIT_STRICT = 4  # --strict: the outputs were written, but an output language has untranslated segments
EXIT_DEVIATIONS = 5  # check: the format deviates from the template's rules
PAGE_SIZES = ("A4", "F4", "Letter")  # briefgen.render.layout.PAGE_SIZES_MM


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Bilingual (Indonesian/English) briefings "
                                     "from news clippings, offline. With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    sub = parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="build a briefing (DOCX, PDF or HTML) headless")
    _briefing_arguments(build)
    build.add_argument("-o", "--output", action="append", required=True, type=Path,
                       help="output file; the suffix picks the format (.docx, .pdf, .html); repeatable")
    build.add_argument("--strict", action="store_true",
                       help=f"exit with status {EXIT_STRICT} when an output language has untranslated segments "
                            "(a warning line on standard error says how many, per section, either way)")
    check = sub.add_parser("check", help="check a briefing's format (memo header, signature, sections) "
                           "without writing it; exit 0 when nothing deviates, 5 when something does")
    _briefing_arguments(check)

    inspect = sub.add_parser("inspect", help="show what briefgen reads from clippings")
    inspect.add_argument("paths", nargs="*")
    inspect.add_argument("--sample", action="store_true")
    inspect.add_argument("--json", action="store_true", help="print a JSON array, one object per article")
    inspect.add_argument("--keep-personal-data", action="store_true",
                         help="show e-mail addresses and phone numbers in the text instead of a marker")

    templates = sub.add_parser("templates", help="list the available templates")
    templates.add_argument("--check", type=Path, metavar="DIR",
                           help="check a template folder (or a folder of them): YAML, Jinja2 syntax, undeclared "
                                "variables, Word styles; prints file:line: problem")

    packs = sub.add_parser("packs", help="machine-translation packs installed from a file")
    packs_sub = packs.add_subparsers(dest="packs_command", required=True)
    install = packs_sub.add_parser("install", help="check and install a translation model: briefgen pack, Argos "
                                   ".argosmodel, OPUS-MT/Tatoeba-MT release (.zip or folder, converted), or a "
                                   "CTranslate2 folder of NLLB-200, M2M-100 or MADLAD-400")
    install.add_argument("file", type=Path, help="the file or folder IT handed over")
    install.add_argument("--direction", choices=["id-en", "en-id"],
                         help="for a model that does not say its languages (or to install one direction only)")
    install.add_argument("--target-token", metavar="TOKEN", help="a multi-target OPUS-MT model's language token "
                         "(e.g. >>ind<<), when the model's vocabulary does not settle it")
    packs_sub.add_parser("list", help="list the installed packs").add_argument(
        "--json", action="store_true", help="as JSON: direction, model, format, licence, size, quality")
    packs_sub.add_parser("remove", help="remove an installed pack").add_argument("name")

    memory = sub.add_parser("memory", help="the translation memory: TMX import (1.1-1.4) and export (1.4)")
    memory.add_argument("action", choices=["import", "export", "stats"])
    memory.add_argument("file", type=Path, nargs="*",
                        help="TMX files to import (each one all or nothing; the batch goes on), or the one file to "
                             "export to")
    return parser


def _briefing_arguments(build: argparse.ArgumentParser) -> None:
    """What ``build`` and ``check`` share: the clippings, the template and the memo header."""
    build.add_argument("paths", nargs="*", help="clipping files or folders; '-' reads standard input")
    build.add_argument("--sample", action="store_true", help="include the bundled sample clippings")
    build.add_argument("--template", help="template name (see 'briefgen templates')")
    build.add_argument("--lang", default="bilingual", choices=["bilingual", "id", "en"])
    build.add_argument("--layout", choices=list(LAYOUTS))
    build.add_argument("--classification", default="biasa", choices=list(CLASSIFICATIONS))
    build.add_argument("--subject", default="", help="the briefing's subject (Hal), in Indonesian")
    build.add_argument("--subject-en", default="", help="the subject in English (else translated, or marked)")
    build.add_argument("--date", type=dt.date.fromisoformat, help="date of issue, YYYY-MM-DD (default: today)")
    build.add_argument("--page-size", default="A4", choices=list(PAGE_SIZES),
                       help="paper: A4, F4 (Folio, 215 × 330 mm) or Letter")
    build.add_argument("--keep-personal-data", action="store_true",
                       help="keep e-mail addresses and phone numbers found in the clippings (hidden by default)")
    build.add_argument("--no-mt", action="store_true",
                       help="do not use installed machine-translation packs (memory and glossaries still apply)")
    build.add_argument("--include-off-topic", action="store_true",
                       help="let clippings far from the batch's subject fill the briefing (left out by default)")
    memo = build.add_argument_group("memo header", "what the window's Memo header panel holds (used by the "
                                    "templates that show it, e.g. nota-dinas)")
    memo.add_argument("--urgency", default="biasa", choices=list(URGENCIES),
                      help="Derajat / urgency: sangat-segera, segera or biasa (printed in the memo header)")
    memo.add_argument("--number", default="", help="Nomor")
    memo.add_argument("--to", default="", help="Yth. / addressee")
    memo.add_argument("--from", dest="sender", default="", help="Dari / sender")
    memo.add_argument("--cc", action="append", default=[], help="Tembusan / copy to; repeatable")
    memo.add_argument("--signatory", default="", help="the full name under the signature")
    memo.add_argument("--to-en", default="", help="Yth. in English (default: a known office or name, else marked "
                      "untranslated)")
    memo.add_argument("--from-en", dest="sender_en", default="", help="Dari in English (as --to-en)")
    memo.add_argument("--cc-en", action="append", default=[], help="Tembusan in English, in the order of --cc; "
                      "repeatable")
    memo.add_argument("--signatory-en", default="", help="the signatory in English (as --to-en)")
    memo.add_argument("--signatory-title", default="", metavar="JABATAN",
                      help="the signatory's position (jabatan), printed above the signature")
    memo.add_argument("--nip", default="", help="the signatory's NIP (optional), printed under the name")
    memo.add_argument("--opening", default="", help="the memo's opening paragraph (default: the template's)")
    memo.add_argument("--opening-en", default="", help="the opening paragraph in English")
    memo.add_argument("--closing", default="", help="the memo's closing paragraph (default: the template's)")
    memo.add_argument("--closing-en", default="", help="the closing paragraph in English")
    memo.add_argument("--emblem", type=Path, help="a PNG or JPEG emblem printed above the kop")
    memo.add_argument("--author", default="", help="the drafter, shown in the document's properties")
    memo.add_argument("--letterhead", action="append", default=[], metavar="LINE",
                      help="a kop (letterhead) line, first line the largest; repeatable; replaces the template's")
    memo.add_argument("--letterhead-en", action="append", default=[], metavar="LINE",
                      help="a kop line for the English part (default: the --letterhead lines)")


def _build_options(args: argparse.Namespace):
    from briefgen.assemble import BriefingOptions
    from briefgen.pipeline import BuildOptions, letterhead_lines

    return BuildOptions(
        template=args.template, layout=args.layout, languages=args.lang, page_size=args.page_size,
        briefing=BriefingOptions(classification=args.classification, subject=args.subject, subject_en=args.subject_en,
                                 date_of_issue=args.date,
                                 urgency=args.urgency, number=args.number, to=args.to, sender=args.sender,
                                 cc=tuple(args.cc), signatory=args.signatory, author=args.author,
                                 to_en=args.to_en, sender_en=args.sender_en, cc_en=tuple(args.cc_en),
                                 signatory_en=args.signatory_en, signatory_title=args.signatory_title,
                                 signatory_nip=args.nip,
                                 opening=args.opening, opening_en=args.opening_en, closing=args.closing,
                                 closing_en=args.closing_en),
        use_mt=not args.no_mt, letterhead=letterhead_lines(args.letterhead, args.letterhead_en), emblem=args.emblem,
        include_off_topic=args.include_off_topic,
    )


def _findings(raw: RawArticle) -> list:
    from briefgen.privacy import findings_of

    return findings_of(raw.hints)


def article_json(article: Article, raw: RawArticle | None = None) -> dict:
    """The ``inspect --json`` object for one article (fields are a contract; add, never rename)."""
    return {
        "file": article.file,
        "sha256": article.sha256,
        "lang": article.lang,
        "title": article.title,
        "title_derived": article.title_derived,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
        "authors": [dataclasses.asdict(p) for p in article.authors],
        "wire": list(article.wire),
        "paragraphs": list(article.paragraphs),
        "captions": list(article.captions),
        "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in article.removed],
        "duplicate_of": article.duplicate_of,
        "off_topic": article.off_topic,  # far from the batch's subject: unticked in the window, left out by build
        "relevance": article.relevance,
        # the reader's e-mail addresses / phone numbers found (masked; hidden in the text unless kept)
        "personal_data": [f.as_dict() for f in _findings(raw)] if raw else [],
    }


def _report(errors: Sequence[BriefgenError]) -> None:
    for error in errors:
        print(f"briefgen: {error}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from briefgen.pipeline import build_briefing

    if not args.paths and not args.sample:
        print("briefgen: nothing to build: give clipping files or --sample", file=sys.stderr)
        return EXIT_ERROR
    warnings: list[str] = []
    result = build_briefing(args.paths, args.output, _build_options(args), sample=args.sample,
                            keep_personal=args.keep_personal_data, warnings=warnings)
    loaded = result.loaded
    _report(loaded.errors)
    for warning in warnings:
        print(f"briefgen: format check: {warning}", file=sys.stderr)
    if not args.include_off_topic:
        for article in loaded.articles:
            if article.off_topic and article.duplicate_of is None:
                print(f"briefgen: {printable(article.file)}: left out as off-topic (--include-off-topic keeps it)",
                      file=sys.stderr)
    for path in result.written:
        print(printable(str(path)))
    untranslated = _untranslated_warning(result.briefing, args.lang, result.template.features)
    if untranslated and args.strict:
        return EXIT_STRICT
    return EXIT_PARTIAL if loaded.errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    """The format check alone: one line per deviation; exit 5 when there is any."""
    from briefgen.pipeline import check, load_articles, make_briefing, make_document, translate

    if not args.paths and not args.sample:
        print("briefgen: nothing to check: give clipping files or --sample", file=sys.stderr)
        return EXIT_ERROR
    options = _build_options(args)
    loaded = load_articles(args.paths, args.sample, keep_personal=args.keep_personal_data)
    _report(loaded.errors)
    if not loaded.articles:
        return EXIT_ERROR
    briefing, template = make_briefing(loaded.articles, options)
    briefing = translate(briefing, options)
    findings = check(briefing, make_document(briefing, template, options), template, options)
    for finding in findings:
        print(finding)
    if not findings:
        print("briefgen: the format check found nothing to change")
    return EXIT_DEVIATIONS if findings else 0


def _split_by_article(fact: dict, articles: Sequence[str]) -> dict[str, dict]:
    """A merged fact as each of its ``articles`` reports it: its own sentences, and how many articles
    report it.

    A merged event or claim spans the selection; repeating every article's sentences under every
    article made the output grow with the square of the selection (1.28 GB at 1,000 clippings), and
    so did picking each article's sentences out of the whole list. The same ``key`` under several
    articles is the same fact."""
    own: dict[str, list[dict]] = {sha: [] for sha in articles}
    for p in fact["provenance"]:
        own.setdefault(p["article"], []).append(p)
    return {sha: {**fact, "provenance": sentences, "reported_by": len(articles)} for sha, sentences in own.items()}


def _by_article(facts: Sequence, articles_of) -> dict[str, list]:
    """Each article's merged facts, in the facts' order: one pass, not a scan per article."""
    index: dict[str, list] = {}
    for fact in facts:
        for sha in dict.fromkeys(articles_of(fact)):
            index.setdefault(sha, []).append(fact)
    return index


def _untranslated_warning(briefing, languages: str, features: dict) -> bool:  # noqa: ANN001 - a Briefing
    """One stderr line per output language that is not complete; True when a segment is untranslated."""
    from briefgen.translate.worklist import progress, scope, work_segments

    segments = work_segments(briefing, **scope(features))
    untranslated = False
    for lang in ("id", "en") if languages == "bilingual" else (languages,):
        counts = progress(briefing, lang, segments)  # type: ignore[arg-type]
        if counts.missing or counts.unreviewed:
            print(f"briefgen: warning: {counts.line()}", file=sys.stderr)
        untranslated = untranslated or bool(counts.missing)
    return untranslated


def _add_facts(objects: list[dict], articles: Sequence[Article]) -> None:
    """Add ``entities``, ``events``, ``quotes``, ``figures`` and ``claims`` (each with provenance) per article.

    Events and claims are merged across the articles: each article lists those it reports, with its
    own provenance and ``reported_by`` (the number of articles that report the same key).
    """
    from briefgen.extract.facts import remembered_facts
    from briefgen.extract.gazetteer import load_gazetteer

    selected = [a for a in articles if a.duplicate_of is None]
    facts = remembered_facts(selected, load_gazetteer())
    per = {af.article.sha256: af for af in facts.articles}
    events = _by_article(facts.events, lambda e: e.articles)
    claims = _by_article([c for c in facts.claims if len(c.articles) > 1], lambda c: c.articles)
    split: dict[int, dict[str, dict]] = {}  # each merged fact turned into per-article dicts once

    def own(fact, sha: str) -> dict:
        parts = split.get(id(fact))
        if parts is None:
            parts = split[id(fact)] = _split_by_article(fact.as_dict(), list(dict.fromkeys(fact.articles)))
        return parts[sha]

    for obj, article in zip(objects, articles, strict=True):
        af = per.get(article.sha256)
        sha = article.sha256
        obj["entities"] = [] if af is None else [
            {"key": k, "kind": facts.gazetteer.get(k).kind, "id": facts.gazetteer.get(k).name["id"],
             "en": facts.gazetteer.get(k).name["en"], "mentions": n, "candidate": False}
            for k, n in af.mentions.most_common()] + [
            {"key": None, "kind": "candidate", "id": name, "en": None, "mentions": n, "candidate": True}
            for name, n in af.candidates.most_common()]
        obj["events"] = [own(e, sha) for e in events.get(sha, ())]
        obj["quotes"] = [] if af is None else [
            {**q.as_dict(), "provenance": {"article": sha, "paragraph": q.paragraph, "sentence": q.sentence}}
            for q in af.quotes]
        obj["figures"] = [] if af is None else [
            {**f.as_dict(), "provenance": {"article": sha, "paragraph": p.paragraph, "sentence": p.sentence}}
            for p, f in af.figures]
        obj["claims"] = [own(c, sha) for c in claims.get(sha, ())]


def cmd_inspect(args: argparse.Namespace) -> int:
    from briefgen.pipeline import load_articles

    loaded = load_articles(args.paths, args.sample, keep_personal=args.keep_personal_data)
    _report(loaded.errors)
    if args.json:
        raws = loaded.raws if len(loaded.raws) == len(loaded.articles) else (None,) * len(loaded.articles)
        objects = [article_json(a, r) for a, r in zip(loaded.articles, raws, strict=True)]
        _add_facts(objects, loaded.articles)
        json.dump(objects, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for a in loaded.articles:
            date = a.published.isoformat() if a.published else "date unknown"
            print(printable(f"{a.short_id}  {a.lang}  {date}  {a.outlet or 'outlet unknown'}  {a.title}"))
    return EXIT_PARTIAL if loaded.errors else 0


def cmd_templates(args: argparse.Namespace) -> int:
    from briefgen.templating import available_templates

    if args.check is not None:
        from briefgen.template_check import check_templates

        problems = check_templates(args.check)
        for problem in problems:
            print(printable(str(problem)))
        if not problems:
            print(printable(f"{args.check}: ok"))
        return EXIT_ERROR if problems else 0
    for name, template in available_templates().items():
        print(f"{name}\t{template.description.get('en', '')}")
    return 0


def cmd_packs(args: argparse.Namespace) -> int:
    from briefgen.translate.packs import install_pack, list_packs, listing, remove_pack

    if args.packs_command == "install":
        info = install_pack(args.file, direction=args.direction, target_token=args.target_token,
                            progress=_stderr_progress())
        facts = info.facts()
        print(printable(f"installed {info.name} ({info.direction_label}) from {facts['format_name']} in {info.path}"))
        print(f"  model: {facts['model']}; licence: {info.licence_label}; quality: {info.quality or 'not stated'}")
        if not info.hashes_checked:
            print(f"briefgen: {printable(str(args.file))}: no sha256 published with the model; hashes recorded "
                  "at install", file=sys.stderr)
    elif args.packs_command == "list":
        if args.json:
            print(json.dumps(listing(), indent=2, ensure_ascii=False))
        for info in list_packs() if not args.json else ():
            print(info.describe())
    else:
        info = remove_pack(args.name)
        print(f"removed {info.name}")
    return 0


def _stderr_progress():  # noqa: ANN202 - a briefgen.progress.Progress
    """Percent lines on stderr while a pack unpacks and converts (only when stderr is a terminal)."""
    from briefgen.progress import Progress

    shown = [-1]

    def tell(done: int, total: int, message: str) -> None:
        percent = int(100 * done / total) if total else 0
        if sys.stderr.isatty() and percent != shown[0] and percent % 5 == 0:
            shown[0] = percent
            print(f"\r{percent:3d}% {message[:60]:<60}", end="\n" if percent >= 100 else "", file=sys.stderr,
                  flush=True)

    return Progress(callback=tell)


def cmd_memory(args: argparse.Namespace) -> int:
    """Import: one line per file (what was stored, updated, kept as an alternative, skipped and why);
    exit 1 when no file gave the memory anything, 3 when some did and others failed or gave nothing."""
    from briefgen.translate.memory import TranslationMemory
    from briefgen.translate.tmx import export_tmx, import_tmx, nothing_usable

    with TranslationMemory() as memory:
        if memory.recovered:
            print(f"briefgen: {memory.recovered}", file=sys.stderr)
        if args.action == "stats":
            figures = memory.stats()
            print(f"{figures['reviewed']} reviewed translations ({figures['alternatives']} context alternatives, "
                  f"{figures['units']} kept as TMX units, {figures['sentences']} sentence pairs from paragraph "
                  f"units), {figures['machine']} cached machine translations\t{memory.path}")
            return 0
        if not args.file:
            print(f"briefgen: memory {args.action}: give a .tmx file", file=sys.stderr)
            return EXIT_ERROR
        if args.action == "export":
            if len(args.file) > 1:
                print("briefgen: memory export: give one file to write", file=sys.stderr)
                return EXIT_ERROR
            print(printable(f"{args.file[0]}: {export_tmx(memory, args.file[0])} units written"))
            return 0
        failed = 0
        for path in args.file:
            try:
                report = import_tmx(path, memory)
            except BriefgenError as exc:
                print(f"briefgen: {exc}", file=sys.stderr)
                failed += 1
                continue
            print(printable(f"{path}: {report.summary()}"))
            reason = nothing_usable(report)
            if reason:
                print(printable(f"briefgen: {path}: {reason}"), file=sys.stderr)
                failed += 1
    if failed:
        return EXIT_ERROR if failed == len(args.file) else EXIT_PARTIAL
    return 0


def cmd_gui(paths: Sequence[str] = ()) -> int:
    from briefgen.ui.app import run  # Qt is imported only for the window

    return run(list(paths))


COMMANDS = ("build", "check", "inspect", "templates", "packs", "memory")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return cmd_gui(argv)  # `briefgen brief.briefgen clip.txt`: open them in the window
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "inspect":
            return cmd_inspect(args)
        if args.command == "templates":
            return cmd_templates(args)
        if args.command == "packs":
            return cmd_packs(args)
        if args.command == "memory":
            return cmd_memory(args)
        return cmd_gui()
    except BriefgenError as exc:
        print(f"briefgen: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
