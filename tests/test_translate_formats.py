"""Every model shape IT can hand over installs, says what it is and translates cleanly; the rest is refused.

The models are tiny and random (tests/tiny_models.py), built here: an OPUS-MT release converted by
CTranslate2's real OpusMTConverter, Argos packages (bpe.model, source-only sentencepiece, target_prefix)
and CTranslate2 folders in the NLLB, M2M-100 and MADLAD styles.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import tiny_models as tm

from briefgen.cli import main
from briefgen.errors import Cancelled
from briefgen.progress import Progress
from briefgen.translate.engine import PackEngine
from briefgen.translate.packs import PackError, install_pack, list_packs, packs_dir, remove_pack
from briefgen.translate.tokenize import LANGUAGE_TOKEN

SENTENCES = {"id": ["Menteri Luar Negeri AS Antony Blinken tiba di Seoul pada Rabu malam.", "Cuaca cerah."],
             "en": ["The US Secretary of State arrived in Seoul on Wednesday night.", "The weather was fine."]}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("formats")
    made = {}
    for key, make in {
        "opus": lambda d: tm.opus_mt_release(d, licence=tm.CC_BY),
        "opus-en-id-multi": lambda d: tm.opus_mt_release(d, "en", "id", multi_target=True),
        "argos-bpe": tm.argos_bpe,
        "argos-source-only": tm.argos_source_only,
        "argos-prefix": lambda d: tm.argos_target_prefix(d, "en", "id"),
        "nllb": lambda d: tm.multilingual_folder(d, "nllb", licence="cc-by-nc-4.0"),
        "m2m100": lambda d: tm.multilingual_folder(d, "m2m100", licence="mit"),
        "madlad": lambda d: tm.multilingual_folder(d, "madlad"),
    }.items():
        folder = root / key
        folder.mkdir()
        made[key] = make(folder)
    made["opus-zip"] = tm.zip_folder(made["opus"], root / "opus-2021-04-30.zip")
    return made


def _leftovers() -> list[str]:
    return sorted(p.name for p in packs_dir().iterdir())


def _clean(text: str) -> None:
    assert text.strip(), "the model said nothing"
    assert "\u2581" not in text and "@@" not in text
    assert not any(LANGUAGE_TOKEN.match(w) for w in text.split()), text
    assert "</s>" not in text and "<s>" not in text


@pytest.mark.parametrize("key, fmt, pairs", [
    ("opus-zip", "opus-mt", [("id", "en")]),
    ("opus-en-id-multi", "opus-mt", [("en", "id")]),
    ("argos-bpe", "argos", [("id", "en")]),
    ("argos-source-only", "argos", [("id", "en")]),
    ("argos-prefix", "argos", [("en", "id")]),
    ("nllb", "nllb", [("id", "en"), ("en", "id")]),
    ("m2m100", "m2m100", [("id", "en"), ("en", "id")]),
    ("madlad", "madlad", [("id", "en"), ("en", "id")]),
])
def test_every_shape_installs_and_translates_without_markers_or_language_tokens(user_dir, built, key, fmt, pairs):
    info = install_pack(built[key])
    assert info.kind == fmt and info.pairs == pairs
    assert (info.model_dir / "model.bin").is_file() and _leftovers() == [info.name]
    assert not (info.path / "stanza").exists() and not (info.path / "minisbd").exists()  # our splitter runs
    for src, tgt in pairs:
        engine = PackEngine(info, source=src, target=tgt)
        for text in engine.translate(SENTENCES[src] * 3):
            _clean(text)


def test_opus_mt_release_is_converted_with_its_documents_licence_and_published_quality(user_dir, built):
    steps: list[str] = []
    info = install_pack(built["opus"], progress=Progress(callback=lambda d, t, m: steps.append(m)))
    assert "reading the Marian model" in steps and steps[-1] == "quantised to int8 and written"
    assert json.loads((info.model_dir / "config.json").read_text())["add_source_eos"] is True
    assert {"README.md", "LICENSE", "source.spm", "target.spm"} <= {p.name for p in info.path.iterdir()}
    assert not list(info.path.rglob("*.npz"))  # only the converted model is kept
    facts = info.facts()
    assert facts["format"] == "opus-mt" and facts["model"] == "opus+bt-2021-04-30"
    assert facts["licence"] == "CC-BY 4.0" and facts["non_commercial"] is False
    assert facts["quality"] == "BLEU 38.6 (flores200-devtest)" and facts["size_bytes"] > 100_000
    assert facts["direction"] == "id→en"


def test_multi_target_opus_mt_gets_its_language_token_from_the_vocabulary(user_dir, built):
    info = install_pack(built["opus-en-id-multi"])
    assert info.direction("en", "id")["source_prefix"] == [">>ind<<"]
    assert info.licence == "unknown" and info.quality  # no LICENSE file: unknown, never guessed
    again = install_pack(built["opus-en-id-multi"], target_token="zsm_Latn")  # the user's choice wins
    assert again.direction("en", "id")["source_prefix"] == [">>zsm_Latn<<"]
    with pytest.raises(PackError, match="knows no such token"):
        install_pack(built["opus-en-id-multi"], target_token=">>xx<<")


def test_an_ambiguous_language_token_is_settled_by_the_readme_or_asked_for(user_dir, tmp_path):
    listed = tm.opus_mt_release(tmp_path / "listed", "en", "id", multi_target=True, extra_labels=(">>id<<",))
    info = install_pack(listed)
    assert info.direction("en", "id")["source_prefix"] == [">>ind<<"]  # the README lists >>ind<<, not >>id<<
    remove_pack(info.name)
    quiet = tm.opus_mt_release(tmp_path / "quiet", "en", "id", multi_target=True, extra_labels=(">>id<<",),
                               readme=False)
    _refused(quiet, "needs its target-language token; install it again with --target-token", direction="en-id")


def test_multilingual_folders_carry_their_language_tokens_and_licences(user_dir, built):
    nllb = install_pack(built["nllb"])
    assert nllb.direction("id", "en") == {"source": "id", "target": "en", "source_prefix": ["ind_Latn"],
                                          "source_suffix": ["</s>"], "target_prefix": ["eng_Latn"]}
    assert nllb.non_commercial and nllb.licence_label == "CC-BY-NC 4.0 (non-commercial)"
    madlad = install_pack(built["madlad"])
    assert madlad.direction("id", "en")["source_prefix"] == ["<2en>"] and not madlad.direction("id", "en")[
        "target_prefix"]
    assert madlad.licence == "unknown" and madlad.quality == ""
    assert install_pack(built["m2m100"]).licence == "MIT"
    one_way = install_pack(built["nllb"], direction="en-id")
    assert one_way.pairs == [("en", "id")]


def test_argos_target_prefix_is_forced_and_stripped(user_dir, built):
    info = install_pack(built["argos-prefix"])
    assert info.direction("en", "id")["target_prefix"] == ["ind_Latn"] and info.non_commercial
    engine = PackEngine(info, source="en", target="id")
    out = engine.translate(SENTENCES["en"])
    assert all("ind_Latn" not in t for t in out)
    results = engine._model.translate_batch([["▁The"]], target_prefix=[["ind_Latn"]], max_decoding_length=4)
    assert results[0].hypotheses[0][0] == "ind_Latn"  # what CTranslate2 returns, and why it is stripped


def test_cli_reports_the_format_and_lists_json(user_dir, built, capsys):
    assert main(["packs", "install", str(built["argos-bpe"])]) == 0
    out = capsys.readouterr()
    assert "from Argos Translate package" in out.out and "licence: unknown" in out.out
    assert main(["packs", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["direction"], p["format"], p["quality"]) for p in listed] == [
        ("argos-id-en-1.9", "id→en", "argos", None)]
    assert listed[0]["size_bytes"] > 0 and listed[0]["licence"] == "unknown"


# -- refusals -----------------------------------------------------------------------------------------------


def _refused(path: Path, match: str, **kwargs: object) -> str:
    with pytest.raises(PackError, match=match) as err:
        install_pack(path, **kwargs)
    message = str(err.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert _leftovers() == []  # nothing half-installed
    return message


def test_bergamot_models_are_refused_saying_what_they_are(user_dir, tmp_path):
    folder = tmp_path / "firefox-iden"
    folder.mkdir()
    for name in ("model.iden.intgemm.alphas.bin", "lex.50.50.iden.s2t.bin", "vocab.iden.spm"):
        (folder / name).write_bytes(b"\0" * 64)
    message = _refused(folder, "Bergamot/Firefox Translations model")
    assert "Argos" in message and "OPUS-MT" in message  # and what would work
    rnn = tm.opus_mt_release(tmp_path / "rnn", decoder="rnn")
    _refused(rnn, "rnn decoder")


def test_a_zip_without_a_model_and_a_vocabulary_mismatch_are_refused(user_dir, tmp_path, built):
    empty = tmp_path / "docs.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("release/README.md", "# nothing here")
    _refused(empty, "no translation model found .it holds 1 files: README.md.")
    mismatch = tm.opus_mt_release(tmp_path / "mismatch", vocab_rows=50)
    _refused(mismatch, "vocabulary does not match the model")
    # an Argos package whose sentencepiece model belongs to another model
    folder = tmp_path / "wrong-spm"
    with zipfile.ZipFile(built["argos-source-only"]) as zf:
        zf.extractall(folder)
    top = next(folder.iterdir())
    (top / "sentencepiece.model").write_bytes(tm.train_sentencepiece(["zzqx wvvk"] * 50 + ["qqq jjj"] * 50, 20))
    _refused(folder, "tokeniser does not match the model's vocabulary")
    lone = tmp_path / "model.npz"
    lone.write_bytes(b"\x93NUMPY")
    _refused(lone, "lone Marian model file")


def test_a_release_that_does_not_say_its_languages_needs_a_direction(user_dir, tmp_path):
    folder = tm.opus_mt_release(tmp_path / "quiet", readme=False)
    neutral = folder.rename(tmp_path / "quiet" / "release")
    _refused(neutral, "--direction id-en or en-id")
    assert install_pack(neutral, direction="id-en").pairs == [("id", "en")]


def test_cancelling_a_conversion_leaves_nothing_behind(user_dir, built):
    progress = Progress()
    progress.callback = lambda done, total, message: (message == "reading the Marian model"
                                                      and progress.cancel.cancel())
    with pytest.raises(Cancelled):
        install_pack(built["opus"], progress=progress)
    assert _leftovers() == [] and list_packs() == []


# -- hostile archives (the attack classes of issue 21 that concern packs) ----------------------------------------


def _zip_with(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return path


def test_hostile_archives_get_one_line_refusals(user_dir, tmp_path):
    _refused(_zip_with(tmp_path, "long.zip", {"a" * 300: b"x"}), "has a name of 300 characters")
    _refused(_zip_with(tmp_path, "clash.zip", {"model": b"x", "model/model.bin": b"y"}),
             "'model' is both a file and a folder")
    _refused(_zip_with(tmp_path, "twice.zip", {"metadata.json": b"{}", "METADATA.json": b"{}"}), "appears twice")
    crc = _zip_with(tmp_path, "crc.zip", {"metadata.json": b'{"source": "id", "target": "en"}' * 10})
    data = bytearray(crc.read_bytes())
    header = data.index(b"PK\x01\x02")  # central directory: corrupt the recorded CRC of the member
    data[header + 16] ^= 0xFF
    local = data.index(b"PK\x03\x04")
    data[local + 14] ^= 0xFF
    crc.write_bytes(bytes(data))
    _refused(crc, "is damaged .Bad CRC-32")
    liar = _zip_with(tmp_path, "liar.zip", {"metadata.json": b"x" * 5000})
    data = bytearray(liar.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # declared size 5000 -> 100
        at = data.index(signature)
        data[at + offset:at + offset + 4] = (100).to_bytes(4, "little")
    liar.write_bytes(bytes(data))
    _refused(liar, "is damaged|header says")  # zipfile stops at the declared size; the CRC then fails


def test_a_folder_with_a_link_is_refused_not_followed(user_dir, tmp_path, built):
    folder = tmp_path / "linked"
    shutil.copytree(built["madlad"], folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    os.symlink(secret, folder / "README.md")
    _refused(folder, "README.md is a link")


def test_a_tampered_model_is_refused_when_loaded_and_a_touched_one_is_not(user_dir, built):
    info = install_pack(built["madlad"])
    model = info.model_dir / "model.bin"
    os.utime(model, ns=(model.stat().st_atime_ns, model.stat().st_mtime_ns + 10**9))  # same bytes, new time
    assert PackEngine(info, source="id", target="en").translate(["Cuaca cerah."])
    record = json.loads((info.path / "installed.json").read_text())
    assert record["files"]["model/model.bin"][1] == model.stat().st_mtime_ns  # re-recorded: cheap next time
    data = bytearray(model.read_bytes())
    data[-8] ^= 0x01
    model.write_bytes(bytes(data))
    reloaded = list_packs()[0]
    with pytest.raises(PackError, match="model/model.bin was changed after install"):
        PackEngine(reloaded, source="id", target="en").translate(["Cuaca cerah."])


def test_broken_or_hostile_model_files_give_one_line_not_a_traceback(user_dir, tmp_path, built):
    folder = tmp_path / "garbage-spm"
    with zipfile.ZipFile(built["argos-source-only"]) as zf:
        zf.extractall(folder)
    (next(folder.iterdir()) / "sentencepiece.model").write_bytes(b"\x00garbage" * 20)
    _refused(folder, "refused: the model files cannot be used .*")
    giant = tm.opus_mt_release(tmp_path / "giant")
    npz = next(giant.glob("*.npz"))
    import numpy as np
    import yaml

    with np.load(npz) as model:
        weights = dict(model)
    config = yaml.safe_load(weights["special:model.yml"][:-1].tobytes())
    config["enc-depth"] = 10**9  # would make CTranslate2 build a billion layer specs
    weights["special:model.yml"] = np.frombuffer(yaml.safe_dump(config).encode() + b"\0", np.int8).copy()
    np.savez(npz, **weights)
    _refused(giant, "enc-depth is 1000000000")


def test_of_two_packs_for_a_direction_the_one_installed_last_is_used(user_dir, built, capsys):
    from briefgen.translate.apply import SegmentTranslator
    from briefgen.translate.packs import active_packs

    nllb = install_pack(built["nllb"])
    argos = install_pack(built["argos-bpe"])  # id→en only, installed later
    active = active_packs()
    assert active[("id", "en")].name == argos.name and active[("en", "id")].name == nllb.name
    with SegmentTranslator.default() as translator:
        assert {pair: e.name for pair, e in translator.engines.items()} == {("id", "en"): argos.name,
                                                                           ("en", "id"): nllb.name}
    assert main(["packs", "list", "--json"]) == 0
    used = {p["name"]: p["in_use_for"] for p in json.loads(capsys.readouterr().out)}
    assert used == {argos.name: ["id-en"], nllb.name: ["en-id"]}
    remove_pack(argos.name)  # removing the newer one brings the older one back
    assert active_packs()[("id", "en")].name == nllb.name


def test_a_marian_model_whose_arrays_lie_about_their_size_is_refused_before_numpy_loads_it(user_dir, tmp_path):
    import io

    from numpy.lib import format as npy

    release = tm.opus_mt_release(tmp_path / "liar")
    npz = next(release.glob("*.npz"))
    header = io.BytesIO()
    npy.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False, "shape": (200_000, 200_000)})
    with zipfile.ZipFile(npz, "a") as zf:  # 160 GB claimed, 64 bytes held
        zf.writestr("encoder_l1_self_Wq_extra.npy", header.getvalue() + b"\0" * 64)
    _refused(release, "claims 160000000000 bytes but holds")
    bomb = tm.opus_mt_release(tmp_path / "bomb")
    with zipfile.ZipFile(next(bomb.glob("*.npz")), "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("decoder_bomb.npy", b"\0" * (64 << 20))
    _refused(bomb, "expands .* times")


def test_yaml_bombs_in_a_release_are_refused_before_anything_expands_them(user_dir, tmp_path):
    """decoder.yml goes through the safe loader of every user file; a vocabulary with anchors or aliases
    (which no Marian vocabulary has) is refused before the converter's loader expands it."""
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{c}: &{c} [{",".join(["*" + p] * 9)}]\n' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    release = tm.opus_mt_release(tmp_path / "decoder-bomb")
    (release / "decoder.yml").write_text(bomb + "models: [model.npz]\nvocabs: [vocab.yml]\n", encoding="utf-8")
    _refused(release, "decoder.yml: refused: aliases expand")
    release = tm.opus_mt_release(tmp_path / "vocab-bomb")
    vocabs = sorted(p for p in release.glob("*.yml") if p.name != "decoder.yml")
    vocabs[0].write_text(bomb, encoding="utf-8")
    _refused(release, "uses YAML anchors or aliases")
