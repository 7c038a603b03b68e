"""The classes of lines issue 16 names, each on synthetic lines written for the test (no outlet's real text).

Headlines among page furniture, outlets from datelines, byline grammar, year inference after the
publication date, relative time, events typed by their predicate, speakers resolved in the article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract.events import mode_of, predicate
from briefgen.extract.facts import extract_facts
from briefgen.extract.gazetteer import load_gazetteer
from briefgen.extract.sentences import split_sentences
from briefgen.extract.timeexpr import find_times
from briefgen.ingest.build import build_article
from briefgen.ingest.dates import find_dates
from briefgen.ingest.headline import is_breadcrumb, is_menu, is_promo
from briefgen.ingest.importers import read_pasted
from briefgen.ingest.metadata import people_from_credits
from briefgen.model import Article

BODY = ("Menteri Luar Negeri Amerika Serikat bertemu mitranya di ibu kota pada Kamis untuk membahas kerja sama "
        "keamanan kawasan yang semakin mendesak.")
BODY2 = "Kedua menteri juga membahas bantuan kemanusiaan dan jalur pasokan bagi warga sipil di wilayah konflik."
EN_BODY = ("The foreign ministers of the two countries met in the capital on Thursday to discuss regional security "
           "cooperation and trade.")
THURSDAY = dt.date(2023, 11, 9)


def _article(text: str, today: dt.date = dt.date(2026, 1, 1)):
    return build_article(read_pasted(text, "x.txt"), today=today)


# --- headlines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["Home » Bisnis » Makro", "Internasional › Asia", "News / World / Asia",
                                  "Beranda > Nasional > Politik"])
def test_breadcrumbs(line):
    assert is_breadcrumb(line)


@pytest.mark.parametrize("line", ["Home News Politik Ekonomi Olahraga", "Terkini Populer Nasional Internasional",
                                  "World Business Markets Sport"])
def test_menus(line):
    assert is_menu(line)


@pytest.mark.parametrize("line", ["Get the Portal App with new looks!", "Baca berita tanpa iklan. Gabung Premium+",
                                  "Download aplikasi kami sekarang"])
def test_promos(line):
    assert is_promo(line)


@pytest.mark.parametrize("headline", ["Menlu Dua Negara Sepakat Perkuat Kerja Sama Keamanan Kawasan",
                                      "Ministers agree to deepen security cooperation in the region"])
def test_the_headline_wins_over_page_furniture_above_it(headline):
    text = "\n".join([
        "Home » Internasional » Asia", "Terkini Populer Nasional Internasional Ekonomi",
        "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. Setuju",
        "Get the Portal App with new looks!", "Baca berita tanpa iklan. Gabung Premium+",
        headline, "Penulis: Rina Ayu | Editor: Budi Santoso", "Kamis, 9 November 2023 14:05 WIB",
        "JAKARTA, KOMPAS.com - " + BODY, BODY2])
    article = _article(text)
    assert article.title == headline
    assert not article.title_derived
    assert article.outlet == "Kompas"


def test_a_tab_title_with_the_site_name_is_not_the_title_when_the_headline_follows():
    headline = "Menlu Dua Negara Sepakat Perkuat Kerja Sama Keamanan Kawasan"
    text = "\n".join([headline + " - Tempo.co", "Internasional", headline, "Kamis, 9 November 2023 14:05 WIB",
                      "TEMPO.CO, Jakarta - " + BODY, BODY2])
    article = _article(text)
    assert article.title == headline and article.outlet == "Tempo"


def test_a_page_title_from_the_container_picks_the_headline():
    from briefgen.ingest.clean import clean

    result = clean("Promo Akhir Tahun Diskon Besar\nMenlu Bahas Keamanan Kawasan di Seoul\n" + BODY,
                   page_title="Menlu Bahas Keamanan Kawasan di Seoul | Situs Berita")
    assert result.title == "Menlu Bahas Keamanan Kawasan di Seoul"


# --- outlets --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lead, outlet", [
    ("KOMPAS.com - " + BODY, "Kompas"),
    ("SEOUL, Nov. 9 (Yonhap) -- " + EN_BODY, "Yonhap"),
    ("TEMPO.CO, Jakarta - " + BODY, "Tempo"),
])
def test_outlets_from_datelines(lead, outlet):
    assert _article("Judul Berita Tentang Pertemuan Para Menteri\n" + lead + "\n" + BODY2).outlet == outlet


def test_outlet_from_a_header_line_with_a_section():
    text = "Internasional | SINDOnews.com\nJudul Berita Tentang Pertemuan Para Menteri\n" + BODY + "\n" + BODY2
    assert _article(text).outlet == "SINDOnews"


def test_wire_dateline_gives_the_publication_date():
    text = "Ministers meet in Seoul for talks\nSEOUL, Nov. 9 (Yonhap) -- " + EN_BODY + \
        "\nThe 2023 talks were the first in five years."
    article = _article(text)
    assert article.published == dt.date(2023, 11, 9) and article.published_inferred


# --- bylines --------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Rep: Fauzan Hakim/ Red: Joko Susilo", [("Fauzan Hakim", "reporter"), ("Joko Susilo", "editor")]),
    ("(Reporting by Jane Doe; Editing by John Roe)", [("Jane Doe", "reporter"), ("John Roe", "editor")]),
    ("Laporan Wartawan Tribunnews.com, Rina Ayu", [("Rina Ayu", "reporter")]),
    ("Penulis: Ardi Nugroho, Editor: Budi Santoso", [("Ardi Nugroho", "author"), ("Budi Santoso", "editor")]),
    ("nvs/rdp", [("nvs/rdp", "initials")]),
    ("Sumber Guardian", [("The Guardian", "wire")]),
    ("Sumber: Harian Lokal", [("Harian Lokal", "wire")]),  # an unregistered outlet is a source, not an author
    ("By KIM DAE-HO and JANE DOE", [("Kim Dae-Ho", "author"), ("Jane Doe", "author")]),
    ("By Jane Doe, Associated Press", [("Jane Doe", "author"), ("AP", "wire")]),
])
def test_byline_grammar(line, expected):
    assert [(p.name, p.role) for p in people_from_credits([(1, line)])] == expected


def test_byline_lines_leave_the_body_and_initials_are_not_authors():
    text = "\n".join(["Judul Berita Tentang Pertemuan Para Menteri", "Rep: Fauzan Hakim/ Red: Joko Susilo",
                      "REPUBLIKA.CO.ID, JAKARTA -- " + BODY, BODY2, "haa/haa"])
    article = _article(text)
    assert {(p.name, p.role) for p in article.authors} == {("Fauzan Hakim", "reporter"), ("Joko Susilo", "editor"),
                                                           ("haa/haa", "initials")}
    assert all("haa" not in p for p in article.paragraphs)


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Latihan berlangsung hingga Kamis (19/10).", dt.date(2023, 10, 19)),  # after the 10 October article
    ("Sidang dilanjutkan pada Jumat (13/10).", dt.date(2023, 10, 13)),
    ("Ia tiba pada Senin (2/10).", dt.date(2023, 10, 2)),
])
def test_weekday_dates_after_publication_keep_their_year(text, expected):
    [mention] = find_dates(text, [2023], dt.date(2023, 10, 10))
    assert mention.date == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Blinken is expected in Seoul on Monday.", [("on Monday", dt.date(2023, 11, 13), "day")]),
    ("a window that opens on Wednesday", [("on Wednesday", dt.date(2023, 11, 15), "day")]),
    ("He arrived on Wednesday and will meet Yoon on Friday.",
     [("on Wednesday", dt.date(2023, 11, 8), "day"), ("on Friday", dt.date(2023, 11, 10), "day")]),
    ("The talks were held two weeks ago.", [("two weeks ago", dt.date(2023, 10, 26), "week")]),
    ("The bank will meet early next month.", [("next month", dt.date(2023, 12, 1), "month")]),
    ("Sebulan setelah 13 September, Kim pulang.",
     [("Sebulan setelah", dt.date(2023, 10, 1), "month"), ("13 September", dt.date(2023, 9, 13), "day")]),
    ("Pertemuan digelar 8-9 November di Tokyo.", [("8-9 November", dt.date(2023, 11, 8), "day")]),
    ("The ministers met in May and August.",
     [("in May", dt.date(2023, 5, 1), "month"), ("and August", dt.date(2023, 8, 1), "month")]),
    ("Pada 25 Oktober, Kim tiba di Vladivostok.", [("25 Oktober", dt.date(2023, 10, 25), "day")]),
    ("Ia akan kembali pada 5 Januari.", [("5 Januari", dt.date(2024, 1, 5), "day")]),
    ("Kim visited last week.", [("last week", dt.date(2023, 10, 30), "week")]),
    ("sepekan lalu", [("sepekan lalu", dt.date(2023, 11, 2), "week")]),
])
def test_relative_expressions(sentence, expected):
    assert [(t.text, t.date, t.precision) for t in find_times(sentence, THURSDAY)] == expected


def test_ranges_keep_their_last_day():
    [ref] = find_times("Yonhap reported on Nov. 8-9 talks.", THURSDAY)
    assert (ref.date, ref.until) == (dt.date(2023, 11, 8), dt.date(2023, 11, 9))
    assert ref.as_dict()["until"] == "2023-11-09"


def test_counted_from_the_day_named_before():
    [anchor] = find_times("Blinken bertemu Yoon pada Rabu (8/11/2023).", THURSDAY)
    [before] = find_times("Sehari sebelumnya ia berada di Tokyo.", THURSDAY, anchor)
    assert before.date == dt.date(2023, 11, 7)
    assert find_times("Sehari sebelumnya ia berada di Tokyo.", THURSDAY) == []  # counted from nothing: not guessed


def test_a_sentence_is_not_split_after_a_month_abbreviation():
    assert split_sentences("SEOUL, Nov. 9 (Yonhap) -- Talks began. They met on Sept. 19 in Seoul.") == [
        "SEOUL, Nov. 9 (Yonhap) -- Talks began.", "They met on Sept. 19 in Seoul."]


# --- events ---------------------------------------------------------------------------------------

def _facts(*paragraphs: str, published: dt.date = THURSDAY, lang: str = "en", name: str = "a"):
    article = Article(name, name * 64, lang, name, tuple(paragraphs), outlet=name, published=published)
    return extract_facts([article], load_gazetteer())


def test_a_visit_names_its_agent_and_destination_not_every_country_in_the_sentence():
    facts = _facts("Antony Blinken visited South Korea on Wednesday to discuss North Korea and Russia.")
    [event] = facts.events
    assert event.kind == "visit"
    assert [a.key for a in event.actors][:2] == ["antony-blinken", "south-korea"]
    assert "north-korea" not in {a.key for a in event.actors}


@pytest.mark.parametrize("sentence, mode", [
    ("North Korea is preparing to launch a satellite on Friday.", "plan"),
    ("Pyongyang will launch a satellite next month.", "plan"),
    ("Korea Utara akan meluncurkan satelit pada Jumat.", "plan"),
    ("If Russia delivers the parts on Friday, the launch may succeed.", "conditional"),
    ("The Kremlin denied that weapons were delivered on Monday.", "denied"),
    ("North Korea launched a missile on Wednesday.", "fact"),
])
def test_plans_conditions_and_denials_are_not_past_events(sentence, mode):
    [ref] = find_times(sentence, THURSDAY)
    kind, start, _ = predicate(sentence, ref)
    assert mode_of(sentence, start) == mode
    facts = _facts(sentence)
    timeline_past = [e for e in facts.events if not e.future and e.mode == "fact" and e.kind == "launch"]
    assert bool(timeline_past) == (mode == "fact" and kind == "launch")


def test_two_trips_in_one_week_by_different_people_stay_apart():
    a = Article("a", "a" * 64, "en", "a", ("Antony Blinken visited Seoul on Wednesday for talks with Park Jin.",),
                outlet="A", published=THURSDAY)
    b = Article("b", "b" * 64, "en", "b", ("Kim Jong Un visited Russia on Wednesday for talks with Vladimir Putin.",),
                outlet="B", published=THURSDAY)
    facts = extract_facts([a, b], load_gazetteer())
    visits = [e for e in facts.events if e.family == "meeting"]
    assert len(visits) == 2 and all(len(e.articles) == 1 for e in visits)


def test_a_date_inside_a_quote_does_not_date_the_statement():
    facts = _facts('"We will honour the 19 September 2018 agreement in full," Yoon Suk Yeol said on Wednesday.')
    statements = {e.time.date for e in facts.events if e.family == "statement"}
    assert statements == {dt.date(2023, 11, 8)}  # the quoted date names the agreement, not the statement
    [quote] = facts.articles[0].quotes
    assert quote.when == dt.date(2023, 11, 8)


# --- speakers -------------------------------------------------------------------------------------

def test_first_name_and_surname_resolve_to_the_full_name_introduced_earlier():
    facts = _facts(
        "Kepala Ekonom Bank Sentral Laras Ayu Pratiwi menilai inflasi akan turun tahun depan.",
        '"Tekanan harga pangan mulai mereda di banyak daerah," kata Laras.',
        '"Kami melihat ruang untuk menurunkan suku bunga pada kuartal berikutnya," ujar Pratiwi kepada wartawan.',
        lang="id")
    speakers = [q.speaker.name for q in facts.articles[0].quotes if q.direct]
    assert speakers == ["Laras Ayu Pratiwi", "Laras Ayu Pratiwi"]


def test_a_name_ends_where_lower_case_begins():
    facts = _facts("Pelatih tim nasional Bima Sakti Tukiman memuji para pemain muda.",
                   '"Anak-anak bermain dengan disiplin dan penuh semangat malam ini," kata Bima seusai laga.',
                   lang="id")
    [quote] = [q for q in facts.articles[0].quotes if q.direct]
    assert quote.speaker.name == "Bima Sakti Tukiman"


def test_a_quote_after_a_paragraph_break_is_not_the_previous_speakers_by_default():
    facts = _facts('"Kami ingin kemitraan ini semakin konkret bagi rakyat," kata Retno Marsudi.',
                   '"Situasi di lapangan sangat sulit bagi semua pihak yang terlibat."', lang="id")
    quotes = [q for q in facts.articles[0].quotes if q.direct]
    assert quotes[0].speaker.key == "retno-marsudi" and quotes[1].speaker is None


def test_a_quote_going_on_in_the_same_paragraph_keeps_its_speaker():
    facts = _facts('"Kami ingin kemitraan ini semakin konkret bagi rakyat," kata Retno Marsudi. '
                   '"Situasi di lapangan sangat sulit bagi semua pihak yang terlibat."', lang="id")
    quotes = [q for q in facts.articles[0].quotes if q.direct]
    assert [q.speaker.key for q in quotes] == ["retno-marsudi", "retno-marsudi"]


@pytest.mark.parametrize("caption", [
    "Para menteri berfoto bersama di Tokyo, 7 November 2023. (AP Photo)",
    "Pekerja mengangkut karung di gudang. (Portal Berita/Nama Fotografer)",
    "Two ministers at a joint press conference in Seoul, Thursday. Yonhap",
    "Menteri Pertahanan dalam konferensi pers di Seoul. Foto/Reuters",
])
def test_a_caption_below_the_headline_is_not_the_title(caption):
    headline = "Menlu Dua Negara Sepakat Perkuat Kerja Sama Keamanan Kawasan"
    text = "\n".join(["Internasional", headline, "Kamis, 9 November 2023 14:05 WIB", "Tay Hui Min", caption,
                      "JAKARTA - " + BODY, BODY2])
    article = _article(text)
    assert article.title == headline
    assert [(p.name, p.role) for p in article.authors] == [("Tay Hui Min", "author")]  # a name beside the stamp


def test_a_brand_with_its_desk_glued_on_names_the_outlet_and_a_desk_byline_the_author():
    text = "\n".join(["detikSport › Sepakbola › Timnas", "Judul Berita Tentang Pertandingan Tim Nasional",
                      "Bayu Aditya - Sepakbola", "Rabu, 22 Nov 2023 06:10 WIB", "Jakarta -", BODY, BODY2])
    article = _article(text)
    assert article.outlet == "detikcom" and [p.name for p in article.authors] == ["Bayu Aditya"]


def test_iso_stamps_and_the_outlet_from_an_authors_mail_address():
    text = "\n".join(["Ministers agree to deepen security cooperation", "Posted : 2023-11-09 19:25",
                      EN_BODY, "Both sides will meet again next year in the other capital city for more talks.",
                      "jde@koreatimes.co.kr"])
    article = _article(text)
    assert article.published == dt.date(2023, 11, 9) and article.outlet == "The Korea Times"


def test_an_undated_statement_is_dated_the_day_the_article_last_named():
    facts = _facts("The two Koreas signed the accord on Tuesday in Panmunjom.",
                   '"This agreement must no longer tie our hands at all," said Prime Minister Han Duck-soo.')
    [statement] = [e for e in facts.events if e.family == "statement"]
    assert statement.time.date == dt.date(2023, 11, 7) and statement.actors[0].name["en"] == "Han Duck-soo"


def test_short_quoted_phrases_take_the_speaker_of_the_sentence():
    facts = _facts('Antony Blinken described the ties between Moscow and Pyongyang as a "two-way street".',
                   'The summit was called "Hari Besar Nasional" by the hosts.')
    quotes = facts.articles[0].quotes
    assert [(q.text, q.speaker.key if q.speaker else None, q.phrase) for q in quotes if q.phrase] == [
        ("two-way street", "antony-blinken", True)]


def test_a_name_after_role_words_is_the_speaker():
    facts = _facts('"We expect prices to ease further next year," said Maybank economist Chua Hak Bin.',
                   '"Anak-anak sudah berjuang keras malam ini di lapangan," kata pelatih Shin Tae-yong.')
    assert [q.speaker.name for q in facts.articles[0].quotes if q.direct] == ["Chua Hak Bin", "Shin Tae-yong"]


def test_a_bare_institution_noun_is_the_institution_named_before():
    facts = _facts("Kementerian Luar Negeri Korea Selatan mengumumkan kunjungan itu pada Selasa.",
                   'Menurut kementerian, kedua menteri akan membahas "ancaman nuklir dan rudal di kawasan itu".',
                   lang="id")
    [quote] = [q for q in facts.articles[0].quotes if q.direct]
    assert quote.speaker.name == "Kementerian Luar Negeri Korea Selatan"


def test_an_off_topic_clipping_in_a_batch_is_marked_and_a_headless_build_leaves_it_out():
    from briefgen.extract.relevance import assess
    from briefgen.pipeline import BuildOptions, selected_articles

    def art(name, *paragraphs, lang="id"):
        return Article(name, name * 64, lang, name, tuple(paragraphs), outlet=name, published=THURSDAY)

    on = [art("a", "Menlu AS Antony Blinken tiba di Seoul untuk membahas kerja sama militer Korea Utara dan Rusia."),
          art("b", "Blinken dan Menlu Korea Selatan Park Jin membahas pasokan senjata Korea Utara ke Rusia."),
          art("c", "Korea Utara dan Rusia memperkuat kerja sama militer, kata Blinken di Seoul pada Kamis."),
          art("d", "Antony Blinken said in Seoul that North Korea supplied Russia with weapons.", lang="en")]
    off = art("e", "Harga beras di pasar induk naik tajam menjelang musim paceklik, kata pedagang di Cipinang.")
    verdicts = assess([*on, off])
    assert verdicts[off.sha256].off_topic and not any(verdicts[a.sha256].off_topic for a in on)
    assert verdicts[off.sha256].score < verdicts[on[0].sha256].score
    from briefgen.extract.relevance import mark_relevance

    marked = mark_relevance([*on, off])
    assert [a.file for a in selected_articles(marked, BuildOptions())] == ["a", "b", "c", "d"]
    assert len(selected_articles(marked, BuildOptions(include_off_topic=True))) == 5
    assert not any(v.off_topic for v in assess(on[:2] + [off]).values())  # three clippings: no subject to judge by


@pytest.mark.parametrize("sentence, published, lang, expected", [
    ("Blinken akan tiba di Jakarta Rabu depan.", dt.date(2023, 11, 1), "id",
     "Blinken akan tiba di Jakarta Rabu depan [8 November 2023]."),
    ("Kim visited Russia last week.", THURSDAY, "en", "Kim visited Russia last week [30 Oct–3 Nov 2023]."),
    # a calendar date already names day and month: no bracket repeating it (review: dates printed twice)
    ("Pertemuan digelar 8-9 November di Tokyo.", THURSDAY, "id", "Pertemuan digelar 8-9 November di Tokyo."),
    ("Blinken bertemu Yoon pada Kamis (9 November) di Seoul.", THURSDAY, "id",
     "Blinken bertemu Yoon pada Kamis (9 November) di Seoul."),
    ("Blinken met Yoon on Thursday (9 November) in Seoul.", THURSDAY, "en",
     "Blinken met Yoon on Thursday (9 November) in Seoul."),
    ("Ini kunjungan pertamanya sejak Maret 2021.", THURSDAY, "id", "Ini kunjungan pertamanya sejak Maret 2021."),
    ("Ia tiba pada Rabu (8/11/2023) malam.", THURSDAY, "id", "Ia tiba pada Rabu (8/11/2023) malam."),
    ("Ia tiba kemarin.", None, "id", "Ia tiba kemarin."),
])
def test_relative_times_resolved_in_brackets(sentence, published, lang, expected):
    from briefgen.extract.timeexpr import annotate_times

    assert annotate_times(sentence, published, lang) == expected


def test_the_briefing_carries_the_resolved_date_and_inspect_json_the_new_fields(sample_articles):
    from briefgen.assemble import BriefingOptions, assemble
    from briefgen.cli import article_json
    from briefgen.pipeline import BuildOptions, translate_and_date

    plain = assemble(sample_articles, BriefingOptions(sections=("key_points", "statements", "timeline")))
    briefing = translate_and_date(plain, BuildOptions(use_mt=False))
    texts = [i.text.id or i.text.en for s in briefing.sections for i in s.items]
    assert any("[" in t and "2023]" in t for t in texts)  # added after translation, the clipping's words kept
    assert not any("2023]" in (i.text.id or "") for s in plain.sections for i in s.items)
    obj = article_json(sample_articles[0])
    assert {"off_topic", "relevance", "title", "outlet", "published", "authors"} <= set(obj)


@pytest.mark.parametrize("published, expected", [(THURSDAY, "antony-blinken"), (dt.date(2026, 3, 5), None)])
def test_a_title_names_its_holder_only_within_the_term_the_gazetteer_gives(published, expected):
    facts = _facts('"Kami tidak akan membiarkan kawasan ini menjadi tidak stabil lagi," kata Menteri Luar Negeri AS.',
                   published=published, lang="id")
    [quote] = facts.articles[0].quotes
    assert (quote.speaker.entry.key if quote.speaker and quote.speaker.entry else None) == expected
