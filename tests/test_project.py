"""Projects: the clippings travel inside the file, choices round-trip, edits become reviewed text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from briefgen.errors import BriefgenError
from briefgen.model import Status
from briefgen.pipeline import load_articles
from briefgen.project import (
    Autosave,
    Project,
    analyst_text,
    build_articles,
    build_options,
    load_project,
    project_briefing,
    save_project,
)


def points(briefing):
    """The first list of points (the template decides which: key points, summary, ...)."""
    return next(s for s in briefing.sections if s.kind in ("list", "numbered") and len(s.items) >= 3)


@pytest.fixture(scope="module")
def loaded():
    return load_articles([], sample=True)


@pytest.fixture()
def project(loaded) -> Project:
    project = Project()
    project.add_raws(loaded.raws)
    return project


def test_add_raws_skips_clippings_already_there(project, loaded):
    assert len(project.articles) == 5
    assert project.add_raws(loaded.raws) == []
    assert len(project.articles) == 5


def test_save_and_open_round_trip_without_the_original_files(project, tmp_path):
    project.articles[2].included = False
    project.articles[0].restored = frozenset({3})
    project.options.template, project.options.subject, project.options.cc = "briefing-note", "Kunjungan", "A\nB"
    project.options.letterhead = "KEMENTERIAN LUAR NEGERI\nDirektorat Asia Timur dan Pasifik"
    project.assessment = analyst_text("Penilaian.", "")
    project.dropped, project.order = ["k1"], ["k2", "k1"]
    project.set_edit("lead-x", "en", "An edit")
    path = save_project(project, tmp_path / "p.briefgen")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "briefgen-project" and data["version"] == 1
    assert data["articles"][0]["text"] == project.articles[0].raw.text  # the text itself, not a path
    again = load_project(path)
    assert again.to_dict() == project.to_dict()
    assert again.assessment.id_status is Status.REVIEWED and again.assessment.en_status is Status.MISSING
    assert again.options.letterhead.splitlines()[1] == "Direktorat Asia Timur dan Pasifik"


def test_letterhead_and_drafter_reach_the_nota_dinas(project):
    from briefgen.pipeline import make_document

    project.options.template = "nota-dinas"
    project.options.letterhead = "  KEMENTERIAN LUAR NEGERI \n\n Direktorat Asia Timur dan Pasifik"
    project.options.letterhead_en = "MINISTRY OF FOREIGN AFFAIRS"
    project.options.author = "Sari Dewi"
    _full, final, template, options = project_briefing(project, build_articles(project))
    assert options.letterhead == {"id": ("KEMENTERIAN LUAR NEGERI", "Direktorat Asia Timur dan Pasifik"),
                                  "en": ("MINISTRY OF FOREIGN AFFAIRS",)}
    document = make_document(final, template, options)
    kops = [b for part in document.parts for b in part.blocks if b.kind == "letterhead"]
    assert [c.text for b in kops for c in b.cells] == ["KEMENTERIAN LUAR NEGERI\nDirektorat Asia Timur dan Pasifik"]
    assert document.author == "Sari Dewi"  # one kop in the sequential memo; the English one heads an English memo
    project.options.languages = "en"
    _full, final, template, options = project_briefing(project, build_articles(project))
    kops = [b for part in make_document(final, template, options).parts for b in part.blocks if b.kind == "letterhead"]
    assert [c.text for b in kops for c in b.cells] == ["MINISTRY OF FOREIGN AFFAIRS"]
    project.options.languages = "bilingual"
    project.options.signatory_title = "Direktur Asia Timur dan Pasifik"
    project.options.signatory_nip = "197001011995031001"
    _full, final, template, options = project_briefing(project, build_articles(project))
    signature = next(b for b in make_document(final, template, options).blocks() if b.kind == "signature")
    assert [c.text for c in signature.cells][0::2] == ["Direktur Asia Timur dan Pasifik,", "NIP 197001011995031001"]
    project.options.letterhead = project.options.letterhead_en = ""  # empty: the template's own kop
    _full, final, template, options = project_briefing(project, build_articles(project))
    kops = [b for part in make_document(final, template, options).parts for b in part.blocks if b.kind == "letterhead"]
    assert kops[0].cells[0].text.startswith("KEMENTERIAN / LEMBAGA")


def test_english_tembusan_stays_on_its_addressee_across_blank_lines(project):
    """Blank lines in either Tembusan box must not shift the English addressees (review finding 10)."""
    project.options.template = "nota-dinas"
    project.options.cc = "Sekretaris Jenderal\n\nInspektur Jenderal\n"
    project.options.cc_en = "Secretary General\n\nInspector General"
    opts = build_options(project).briefing
    assert opts.cc == ("Sekretaris Jenderal", "Inspektur Jenderal")
    assert opts.cc_en == ("Secretary General", "Inspector General")
    _full, final, _template, _options = project_briefing(project, build_articles(project))
    assert [(t.id, t.en) for t in final.header.cc_texts] == [("Sekretaris Jenderal", "Secretary General"),
                                                            ("Inspektur Jenderal", "Inspector General")]
    project.set_edit("header:cc:1", "en", "Inspector-General")  # the second addressee shown, on line 3
    assert project.options.cc_en.splitlines() == ["Secretary General", "", "Inspector-General"]
    assert build_options(project).briefing.cc_en == ("Secretary General", "Inspector-General")


def test_edits_enter_the_briefing_as_reviewed(project):
    articles = build_articles(project)
    _full, final, _t, _o = project_briefing(project, articles)
    item = next(i for i in points(final).items if i.text.en_status is Status.SAMPLE)  # the samples' supplied English
    project.set_edit(item.key, "en", "  The US Secretary of State arrived in Seoul.  ")
    _full, final, _t, _o = project_briefing(project, articles)
    edited = next(i for i in points(final).items if i.key == item.key)
    assert edited.text.en == "The US Secretary of State arrived in Seoul."
    assert edited.text.en_status is Status.REVIEWED and edited.text.id_status is Status.SOURCE
    project.set_edit(item.key, "en", None)
    assert project.edits == {}


def test_drops_order_and_exclusions(project):
    articles = build_articles(project)
    full, final, _t, _o = project_briefing(project, articles)
    section = points(final).key
    keys = [i.key for i in final.section(section).items]
    assert len(keys) >= 3 and len(final.sources) == 5
    project.dropped = [keys[0]]
    project.order = [keys[-1], keys[-2]]
    full, final, _t, _o = project_briefing(project, articles)
    shown = [i.key for i in final.section(section).items]
    assert keys[0] not in shown and shown[:2] == [keys[-1], keys[-2]]
    assert keys[0] in [i.key for i in full.section(section).items]  # still listed for undoing
    if section == "bottom_line":  # the BLUF note: the first key point moved up into the freed place
        first_key_point = [i.key for i in full.section("key_points").items][0]
        assert len(shown) == len(keys) and shown[-1] == first_key_point
        assert not set(shown) & {i.key for i in final.section("key_points").items}  # no point printed twice
    else:
        assert len(shown) == len(keys) - 1
    project.articles[1].included = False
    _full, final, _t, _o = project_briefing(project, articles)
    assert len(final.sources) == 4
    assert articles[1].sha256 not in {s.article for s in final.sources}


def test_bluf_note_prints_each_point_once_and_moving_a_key_point_up_puts_it_in_the_bottom_line(project):
    articles = build_articles(project)
    project.options.template = "briefing-note"
    _full, final, _t, _o = project_briefing(project, articles)
    bottom = [i.key for i in final.section("bottom_line").items]
    key_points = [i.key for i in final.section("key_points").items]
    assert len(bottom) == 4 and len(key_points) >= 4 and not set(bottom) & set(key_points)
    project.order = [key_points[2]]  # the analyst moves the third key point to the top
    _full, final, _t, _o = project_briefing(project, articles)
    assert [i.key for i in final.section("bottom_line").items] == [key_points[2], *bottom[:3]]
    assert [i.key for i in final.section("key_points").items][:2] == [bottom[3], key_points[0]]
    project.options.template = "nota-dinas"  # no bottom line: the key points are all the points
    _full, final, _t, _o = project_briefing(project, articles)
    assert [i.key for i in final.section("key_points").items][:5] == [key_points[2], *bottom]


def test_analyst_text_appears_even_if_the_template_lacks_the_section(project, monkeypatch):
    import briefgen.templating as templating

    real = templating.get_template
    monkeypatch.setattr(templating, "get_template", lambda name: replace(real(name), sections=("sources",)))
    project.recommendations = analyst_text("", "Monitor the visit.")
    _full, final, _t, _o = project_briefing(project, build_articles(project))
    section = final.section("recommendations")
    assert section is not None and section.items[0].text.en == "Monitor the visit."
    assert section.items[0].text.en_status is Status.REVIEWED
    assert [s.key for s in final.sections][-1] == "sources"
    assert analyst_text(" ", "") is None


def test_restored_lines_come_back_into_the_body(project):
    article = build_articles(project)[0]
    assert article.removed
    line = article.removed[0]
    project.articles[0].restored = frozenset({line.line})
    again = build_articles(project)[0]
    assert line.line not in {r.line for r in again.removed}
    assert any(line.text.strip() in p for p in again.paragraphs)


def test_bad_project_files_give_one_line_errors(tmp_path):
    for name, content in (("a.briefgen", "{oops"), ("b.briefgen", '{"format": "other"}'),
                          ("c.briefgen", '{"format": "briefgen-project", "version": 99}'),
                          ("d.briefgen", '{"format": "briefgen-project", "version": 1, "articles": [{"x": 1}]}')):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(BriefgenError) as info:
            load_project(path)
        assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_wrong_typed_options_and_clippings_are_refused_when_the_project_loads(project, tmp_path):
    """Review: ``{"options": {"cc_en": 5}}`` loaded, then crashed the first build with a traceback."""
    good = project.to_dict()
    Project.from_dict(json.loads(json.dumps(good)))  # the real project loads
    cases = {"cc_en": ("options", {**good["options"], "cc_en": 5}),
             "emblem": ("options", {**good["options"], "emblem": ["/dev/zero"]}),
             "options": ("options", ["template", "nota-dinas"]),
             "text": ("articles", [{**good["articles"][0], "text": 7}]),
             "hints": ("articles", [{**good["articles"][0], "hints": {"outlet": 3}}])}
    for name, (key, value) in cases.items():
        path = tmp_path / f"{name}.briefgen"
        path.write_text(json.dumps({**good, key: value}), encoding="utf-8")
        with pytest.raises(BriefgenError) as info:
            load_project(path)
        message = str(info.value)
        assert message.startswith(str(path)) and "\n" not in message and "damaged" in message, message
        assert name in message, message


def test_a_crashed_session_leaves_an_autosave_to_recover(project, tmp_path):
    """A child process autosaves and dies without a clean exit; the next start finds its work."""
    folder = tmp_path / "autosave"
    save_project(project, tmp_path / "source.briefgen")
    code = f"""
