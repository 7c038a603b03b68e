"""Duplicate detection stays linear: bodies that share sentences are not all compared with each other."""

from __future__ import annotations

from dataclasses import replace

from benchmarks.corpus_gen import generate
from briefgen.ingest import dedupe
from briefgen.ingest.build import build_article
from briefgen.ingest.importers import read_pasted


def test_comparisons_per_article_are_bounded_and_reprints_still_found(monkeypatch):
    articles = [build_article(read_pasted(text, f"g{i}")) for i, text in enumerate(generate(300, seed=3))]
    reprint = replace(articles[10], sha256="f" * 64, file="reprint.txt",
                      paragraphs=articles[10].paragraphs[:-1] + (articles[10].paragraphs[-1] + " Foto: AFP.",))
    calls = []
    real = dedupe.fuzz.ratio
    monkeypatch.setattr(dedupe.fuzz, "ratio", lambda a, b, **kw: calls.append(1) or real(a, b, **kw))
    out = dedupe.mark_duplicates([*articles, reprint])
    assert out[-1].duplicate_of == articles[10].sha256
    assert len(calls) <= dedupe.MAX_COMPARED * len(out)
