"""Direct quotes and indirect statements with their speakers, from Indonesian and English attribution.

Why rules: newsroom attribution is formulaic ("…,” kata Blinken", "…,” tambahnya", "X mengatakan
bahwa …", "menurut X"; "X said …", "…, X said", "according to X"), and a wrong speaker is worse than
none. Pronoun follow-ups ("katanya", "tambahnya", "Dia mengatakan", "he said") and definite
descriptions ("kementerian itu") resolve to the last speaker or the last matching entity named
earlier in the same article. A passive back-reference ("Hal itu diungkapkan Blinken …", "Demikian
disampaikan …") attributes the sentence before it, which is where the statement's words are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefgen.extract.gazetteer import Entry, Gazetteer, Mention

VERBS_AFTER = r"kata|ujar|ucap|ungkap|tegas|jelas|tutur|imbuh|tambah|sebut|papar|terang|lanjut|said|says"
VERBS_BEFORE = (r"mengatakan|menyatakan|menegaskan|menjelaskan|mengungkapkan|menyebut|menyebutkan|menilai|"
                r"mengklaim|membantah|menambahkan|berkata|memperingatkan|menuturkan|mengecam|menyerukan|"
                r"mendesak|menggambarkan|menyebutnya|menuding|menuduh|"
                r"said|says|told|stressed|warned|added|noted|claimed|denied|insisted|urged|described|called|accused|"
                r"argued|vowed|pledged")
VERBS_EN_AFTER = r"said|says|told\s+\w+|added|noted|warned|stressed"  # "…, Blinken said." / "…, he told reporters."
PRONOUNS = frozenset({"dia", "ia", "beliau", "nya", "mereka", "he", "she", "they"})
_OPEN, _CLOSE = "“\"‘", "”\"’"
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")
_NAME_CHARS = r"(?:[^,.;:]|(?<=\b[A-Z])\.)"  # "Benjamin A. Engel": an initial's stop stays in the name
_AFTER = re.compile(rf"^\s*,?\s*(?:(?P<verb>{VERBS_AFTER})(?P<nya>nya)?\b\s*(?P<who>{_NAME_CHARS}*)"
                    rf"|(?:the\s+)?(?P<bare>[A-Z]{_NAME_CHARS}*))")
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
# Title words that precede a name ("Kepala Ekonom BCA David Sumual", "Foreign Minister Park Jin"): not the name
TITLE_WORDS = frozenset("""
presiden wakil menteri menlu menhan mendag menkeu juru bicara jubir kepala ketua direktur gubernur bupati wali
kota duta besar dubes sekretaris jenderal sekjen panglima kapolri kapten pelatih ekonom analis peneliti pengamat
profesor guru besar dosen dr prof ir pakar anggota senator perdana pemimpin komandan kepala staf deputi asisten
pendiri ceo direktur utama dirut manajer kuasa hukum pengacara kapolda kapolres jaksa hakim ketum sekjen bapak
ibu pak bu sdr saudara mr mrs ms miss sir president vice minister foreign defense defence secretary spokesperson
spokesman spokeswoman chief director governor mayor ambassador general head senior deputy prime leader
commander coach manager economist analyst researcher professor lawmaker senator chairman chairwoman chair
founder executive officer lawyer attorney judge envoy official
""".split())
# a subject phrase with lower-case words that are not titles or particles is a noun phrase, not a speaker
_NOT_A_NAME = re.compile(r"^[A-Z][\w'’-]*\s+(?!(?:bin|binti|van|de|da|al|el|dan|and)\b)[a-z]")
_INDEFINITE = re.compile(r"^(?:seorang|sebuah|salah satu|beberapa|para|a|an|one|some|sumber|source)\b", re.IGNORECASE)
_TRAILING_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s?){2,4}$")
INSTITUTION_NOUNS = frozenset("kementerian kemlu departemen badan lembaga kantor kepolisian militer istana pemerintah "
                              "ministry pentagon department agency office government military".split())
_INSTITUTION = re.compile(r"\b(?:Kementerian|Departemen|Badan|Lembaga|Kantor|Ministry|Department|Agency|Office)"
                          r"(?:\s+(?:[A-Z][\w'’-]*|of|the|for|dan|and)){1,6}")
_CAPITAL_RUN = re.compile(r"^(?:(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:of|the|for|on|at|di|dan|and|bin|binti|van|de|da|al|el|"
                          r"untuk|urusan)(?=\s+[A-Z]))\s*)+")
_STOP_WHO = re.compile(r"\s+(?:pada|di|kepada|dalam|saat|ketika|seperti|dari|melalui|usai|setelah|sebelum|"
                       r"in|on|at|during|after|before|to|told|said|says)\b.*$")


_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*)){1,7}")
MAX_NAME_WORDS = 3  # "Laras Ayu Pratiwi", "Yoon Suk Yeol": a run longer than this starts with a title or an office


def _strip_titles(name: str) -> str:
    """'Kepala Ekonom BCA David Sumual' → 'David Sumual': title words and acronyms before a name go."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and (words[i].lower().strip(".") in TITLE_WORDS or words[i].isupper()
                                  or words[i].lower() in ("luar", "negeri", "dalam", "keuangan", "pertahanan",
                                                          "state", "affairs", "bank", "of", "the")):
        i += 1
    return " ".join(words[i:])


