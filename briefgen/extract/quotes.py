"""Direct quotes and indirect statements with their speakers, from Indonesian and English attribution.

Why rules: newsroom attribution is formulaic ("…,” kata Blinken", "…,” tambahnya", "X mengatakan
bahwa …", "menurut X"; "X said …", "…, X said", "according to X"), and a wrong speaker is worse than
none. Pronoun follow-ups ("katanya", "tambahnya", "Dia mengatakan", "he said") and definite
descriptions ("kementerian itu") resolve to the last speaker or the last matching entity named
earlier in the same article. A passive back-reference ("Hal itu diungkapkan Blinken …", "Demikian
disampaikan …") attributes the sentence before it, which is where the statement's words are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.extract.gazetteer import Entry, Gazetteer, Mention

VERBS_AFTER = r"kata|ujar|ucap|ungkap|tegas|jelas|tutur|imbuh|tambah|sebut|papar|terang|lanjut|said|says"
VERBS_BEFORE = (r"mengatakan|menyatakan|menegaskan|menjelaskan|mengungkapkan|menyebut|menyebutkan|menilai|"
                r"mengklaim|membantah|menambahkan|berkata|memperingatkan|menuturkan|mengecam|menyerukan|"
                r"said|says|told|stressed|warned|added|noted|claimed|denied|insisted")
VERBS_EN_AFTER = r"said|says|told\s+\w+|added|noted|warned|stressed"  # "…, Blinken said." / "…, he told reporters."
PRONOUNS = frozenset({"dia", "ia", "beliau", "nya", "mereka", "he", "she", "they"})
_OPEN, _CLOSE = "“\"‘", "”\"’"
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")
_NAME_CHARS = r"(?:[^,.;:]|(?<=\b[A-Z])\.)"  # "Benjamin A. Engel": an initial's stop stays in the name
_AFTER = re.compile(rf"^\s*,?\s*(?:(?P<verb>{VERBS_AFTER})(?P<nya>nya)?\b\s*(?P<who>{_NAME_CHARS}*)"
                    rf"|(?P<bare>[A-Z]{_NAME_CHARS}*))")
_BEFORE = re.compile(rf"(?P<who>[^,.;:“\"]*?)\s+(?:juga\s+|telah\s+|pun\s+)?(?P<verb>{VERBS_BEFORE})\b")
_TRAILING = re.compile(rf",\s*(?P<verb>{VERBS_AFTER})(?P<nya>nya)?(?:\s+(?P<who>{_NAME_CHARS}+))?"
                       rf"(?:,(?P<appos>[^,.]*))?(?:,[^,.]*)?\.?\s*$")
_MENURUT = re.compile(r"\b(?:[Mm]enurut|[Aa]ccording to)\s+(?P<who>[^,.;:]+)")
_TRAILING_EN = re.compile(rf",\s*(?P<who>(?:[A-Z]|he\b|she\b|they\b){_NAME_CHARS}*?)\s+(?P<verb>{VERBS_EN_AFTER})"
                          rf"\b[^,.]*\.?\s*$")
# "Hal itu diungkapkan Blinken …", "Hal tersebut disampaikan oleh …", "Demikian dikatakan …": the words are in the
# sentence before
_BACK_REFERENCE = re.compile(
    r"^(?:Hal\s+(?:itu|ini|tersebut)|Pernyataan\s+(?:itu|ini|tersebut)|Demikian|Begitu)\s+(?:juga\s+)?"
    r"(?P<verb>di(?:ungkapkan|sampaikan|katakan|tegaskan|jelaskan|kemukakan|utarakan|nyatakan|sebutkan))"
    r"\s+(?:oleh\s+)?(?P<who>[^,.;:]+)")
_APPOS = re.compile(r"^\s*(?:,\s*)?(?:seorang|salah satu)\s+(?P<role>[^,.;]+)")
_STOP_WHO = re.compile(r"\s+(?:pada|di|kepada|dalam|saat|ketika|seperti|dari|melalui|usai|setelah|sebelum|"
                       r"in|on|at|during|after|before|to|told|said|says)\b.*$")


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who spoke: a gazetteer entry when known, else the name as written (a candidate)."""

    name: str
    entry: Entry | None = None
    role_text: str = ""  # the appositive as written ("seorang profesor di Universitas Ewha")

    @property
    def key(self) -> str:
        return self.entry.key if self.entry else f"candidate:{self.name}"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote (``direct``) or an indirect statement, with the sentence it came from."""

    text: str  # the quoted words, or the whole sentence for an indirect statement
    speaker: Speaker | None
    direct: bool
    paragraph: int
    sentence: int
    verb: str = ""

    def as_dict(self) -> dict:
        sp = self.speaker
        return {"text": self.text, "direct": self.direct, "verb": self.verb,
                "speaker": sp.name if sp else None, "speaker_key": sp.entry.key if sp and sp.entry else None,
                "speaker_role": (sp.role_text or None) if sp else None}


class SpeakerTracker:
    """Resolves names, pronouns and "kementerian itu" against what the article said before."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.last_speaker: Speaker | None = None
        self.mentions: list[Mention] = []
        self.roles: dict[str, str] = {}  # role as written, remembered for later "kata Easley"
        self.previous: tuple[str, int, int] | None = None  # the last sentence with no statement of its own

    def seen(self, text: str, mentions: list[Mention] | None = None) -> None:
        self.mentions += self.gazetteer.find(text) if mentions is None else mentions

    def resolve(self, who: str, appos: str = "") -> Speaker | None:
        who = _STOP_WHO.sub("", who).strip(" ,“”\"")
        role = (_APPOS.match(appos).group("role").strip() if appos and _APPOS.match(appos) else "")
        if not who or who.lower() in PRONOUNS:
            return self.last_speaker
        words = who.split()
        if len(words) >= 2 and words[-1].lower() in ("itu", "tersebut"):  # "kementerian itu"
            noun = words[0].lower()
            for mention in reversed(self.mentions):
                if mention.text.lower().startswith(noun) or mention.entry.name["id"].lower().startswith(noun):
                    return Speaker(mention.entry.name["id"], mention.entry)
            return None
        mentions = [m for m in self.gazetteer.find(who) if m.entry.kind != "term"]
        people = [m for m in mentions if m.entry.kind == "person"]
        best = people[0] if people else mentions[0] if mentions else None
        if best is not None and not people and (who[:best.start].strip() or " dan " in who):
            return Speaker(who, best.entry, role)  # "para pejabat AS": a group, linked to its country
        if best is not None and (best.role is None or people):
            role = role or self.roles.get(best.entry.key, "")
            self.roles.setdefault(best.entry.key, role)
            return Speaker(best.entry.name["id"], best.entry, role)
        # a title alone ("Menlu AS"): the person only if the article named them
        if best is not None and any(m.entry is best.entry and m.role is None for m in self.mentions):
            return Speaker(best.entry.name["id"], best.entry, role)
        if len(words) <= 6 and (who[0].isupper() or who.lower().startswith(("para ", "pejabat"))):
            return Speaker(who, None, role)
        return None

    def said(self, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.last_speaker = speaker


def quotes_in(sentence: str, paragraph: int, index: int, tracker: SpeakerTracker,
              mentions: list[Mention] | None = None) -> list[Quote]:
    """Direct quotes and indirect statements of one sentence, in reading order."""
    out: list[Quote] = []
    direct = [m for m in _QUOTE.finditer(sentence) if len(m.group(1).split()) >= 5]
    for m in direct:
        after = _AFTER.match(sentence[m.end():])
        speaker, verb = None, ""
        if after and (after.group("verb") or after.group("bare")):
            verb = after.group("verb") or ""
            who = after.group("who") if verb else after.group("bare")
            rest = sentence[m.end() + after.end():]
            speaker = tracker.resolve("" if after.group("nya") else who, rest)
        if speaker is None and m.start() > 0:
            before = _BEFORE.search(sentence[:m.start()])
            if before:
                speaker, verb = tracker.resolve(before.group("who")), before.group("verb")
        if speaker is None and not verb and m.start() == 0:
            speaker = tracker.last_speaker  # a quote that goes on from the speaker's previous one
        tracker.said(speaker)
        out.append(Quote(m.group(1).strip(" ,"), speaker, True, paragraph, index, verb))
    if not direct:
        back = _BACK_REFERENCE.match(sentence)
        if back and tracker.previous is not None:
            speaker = tracker.resolve(back.group("who"))
            if speaker is not None:  # the statement is the sentence before; this one only names who made it
                words, p, i = tracker.previous
                tracker.said(speaker)
                out.append(Quote(words, speaker, False, p, i, back.group("verb")))
        statement = _indirect(sentence, tracker) if not out else None
        if statement is not None:
            speaker, verb = statement
            tracker.said(speaker)
            out.append(Quote(sentence, speaker, False, paragraph, index, verb))
    tracker.previous = None if out else (sentence, paragraph, index)
    tracker.seen(sentence, mentions)
    return out


def _indirect(sentence: str, tracker: SpeakerTracker) -> tuple[Speaker | None, str] | None:
    trailing = _TRAILING.search(sentence)
    english = _TRAILING_EN.search(sentence) if trailing is None else None
    if english:
        speaker = tracker.resolve(english.group("who"))
        if speaker is not None:
            return speaker, english.group("verb").split()[0]
    if trailing:
        who = "" if trailing.group("nya") else trailing.group("who") or ""
        speaker = tracker.resolve(who, trailing.group("appos") or "")
        if speaker is not None:
            return speaker, trailing.group("verb")
    head = re.sub(r"^(?:Sementara itu|Selain itu|Sebelumnya|Namun|Adapun)\s*,?\s*", "", sentence)
    before = _BEFORE.match(head)
    if before and len(before.group("who").split()) <= 10 and " yang " not in f" {before.group('who')} ":
        speaker = tracker.resolve(before.group("who"))
        if speaker is not None:
            return speaker, before.group("verb")
    menurut = _MENURUT.search(sentence)
    if menurut:
        who = menurut.group("who")
        if who.split()[0].lower() != "mereka":
            speaker = tracker.resolve(who)
            if speaker is not None:
                return speaker, "menurut" if menurut.group(0)[0] in "Mm" else "according to"
    return None
