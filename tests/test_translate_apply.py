"""translate_briefing on the sample corpus with the real tiny packs: statuses, provenance, terms, call counts,
and the honest marks in the preview HTML, the DOCX and the PDF."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import pytest
from helpers import docx_text, pdf_text
from tiny_pack import installed_packs_dir

from briefgen.cli import main
from briefgen.errors import Cancelled
from briefgen.model import BiText, Item, Section
from briefgen.model.text import Status
from briefgen.pipeline import BuildOptions, load_articles, make_briefing
from briefgen.progress import Progress
from briefgen.translate.apply import SegmentTranslator, translate_briefing, translate_briefing_report
from briefgen.translate.glossary import PLACEHOLDER_RE, Glossary
from briefgen.translate.memory import TranslationMemory

MT_MARK = "[Machine translation, not reviewed]"
UNTRANSLATED = "[Untranslated]"
ENGLISH_CLIPPING = """U.S. and South Korea vow closer cooperation

SEOUL, Nov 9 (Reuters) - US Secretary of State Antony Blinken met South Korean Foreign Minister Park Jin in Seoul \
on Thursday. The two ministers discussed North Korea and Russia.

Blinken said the alliance was stronger than ever. He left for India on Friday.
"""


@pytest.fixture()
def packs(user_dir, tmp_path_factory):
    shutil.copytree(installed_packs_dir(tmp_path_factory), user_dir / "packs")
    return user_dir / "packs"


@pytest.fixture()
def briefing(clipping_articles):
    """The samples' texts as a user's clippings: the translation supplied for the bundled samples does not apply."""
    return make_briefing(clipping_articles, BuildOptions())[0]


def _items(briefing):
    return [i for s in briefing.sections for i in s.items]


def _texts(briefing):
    """Every BiText translate_briefing may fill: the subject, each item's text and table cells."""
    out = [briefing.header.subject]
    for item in _items(briefing):
        out += [item.text, *item.cells]
    return out


def test_missing_sides_become_machine_with_terms_restored_and_nothing_else_touched(packs, briefing):
    with SegmentTranslator.default() as translator:
        out, report = translate_briefing_report(briefing, translator)
    before, after = _texts(briefing), _texts(out)
    assert len(after) == len(before) > 5
    filled = 0
    for old, new in zip(before, after, strict=True):
        for lang in ("id", "en"):
            if old.status(lang) is not Status.MISSING:  # source, generated, reviewed: never touched
                assert (new.text(lang), new.status(lang)) == (old.text(lang), old.status(lang))
            elif any(old.text(other) for other in ("id", "en")):
                assert new.status(lang) is Status.MACHINE and new.text(lang)
                filled += 1
    assert filled >= 6 and out.title == briefing.title
    assert [s.label for s in out.sections] == [s.label for s in briefing.sections]
    for old, new in zip(_items(briefing), _items(out), strict=True):
        assert (new.provenance, new.cites, new.key) == (old.provenance, old.cites, old.key)
    assert out.header.subject.en_status is Status.MACHINE
    assert report.mt_calls > 0 and report.count(Status.MACHINE) > 0
    assert {s.origin for s in report.segments if s.status is Status.MACHINE} == {"tiny-id-en"}
    by_source = {s.source: s for s in report.segments}
    leads = [i for i in _items(briefing) if i.text.en_status is Status.MISSING and i.provenance]
    assert leads
    single = [i for i in leads if i.text.id in by_source]  # one-sentence points: their segment is the point
    assert single and all(by_source[i.text.id].provenance == i.provenance for i in single)
    # placeholders never leak, and every glossary term's fixed translation is in the target
    glossary = Glossary.default()
    with_terms = [s for s in report.segments if glossary.find(s.source, "id", "en")]
    assert with_terms, "the samples name people and roles from the gazetteer"
    for seg in report.segments:
        assert not PLACEHOLDER_RE.search(seg.target)
        assert glossary.missing_in(seg.source, seg.target, "id", "en") == []
    assert all("US Secretary of State" in i.text.en for i in _items(out) if "Menteri Luar Negeri AS" in i.text.id)


