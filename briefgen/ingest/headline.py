"""Which line above the article body is the headline: candidate lines scored, not "the first one".

Why score: a browser copy puts site menus, breadcrumbs, section names, app and cookie banners and
promotions above the headline, and a first-line rule turns them into the title (the briefing's
subject line then reads "Home » Bisnis » Makro"). Each line above the body is scored on what
headlines share across outlets:

- length: headlines run about 5-20 words; menus and section names are one to four;
- form: no sentence stop at the end, not a breadcrumb (short parts joined by » › > / |), not a row
  of section words ("Home News Politik Ekonomi"), not a call to action ("Gabung", "Download");
- case: Title Case or sentence case, not a shouted one-word label;
- position: the headline sits just above the byline, the date stamp, the dateline or the first
  paragraph; the nearer a candidate sits to that block, the likelier it is the headline;
- repetition: a line the page's own title repeats (the saved page's <title>, or a browser tab
  title line such as "Headline - Outlet") is the headline.

The lines that lose stay removed with the reason "before the article body", restorable as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BREADCRUMB_SEP = re.compile(r"\s*[»›>]\s*|\s+[/|]\s+|\s+[-–]\s+(?=\S+$)")
# Section and navigation words of news sites (both languages): a line made mostly of them is a menu.
NAV_WORDS = frozenset("""
home beranda berita news terkini terbaru populer nasional internasional dunia world global asia asean
eropa amerika timur tengah ekonomi economy bisnis business makro keuangan finance market markets pasar
saham olahraga sport sports sepakbola bola football politik politics hukum opini opinion editorial
video foto photo photos tekno tech teknologi technology otomotif hiburan entertainment gaya hidup
lifestyle kesehatan health sains science travel wisata kuliner daerah regional metro megapolitan
jabar jatim jateng index indeks live tv podcast infografis kolom analisis analysis features feature
national region regions korea peninsula north south defense diplomacy nk more menu search cari
latest top stories trending topik topics section kanal rubrik print preview font size listen bookmark save
""".split())
# A photo caption printed once: a credit at its end ("(AP Photo)", "(CNN Indonesia/Adi Maulana)",
# "Foto/Reuters", "JUNG YEON-JE / POOL/AFP", "… in Seoul, Thursday. Yonhap"): not a headline.
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|foto|via|dok|file|ist|istimewa)\b[^()]*|[^()]*/[^()]*)\)\.?\s*$"
    r"|\b(?:foto|photo|ilustrasi|illustration)\s*/\s*\w"
    r"|\b[A-Z][A-Z.-]+(?:\s[A-Z][A-Z.-]+)*\s?/\s?[A-Z][\w.-]+"
    r"|[a-z]{2,}[.]\s+[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?\s*$"
    r"|^(?:foto|photo|ilustrasi|illustration)\b", re.IGNORECASE)
_INNER_SENTENCE = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z]")
_CALL_TO_ACTION = re.compile(
    r"^(gabung|bergabung|daftar|download|unduh|install|pasang|dapatkan|get|join|subscribe|berlangganan|"
    r"langganan|klik|click|tap|follow|ikuti|simak|tonton|watch|listen|dengarkan|baca|read|try|coba|sign|"
    r"masuk|login|log)\b", re.IGNORECASE)
_PROMO_WORDS = re.compile(r"\b(app|apps|aplikasi|iklan|ads|cookies?|kuki|newsletter|premium|promo|diskon|"
                          r"gratis|free|voucher|notifikasi|notification)\b", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.,;:]$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_breadcrumb(line: str) -> bool:
    """'Home » Bisnis » Makro', 'Internasional › Asia', 'News / World': short parts joined by separators."""
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p.strip()]
    if len(parts) < 2 or not _BREADCRUMB_SEP.search(line):
        return False
    if not re.search(r"[»›>]|\s[/|]\s", line):
        return False
    return all(len(p.split()) <= 3 for p in parts) and len(line.split()) <= 12


def is_menu(line: str) -> bool:
    """A row of section names: most words are navigation words, or every word is one capitalised label."""
    words = [w.lower().strip(".") for w in _WORD.findall(line)]
    if not words:
        return True
    nav = sum(w in NAV_WORDS for w in words)
    return nav / len(words) >= 0.6 or (len(words) >= 4 and nav >= len(words) - 1)


def is_promo(line: str) -> bool:
    """'Get the App with new looks!', 'Baca berita tanpa iklan. Gabung …+': a call to action or a banner."""
    return bool(_CALL_TO_ACTION.match(line) and (_PROMO_WORDS.search(line) or len(line.split()) <= 8)
                or _PROMO_WORDS.search(line) and re.search(r"[!+]\s*$|\.\s+\S", line))


def is_caption(line: str) -> bool:
    """A photo caption with its credit, or a line holding a full sentence and more: not a headline."""
    return bool(_CAPTION_CREDIT.search(line) or _INNER_SENTENCE.search(line))


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def repeats_page_title(line: str, page_title: str) -> bool:
    """The page's own title holds this line (it usually adds " - Outlet" or " | Section")."""
    a, b = _normal(line), _normal(page_title)
    return bool(a) and len(a.split()) >= 3 and (a == b or b.startswith(a) or a.startswith(b) and len(b.split()) >= 3)


