"""Deterministic ranking of claims into key points and bottom-line candidates.

Why these signals: a point matters when several independent sources carry it (wire copies count
once), when it is central to what the selected articles talk about (its tokens recur across them),
when it is recent, and when an article leads with it. Ties break on the claim's key, so the same
selection always gives the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping

from briefgen.extract.claims import Claim


def rank_claims(claims: list[Claim], published: Mapping[str, dt.date | None]) -> list[tuple[float, Claim]]:
    """Claims best first with their scores."""
    if not claims:
        return []
    per_article: dict[str, set[str]] = {}
    for claim in claims:
        for unit in claim.units:
            per_article.setdefault(unit.article, set()).update(unit.tokens)
    articles = per_article.keys()
    doc_freq: Counter = Counter()
    for tokens in per_article.values():
        doc_freq.update(tokens)
    dates = [d for d in published.values() if d]
    oldest, newest = (min(dates), max(dates)) if dates else (None, None)
    span = max((newest - oldest).days, 1) if oldest and newest else 1
    scored = []
    for claim in claims:
        tokens = claim.representative.tokens
        centrality = sum(doc_freq[t] for t in tokens) / (len(tokens) * len(articles)) if tokens else 0.0
        claim_dates = [published.get(a) for a in claim.articles if published.get(a)]
        recency = ((max(claim_dates) - oldest).days / span) if claim_dates and oldest else 0.0
        lead = 1.0 if any(u.provenance.paragraph <= 1 for u in claim.units) else 0.0
        score = 3.0 * len(claim.sources) + 2.0 * centrality + recency + lead
        scored.append((round(score, 6), claim))
    scored.sort(key=lambda sc: (-sc[0], sc[1].key))
    return scored
