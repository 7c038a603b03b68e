"""The bundled samples come with their English: a complete bilingual briefing on first start, honestly marked.

The supplied translation (assets/samples/sample-translations.tmx) is keyed to the sample files' content
hashes: it never applies to other clippings, never shows as the user's reviewed text, and a person's
translation in the memory still comes first.
"""

from __future__ import annotations

import hashlib

import pytest

from briefgen.assemble import BriefingOptions
from briefgen.cli import main
from briefgen.model.text import Status
from briefgen.pipeline import BuildOptions, make_briefing
from briefgen.translate.apply import SegmentTranslator, translate_briefing_report
from briefgen.translate.memory import TranslationMemory
from briefgen.translate.samples import bundled_samples

TEMPLATES = ("briefing-note", "nota-dinas", "dossier")


def _texts(briefing):
    out = [briefing.header.subject]
    for section in briefing.sections:
        for item in section.items:
            out += [item.text, *item.cells]
    return out


def test_the_tmx_names_exactly_the_bundled_sample_files(sample_paths):
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_paths}
    samples = bundled_samples()
    assert len(samples) >= 80 and samples.articles == hashes


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_text_of_every_template_has_its_english(user_dir, sample_articles, template):
    options = BuildOptions(template=template, briefing=BriefingOptions(max_points=60))  # every point, not only 8
    briefing = make_briefing(sample_articles, options)[0]
    with SegmentTranslator.default(use_mt=False) as translator:
        out, report = translate_briefing_report(briefing, translator)
    missing = [t.id for t in _texts(out) if t.en_status is Status.MISSING]
    assert not missing, missing[:3]
    assert report.count(Status.SAMPLE) >= 10 and report.count(Status.REVIEWED) == 0  # never shown as reviewed


def test_other_clippings_with_the_same_sentences_get_nothing_from_it(user_dir, clipping_articles):
    briefing = make_briefing(clipping_articles, BuildOptions())[0]
    with SegmentTranslator.default(use_mt=False) as translator:
        out, report = translate_briefing_report(briefing, translator)
    assert report.count(Status.SAMPLE) == 0
    assert any(t.en_status is Status.MISSING for t in _texts(out))


def test_a_persons_translation_comes_before_the_supplied_one(user_dir, sample_articles):
    briefing = make_briefing(sample_articles, BuildOptions())[0]
    point = next(s for s in briefing.sections if s.items).items[0].text
    with TranslationMemory() as memory:
        memory.store(point.id, "My own English.", "id", "en")
    with SegmentTranslator.default(use_mt=False) as translator:
        out = translate_briefing_report(briefing, translator)[0]
    text = next(s for s in out.sections if s.items).items[0].text
    assert (text.en, text.en_status) == ("My own English.", Status.REVIEWED)


@pytest.mark.parametrize("template", TEMPLATES)
def test_sample_build_in_english_and_side_by_side_has_no_untranslated_marker(user_dir, tmp_path, template):
    counts = {}
    for lang in ("en", "bilingual"):
        out = tmp_path / f"{template}-{lang}.html"
        assert main(["build", "--sample", "--template", template, "--lang", lang, "--layout", "side-by-side",
                     "-o", str(out)]) == 0
        page = out.read_text(encoding="utf-8")
        counts[lang] = page.count("[Untranslated]") + page.count("[Belum diterjemahkan]")
        assert "[sample translation]" in page
        legend = page.split('class="legend"', 1)[1]
        assert "sample translation (supplied with briefgen)" in legend
    print(f"{template}: untranslated markers --lang en {counts['en']}, side-by-side {counts['bilingual']}")
    assert counts == {"en": 0, "bilingual": 0}
