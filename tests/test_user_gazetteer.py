"""Confirming unknown names into the user's gazetteer: candidates, the written file, and its effect."""

from __future__ import annotations

import pytest
import yaml

from briefgen.extract.facts import extract_facts
from briefgen.extract.gazetteer import GazetteerError, load_gazetteer
from briefgen.extract.user_gazetteer import add_user_entry, candidates, new_key, user_gazetteer_path

ARTICLE = ("JAKARTA - Menurut analis Lina Hartono, kunjungan itu penting bagi kawasan. \"Ini sinyal kuat bagi "
           "sekutu,\" kata Lina Hartono pada Kamis (9/11/2023).")


def test_sample_candidates_are_counted_with_their_articles(sample_articles):
    found = {c.name: c for c in candidates(sample_articles)}
    assert "Ronald Reagan" in found
    reagan = found["Ronald Reagan"]
    assert reagan.mentions == 2 and len(reagan.articles) >= 1
    assert all(title in {a.title for a in sample_articles} for title in reagan.articles)
    assert "Antony Blinken" not in found and "Blinken" not in found  # known names are not candidates


def test_a_confirmed_name_is_linked_with_its_english_form_and_role(user_dir, sample_articles):
    before = {c.name for c in candidates(sample_articles)}
    assert "Ronald Reagan" in before
    entry = add_user_entry("place", "USS Ronald Reagan", "USS Ronald Reagan", variants=["Ronald Reagan"])
    assert entry.key == "uss-ronald-reagan" and entry.kind == "place"
    data = yaml.safe_load(user_gazetteer_path().read_text(encoding="utf-8"))
    assert data["entries"][0]["name"] == {"id": "USS Ronald Reagan", "en": "USS Ronald Reagan"}
    assert user_gazetteer_path().read_text(encoding="utf-8").startswith("# Your own gazetteer")
    assert "Ronald Reagan" not in {c.name for c in candidates(sample_articles)}  # read again: now known
    facts = extract_facts(list(sample_articles), load_gazetteer())
    assert any(af.mentions["uss-ronald-reagan"] for af in facts.articles)

    import datetime as dt

    from briefgen.ingest.build import build_articles
    from briefgen.ingest.importers import read_pasted

    pasted = build_articles([read_pasted(ARTICLE, "<pasted>")], dt.date(2023, 11, 10))
    assert "Lina Hartono" in {c.name for c in candidates(pasted)}
    person = add_user_entry("person", "Lina Hartono", "Lina Hartono", "analis keamanan", "security analyst")
    assert person.roles[0].en == "security analyst"
    quotes = extract_facts(pasted, load_gazetteer()).articles[0].quotes
    assert quotes and all(q.speaker.entry is not None and q.speaker.entry.key == "lina-hartono" for q in quotes)
    assert [e["key"] for e in yaml.safe_load(user_gazetteer_path().read_text(encoding="utf-8"))["entries"]] == [
        "uss-ronald-reagan", "lina-hartono"]  # added, the earlier entry kept


def test_bad_input_is_refused_and_a_broken_file_is_never_overwritten(user_dir):
    with pytest.raises(GazetteerError, match="Indonesian and its English form"):
        add_user_entry("organisation", "Badan Intelijen Nasional", "")
    with pytest.raises(GazetteerError, match="role needs its Indonesian and its English form"):
        add_user_entry("person", "Duyeon Kim", "Duyeon Kim", role_id="Peneliti")
    with pytest.raises(GazetteerError, match="unknown kind"):
        add_user_entry("ship", "KRI Nanggala", "KRI Nanggala")
    assert not user_gazetteer_path().exists()
    user_gazetteer_path().write_text("entries:\n  - key: [unclosed\n", encoding="utf-8")
    broken = user_gazetteer_path().read_bytes()
    with pytest.raises(GazetteerError, match="cannot read your gazetteer, nothing was added"):
        add_user_entry("person", "Duyeon Kim", "Duyeon Kim")
    assert user_gazetteer_path().read_bytes() == broken


def test_keys_are_stable_ascii_and_unique():
    assert new_key("Duyeon Kim", set()) == "duyeon-kim"
    assert new_key("Kementerian Luar Negeri", {"kementerian-luar-negeri"}) == "kementerian-luar-negeri-2"
    assert new_key("Séoul Ōkubo", set()) == "seoul-okubo"
    assert new_key("李", set()) == "entry"