def test_rebuild_from_memory_makes_zero_mt_calls(packs, briefing):
    with SegmentTranslator.default() as translator:
        _, first = translate_briefing_report(briefing, translator)
        assert translator.mt_calls == first.mt_calls > 0
    with TranslationMemory() as memory:  # a person reviews every sentence
        for seg in first.segments:
            memory.store(seg.source, f"Reviewed: {seg.source}", "id", "en")
    with SegmentTranslator.default() as translator:
        out, report = translate_briefing_report(briefing, translator)
        assert translator.mt_calls == 0 and report.mt_calls == 0
        assert all(e.segments == 0 for e in translator.engines.values())
    assert Status.MACHINE not in {s.status for s in report.segments}
    assert Status.REVIEWED in {s.status for s in report.segments}
    assert all(t.en_status is not Status.MACHINE for t in _texts(out))
    assert any(t.en_status is Status.REVIEWED and t.en.startswith("Reviewed: ") for t in _texts(out))


def test_machine_output_is_cached_per_pack_and_stays_marked(packs, briefing):
    with SegmentTranslator.default() as translator:
        first = translate_briefing(briefing, translator)
    with SegmentTranslator.default() as translator:
        again = translate_briefing(briefing, translator)
        assert translator.mt_calls == 0
    assert again == first and sum(t.en_status is Status.MACHINE for t in _texts(again)) >= 6


def test_without_a_pack_missing_stays_missing_and_partial_text_is_not_shown(user_dir, briefing):
    with SegmentTranslator.default() as translator:
        assert translate_briefing(briefing, translator) == briefing
    text = BiText.source("Blinken tiba di Seoul. Dia bertemu Park Jin.", "id")
    section = Section("key_points", BiText.generated("Pokok", "Points"), (Item(text),))
    small = type(briefing)(briefing.title, briefing.header, (section,), ())
    with TranslationMemory() as memory:
        memory.store("Blinken tiba di Seoul.", "Blinken arrived in Seoul.", "id", "en")
    with SegmentTranslator.default(use_mt=False) as translator:
        out, report = translate_briefing_report(small, translator)
    assert out.sections[0].items[0].text == text  # one sentence of two known: the point stays untranslated
    mine = {s.source: s.status for s in report.segments if s.source in text.id}
    assert mine == {"Blinken tiba di Seoul.": Status.REVIEWED, "Dia bertemu Park Jin.": Status.MISSING}


def test_fuzzy_and_term_segments(user_dir, briefing):
    with TranslationMemory() as memory:
        memory.store("Blinken tiba di Seoul pada hari Rabu.", "Blinken arrived in Seoul on Wednesday.", "id", "en")
    items = (Item(BiText.source("Blinken tiba di Seoul pada hari Kamis.", "id")),
             Item(BiText.source("Menteri Luar Negeri AS", "id")), Item(BiText.source("(8/11/2023)", "id")))
    small = type(briefing)(briefing.title, briefing.header, (Section("k", BiText.generated("a", "b"), items),), ())
    with SegmentTranslator.default(use_mt=False) as translator:
        out = translate_briefing(small, translator)
    fuzzy, term, figures = (i.text for i in out.sections[0].items)
    assert (fuzzy.en_status, fuzzy.en) == (Status.FUZZY, "Blinken arrived in Seoul on Wednesday.")
    assert (term.en_status, term.en) == (Status.GENERATED, "US Secretary of State")
    assert (figures.en_status, figures.en) == (Status.GENERATED, "(8/11/2023)")


def test_english_clippings_get_their_indonesian_side(packs, tmp_path):
    path = tmp_path / "reuters.txt"
    path.write_text(ENGLISH_CLIPPING, encoding="utf-8")
    loaded = load_articles([path])
    assert loaded.articles[0].lang == "en"
    briefing = make_briefing(loaded.articles, BuildOptions())[0]
    with SegmentTranslator.default() as translator:
        out, report = translate_briefing_report(briefing, translator)
        assert translator.engines[("en", "id")].calls > 0 and translator.engines[("id", "en")].calls == 0
    point = next(i.text for i in _items(out) if "US Secretary of State" in i.text.en)
    assert point.en_status is Status.SOURCE and point.id_status is Status.MACHINE
    assert "Menteri Luar Negeri AS" in point.id and "Antony Blinken" in point.id  # the gazetteer's Indonesian forms
    assert {(s.src, s.tgt) for s in report.segments} == {("en", "id")}


