"""Tools → Import / Export translation memory (TMX) in the window, offscreen, in Indonesian."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui_helpers import open_window

pytest.importorskip("pytestqt")

CASES = Path(__file__).parent / "tmx_cases"


def test_tmx_import_and_export_from_the_tools_menu(qtbot, user_dir, tmp_path):
    from briefgen.translate.memory import TranslationMemory
    from tests.test_tmx_compliance import units

    window = open_window(qtbot, ui_lang="id", sample=False)
    titles = [a.text() for a in window.menuBar().actions()[2].menu().actions()]  # Alat (Tools)
    assert "&Impor memori terjemahan (TMX)…" in titles and "&Ekspor memori terjemahan (TMX)…" in titles
    broken = tmp_path / "rusak.tmx"
    broken.write_text("<tmx", encoding="utf-8")
    with qtbot.waitSignal(window.memory_transfer.done, timeout=30000) as signal:
        window.memory_transfer.import_files([CASES / "omegat-project_save-id-en.tmx", broken,
                                             CASES / "srclang.tmx"])
    message, ok = signal.args
    assert not ok  # one file could not be read: the message box is a warning
    assert "omegat-project_save-id-en.tmx: 4 unit — 3 disimpan, 1 alternatif, 0 diperbarui" in message
    assert "rusak.tmx: Berkas memori terjemahan tidak dapat dibaca." in message  # the window's language ...
    assert "not well-formed" not in message
    assert "rusak.tmx: is not well-formed XML" in window.memory_transfer.last_details  # ... the reason behind it
    assert "tanpa varian bahasa Indonesia: en+fr-fr 1, en+ms 1" in message
    assert window.statusBar().currentMessage() == message.splitlines()[0]
    with TranslationMemory() as memory:  # the user's own memory, as the CLI and the briefing see it
        assert memory.lookup("Ya.", "id", "en").target == "Yes."
        assert memory.lookup("US Secretary of State Antony Blinken arrived in Seoul.", "en", "id").target == \
            "Menteri Luar Negeri AS Antony Blinken tiba di Seoul."
    out = tmp_path / "kembali.tmx"
    with qtbot.waitSignal(window.memory_transfer.done, timeout=30000) as signal:
        window.memory_transfer.export_to(out)
    assert signal.args == ["kembali.tmx: 9 unit terjemahan ditulis", True]
    assert set(units(CASES / "omegat-project_save-id-en.tmx")) <= set(units(out))
