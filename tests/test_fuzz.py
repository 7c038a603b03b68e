"""Property tests (Hypothesis): strange text never makes briefgen fail with anything but its own errors.

Inputs mix random Unicode with what clippings really carry: control characters, right-to-left text and
direction overrides, emoji sequences, Hangul, very long lines, HTML nested thousands deep, and Indonesian
news fragments (datelines, dates, quotes, figures) so the parsers' interesting paths are reached.

The default run is quick (``BRIEFGEN_FUZZ_EXAMPLES``, 25 per property); for a long hunt:
``BRIEFGEN_FUZZ_EXAMPLES=2000 uv run pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.errors import BriefgenError
from briefgen.extract.sentences import split_sentences
from briefgen.ingest.build import build_article
from briefgen.ingest.clean import clean
from briefgen.ingest.dates import find_dates
from briefgen.ingest.importers import decode_text, read_path
from briefgen.model import RawArticle
from briefgen.privacy import MARKERS, find_personal_data, redact

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NEWS = st.sampled_from([
    "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "SEOUL -", "Kamis (9/11/2023)", "Jumat, 10 November 2023",
    "pada Rabu depan", "dua hari lalu", "pukul 08.00 WIB", "September lalu", "tahun 2024", "9 Nov",
    "“Kami sepakat memperkuat kerja sama pertahanan,” kata Retno.", "ujarnya.", "menurut Menlu Blinken,",
    "Dr. Budi", "No. 5", "U.S.", "US$106 miliar", "1 juta peluru artileri", "2,5 tahun", "Rp 1.500.000",
    "Baca Juga:", "Langganan sekarang", "Penulis : Redaksi", "Editor: A", "(ant/rid)", "2 jam lalu",
    "pembaca@example.com", "0812-3456-7890", "+62 21 5555 1234", "<script>alert(1)</script>", "&amp;", "]]>",
    ". ", "! ", "? ", "\u201c", "\u201d", "\"", "'", "(", ")", "-", "—", "…", " ", "\n", "\n\n", "\t",
])
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\r",
                           "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2028",
                           "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff"])
RTL = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), min_size=1, max_size=20)
HANGUL = st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=12)
EMOJI = st.sampled_from(["😀", "🇮🇩", "🇰🇷", "👩‍👩‍👧", "🤝🏽", "❤️", "🏳️‍🌈", "\U0001f9d1\u200d\U0001f4bb"])
COMBINING = st.text(st.characters(min_codepoint=0x0300, max_codepoint=0x036F), min_size=1, max_size=30)
ANY = st.text(max_size=40)
PIECE = st.one_of(NEWS, NEWS, NEWS, CONTROL, RTL, HANGUL, EMOJI, COMBINING, ANY)
LONG_LINE = st.builds(lambda s, n: s * n, NEWS | HANGUL, st.integers(200, 3000))
LINE = st.one_of(st.lists(PIECE, max_size=25).map("".join), LONG_LINE)
TEXT = st.lists(LINE, max_size=14).map("\n".join)


def nested_html(tag: str, depth: int, inner: str) -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


HTML = st.one_of(
    st.builds(nested_html, st.sampled_from(["div", "p", "span", "table", "b", "article", "ul"]),
              st.integers(1, 3000), TEXT),
    st.builds(lambda title, body: f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
              + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>", LINE, st.lists(LINE, max_size=8)),
    TEXT,
)
CODECS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "gb18030"])


@st.composite
def encoded(draw, text=TEXT) -> bytes:
    return draw(text).encode(draw(CODECS), errors="ignore")


BYTES = st.one_of(st.binary(max_size=4000), encoded(), encoded(HTML),
                  st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
                  st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b))


# --- importers -------------------------------------------------------------------------------------------------

@FUZZ
@given(BYTES)
@example(b"\xff\xfe")  # a BOM and nothing else
@example("Menteri Luar Negeri".encode("utf-16-le"))
def test_decode_text_returns_text_or_our_error(data):
    try:
        text, encoding = decode_text(data, "fuzz.txt")
    except BriefgenError:
        return
    assert isinstance(text, str) and isinstance(encoding, str)
    try:
        plain = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and "\x00" not in plain:
        assert text == plain  # valid UTF-8 is never second-guessed


@FUZZ
@given(BYTES, st.sampled_from([".txt", ".md", ".html", ".htm", ".docx", ".pdf"]))
def test_read_path_reads_or_refuses_any_file(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"clipping{suffix}"
        path.write_bytes(data)
        try:
            raw = read_path(path)
        except BriefgenError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)
            return
        article = build_article(raw)
        assert article.sha256 == raw.sha256


@FUZZ
@given(HTML)
def test_html_import_survives_nesting_and_scripts(html):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html, encoding="utf-8", errors="surrogatepass")
        try:
            raw = read_path(path)
        except BriefgenError:
            return
        assert "<script>alert(1)</script>" not in raw.text
        build_article(raw)


# --- cleaning, sentences, dates ----------------------------------------------------------------------------------

@FUZZ
@given(TEXT)
def test_clean_keeps_or_explains_every_line(text):
    result = clean(text)
    for paragraph in result.paragraphs:
        assert paragraph == paragraph.strip() and paragraph
        assert not any(ch in paragraph for ch in "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f")
    assert all(r.reason for r in result.removed)


@FUZZ
@given(TEXT)
def test_building_an_article_never_fails(text):
    if not text.strip():
        return
    article = build_article(RawArticle(file="<fuzz>", sha256="0" * 64, text=text))
    assert isinstance(article.title, str)


@FUZZ
@given(LINE)
@example("Dr. Budi tiba. “Kami sepakat.” Lalu pergi! U.S. dan No. 5 tetap.")
def test_split_sentences_loses_no_character(paragraph):
    sentences = split_sentences(paragraph)
    assert all(s and s == s.strip() for s in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(paragraph.split())


DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@FUZZ
@given(TEXT, st.lists(st.integers(1900, 2100), max_size=3), DATES)
def test_find_dates_gives_real_dates_at_real_places(text, years, today):
    for mention in find_dates(text, years, today=today):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.date is None or isinstance(mention.date, dt.date)


# --- extraction ---------------------------------------------------------------------------------------------------

@FUZZ
@given(LINE, st.none() | DATES)
def test_time_resolver_points_into_the_sentence(sentence, published):
    from briefgen.extract.timeexpr import find_times

    for ref in find_times(sentence, published):
        assert 0 <= ref.start < ref.end <= len(sentence)
        assert ref.text == sentence[ref.start:ref.end]
        assert ref.precision in ("day", "week", "month", "year")
        assert isinstance(ref.date, dt.date)


@FUZZ
@given(st.lists(LINE, min_size=1, max_size=4))
def test_quotes_come_from_the_sentence(sentences):
    from briefgen.extract.gazetteer import default_gazetteer
    from briefgen.extract.quotes import SpeakerTracker, quotes_in

    tracker = SpeakerTracker(default_gazetteer())
    for index, sentence in enumerate(sentences):
        for quote in quotes_in(sentence, 0, index, tracker):
            assert quote.text and quote.text in sentence


# --- personal data ------------------------------------------------------------------------------------------------

@FUZZ
@given(TEXT)
@example("pembaca@example.com0812-3456-7890")
def test_redaction_leaves_no_personal_data(text):
    result = redact(text)
    assert find_personal_data(result.text) == []
    assert redact(text, keep=True).text == text
    if not result.findings:
        assert result.text == text
    else:
        assert any(marker in result.text for marker in MARKERS.values())


# --- renderers ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def templates():
    from briefgen.templating import get_template

    return get_template(None)


@settings(max_examples=max(5, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(texts=st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=3),
       layout=st.sampled_from(["side-by-side", "sequential"]), languages=st.sampled_from(["bilingual", "id", "en"]))
@example(texts=["\x00"], layout="side-by-side", languages="bilingual")  # no title at all (it used to crash assemble)
def test_every_docx_opens_again_and_html_is_escaped(texts, layout, languages, templates):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document
    from briefgen.render.docx import build_docx
    from briefgen.render.html import render_html

    articles = [build_article(RawArticle(file=f"<fuzz {i}>", sha256=f"{i:064x}", text=t)) for i, t in enumerate(texts)]
    options = BuildOptions(layout=layout, languages=languages)
    briefing, template = make_briefing(articles, options)
    document = make_document(briefing, template, options)
    buffer = io.BytesIO()
    build_docx(document, template).save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    assert reopened.paragraphs or reopened.tables
    html = render_html(document, template)
    assert "<script>alert(1)</script>" not in html
