"""Extraction on the five sample clippings: the facts the issue names, found and attributed."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.assemble import SECTION_LABELS, BriefingOptions, assemble
from briefgen.extract.facts import extract_facts
from briefgen.extract.figures import figure_text
from briefgen.extract.gazetteer import load_gazetteer
from briefgen.model import Status


@pytest.fixture(scope="module")
def facts(sample_articles):
    return extract_facts([a for a in sample_articles if a.duplicate_of is None], load_gazetteer())


def _events(facts, date, precision="day"):
    return [e for e in facts.events if e.time.date == date and e.time.precision == precision]


def test_kim_putin_summit_in_september_2023(facts):
    summits = [e for e in facts.events if e.kind == "summit"]
    assert summits, "no summit event"
    summit = summits[0]
    assert dt.date(2023, 9, 1) <= summit.time.date <= dt.date(2023, 9, 30)
    assert {"kim-jong-un", "vladimir-putin"} <= {a.key for a in summit.actors}
    assert len(summit.articles) >= 2  # reported by several clippings, merged into one event
    assert summit.heading().en.startswith("Summit: Kim Jong Un, Vladimir Putin")


def test_trilateral_meeting_on_friday_22_september(facts):
    events = _events(facts, dt.date(2023, 9, 22))
    assert events and {"antony-blinken", "park-jin", "yoko-kamikawa"} <= {a.key for a in events[0].actors}


def test_announcement_1_november_arrival_8_november_evening_talks_9_november(facts):
    assert _events(facts, dt.date(2023, 11, 1))
    arrival = [e for e in _events(facts, dt.date(2023, 11, 8)) if e.kind == "arrival"]
    assert arrival and arrival[0].time.part == "malam" and len(arrival[0].articles) >= 2
    assert arrival[0].date_text().en == "8 November 2023 (evening)"
    g7 = [e for e in _events(facts, dt.date(2023, 11, 8)) if e.family == "statement" and "g7" in
          {a.key for a in e.actors}]
    assert g7 and len(g7[0].articles) >= 2
    talks = [e for e in _events(facts, dt.date(2023, 11, 9)) if e.family == "meeting"]
    assert talks and "antony-blinken" in {a.key for a in talks[0].actors} and len(talks[0].articles) >= 2


def _quotes(facts, outlet):
    af = next(af for af in facts.articles if af.article.outlet == outlet)
    return af.quotes


def test_tempo_quotes_attributed_to_blinken(facts):
    direct = [q for q in _quotes(facts, "Tempo") if q.direct]
    blinken = [q for q in direct if q.speaker and q.speaker.key == "antony-blinken"]
    assert len(blinken) >= 3  # "kata Blinken", the continuing quote, and "katanya"
    assert any(q.text.startswith("Ini merupakan kekhawatiran nyata") for q in blinken)


def test_egindo_analysts_with_their_universities(facts):
    quotes = [q for q in _quotes(facts, "EGINDO.co") if q.speaker]
    by = {q.speaker.key: q for q in quotes if q.direct}
    assert "Seoul National" in by["benjamin-engel"].speaker.role_text
    assert "Ewha" in by["leif-eric-easley"].speaker.role_text
    assert sum(1 for q in quotes if q.direct and q.speaker.key == "leif-eric-easley") == 2


def test_kremlin_denial_is_a_statement(facts):
    quotes = [q for af in facts.articles for q in af.quotes if q.speaker and q.speaker.key == "kremlin"]
    assert quotes and not quotes[0].direct and "tidak ada bukti" in quotes[0].text


def test_one_million_artillery_shells(facts):
    figures = [f for af in facts.articles for _, f in af.figures if f.unit == "artillery-shells"]
    assert figures and figures[0].value == 1_000_000
    text = figure_text(figures[0], facts.gazetteer)
    assert (text.id, text.en) == ("1 juta peluru artileri", "1 million artillery shells")
    assert text.en_status is Status.GENERATED


def test_claims_with_two_sources_are_corroborated(facts):
    multi = [c for c in facts.claims if len(c.articles) >= 2]
    assert multi and all(c.corroborated == (len(c.sources) >= 2) for c in facts.claims)
    denial = [c for c in multi if any("membantah" in u.text for u in c.units)]
    assert denial and denial[0].corroborated


def test_assemble_builds_every_section_with_keys_and_honours_drop_and_order(sample_articles):
    options = BriefingOptions(sections=tuple(SECTION_LABELS), date_of_issue=dt.date(2023, 11, 10))
    briefing = assemble(sample_articles, options)
    assert [s.key for s in briefing.sections] == list(SECTION_LABELS)
    for section in briefing.sections:
        keys = [i.key for i in section.items]
        assert all(keys) and len(keys) == len(set(keys)), section.key
        if section.kind == "table":
            assert all(len(i.cells) == len(section.columns) and i.text.id for i in section.items), section.key
    for key in ("bottom_line", "key_points", "timeline", "actors", "statements", "figures", "corroboration"):
        assert briefing.section(key).items, key
    actors = briefing.section("actors")
    blinken = next(i for i in actors.items if i.key == "actor-antony-blinken")
    assert blinken.cells[1].en == "US Secretary of State" and blinken.cells[1].en_status is Status.GENERATED
    timeline = briefing.section("timeline")
    assert all(i.cells[0].en_status is Status.GENERATED for i in timeline.items)
    assert timeline.items[-1].cells[2].en_status is Status.MISSING  # a free sentence waits for translation
    points = briefing.section("key_points").items
    assert all(1 <= i.support <= len(i.cites) for i in points)  # independent sources, wire copies once
    first, second = points[0].key, points[1].key
    again = assemble(sample_articles, BriefingOptions(sections=("key_points",), dropped=frozenset({first}),
                                                      order=(points[2].key,), date_of_issue=dt.date(2023, 11, 10)))
    keys = [i.key for i in again.section("key_points").items]
    assert first not in keys and keys[0] == points[2].key and second in keys


def test_wire_copies_count_once(sample_articles):
    from dataclasses import replace

    from briefgen.extract.facts import source_identity

    a, b = sample_articles[0], replace(sample_articles[1], outlet="Other", wire=("Reuters",))
    assert source_identity(a) == source_identity(b) == "wire:reuters"


def test_inspect_json_adds_facts_with_provenance(capsys):
    import json

    from briefgen.cli import main

    assert main(["inspect", "--sample", "--json"]) == 0
    objects = json.loads(capsys.readouterr().out)
    egindo = next(o for o in objects if o["outlet"] == "EGINDO.co")
    for field in ("entities", "events", "quotes", "figures", "claims"):
        assert egindo[field], field
    quote = next(q for q in egindo["quotes"] if q["speaker_key"] == "leif-eric-easley")
    assert quote["provenance"]["article"] == egindo["sha256"] and quote["provenance"]["paragraph"] >= 0
    assert any(f["unit"] == "artillery-shells" and f["provenance"]["paragraph"] == 4 for f in egindo["figures"])
    assert all(p["article"] and "text" in p for e in egindo["events"] for p in e["provenance"])
    assert {"key": "kremlin", "kind": "organisation"}.items() <= next(
        e for e in egindo["entities"] if e["key"] == "kremlin").items()
