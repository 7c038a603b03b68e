"""Turn raw clippings into clean :class:`Article` values, and flag duplicates within a batch."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable

from briefgen.ingest.clean import clean
from briefgen.ingest.dedupe import NEAR_DUPLICATE, mark_duplicates
from briefgen.ingest.metadata import (
    derive_title,
    detect_lang,
    outlet_name,
    people_from_credits,
    publication_date,
    wire_credits,
)
from briefgen.model import Article, Person, RawArticle
from briefgen.privacy import redact_raw


def build_article(raw: RawArticle, today: dt.date | None = None, restore: frozenset[int] = frozenset()) -> Article:
    """Clean one clipping and read its metadata; ``restore``: 1-based line numbers kept in the body regardless.

    The clipping is redacted here too (idempotent, cheap when already done): whatever path it came by
    (a file, paste, standard input, a project written by an older briefgen or by hand), no personal
    data reaches cleaning unless the user kept it on import.
    """
    raw = redact_raw(raw)
    result = clean(raw.text, restore=restore, page_title=raw.hints.get("title", ""))
    paragraphs = result.paragraphs
    people = people_from_credits(result.credits)
    if raw.fmt == "html" and raw.hints.get("author") and not any(p.role in ("author", "reporter") for p in people):
        people += [Person(name.strip(), "author") for name in raw.hints["author"].split(";") if name.strip()]
    mention = publication_date(paragraphs, today, result.stamps,
                               result.dateline.prefix if result.dateline else "")
    published, inferred = (mention.date, mention.inferred) if mention else (None, False)
    if raw.hints.get("date"):  # the saved page's own metadata (htmldate) outranks dates in the text
        with contextlib.suppress(ValueError):
            published, inferred = dt.date.fromisoformat(raw.hints["date"]), False
    title = result.title or raw.hints.get("title") or derive_title(paragraphs)
    return Article(
        file=raw.file,
        sha256=raw.sha256,
        lang=detect_lang(" ".join(paragraphs) or raw.text),  # type: ignore[arg-type]
        title=title,
        title_derived=result.title is None and not raw.hints.get("title"),
        paragraphs=tuple(paragraphs),
        outlet=outlet_name(result, people, raw.hints),
        published=published,
        published_inferred=inferred,
        authors=tuple(p for p in people if p.role != "wire"),
        removed=tuple(result.removed),
        captions=tuple(result.captions),
        wire=tuple(wire_credits(paragraphs, people, result)),
    )


__all__ = ["NEAR_DUPLICATE", "build_article", "build_articles", "judge_batch", "mark_duplicates"]


def build_articles(raws: Iterable[RawArticle], today: dt.date | None = None) -> list[Article]:
    """Clean each clipping, then judge the batch: duplicates, and clippings far from its subject."""
    return judge_batch(build_article(raw, today) for raw in raws)


def judge_batch(articles: Iterable[Article]) -> list[Article]:
    """Duplicates, and clippings far from the batch's subject (for callers that build one by one)."""
    from briefgen.extract.relevance import mark_relevance  # extraction's gazetteer, loaded once per batch

    return mark_relevance(mark_duplicates(articles))