def _name_of(run: str, gazetteer: Gazetteer | None = None) -> str:
    """The person's name at the end of a capitalised run ('Kepala Ekonom Bank Sentral Laras Ayu Pratiwi',
    'Australian Prime Minister Anthony Albanese'): what follows the last title word, acronym or
    country the run holds, at most three words."""
    words = run.split()
    cut = 0
    for i, w in enumerate(words[:-1]):
        if w.lower().strip(".") in TITLE_WORDS or w.isupper():
            cut = i + 1
    if gazetteer is not None:
        for m in gazetteer.find(" ".join(words)):
            if m.entry.kind != "person" and m.end < len(" ".join(words)):
                cut = max(cut, len(" ".join(words)[:m.end].split()))
    words = words[cut:] or words[-1:]
    return " ".join(words[-MAX_NAME_WORDS:])


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
    when: dt.date | None = None  # when it was said: a day named outside the quote, else the publication date
    phrase: bool = False  # a short quoted phrase inside the speaker's indirect statement ("jalan dua arah")

    def as_dict(self) -> dict:
        sp = self.speaker
        return {"text": self.text, "direct": self.direct, "verb": self.verb,
                "speaker": sp.name if sp else None, "speaker_key": sp.entry.key if sp and sp.entry else None,
                "speaker_role": (sp.role_text or None) if sp else None,
                "date": self.when.isoformat() if self.when else None, "phrase": self.phrase}


