"""Tiny random translation models in every layout IT can hand over, built at test time (no network, no torch).

* ``opus_mt_release``: an OPUS-MT/Tatoeba-MT release folder: a Marian ``.npz`` (with its
  ``special:model.yml``), a joint vocabulary ``.yml``, ``decoder.yml``, ``source.spm`` and ``target.spm``
  (trained on Indonesian and English text), README with a benchmark table, LICENSE. Optionally
  multi-target (``>>ind<<`` tokens in the vocabulary) or with an RNN decoder (what Bergamot uses).
* ``argos_bpe``: an Argos package with ``bpe.model`` (subword-nmt codes learnt here) and a Moses-tokenised
  BPE vocabulary.
* ``argos_source_only``: an Argos package whose ``sentencepiece.model`` is the source model only, the
  target vocabulary coming from an English sentencepiece model that is not shipped.
* ``argos_target_prefix``: an Argos package with NLLB-style language tokens and ``target_prefix``.
* ``multilingual_folder``: a CTranslate2 folder in the NLLB, M2M-100 or MADLAD style.

Weights are random: the output is gibberish by design; tests assert structure (no "▁", no "@@", no
language token), never wording.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
from tiny_pack import D_MODEL, FFN, _vocab, build_model, sample_sentences, train_sentencepiece

ROOT = Path(__file__).resolve().parent
NLLB_LANGS = ["eng_Latn", "ind_Latn", "zsm_Latn", "fra_Latn"]
M2M_LANGS = ["__en__", "__id__", "__ms__", "__fr__"]
MADLAD_LANGS = ["<2en>", "<2id>", "<2ms>", "<2fr>"]


def english_sentences() -> list[str]:
    lines: list[str] = []
    for name in ("jakartapost_docx.txt", "koreaherald_pdf.txt"):
        text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
        lines += [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 20]
    return lines


_SPM: dict[str, bytes] = {}


def spm_model(lang: str, vocab_size: int = 160) -> bytes:
    key = f"{lang}-{vocab_size}"
    if key not in _SPM:
        _SPM[key] = train_sentencepiece(sample_sentences() if lang == "id" else english_sentences(), vocab_size)
    return _SPM[key]


# -- OPUS-MT release ------------------------------------------------------------------------------------------


def _yaml_token(token: str) -> str:
    return json.dumps(token, ensure_ascii=False)


def marian_npz(path: Path, vocab_size: int, layers: int = 2, seed: int = 3, decoder: str = "self-attention",
               eos_bias: float = 2.0, dim: int = D_MODEL, ffn: int = FFN, heads: int = 2) -> None:
    """A Marian Transformer (post-norm, tied embeddings) with random weights, as Marian saves it."""
    rng = np.random.default_rng(seed)

    def rand(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    weights: dict[str, np.ndarray] = {"Wemb": rand(vocab_size, dim)}
    bias = np.zeros((1, vocab_size), np.float32)
    bias[0, 0] = eos_bias  # "</s>" is entry 0 of a Marian vocabulary
    weights["decoder_ff_logit_out_b"] = bias

    def attention(scope: str) -> None:
        for p in "qkvo":
            weights[f"{scope}_W{p}"] = rand(dim, dim)
            weights[f"{scope}_b{p}"] = rand(1, dim)
        weights[f"{scope}_Wo_ln_scale"] = np.ones((1, dim), np.float32)
        weights[f"{scope}_Wo_ln_bias"] = np.zeros((1, dim), np.float32)

    def feed_forward(scope: str) -> None:
        weights[f"{scope}_W1"], weights[f"{scope}_b1"] = rand(dim, ffn), rand(1, ffn)
        weights[f"{scope}_W2"], weights[f"{scope}_b2"] = rand(ffn, dim), rand(1, dim)
        weights[f"{scope}_ffn_ln_scale"] = np.ones((1, dim), np.float32)
        weights[f"{scope}_ffn_ln_bias"] = np.zeros((1, dim), np.float32)

    for i in range(1, layers + 1):
        attention(f"encoder_l{i}_self")
        feed_forward(f"encoder_l{i}_ffn")
        attention(f"decoder_l{i}_self")
        attention(f"decoder_l{i}_context")
        feed_forward(f"decoder_l{i}_ffn")
    config = {"type": "transformer", "dim-emb": dim, "enc-depth": layers, "dec-depth": layers,
              "transformer-heads": heads, "transformer-dim-ffn": ffn, "transformer-ffn-activation": "swish",
              "transformer-decoder-autoreg": decoder, "transformer-no-projection": False,
              "transformer-preprocess": "", "transformer-postprocess": "dan", "transformer-postprocess-emb": "d",
              "transformer-guided-alignment-layer": "last", "tied-embeddings-all": True}
    import yaml

    text = yaml.safe_dump(config).encode() + b"\0"
    weights["special:model.yml"] = np.frombuffer(text, dtype=np.int8).copy()
    np.savez(path, **weights)


def opus_mt_release(root: Path, source: str = "id", target: str = "en", multi_target: bool = False,
                    decoder: str = "self-attention", readme: bool = True, licence: str | None = None,
                    vocab_rows: int | None = None, extra_labels: tuple[str, ...] = ()) -> Path:
    """An OPUS-MT release folder, the layout of its zip (``extra_labels``: tokens in the vocabulary that the
    README does not list)."""
    folder = root / f"opus-{source}-{target}"
    folder.mkdir(parents=True)
    src_spm, tgt_spm = spm_model(source), spm_model(target)
    (folder / "source.spm").write_bytes(src_spm)
    (folder / "target.spm").write_bytes(tgt_spm)
    tokens = ["</s>", "<unk>"]
    labels = [">>ind<<", ">>zsm_Latn<<", ">>min<<"] if multi_target else []
    for token in labels + list(extra_labels) + _vocab(src_spm) + _vocab(tgt_spm):
        if token not in tokens and token not in ("<s>",):
            tokens.append(token)
    vocab = "opus.spm32k-spm32k.vocab.yml"
    (folder / vocab).write_text("".join(f"{_yaml_token(t)}: {i}\n" for i, t in enumerate(tokens)), encoding="utf-8")
    model = "opus.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz"
    marian_npz(folder / model, vocab_rows or len(tokens), decoder=decoder)
    (folder / "decoder.yml").write_text(
        f"models:\n  - {model}\nvocabs:\n  - {vocab}\n  - {vocab}\nbeam-size: 6\nnormalize: 0.6\n", encoding="utf-8")
    pair = {"id": "ind", "en": "eng"}
    if readme:
        labels_line = f"* valid language labels: {' '.join(labels)}\n" if labels else ""
        (folder / "README.md").write_text(
            f"# opus+bt-2021-04-30.zip\n\n* dataset: opus+bt\n* model: transformer-align\n"
            f"* source language(s): {pair[source]}\n* target language(s): {pair[target]}"
            f"{' zsm_Latn min' if multi_target else ''}\n{labels_line}\n## Benchmarks\n\n"
            f"| testset | BLEU  | chr-F |\n|---------|-------|-------|\n"
            f"| Tatoeba-test.{pair[source]}-{pair[target]} | 42.3 | 0.606 |\n"
            f"| flores200-devtest | 38.6 | 0.640 |\n", encoding="utf-8")
    if licence is not None:
        (folder / "LICENSE").write_text(licence, encoding="utf-8")
    return folder


CC_BY = ("Attribution 4.0 International\n\n=======================================================================\n\n"
         "Creative Commons Corporation (\"Creative Commons\") is not a law firm ...\n")
CC_BY_NC = ("Attribution-NonCommercial 4.0 International\n\n"
            "Creative Commons Corporation (\"Creative Commons\") is not a law firm ...\n")


# -- Argos packages -------------------------------------------------------------------------------------------


def _argos_zip(folder: Path, out: Path, top: str) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return out


def _argos_meta(folder: Path, source: str, target: str, **extra: object) -> None:
    meta = {"package_version": "1.9", "argos_version": "1.9", "from_code": source, "to_code": target,
            "from_name": source, "to_name": target, "type": "translate", **extra}
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")


def learn_bpe_codes(sentences: list[str], lang: str, merges: int = 300) -> str:
    from sacremoses import MosesTokenizer
    from subword_nmt.learn_bpe import learn_bpe

    tok = MosesTokenizer(lang=lang)
    text = "\n".join(" ".join(tok.tokenize(s, escape=True)) for s in sentences)
    out = io.StringIO()
    learn_bpe(io.StringIO(text), out, merges, min_frequency=2)
    return out.getvalue()


def argos_bpe(root: Path, source: str = "id", target: str = "en") -> Path:
    """An Argos package with ``bpe.model``: Moses + subword-nmt BPE, joint codes, vocabulary with "@@" pieces."""
    from sacremoses import MosesTokenizer
    from subword_nmt.apply_bpe import BPE

    folder = root / f"argos-bpe-{source}-{target}"
    (folder / "model").mkdir(parents=True)
    sentences = sample_sentences()[:150] + english_sentences()[:150]
    codes = learn_bpe_codes(sentences, source)
    (folder / "bpe.model").write_text(codes, encoding="utf-8")
    bpe = BPE(io.StringIO(codes))
    vocab = ["<unk>", "<s>", "</s>"]
    seen = set(vocab)
    for lang, group in (("id", sample_sentences()), ("en", english_sentences())):
        tok = MosesTokenizer(lang=lang)
        for sentence in group:
            for piece in bpe.segment_tokens(tok.tokenize(sentence, escape=True)):
                if piece not in seen:
                    seen.add(piece)
                    vocab.append(piece)
    build_model(folder / "model", vocab, vocab)
    _argos_meta(folder, source, target)
    (folder / "README.md").write_text("Ported from OPUS-MT opus-2019-12-18 (BPE). Licence: CC-BY 4.0\n")
    (folder / "stanza").mkdir()
    (folder / "stanza" / "id" / "tokenize").mkdir(parents=True)
    (folder / "stanza" / "id" / "tokenize" / "gsd.pt").write_bytes(b"not used")
    return _argos_zip(folder, root / f"translate-{source}_{target}-1_9.argosmodel", f"{source}_{target}")


def argos_source_only(root: Path, source: str = "id", target: str = "en") -> Path:
    """An Argos port of a separate-vocabulary model: only the source sentencepiece model is shipped."""
    folder = root / f"argos-src-{source}-{target}"
    (folder / "model").mkdir(parents=True)
    src, tgt = spm_model(source), spm_model(target)
    build_model(folder / "model", _vocab(src), _vocab(tgt))
    (folder / "sentencepiece.model").write_bytes(src)
    _argos_meta(folder, source, target)
    (folder / "minisbd").mkdir()
    (folder / "minisbd" / "model.onnx").write_bytes(b"not used")
    return _argos_zip(folder, root / f"translate-{source}_{target}-src.argosmodel", f"translate-{source}_{target}")


def argos_target_prefix(root: Path, source: str = "id", target: str = "en") -> Path:
    """An Argos package of an NLLB-style model: language tokens in the vocabulary, ``target_prefix`` set."""
    folder = root / f"argos-nllb-{source}-{target}"
    (folder / "model").mkdir(parents=True)
    model = spm_model("en" if target == "en" else "id")
    vocab = _vocab(model) + NLLB_LANGS
    build_model(folder / "model", vocab, vocab, eos_bias=1.0)
    (folder / "sentencepiece.model").write_bytes(model)
    _argos_meta(folder, source, target, target_prefix={"en": "eng_Latn", "id": "ind_Latn"}[target])
    (folder / "LICENSE").write_text(CC_BY_NC, encoding="utf-8")
    return _argos_zip(folder, root / f"translate-{source}_{target}-nllb.argosmodel", f"{source}_{target}")


# -- CTranslate2 folders of multilingual models --------------------------------------------------------------


def multilingual_folder(root: Path, family: str, licence: str | None = None, with_spm: bool = True) -> Path:
    """A CTranslate2 model folder as ct2-transformers-converter writes it (with the tokenizer copied)."""
    folder = root / f"{family}-ct2-int8"
    folder.mkdir(parents=True)
    langs = {"nllb": NLLB_LANGS, "m2m100": M2M_LANGS, "madlad": MADLAD_LANGS}[family]
    model = train_sentencepiece(sample_sentences()[:120] + english_sentences()[:120], 200)
    vocab = _vocab(model) + langs
    build_model(folder, vocab, vocab, eos_bias=1.0)
    if with_spm:
        name = {"nllb": "sentencepiece.bpe.model", "m2m100": "sentencepiece.bpe.model", "madlad": "spiece.model"}
        (folder / name[family]).write_bytes(model)
    if licence:
        (folder / "README.md").write_text(f"---\nlicense: {licence}\n---\n# {family} test model\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return out
