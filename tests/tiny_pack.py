"""Build a real, tiny machine-translation pack at test time: no network, no torch.

A sentencepiece model is trained on the sample clippings, a two-layer Transformer with small random
weights is written with CTranslate2's own spec classes, and both are zipped with a ``metadata.json``
that lists the sha256 of every model file, exactly the layout ``briefgen packs install`` expects.
Its translations are gibberish by design: tests assert structure (statuses, provenance, hashes,
placeholders), never wording.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from briefgen.resources import sample_files

D_MODEL = 16
FFN = 32
HEADS = 2
VOCAB = 160


def sample_sentences() -> list[str]:
    """Lines of the sample clippings: enough Indonesian text for a small vocabulary."""
    lines: list[str] = []
    for path in sample_files():
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 20]
    return lines


def train_sentencepiece(sentences: list[str], vocab_size: int = VOCAB) -> bytes:
    """A unigram sentencepiece model trained in memory; returns the serialised model."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(sentences), model_writer=buffer, vocab_size=vocab_size,
                                   character_coverage=1.0, model_type="unigram", minloglevel=2,
                                   hard_vocab_limit=False)
    return buffer.getvalue()


def _vocab(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _fill(layer, rng: np.random.Generator) -> None:  # noqa: ANN001 - CTranslate2 LayerSpec
    """Give every unset weight of the spec tree a small random array of the shape CTranslate2 expects."""
    from ctranslate2.specs import attention_spec, common_spec, transformer_spec

    def rand(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    if isinstance(layer, common_spec.LayerNormSpec):
        layer.gamma = np.ones(D_MODEL, np.float32)
        layer.beta = np.zeros(D_MODEL, np.float32)
        return
    if isinstance(layer, attention_spec.MultiHeadAttentionSpec):
        self_attention = len(layer.linear) == 2
        shapes = [3 * D_MODEL, D_MODEL] if self_attention else [D_MODEL, 2 * D_MODEL, D_MODEL]
        for lin, out in zip(layer.linear, shapes, strict=True):
            lin.weight, lin.bias = rand(out, D_MODEL), rand(out)
        _fill(layer.layer_norm, rng)
        return
    if isinstance(layer, transformer_spec.FeedForwardSpec):
        layer.linear_0.weight, layer.linear_0.bias = rand(FFN, D_MODEL), rand(FFN)
        layer.linear_1.weight, layer.linear_1.bias = rand(D_MODEL, FFN), rand(D_MODEL)
        _fill(layer.layer_norm, rng)
        return
    for value in vars(layer).values():
        for child in value if isinstance(value, list) else [value]:
            if hasattr(child, "__dict__") and type(child).__module__.startswith("ctranslate2.specs"):
                _fill(child, rng)


def build_model(model_dir: Path, src_vocab: list[str], tgt_vocab: list[str], seed: int = 7,
                eos_bias: float = 2.0) -> None:
    """Write a CTranslate2 Transformer with random weights to ``model_dir``."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(2, HEADS)
    _fill(spec.encoder, rng)
    _fill(spec.decoder, rng)
    spec.encoder.embeddings[0].weight = (rng.standard_normal((len(src_vocab), D_MODEL)) * 0.2).astype(np.float32)
    spec.decoder.embeddings.weight = (rng.standard_normal((len(tgt_vocab), D_MODEL)) * 0.2).astype(np.float32)
    spec.decoder.projection.weight = (rng.standard_normal((len(tgt_vocab), D_MODEL)) * 0.2).astype(np.float32)
    spec.decoder.projection.bias = np.zeros(len(tgt_vocab), np.float32)
    if "</s>" in tgt_vocab:  # favour the end token a little so random output stops after a few words
        spec.decoder.projection.bias[tgt_vocab.index("</s>")] = eos_bias
    spec.register_source_vocabulary(src_vocab)
    spec.register_target_vocabulary(tgt_vocab)
    spec.validate()
    spec.optimize()
    spec.save(str(model_dir))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_pack_dir(root: Path, source: str = "id", target: str = "en", name: str | None = None,
                   spm_model: bytes | None = None, eos_bias: float = 2.0) -> Path:
    """A pack folder (metadata.json, model/, sentencepiece.model) ready to zip."""
    spm_model = spm_model or train_sentencepiece(sample_sentences())
    vocab = _vocab(spm_model)
    folder = root / (name or f"tiny-{source}-{target}")
    (folder / "model").mkdir(parents=True, exist_ok=True)
    build_model(folder / "model", vocab, vocab, eos_bias=eos_bias)
    (folder / "sentencepiece.model").write_bytes(spm_model)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    metadata = {
        "name": folder.name, "source": source, "target": target, "version": "0.0.1",
        "licence": "CC0-1.0 (random weights made by the test suite)",
        "sha256": {p.relative_to(folder).as_posix(): sha256_of(p) for p in files},
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder


def zip_dir(folder: Path, out: Path, prefix: str = "") -> Path:
    """Zip a folder; ``prefix`` nests every member under one top folder (the Argos layout)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return out


def build_pack_zip(root: Path, source: str = "id", target: str = "en", spm_model: bytes | None = None,
                   eos_bias: float = 2.0) -> Path:
    folder = build_pack_dir(root / "src", source, target, spm_model=spm_model, eos_bias=eos_bias)
    return zip_dir(folder, root / f"{folder.name}.zip")


def build_argos_package(root: Path, source: str = "en", target: str = "id",
                        spm_model: bytes | None = None) -> Path:
    """The same model laid out as an Argos Translate ``.argosmodel`` (one top folder, Argos metadata)."""
    folder = build_pack_dir(root / "argos-src", source, target, name=f"translate-{source}_{target}",
                            spm_model=spm_model)
    (folder / "metadata.json").write_text(json.dumps({
        "package_version": "1.0", "argos_version": "1.0", "from_code": source, "to_code": target,
        "from_name": source, "to_name": target, "type": "translate",
    }), encoding="utf-8")
    return zip_dir(folder, root / f"translate-{source}_{target}-1_0.argosmodel", prefix=f"{source}_{target}/")


_BUILT: dict[str, Path] = {}


def session_packs(factory) -> dict[str, Path]:  # noqa: ANN001 - pytest's TempPathFactory
    """The tiny packs, built once per test session whichever test module asks first:
    ``id-en`` (briefgen zip), ``en-id`` (Argos layout) and the shared sentencepiece model."""
    if not _BUILT:
        root = factory.mktemp("tiny-packs")
        spm_model = train_sentencepiece(sample_sentences())
        (root / "shared.spm").write_bytes(spm_model)
        _BUILT["spm"] = root / "shared.spm"
        _BUILT["id-en"] = build_pack_zip(root, "id", "en", spm_model=spm_model)
        _BUILT["en-id"] = build_argos_package(root, "en", "id", spm_model=spm_model)
    return _BUILT


_INSTALLED: dict[str, Path] = {}


def installed_packs_dir(factory) -> Path:  # noqa: ANN001 - pytest's TempPathFactory
    """A packs folder with both tiny packs installed through the real ``install_pack`` (canary included),
    made once per session; tests copy it into their own user folder instead of reinstalling."""
    import os

    if "dir" not in _INSTALLED:
        from briefgen.translate.packs import install_pack

        packs = session_packs(factory)
        user = factory.mktemp("installed-user")
        previous = os.environ.get("BRIEFGEN_USER_DIR")
        os.environ["BRIEFGEN_USER_DIR"] = str(user)
        try:
            install_pack(packs["id-en"])
            install_pack(packs["en-id"])
        finally:
            if previous is None:
                os.environ.pop("BRIEFGEN_USER_DIR")
            else:
                os.environ["BRIEFGEN_USER_DIR"] = previous
        _INSTALLED["dir"] = user / "packs"
    return _INSTALLED["dir"]


CANARY_TEXTS = ["Menteri Luar Negeri tiba di Seoul.", "Dia bertemu Presiden pada hari Kamis.", "Cuaca cerah."]
