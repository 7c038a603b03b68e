"""The layout transform on a hand-built briefing that has every section the templates know.

``full_briefing()`` is the fixture the other render/template tests share: it holds what the
extraction layer will produce (tables for the timeline, actors, statements, figures, the
corroboration matrix and discrepancies), analyst prose, a Korean name in Hangul, a control
character, machine and missing translations, and three sources.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.i18n import date_text, label
from briefgen.model import BiText, Briefing, Header, Item, Provenance, Section, SourceEntry, Status
from briefgen.render.layout import Features, lay_out
from briefgen.templating import get_template

SHA = ("6ff865e308c4e72b" * 4, "c67f06f554ddf142" * 4, "49575702d7fbbacb" * 4)


def _bi(id_text: str, en_text: str = "", en_status: Status = Status.MACHINE) -> BiText:
    if not en_text:
        return BiText.source(id_text, "id")
    return BiText(id_text, en_text, Status.SOURCE, en_status)


def _gen(text: str) -> BiText:
    return BiText.generated(text, text)


def _item(text: BiText, cites=(1,), cells=(), key="") -> Item:
    return Item(text=text, provenance=(Provenance(SHA[cites[0] - 1], 0, 0),), cites=tuple(cites), cells=cells,
                key=key or text.id[:20])


def _table(key: str, columns: tuple[str, ...], rows: list[tuple[BiText, tuple[int, ...], tuple[BiText, ...]]]):
    return Section(key, label({"timeline": "Timeline", "actors": "Key Actors", "statements": "Key Statements",
                               "figures": "Key Figures", "corroboration": "Cross-Source Corroboration",
                               "discrepancies": "Discrepancies"}[key]),
                   tuple(_item(text, cites, cells) for text, cites, cells in rows), kind="table",
                   columns=tuple(label(c) if c in ("Date", "Title") else _gen(c) for c in columns))


def full_briefing(template: str = "dossier", events: int = 4) -> Briefing:
    points = [
        _bi("Menlu AS Antony Blinken cemas atas kerja sama militer Rusia dan Korea Utara.",
            "US Secretary of State Antony Blinken is concerned about Russia-North Korea military cooperation."),
        _bi("Korea Selatan dan AS sepakat memperkuat pencegahan terpadu."),
        _bi("Presiden Yoon Suk Yeol (윤석열) menerima kunjungan Blinken di Seoul.",
            "President Yoon Suk Yeol (윤석열) received Blinken in Seoul.", Status.REVIEWED),
        _bi("Harga minyak naik\x07 setelah pernyataan itu.", "Oil prices rose after the statement."),
        _bi("Poin kelima yang tidak masuk inti sari.", "A fifth point that stays out of the bottom line."),
    ]
    dates = [dt.date(2023, 9, 13) + dt.timedelta(days=9 * i) for i in range(events)]
    timeline_rows = [(_bi(f"Peristiwa ke-{i + 1}: pertemuan tingkat menteri di Seoul membahas Korea Utara.",
                          f"Event {i + 1}: a ministerial meeting in Seoul on North Korea."), (1 + i % 3,),
                      (date_text(d, "medium"), _bi(f"Peristiwa ke-{i + 1}: pertemuan tingkat menteri di Seoul.",
                                                    f"Event {i + 1}: a ministerial meeting in Seoul.")))
                     for i, d in enumerate(dates)]
    sections = (
        Section("bottom_line", label("Bottom Line"), tuple(_item(p, (1, 2) if i == 0 else (i % 3 + 1,))
                                                           for i, p in enumerate(points))),
        Section("key_points", label("Key Points"), tuple(_item(p, (1, 3)) for p in points[:3])),
        Section("summary", label("Summary"), tuple(_item(p) for p in points[:2])),
        Section("background", label("Background"), (_item(_bi("KTT Putin–Kim berlangsung di Vostochny.")),)),
        _table("timeline", ("Date", "Event"), timeline_rows),
        _table("actors", ("Name", "Role"), [
            (_gen("Antony Blinken"), (2,), (_gen("Antony Blinken"), _bi("Menlu AS", "US Secretary of State"))),
            (_gen("윤석열 Yoon Suk Yeol"), (2,), (_gen("윤석열 Yoon Suk Yeol"),
                                                 _bi("Presiden Korea Selatan", "President of South Korea"))),
        ]),
        _table("statements", ("Speaker", "Statement", "Outlet"), [
            (_bi("Blinken: kerja sama militer itu berbahaya."), (2,),
             (_gen("Antony Blinken"), _bi("“Kerja sama militer itu berbahaya.”"), _gen("Tempo"))),
        ]),
        _table("figures", ("Figure", "Value"), [
            (_bi("Nilai ekspor", "Export value"), (1,), (_bi("Nilai ekspor", "Export value"),
                                                         BiText.generated("US$106 miliar", "US$106 billion"))),
        ]),
        _table("corroboration", ("Claim", "[1]", "[2]", "[3]"), [
            (_bi("Blinken berkunjung ke Seoul"), (1, 2), (_bi("Blinken berkunjung ke Seoul"), _gen("✓"),
                                                          _gen("✓"), _gen("–"))),
        ]),
        _table("discrepancies", ("Claim", "Source", "Says"), [
            (_bi("Tanggal kunjungan"), (1, 3), (_bi("Tanggal kunjungan"), _gen("[1]"), _gen("8 November 2023"))),
        ]),
        Section("outlook", label("Outlook"), (_item(_bi("Blinken akan ke Tokyo pekan depan.")),)),
        Section("assessment", label("Assessment"), (Item(BiText("Penilaian analis.", "The analyst's assessment.",
                                                                Status.REVIEWED, Status.REVIEWED), key="a"),),
                kind="prose"),
        Section("recommendations", label("Recommendations"), (), kind="prose"),
        Section("sources", label("Sources"), (), kind="sources"),
    )
    sources = tuple(
        SourceEntry(n, SHA[n - 1], outlet, title, dt.date(2023, 11, 8 + n), date_text(dt.date(2023, 11, 8 + n),
                    "medium"), f"/clips/{n:03d}_{SHA[n - 1][:16]}.txt", people, wire)
        for n, outlet, title, people, wire in (
            (1, "Bisnis.com", "Korea Selatan Pacu Ekspor", ("Erta Darwati (author)",), ()),
            (2, "Tempo", "Blinken Cemas Kerja Sama Militer Rusia-Korut", ("Tempo (author)",), ("Reuters",)),
            (3, None, "Kunjungan ke Seoul", (), ()),
        ))
    header = Header(classification=label("Restricted"), urgency=label("Priority"),
                    date_of_issue=dt.date(2023, 11, 10), date_text=date_text(dt.date(2023, 11, 10)),
                    number="ND-17/PK/XI/2023", to="Direktur Asia Timur", sender="Kepala Subdit Korea",
                    subject=_bi("Kunjungan Menlu AS ke Seoul", "US Secretary of State's visit to Seoul"),
                    cc=("Sekretaris Direktorat Jenderal", "Arsip"), signatory="Kepala Subdit Korea")
    spec = get_template(template)  # the packaged template decides which sections, in which order
    by_key = {s.key: s for s in sections}
    return Briefing(label(spec.title), header, tuple(by_key[k] for k in spec.sections), sources, template)


FEATURES = {
    "briefing-note": Features(max_items={"bottom_line": 4}, source_counts=("bottom_line", "key_points")),
    "nota-dinas": Features(front="memo", letterhead={"id": ("KEMENTERIAN",), "en": ("MINISTRY",)}, signature=True,
                           cc=True, fields=("addressee", "from", "date", "classification", "attachments", "subject")),
    "dossier": Features(toc=True, figures=("timeline",), sources="table"),
}


def test_bottom_line_keeps_four_points_with_source_counts():
    doc = lay_out(full_briefing("briefing-note"), "sequential", "bilingual", FEATURES["briefing-note"])
    bottom = [b for b in doc.parts[0].blocks if b.section == "bottom_line" and b.kind == "item"]
    assert len(bottom) == 4
    assert bottom[0].cells[0].count == "2\u00a0sumber" and bottom[1].cells[0].count == "1\u00a0sumber"
    english = [b for b in doc.parts[1].blocks if b.section == "key_points" and b.kind == "item"]
    assert [b.cells[0].count for b in english] == ["2\u00a0sources"] * 3
    empty = [b for b in doc.parts[1].blocks if b.section == "recommendations"]
    assert empty == [] and doc.omitted == ("recommendations",)  # unwritten: left out, and named for a warning
    outlook = [b for b in doc.parts[0].blocks if b.section == "outlook"]
    assert outlook[1].kind == "item"


def test_dossier_has_contents_figure_numbered_timeline_and_source_annex():
    doc = lay_out(full_briefing("dossier"), "side-by-side", "bilingual", FEATURES["dossier"])
    blocks = doc.parts[0].blocks
    toc = next(b for b in blocks if b.kind == "toc")
    assert blocks.index(toc) < next(i for i, b in enumerate(blocks) if b.kind == "heading")
    assert [c.text for c in toc.table.rows[0][0]] == ["Ringkasan", "Summary"]
    figure = next(b for b in blocks if b.kind == "figure").figure
    assert len(figure.events) == 4 and figure.events[0][0] == "13 September 2023"
    timeline = next(b for b in blocks if b.kind == "table" and b.section == "timeline").table
    assert [c[0].text for c in timeline.columns] == ["No.", "Tanggal", "Event"]  # Event: one span, same in both
    assert timeline.rows[2][0][0].text == "3" and abs(sum(timeline.widths) - 1) < 0.01
    annex = next(b for b in blocks if b.kind == "table" and b.section == "sources").table
    assert len(annex.rows) == 3 and "sha256 " + SHA[0][:16] in annex.rows[0][5][0].text
    assert annex.rows[2][1][0].text == "Media tidak diketahui"
    people = [span.text for span in annex.rows[1][4]]  # role words in each document's language
    assert "Reuters (kantor berita)" in people[0] and "Tempo (penulis)" in people[0] and "Reuters (wire)" in people[1]


@pytest.mark.parametrize("languages,layout", [("bilingual", "side-by-side"), ("bilingual", "sequential"),
                                              ("id", "single"), ("en", "single")])
def test_four_layouts_keep_every_section(languages, layout):
    briefing = full_briefing("dossier")
    doc = lay_out(briefing, layout, languages, FEATURES["dossier"])
    assert len(doc.parts) == (2 if layout == "sequential" else 1)
    for part in doc.parts:
        keys = {b.section for b in part.blocks if b.kind == "heading"}
        assert keys == {s.key for s in briefing.sections} == set(get_template("dossier").sections)
    if languages == "en":  # untranslated text is marked, never guessed, with the original beside it
        spans = [s for b in doc.parts[0].blocks for s in b.cells if s.missing]
        assert spans and all(s.marker == "[Untranslated]" and s.original for s in spans if s.original)


def test_unknown_feature_is_refused():
    with pytest.raises(ValueError, match="unknown feature"):
        Features.from_mapping({"tocc": True})
