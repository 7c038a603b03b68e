"""Pack install, refusal and the CTranslate2 engine, with a real tiny model built at test time."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from tiny_pack import CANARY_TEXTS, session_packs, zip_dir

from briefgen.cli import main
from briefgen.errors import Cancelled
from briefgen.progress import Progress
from briefgen.translate.engine import PackEngine, best_compute_type
from briefgen.translate.packs import PackError, find_pack, install_pack, list_packs, packs_dir, remove_pack


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, Path]:
    return session_packs(tmp_path_factory)


def _unpacked(packs, tmp_path) -> Path:
    folder = tmp_path / "pack"
    with zipfile.ZipFile(packs["id-en"]) as zf:
        zf.extractall(folder)
    return folder


def _leftovers() -> list[str]:
    return [p.name for p in packs_dir().iterdir()]


def test_install_checks_hashes_runs_canary_and_lists(user_dir, packs):
    info = install_pack(packs["id-en"])
    assert (info.name, info.source, info.target, info.hashes_checked) == ("tiny-id-en", "id", "en", True)
    assert info.path == user_dir / "packs" / "tiny-id-en" and (info.model_dir / "model.bin").is_file()
    assert "model/model.bin" in info.sha256 and "sentencepiece.model" in info.sha256
    assert [p.name for p in list_packs()] == ["tiny-id-en"] and find_pack("id", "en").name == "tiny-id-en"
    assert find_pack("en", "id") is None
    again = install_pack(packs["id-en"])  # reinstalling replaces, leaves nothing else behind
    assert again.path == info.path and _leftovers() == ["tiny-id-en"]
    remove_pack("tiny-id-en")
    assert list_packs() == [] and _leftovers() == []
    with pytest.raises(PackError, match="no installed pack named 'tiny-id-en'"):
        remove_pack("tiny-id-en")


def test_argos_package_is_accepted_and_says_hashes_were_not_published(user_dir, packs):
    info = install_pack(packs["en-id"])
    assert (info.source, info.target, info.kind, info.hashes_checked) == ("en", "id", "argos", False)
    assert info.name == "argos-en-id-1.0" and len(info.sha256["model/model.bin"]) == 64


def _refused(archive: Path, match: str) -> None:
    with pytest.raises(PackError, match=match) as err:
        install_pack(archive)
    assert str(archive) in str(err.value) and "\n" not in str(err.value)
    assert _leftovers() == []  # a refused pack leaves nothing in the packs folder


def test_wrong_hash_is_refused(user_dir, packs, tmp_path):
    folder = _unpacked(packs, tmp_path)
    meta = json.loads((folder / "metadata.json").read_text())
    meta["sha256"]["model/model.bin"] = "0" * 64
    (folder / "metadata.json").write_text(json.dumps(meta))
    _refused(zip_dir(folder, tmp_path / "bad-hash.zip"), "model/model.bin does not match its sha256")


def test_unlisted_or_missing_files_are_refused(user_dir, packs, tmp_path):
    folder = _unpacked(packs, tmp_path)
    (folder / "model" / "extra.bin").write_bytes(b"x")
    _refused(zip_dir(folder, tmp_path / "extra.zip"), "model/extra.bin has no sha256")
    (folder / "model" / "extra.bin").unlink()
    (folder / "sentencepiece.model").unlink()
    _refused(zip_dir(folder, tmp_path / "nospm.zip"), "sentencepiece.model")


def test_zip_slip_absolute_and_link_members_are_refused(user_dir, packs, tmp_path):
    escape = tmp_path / "user" / "escaped.txt"
    for name, member in (("slip", "../escaped.txt"), ("deep", "model/../../escaped.txt"), ("abs", "/tmp/abs.txt")):
        archive = tmp_path / f"{name}.zip"
        shutil.copy(packs["id-en"], archive)
        with zipfile.ZipFile(archive, "a") as zf:
            zf.writestr(member, "owned")
        _refused(archive, "outside the pack folder")
    assert not escape.exists()
    archive = tmp_path / "link.zip"
    shutil.copy(packs["id-en"], archive)
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo("model/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    _refused(archive, "is a link")


def test_zip_bomb_is_refused_before_it_is_written(user_dir, tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("metadata.json", "{}")
        zf.writestr("model/model.bin", b"\0" * (64 << 20))  # 64 MiB of zeros deflate ~1000:1
    assert archive.stat().st_size < 1 << 20
    _refused(archive, "zip bomb")


def test_metadata_must_name_a_direction_and_a_model(user_dir, packs, tmp_path):
    folder = _unpacked(packs, tmp_path)
    meta = json.loads((folder / "metadata.json").read_text())
    (folder / "metadata.json").write_text(json.dumps({**meta, "target": "fr"}))
    _refused(zip_dir(folder, tmp_path / "fr.zip"), "translates id→fr; briefgen needs Indonesian→English")
    not_zip = tmp_path / "not.zip"
    not_zip.write_bytes(b"PK but not really")
    _refused(not_zip, "not a readable zip")


def test_a_model_that_does_not_run_is_refused_by_the_canary(user_dir, packs, tmp_path):
    folder = _unpacked(packs, tmp_path)
    (folder / "model" / "config.json").write_text("{broken")
    meta = json.loads((folder / "metadata.json").read_text())
    from tiny_pack import sha256_of

    meta["sha256"]["model/config.json"] = sha256_of(folder / "model" / "config.json")
    (folder / "metadata.json").write_text(json.dumps(meta))
    _refused(zip_dir(folder, tmp_path / "broken.zip"), "the model does not run")


def engine_type_used(info) -> str:  # noqa: ANN001
    engine = PackEngine(info)
    engine.translate(["Cuaca cerah."])
    return engine._model.compute_type  # what CTranslate2 actually loaded


def test_engine_is_int8_batched_counted_and_cancellable(user_dir, packs):
    info = install_pack(packs["id-en"], canary=False)
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cpu")
    assert best_compute_type() == ("int8" if "int8" in supported else best_compute_type())  # int8 where the CPU can
    loaded = engine_type_used(info)  # CTranslate2 reports int8 on CPU as int8_float32 (int8 weights, float32 rest)
    assert loaded.split("_")[0] == best_compute_type().split("_")[0]
    engine = PackEngine(info, batch_size=2)
    steps: list[tuple[int, int]] = []
    out = engine.translate(CANARY_TEXTS, Progress(callback=lambda d, t, m: steps.append((d, t))))
    assert len(out) == len(CANARY_TEXTS) and all(out)
    assert engine.calls == 2 and engine.segments == 3 and engine.tokens > 0
    assert steps == [(1, 2), (2, 2)]
    progress = Progress(callback=lambda d, t, m: progress.cancel.cancel())  # cancel after the first batch
    with pytest.raises(Cancelled):
        engine.translate(CANARY_TEXTS, progress)
    assert engine.calls == 3  # the second batch never ran


def test_cli_packs_install_list_remove(user_dir, packs, capsys):
    assert main(["packs", "install", str(packs["id-en"])]) == 0
    assert "installed tiny-id-en (id→en)" in capsys.readouterr().out
    assert main(["packs", "list"]) == 0
    assert capsys.readouterr().out.startswith("tiny-id-en\tid→en")
    assert main(["packs", "remove", "nope"]) == 1
    assert "no installed pack named 'nope'" in capsys.readouterr().err
    assert main(["packs", "remove", "tiny-id-en"]) == 0 and list_packs() == []
    assert main(["packs", "install", str(user_dir / "missing.zip")]) == 1
    assert "missing.zip: no such file" in capsys.readouterr().err


@pytest.mark.skipif(not os.environ.get("BRIEFGEN_TEST_PACK"), reason="set BRIEFGEN_TEST_PACK to a real pack file")
def test_a_real_pack_installs_and_translates(user_dir):
    info = install_pack(Path(os.environ["BRIEFGEN_TEST_PACK"]))
    sentence = {"id": "Menteri Luar Negeri tiba di Seoul pada hari Rabu.", "en": "The minister arrived on Wednesday."}
    out = PackEngine(info).translate([sentence[info.source]])
    assert out[0] and out[0] != sentence[info.source]
    print(f"{info.name}: {sentence[info.source]!r} -> {out[0]!r}")


@pytest.fixture
def engine_missing(monkeypatch):
    """As in a Windows install without the optional engine component: ``import ctranslate2`` fails."""
    import sys

    from briefgen.translate import engine

    engine.engine_problem.cache_clear()
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    yield
    engine.engine_problem.cache_clear()


def test_without_the_engine_installing_a_pack_says_what_is_missing(user_dir, packs, engine_missing):
    with pytest.raises(PackError, match="engine .CTranslate2 and sentencepiece. is not installed") as refused:
        install_pack(packs["id-en"])
    assert "Offline machine translation" in str(refused.value) and _leftovers() == []


def test_without_the_engine_packs_are_skipped_with_a_note_and_text_stays_untranslated(user_dir, packs, monkeypatch):
    install_pack(packs["id-en"])  # installed while the engine was there, then the engine went away
    from briefgen.translate import engine
    from briefgen.translate.apply import SegmentTranslator

    engine.engine_problem.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "ctranslate2", None)
    try:
        with SegmentTranslator.default() as translator:
            assert translator.engines == {}
            assert any(note.startswith("machine translation is off: the offline machine-translation engine")
                       for note in translator.notes)
            segments = translator.resolve(["Menlu AS tiba di Seoul pada Rabu malam."], "id", "en")
            assert segments[0].target == "" and segments[0].status.name == "MISSING"  # marked, never guessed
    finally:
        engine.engine_problem.cache_clear()
