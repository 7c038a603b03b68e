"""The format check (``briefgen check`` and the warnings at export) names what a reviewer would send back."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from briefgen.format_check import deviations, line_chars
from briefgen.model import BiText
from briefgen.render.layout import Features, lay_out
from briefgen.templating import get_template
from tests.test_render_format import JABATAN, memo_briefing
from tests.test_render_model import full_briefing


def _check(briefing, template: str = "nota-dinas", languages: str = "bilingual"):
    spec = get_template(template)
    document = lay_out(briefing, "sequential", languages, spec.features)
    return deviations(briefing, document, Features.from_mapping(spec.features))


def test_a_full_memo_header_passes_but_unwritten_sections_are_named():
    findings = _check(memo_briefing())
    assert findings == ["“Recommendations” is not written yet: it is left out of the document."]


def test_missing_position_long_subject_and_headline_subject_are_named():
    briefing = memo_briefing()
    header = dataclasses.replace(briefing.header, signatory_title="", number="", to="",
                                 subject=BiText.source("Kunjungan " * 20, "id"))
    findings = " | ".join(_check(dataclasses.replace(briefing, header=header)))
    assert "no position (jabatan)" in findings and "no number (Nomor)" in findings and "no addressee" in findings
    assert "longer than one line" in findings and "has no English text" in findings
    headline = dataclasses.replace(header, subject=BiText.source(briefing.sources[0].title, "id"))
    assert "is a news headline" in " | ".join(_check(dataclasses.replace(briefing, header=headline)))


def test_the_indonesian_catalogue_says_it_in_indonesian():
    spec = get_template("nota-dinas")
    briefing = dataclasses.replace(memo_briefing(), header=dataclasses.replace(memo_briefing().header,
                                                                               signatory_title=""))
    document = lay_out(briefing, "sequential", "bilingual", spec.features)
    findings = deviations(briefing, document, Features.from_mapping(spec.features), "id")
    assert "Blok tanda tangan belum memuat jabatan: isikan pada kepala nota." in findings


def test_a_line_of_the_memo_holds_about_sixty_characters():
    document = lay_out(memo_briefing(), "sequential", "id", get_template("nota-dinas").features)
    assert 55 <= line_chars(document) <= 75 and JABATAN


def test_a_note_without_a_signature_is_not_asked_for_one():
    findings = _check(full_briefing("briefing-note"), "briefing-note")
    assert not any("signature" in f for f in findings)


def test_cli_check_lists_deviations_and_exits_5(tmp_path):
    env_run = [sys.executable, "-m", "briefgen", "check", "--sample", "--template", "nota-dinas"]
    result = subprocess.run(env_run, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 5, result.stderr
    assert "no position (jabatan)" in result.stdout and "Assessment" in result.stdout
    full = subprocess.run([*env_run, "--signatory-title", JABATAN, "--signatory", "Budi Santoso", "--number", "ND-1",
                           "--to", "Menteri Luar Negeri", "--from", "Direktur Asia Timur dan Pasifik",
                           "--subject", "Kunjungan Menlu AS ke Seoul",
                           "--subject-en", "US Secretary of State in Seoul"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert "jabatan" not in full.stdout and "Hal" not in full.stdout
