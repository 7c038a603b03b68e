"""Background and outlook items as briefing sentences, written from what an :class:`Event` holds.

A sentence is generated only where the event's structure says who did what and where: a movement or
meeting (visit, arrival, talks, summit) reported as a fact (or, in the outlook, as a plan) whose
participants are one or more named people — the agents, named before the predicate — followed only
by countries — the destination or venue, named after it ("Maret 2021: Antony Blinken berkunjung ke
Korea Selatan." / "March 2021: Antony Blinken visited South Korea."). Every name comes from the
gazetteer in both languages; a name the gazetteer does not know (a ``candidate:`` stand-in) has no
English form, so such events are never generated.

Anything else — places only ("a landing" by nobody named), an organisation or another person after
the predicate, a statement, a conditional — would need a guess about who acted. Those items are the
event's own source sentence instead: status ``source`` in its clipping's language, cited, and
translated (or marked untranslated) like every other source sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.extract.events import Event
from briefgen.model import Article, BiText, Item

# event kind → (past, future) pattern per language; {who} the agents, {where} the countries
SENTENCES: dict[str, dict[str, tuple[str, str]]] = {
    "visit": {"id": ("{who} berkunjung ke {where}", "{who} akan berkunjung ke {where}"),
              "en": ("{who} visited {where}", "{who} will visit {where}")},
    "arrival": {"id": ("{who} tiba di {where}", "{who} akan tiba di {where}"),
                "en": ("{who} arrived in {where}", "{who} will arrive in {where}")},
    "talks": {"id": ("{who} mengadakan pertemuan di {where}", "{who} akan mengadakan pertemuan di {where}"),
              "en": ("{who} held talks in {where}", "{who} will hold talks in {where}")},
    "summit": {"id": ("{who} bertemu dalam pertemuan puncak di {where}",
                      "{who} akan bertemu dalam pertemuan puncak di {where}"),
               "en": ("{who} met at a summit in {where}", "{who} will meet at a summit in {where}")},
}


def _names_join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + (" dan " if lang == "id" else " and ") + names[-1]


def _known(entry) -> bool:
    return not entry.key.startswith("candidate:") and bool(entry.name.get("id")) and bool(entry.name.get("en"))


def generated_sentence(event: Event, future: bool) -> BiText | None:
    """The event as one generated sentence in both languages, or None when its structure does not say
    who acted where (see the module docstring)."""
    if event.kind not in SENTENCES or event.mode not in (("fact", "plan") if future else ("fact",)):
        return None
    actors = event.actors[:3]
    agents = [a for a in actors if a.kind == "person"]
    agents = agents[:len(agents)] if actors[:len(agents)] == agents else []  # the people come first
    places = actors[len(agents):]
    if not agents or not places or any(p.kind != "country" for p in places):
        return None
    if not all(_known(a) for a in actors):
        return None
    date = event.date_text()
    out = {}
    for lang in ("id", "en"):
        pattern = SENTENCES[event.kind][lang][1 if future else 0]
        sentence = pattern.format(who=_names_join([a.name[lang] for a in agents], lang),
                                  where=_names_join([p.name[lang] for p in places], lang))
        when = date.text(lang)
        out[lang] = f"{when[:1].upper()}{when[1:]}: {sentence[:1].upper()}{sentence[1:]}."
    return BiText.generated(out["id"], out["en"])


def event_item(event: Event, future: bool, by_sha: dict[str, Article], cite: Callable[[str], int]) -> Item:
    """A background/outlook item: the generated sentence, else the event's first source sentence."""
    text = generated_sentence(event, future)
    if text is not None:
        return Item(text=text, provenance=tuple(p for p, _ in event.sentences),
                    cites=tuple(sorted({cite(s) for s in event.articles})), key=event.key)
    prov, sentence = event.sentences[0]
    article = by_sha.get(prov.article)
    return Item(text=BiText.source(sentence, article.lang if article else "id"), provenance=(prov,),
                cites=(cite(prov.article),), key=event.key)