import os
from pathlib import Path
from briefgen.project import Autosave, load_project
store = Autosave(Path({str(folder)!r}))
store.begin_session()
project = load_project(Path({str(tmp_path / 'source.briefgen')!r}))
project.options.subject = "typed before the crash"
store.save(project)
os._exit(9)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=os.environ.copy())
    assert result.returncode == 9
    store = Autosave(folder)
    pending = store.pending_recovery()
    assert pending is not None
    assert load_project(pending).options.subject == "typed before the crash"
    store.begin_session()  # this process now owns the session: nothing to recover from a live one
    assert store.pending_recovery() is None
    store.end_session()
    assert store.pending_recovery() is None and not store.file.exists()


def test_facts_are_extracted_once_per_article_and_again_when_the_gazetteer_changes(project, monkeypatch, user_dir):
    """The window rebuilds on every option change and tick; an article is extracted (most of a rebuild) only
    when it is new to the selection or the gazetteer changed. Timings are in benchmarks/bench_rebuild.py."""
    from briefgen.extract import facts as facts_module
    from briefgen.extract.user_gazetteer import add_user_entry

    monkeypatch.setattr(facts_module, "_CACHE", facts_module.FactsCache())
    calls: list[str] = []
    real = facts_module.extract_article
    monkeypatch.setattr(facts_module, "extract_article",
                        lambda a, *rest: calls.append(a.sha256) or real(a, *rest))
    articles = build_articles(project)
    first = project_briefing(project, articles)[1]
    project.options.number, project.options.subject = "ND-1/2023", "Kunjungan"
    second = project_briefing(project, articles)[1]
    assert len(calls) == 5
    assert [i.key for i in points(first).items] == [i.key for i in points(second).items]
    project.articles[1].included = False
    without = project_briefing(project, articles)[1]
    assert len(calls) == 5  # unticking extracts nothing: the other four are remembered
    unticked = project.articles[1].raw.sha256
    assert all(p.article != unticked for i in points(without).items for p in i.provenance)
    assert any(p.article == unticked for i in points(first).items for p in i.provenance)
    project.articles[1].included = True
    again = project_briefing(project, articles)[1]
    assert len(calls) == 6 and calls[-1] == project.articles[1].raw.sha256  # dropped when unticked: once more
    assert [i.key for i in points(again).items] == [i.key for i in points(first).items]
    add_user_entry("place", "USS Ronald Reagan", "USS Ronald Reagan", variants=["Ronald Reagan"])
    project_briefing(project, articles)  # a confirmed name is used at once: every article again
    assert len(calls) == 11