def headline_score(line: str, distance: int, page_title: str = "", echoed: bool = False,
                   above_credits: bool = False) -> float | None:
    """How much ``line`` looks like the headline; None when it cannot be one.

    ``distance``: how many candidate lines separate it from the byline/stamp/dateline/body block
    below it (0 = right above it). ``echoed``: the same words appear on another header line (a tab
    title "Headline - Outlet" above the headline itself).
    """
    words = line.split()
    n = len(words)
    if (n < 3 or n > 30 or len(line) > 220 or is_breadcrumb(line) or is_menu(line) or is_promo(line)
            or is_caption(line)):
        return None
    if _SENTENCE_STOP.search(line):
        return None
    score = 0.0
    score += 2.0 if 5 <= n <= 20 else 0.5 if n >= 4 else 0.0
    letters = [w for w in words if w[:1].isalpha()]
    if letters:
        capital = sum(w[0].isupper() for w in letters) / len(letters)
        shouted = sum(w.isupper() and len(w) > 3 for w in letters) / len(letters)
        score += 1.0 if line[0].isupper() else -1.0
        score += 0.5 if capital >= 0.5 else 0.0
        score -= 1.5 if shouted > 0.6 and n <= 5 else 0.0
    score -= 0.6 * min(distance, 5)
    if line.endswith(("!", "?")) and n <= 6:
        score -= 1.0
    if page_title and repeats_page_title(line, page_title):
        score += 4.0
    if echoed:
        score += 2.0
    if above_credits:  # right above the byline or the date stamp, where pages print the headline
        score += 1.0
    return score


def pick_headline(candidates: Sequence[tuple[int, str]], anchor: int, page_title: str = "",
                  above_credits: frozenset[int] = frozenset()) -> int | None:
    """Index (into the line list) of the best headline among ``candidates`` (index, line) above ``anchor``.

    ``anchor`` is the index of the first line of the byline/stamp/dateline block or of the body;
    ``above_credits`` the candidates printed right above a byline or a date stamp.
    """
    best, best_score = None, 0.0
    above = [c for c in candidates if c[0] < anchor]
    below = [c for c in candidates if c[0] >= anchor]
    ordered = list(reversed(above)) + below  # nearest first above the anchor, then between anchor and body
    normals = {i: _normal(line) for i, line in candidates}
    for rank, (i, line) in enumerate(ordered):
        distance = rank if i < anchor else rank - len(above) + 1
        mine = normals[i]
        echoed = len(mine.split()) >= 4 and any(j != i and other != mine and other.startswith(mine)
                                                for j, other in normals.items())
        score = headline_score(line, distance, page_title, echoed, i in above_credits)
        if score is not None and (best is None or score > best_score):
            best, best_score = i, score
    return best