def test_cancel_stops_translation_between_batches(packs, briefing):
    progress = Progress()
    progress.cancel.cancel()
    with SegmentTranslator.default() as translator, pytest.raises(Cancelled):
        translate_briefing(briefing, translator, progress)


def test_machine_mark_in_preview_docx_and_pdf(packs, tmp_path, capsys, clipping_paths):
    html, docx, pdf = tmp_path / "b.html", tmp_path / "b.docx", tmp_path / "b.pdf"
    clippings = [str(p) for p in clipping_paths]
    assert main(["build", *clippings, "--date", "2023-11-10", "-o", str(html), "-o", str(docx), "-o", str(pdf)]) == 0
    page = html.read_text(encoding="utf-8")
    points = len(re.findall(r"Menteri Luar Negeri|Blinken", page))
    assert page.count(MT_MARK) >= 6 and points > 0  # five points + the subject, and the legend
    assert UNTRANSLATED not in page
    assert MT_MARK in page.split('class="legend"')[1]  # the legend explains the mark
    for text in (docx_text(docx), pdf_text(pdf)):
        assert text.count(MT_MARK) >= 6 and "US Secretary of State" in text
    plain = tmp_path / "plain.html"
    assert main(["build", *clippings, "--no-mt", "-o", str(plain)]) == 0
    assert MT_MARK not in plain.read_text(encoding="utf-8") and UNTRANSLATED in plain.read_text(encoding="utf-8")


def test_a_target_without_the_glossary_term_is_flagged_in_both_languages(user_dir, briefing):
    sentence = "Menteri Luar Negeri AS tiba di Seoul."
    with TranslationMemory() as memory:
        memory.store(sentence, "The minister arrived in Seoul.", "id", "en")
    section = Section("k", BiText.generated("a", "b"), (Item(BiText.source(sentence, "id")),))
    small = type(briefing)(briefing.title, briefing.header, (section,), ())
    with SegmentTranslator.default(use_mt=False) as translator:
        out, report = translate_briefing_report(small, translator)
    seg = next(s for s in report.segments if s.source == sentence)
    assert seg.status is Status.REVIEWED and out.sections[0].items[0].text.en == "The minister arrived in Seoul."
    assert [f.en for f in seg.flags] == ["Glossary term missing: Menteri Luar Negeri AS → US Secretary of State"]
    assert seg.flags[0].id.startswith("Istilah glosarium tidak ada: Menteri Luar Negeri AS")
    assert seg in report.flagged and "1 flagged" in report.summary()


def test_a_whole_point_reviewed_in_the_review_tab_is_reused_without_mt(packs, briefing):
    text = "Blinken tiba di Seoul. Dia bertemu Park Jin."
    with TranslationMemory() as memory:  # the Review tab stores a point's whole text
        memory.store(text, "Blinken arrived in Seoul. He met Park Jin.", "id", "en")
    section = Section("k", BiText.generated("a", "b"), (Item(BiText.source(text, "id")),))
    small = type(briefing)(briefing.title, replace(briefing.header, subject=BiText()), (section,), ())
    with SegmentTranslator.default() as translator:
        out, report = translate_briefing_report(small, translator)
        assert translator.mt_calls == 0
    assert out.sections[0].items[0].text.en == "Blinken arrived in Seoul. He met Park Jin."
    assert out.sections[0].items[0].text.en_status is Status.REVIEWED
    assert [s.status for s in report.segments] == [Status.REVIEWED]