class SpeakerTracker:
    """Resolves names, pronouns and "kementerian itu" against what the article said before."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.last_speaker: Speaker | None = None
        self.names: list[str] = []  # full names (two words or more) the article introduced, in order
        self.institutions: list[str] = []  # "Kementerian Luar Negeri Korea Selatan", for a later "kementerian"
        self.current_paragraph = -1
        self.day: dt.date | None = None  # the article's date: a title names its holder on that day
        self.last_paragraph = -1  # the paragraph of the last quote
        self.mentions: list[Mention] = []
        self.roles: dict[str, str] = {}  # role as written, remembered for later "kata Easley"
        self.previous: tuple[str, int, int] | None = None  # the last sentence with no statement of its own

    def paragraph(self, number: int) -> None:
        """A new paragraph starts: an unattributed quote in it is no longer the last speaker's by default."""
        self.current_paragraph = number

    def seen(self, text: str, mentions: list[Mention] | None = None) -> None:
        self.mentions += self.gazetteer.find(text) if mentions is None else mentions
        for m in _INSTITUTION.finditer(text):
            name = re.sub(r"(?:\s+(?:of|the|for|dan|and))+$", "", m.group(0))
            if name not in self.institutions:
                self.institutions.append(name)
        for m in _FULL_NAME.finditer(text):
            name = _name_of(m.group(0), self.gazetteer)
            if len(name.split()) >= 2 and name not in self.names:
                self.names.append(name)

    def full_name(self, who: str) -> str | None:
        """'Laras' or 'Sumual' → the full name introduced earlier ('Laras Ayu Pratiwi', 'David Sumual')."""
        words = who.split()
        if not words or len(words) > 2:
            return None
        for name in reversed(self.names):
            parts = name.split()
            core = [p for p in parts if p.strip(".").lower() not in ("jr", "sr", "ii", "iii", "iv")]
            for i in range(len(parts) - len(words) + 1):
                if parts[i:i + len(words)] == words and len(parts) > len(words):
                    if i + len(words) >= len(core):
                        return name  # a surname ("Marcos" of "Ferdinand Marcos Jr"): the whole name
                    # a first name starts the name ("Aditya" in "Sekuritas Aditya Pratama"); a surname ends it
                    return " ".join(parts[i:]) if i + len(words) < len(parts) else name
        return None

    def resolve(self, who: str, appos: str = "", subject: bool = False) -> Speaker | None:
        """The speaker ``who`` names. ``subject``: ``who`` is the words before a speech verb, which are the
        speaker only when they are a name or a title ("Kedua menteri juga membahas situasi" is not)."""
        if subject:
            head = _STOP_WHO.sub("", who).strip(" ,“”\"")
            if _NOT_A_NAME.search(head) and not any(m.start == 0 for m in self.gazetteer.find(head)):
                return None
        who = _STOP_WHO.sub("", who).strip(" ,“”\"")
        who = re.sub(r"^(?:the|sang|si)\s+(?=[A-Z])", "", who)  # "the Pentagon"
        trailing = _TRAILING_NAME.search(who)
        if trailing and who[:trailing.start()].strip() and re.search(r"\b[a-z]", who[:trailing.start()]) \
                and not self.gazetteer.find(trailing.group(0)) \
                and not _INDEFINITE.match(who) and not _INSTITUTION.match(trailing.group(0).strip()):
            # "Maybank economist Chua Hak Bin", "pelatih Shin Tae-yong": the name after the role words
            appos = appos or who[:trailing.start()].strip()
            who = trailing.group(0).strip()
        run = _CAPITAL_RUN.match(who)
        known = any(m.start == 0 for m in self.gazetteer.find(who))  # "Badan mata-mata Korea Selatan": an entry
        if run and not known and who.lower() not in PRONOUNS and not who.lower().startswith(("para ", "pejabat")):
            who = run.group(0).strip()  # "Bima seusai laga" → "Bima": the name ends where lower case begins
        role = (_APPOS.match(appos).group("role").strip() if appos and _APPOS.match(appos) else "")
        if not who or who.lower() in PRONOUNS:
            return self.last_speaker
        words = who.split()
        if (len(words) >= 2 and words[-1].lower() in ("itu", "tersebut")) or (
                len(words) == 1 and who.islower() and who in INSTITUTION_NOUNS):  # "kementerian itu", "kementerian"
            noun = words[0].lower()
            for name in reversed(self.institutions):
                if name.lower().startswith(noun):
                    return Speaker(name, None)
            for mention in reversed(self.mentions):
                if mention.text.lower().startswith(noun) or mention.entry.name["id"].lower().startswith(noun):
                    return Speaker(mention.entry.name["id"], mention.entry)
            return None
        mentions = [m for m in self.gazetteer.find(who) if m.entry.kind != "term"
                    and (m.role is None or m.role.held_on(self.day))]  # "Menlu AS" in 2026 is not Blinken
        people = [m for m in mentions if m.entry.kind == "person"]
        best = people[0] if people else mentions[0] if mentions else None
        if best is not None and not people:
            after = who[best.end:].strip()
            if after and after[0].isupper() and not self.gazetteer.find(after):
                name = _name_of(after, self.gazetteer)  # "Perdana Menteri Korea Selatan Han Duck-soo"
                return Speaker(self.full_name(name) or name, None, role or who[:best.end].strip())
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
            name = _strip_titles(who) if who[0].isupper() else who
            full = self.full_name(name) if name else None
            if full:
                return Speaker(full, None, role)
            if name and name != who and len(name.split()) >= 1:
                role = role or who[: len(who) - len(name)].strip()
                return Speaker(name, None, role)
            return Speaker(who, None, role)
        return None

    def said(self, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.last_speaker = speaker


_HEAD_SUBJECT = re.compile(r"^\s*(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*,")
MIN_QUOTE_WORDS = 5  # shorter quoted words are a phrase the sentence's speaker used ("jalan dua arah")


def quotes_in(sentence: str, paragraph: int, index: int, tracker: SpeakerTracker,
              mentions: list[Mention] | None = None) -> list[Quote]:
    """Direct quotes and indirect statements of one sentence, in reading order.

    A quote of five words or more is attributed by its own verb ("…," kata X / X said "…"). A
    shorter quoted phrase ("speak with one voice", "jalan dua arah") and a quote with no verb of its
    own take the speaker of the sentence's statement ("Blinken said the G7 would …", "Menurut
    kementerian, …"); a phrase with no such speaker is a title or a scare quote and is left out.
    """
    out: list[Quote] = []
    found = [m for m in _QUOTE.finditer(sentence) if len(m.group(1).split()) >= 2]
    direct = [m for m in found if len(m.group(1).split()) >= MIN_QUOTE_WORDS]
    phrases = [m for m in found if len(m.group(1).split()) < MIN_QUOTE_WORDS
               and not all(w[:1].isupper() for w in m.group(1).split())]  # "Hari Industri Rudal": a name
    statement: tuple[Speaker | None, str] | None = None
    statement_read = False

    def sentence_speaker() -> tuple[Speaker | None, str] | None:
        nonlocal statement, statement_read
        if not statement_read:
            statement, statement_read = _indirect(_without_quotes(sentence), tracker), True
        return statement

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
                who = before.group("who").strip()
                head = _HEAD_SUBJECT.match(sentence)
                if (not who or who[0].islower()) and head:  # "Park, for his part, said … “…”"
                    who = head.group("who")
                speaker, verb = tracker.resolve(who) if who else None, before.group("verb")
        if speaker is None and m.start() > 0 and (said := sentence_speaker()) is not None:
            speaker, verb = said
        if speaker is None and not verb and m.start() == 0 and tracker.last_paragraph == tracker.current_paragraph:
            speaker = tracker.last_speaker  # a quote that goes on from the speaker's previous one, same paragraph
        tracker.said(speaker)
        tracker.last_paragraph = tracker.current_paragraph
        out.append(Quote(m.group(1).strip(" ,"), speaker, True, paragraph, index, verb))
    if phrases and (said := sentence_speaker()) is not None and said[0] is not None:
        for m in phrases:
            out.append(Quote(m.group(1).strip(" ,"), said[0], False, paragraph, index, said[1], phrase=True))
    if not direct:
        back = _BACK_REFERENCE.match(sentence)
        if back and tracker.previous is not None:
            speaker = tracker.resolve(back.group("who"))
            if speaker is not None:  # the statement is the sentence before; this one only names who made it
                words, p, i = tracker.previous
                tracker.said(speaker)
                out.append(Quote(words, speaker, False, p, i, back.group("verb")))
        indirect = sentence_speaker() if not any(not q.direct for q in out) else None
        if indirect is not None:
            speaker, verb = indirect
            tracker.said(speaker)
            out.append(Quote(sentence, speaker, False, paragraph, index, verb))
    out.sort(key=lambda q: (q.paragraph, q.sentence, sentence.find(q.text) if q.direct else -1))
    tracker.previous = None if out else (sentence, paragraph, index)
    tracker.seen(sentence, mentions)
    return out


def _without_quotes(sentence: str) -> str:
    """The sentence with its short quoted phrases unquoted, so "X menyebut "jalan dua arah"" reads as X's."""
    return re.sub(r"[“\"]([^“”\"]{2,}?)[”\"]", lambda m: m.group(1) if len(m.group(1).split()) < MIN_QUOTE_WORDS
                  else m.group(0), sentence)


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
        speaker = tracker.resolve(before.group("who"), subject=True)
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
