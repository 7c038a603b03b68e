"""Restoring removed lines: the window's "restore this line" puts a removed line back in the body, in place."""

from __future__ import annotations

from pathlib import Path

from briefgen.ingest.build import build_article
from briefgen.ingest.importers import read_path


def _egindo(sample_paths: list[Path]):
    return read_path(next(p for p in sample_paths if "egindo" in p.name))


def test_restored_line_returns_to_the_body_in_place(sample_paths):
    raw = _egindo(sample_paths)
    before = build_article(raw)
    link = next(r for r in before.removed if r.text.startswith("Baca Juga"))
    after = build_article(raw, restore=frozenset({link.line}))
    assert link.text in after.paragraphs and link.text not in before.paragraphs
    assert link.line not in {r.line for r in after.removed}
    # in place: right after the paragraph that preceded it in the file
    i = after.paragraphs.index(link.text)
    assert after.paragraphs[i - 1].startswith("Kim Jong Un dan Vladimir Putin")
    assert len(after.removed) == len(before.removed) - 1


def test_restoring_a_sign_off_keeps_it_on_the_last_paragraph(sample_paths):
    raw = read_path(next(p for p in sample_paths if p.name.startswith("004")))
    before = build_article(raw)
    signoff = next(r for r in before.removed if r.text == "[ab/uh]")
    after = build_article(raw, restore=frozenset({signoff.line}))
    assert after.paragraphs[-1].endswith("[ab/uh]") and not before.paragraphs[-1].endswith("]")


def test_restore_of_unknown_line_numbers_changes_nothing(sample_paths):
    raw = _egindo(sample_paths)
    assert build_article(raw, restore=frozenset({9999})) == build_article(raw)