def test_a_broken_installed_pack_leaves_text_untranslated_with_a_note(packs, tmp_path, caplog, clipping_paths):
    (packs / "tiny-id-en" / "model" / "model.bin").write_bytes(b"damaged after install")
    out = tmp_path / "b.html"
    assert main(["build", *map(str, clipping_paths), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert MT_MARK not in page and UNTRANSLATED in page
    assert any("tiny-id-en: machine translation failed" in r.getMessage() and "stays marked untranslated"
               in r.getMessage() for r in caplog.records)


def test_a_briefing_with_both_languages_uses_both_packs_and_names_them_in_the_legend(packs, clipping_articles,
                                                                                     tmp_path):
    path = tmp_path / "reuters.txt"
    path.write_text(ENGLISH_CLIPPING, encoding="utf-8")
    articles = [*clipping_articles[:2], *load_articles([path]).articles]  # with all five, no English point is chosen
    briefing = make_briefing(articles, BuildOptions())[0]
    with SegmentTranslator.default() as translator:
        out, report = translate_briefing_report(briefing, translator)
        assert translator.engines[("en", "id")].calls > 0 and translator.engines[("id", "en")].calls > 0
    assert {(s.src, s.tgt) for s in report.segments if s.status is Status.MACHINE} == {("id", "en"), ("en", "id")}
    assert out.machine_packs == ("argos-en-id-1.0", "tiny-id-en")
    from briefgen.pipeline import make_document, write_outputs
    from briefgen.templating import get_template

    options = BuildOptions()
    template = get_template(options.template)
    written = write_outputs(make_document(out, template, options), template, [tmp_path / "b.docx", tmp_path / "b.pdf"],
                            options)
    for text in (docx_text(written[0]), " ".join(pdf_text(written[1]).split())):
        assert re.search(re.escape(MT_MARK) + r" \(\d+\): [^\n]* translation pack: argos-en-id-1\.0, tiny-id-en", text)
        assert re.search(r"\[Terjemahan mesin, belum diperiksa\] \(\d+\): [^\n]* paket terjemahan: "
                         r"argos-en-id-1\.0, tiny-id-en", text)


class _Recording:
    """A real engine whose inputs are recorded (what the glossary step handed the model)."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.engine, self.seen = engine, []
        self.name, self.placeholders_ok, self.calls = engine.name, engine.placeholders_ok, 0

    def translate(self, texts, progress=None):  # noqa: ANN001, ANN201
        self.seen += list(texts)
        self.calls += 1
        return self.engine.translate(texts, progress)


def test_placeholders_are_used_only_with_a_model_that_returns_them_intact(packs):
    """The tiny random model mangles XT<n>X (probed at install): the term's English form goes into the sentence,
    and a term the model lost is put back around the translated pieces and flagged."""
    from briefgen.translate.packs import list_packs

    assert all(p.placeholders_ok is False for p in list_packs())  # the install probe's verdict, recorded
    sentence = "Menteri Luar Negeri AS Antony Blinken tiba di Seoul pada Rabu malam."
    with SegmentTranslator.default() as translator:
        translator.memory = None
        real = _Recording(translator.engines[("id", "en")])
        translator.engines[("id", "en")] = real
        seg = translator.resolve([sentence], "id", "en")[0]
    assert real.seen[0] == "US Secretary of State Antony Blinken tiba di Seoul pada Rabu malam."
    assert not any(PLACEHOLDER_RE.search(s) for s in real.seen)
    assert "US Secretary of State" in seg.target and seg.status is Status.MACHINE

    class Copying:  # a model that gives placeholders back intact (as real ones sometimes do)
        name, placeholders_ok, calls = "copying", True, 0

        def translate(self, texts, progress=None):  # noqa: ANN001, ANN201
            self.seen = list(texts)
            return [t.replace("tiba di", "arrived in") for t in texts]

    copying = Copying()
    with SegmentTranslator.default(use_mt=False) as translator:
        translator.memory = None
        translator.engines[("id", "en")] = copying
        seg = translator.resolve([sentence], "id", "en")[0]
    assert copying.seen == ["XT1X XT2X tiba di XT3X pada Rabu malam."]
    assert seg.target.startswith("US Secretary of State Antony Blinken arrived in Seoul") and not seg.flags
