"""Files the user (or a project file) names are read bounded and regular-files-only (review findings 5, 6).

A device streams forever (/dev/zero has st_size 0, so a size check alone lets it through), a FIFO blocks
``open()`` until someone writes: each must end in a one-line error, quickly, with nothing else lost.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.errors import BriefgenError
from briefgen.pipeline import read_emblem
from briefgen.translate import titles
from briefgen.translate.memory import TranslationMemory
from briefgen.translate.tmx import import_tmx
from briefgen.translate.tmx_read import TmxError
from briefgen.translate.xliff import XliffError, read_xliff

DEV_ZERO = Path("/dev/zero")
needs_unix = pytest.mark.skipif(not DEV_ZERO.exists() or not hasattr(os, "mkfifo"), reason="needs /dev/zero and FIFOs")


@pytest.fixture()
def fifo(tmp_path) -> Path:
    path = tmp_path / "memory.tmx"
    os.mkfifo(path)  # nobody ever writes to it: opening it for reading the ordinary way blocks forever
    return path


def one_line(exc: BaseException, path: Path) -> str:
    text = str(exc)
    assert "\n" not in text and text.startswith(str(path)), text
    return text


@needs_unix
@pytest.mark.timeout(30)
def test_emblem_from_a_device_or_a_fifo_is_refused_in_one_line(fifo):
    for path in (DEV_ZERO, fifo):
        with pytest.raises(BriefgenError) as info:
            read_emblem(path)
        assert "not a regular file" in one_line(info.value, path)


@needs_unix
@pytest.mark.timeout(120)
def test_build_with_emblem_dev_zero_ends_with_a_clean_error(tmp_path, user_dir, capsys):
    code = main(["build", "--sample", "--template", "nota-dinas", "--emblem", str(DEV_ZERO),
                 "-o", str(tmp_path / "z.docx")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err and "MemoryError" not in err
    assert "/dev/zero" in err and "not a regular file" in err
    assert not (tmp_path / "z.docx").exists()


@needs_unix
@pytest.mark.timeout(30)
def test_memory_import_of_a_fifo_or_a_device_does_not_hang(fifo, user_dir):
    with TranslationMemory(user_dir / "tm.sqlite") as memory:
        for path in (fifo, DEV_ZERO):
            with pytest.raises(TmxError) as info:
                import_tmx(path, memory)
            assert "not a regular file" in one_line(info.value, path)
        assert memory.count() == 0


@needs_unix
@pytest.mark.timeout(60)
def test_memory_import_command_of_a_fifo_ends_with_one_line(fifo, user_dir, capsys):
    code = main(["memory", "import", str(fifo)])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err and "not a regular file" in err


@needs_unix
@pytest.mark.timeout(30)
def test_xliff_import_of_a_fifo_or_a_device_is_refused(fifo):
    for path in (fifo, DEV_ZERO):
        with pytest.raises(XliffError) as info:
            read_xliff(path)
        assert "not a regular file" in one_line(info.value, path)


def test_an_oversized_xliff_is_refused_unread(tmp_path):
    path = tmp_path / "big.xlf"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: bigger than the limit, costs no disk
    with pytest.raises(XliffError) as info:
        read_xliff(path)
    assert "limit" in one_line(info.value, path)


# --- office-titles.yaml (finding 6) ---------------------------------------------------------------------------

BOMB = """\
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
titles:
  - id: Direktur Asia Timur
    en: *i
"""


@pytest.fixture()
def fresh_titles():
    titles._titles.cache_clear()
    yield
    titles._titles.cache_clear()


def test_user_office_titles_are_used(user_dir, fresh_titles):
    (user_dir / titles.FILE_NAME).write_text(
        "titles:\n  - id: Kepala Biro Uji Coba\n    en: Head of the Trial Bureau\n", encoding="utf-8")
    assert titles.english_form("Yth. Kepala Biro Uji Coba") == "Head of the Trial Bureau"


@pytest.mark.timeout(30)
def test_an_alias_bomb_in_office_titles_disables_the_file_with_a_warning(user_dir, fresh_titles, caplog):
    (user_dir / titles.FILE_NAME).write_text(BOMB, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefgen.translate.titles"):
        assert titles.english_form("Direktur Asia Timur") is None
        assert titles.english_form("Menteri Luar Negeri")  # the packaged table still works
    warning = next(r.getMessage() for r in caplog.records if "office titles not used" in r.getMessage())
    assert "\n" not in warning and titles.FILE_NAME in warning


@pytest.mark.timeout(30)
def test_wrong_typed_office_titles_are_refused_whole(user_dir, fresh_titles, caplog):
    (user_dir / titles.FILE_NAME).write_text("titles:\n  - id: Kepala Biro Uji Coba\n    en: Head of the Trial Bureau\n"
                                            "  - id: Kepala Biro Lain\n    en: [1, 2]\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefgen.translate.titles"):
        assert titles.english_form("Kepala Biro Uji Coba") is None
    assert any("must be text" in r.getMessage() for r in caplog.records)


@needs_unix
@pytest.mark.timeout(30)
def test_a_project_file_that_is_a_fifo_or_a_device_is_refused(fifo):
    from briefgen.project import load_project

    for path in (fifo, DEV_ZERO):
        with pytest.raises(BriefgenError) as info:
            load_project(path)
        assert "not a regular file" in one_line(info.value, path)


@needs_unix
@pytest.mark.timeout(30)
def test_a_glossary_that_is_a_fifo_or_a_device_is_refused(tmp_path):
    from briefgen.translate.glossary import GlossaryError, read_glossary

    fifo = tmp_path / "terms.csv"
    os.mkfifo(fifo)
    for path in (fifo, DEV_ZERO):
        with pytest.raises(GlossaryError) as info:
            read_glossary(path)
        assert "not a regular file" in one_line(info.value, path)
    good = tmp_path / "good.csv"
    good.write_text("id,en\nKementerian Luar Negeri,Ministry of Foreign Affairs\n", encoding="utf-8")
    assert read_glossary(good)[0][:2] == ("Kementerian Luar Negeri", "Ministry of Foreign Affairs")
