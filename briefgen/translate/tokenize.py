"""Turning sentences into a model's tokens and its tokens back into text, for every pack shape.

Two families of model exist among the packs IT can hand over:

* **SentencePiece** (OPUS-MT/Tatoeba-MT ``source.spm``/``target.spm``, Argos ``sentencepiece.model``,
  NLLB/M2M-100 ``sentencepiece.bpe.model``, MADLAD ``spiece.model``). Argos ports of separate-vocabulary
  OPUS-MT models ship only the *source* model; decoding target pieces with it leaves the word marker
  "▁" in the text (sentencepiece returns unknown pieces verbatim), so decoding always ends by turning
  any "▁" left into a space.
* **Moses + BPE** (Argos ``bpe.model``: the subword-nmt codes of OPUS-MT's 2019 BPE models). The
  sentence is punctuation-normalised and tokenised with sacremoses, split with subword-nmt's own
  ``apply_bpe``, and the output's ``@@`` joins are undone before sacremoses detokenises it. Both
  libraries are the reference implementations the models were trained with; nothing here re-implements BPE.

Language tokens (``>>ind<<``, ``eng_Latn``, ``__en__``, ``<2en>``) and control tokens are never
text: :func:`clean_tokens` drops them before decoding.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

# tokens that name a language or steer the decoder, in the forms the supported model families use
LANGUAGE_TOKEN = re.compile(r"^(>>[\w-]+<<|__[a-z]{2,3}(_[A-Za-z]+)?__|[a-z]{3}_[A-Z][a-z]{3}|<2[\w-]+>)$")
CONTROL_TOKENS = frozenset({"<s>", "</s>", "<pad>", "<blank>", "<unk>"})
_SPACES = re.compile(r"\s+")


def clean_tokens(tokens: Sequence[str], prefix: Sequence[str] = ()) -> list[str]:
    """A hypothesis without the forced target prefix (CTranslate2 returns it first) and without any
    language or control token, wherever a model put one."""
    tokens = list(tokens)
    if prefix and tokens[:len(prefix)] == list(prefix):
        tokens = tokens[len(prefix):]
    return [t for t in tokens if t not in CONTROL_TOKENS and not LANGUAGE_TOKEN.match(t)]


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u2581", " ")).strip()


class SentencePieceTokenizer:
    """Source and target sentencepiece models (the same file twice when the vocabulary is shared)."""

    kind = "sentencepiece"

    def __init__(self, source_model: Path, target_model: Path | None = None) -> None:
        import sentencepiece as spm

        self.source = spm.SentencePieceProcessor(model_file=str(source_model))
        self.target = (self.source if target_model is None or target_model == source_model
                       else spm.SentencePieceProcessor(model_file=str(target_model)))

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return self.source.encode(list(texts), out_type=str)

    def decode(self, tokens: Sequence[str]) -> str:
        known = [t for t in tokens if t]
        return _tidy(self.target.decode_pieces(known)) if known else ""

    def source_pieces(self) -> set[str]:
        return {self.source.id_to_piece(i) for i in range(self.source.get_piece_size())}


class BpeTokenizer:
    """Moses tokenisation (sacremoses) + subword-nmt BPE, as OPUS-MT's 2019 BPE models were trained."""

    kind = "bpe"

    def __init__(self, codes: Path, source_lang: str, target_lang: str) -> None:
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        from subword_nmt.apply_bpe import BPE

        self.normalizer = MosesPunctNormalizer(lang=source_lang)
        self.tokenizer = MosesTokenizer(lang=source_lang)
        self.detokenizer = MosesDetokenizer(lang=target_lang)
        with codes.open(encoding="utf-8") as fh:
            self.bpe = BPE(fh)
        self._lock = threading.Lock()  # subword-nmt keeps a cache dict; one caller at a time

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        out = []
        with self._lock:
            for text in texts:
                words = self.tokenizer.tokenize(self.normalizer.normalize(text), escape=True)
                out.append(self.bpe.segment_tokens(words) if words else [])
        return out

    def decode(self, tokens: Sequence[str]) -> str:
        joined = " ".join(tokens).replace("@@ ", "")
        joined = re.sub(r"@@(\s|$)", r"\1", joined)  # a join marker on the last piece
        words = [w for w in joined.split(" ") if w]
        return _tidy(self.detokenizer.detokenize(words, unescape=True)) if words else ""


def load_vocabulary(model_dir: Path, side: str = "target") -> list[str]:
    """The tokens of a CTranslate2 model's source or target vocabulary (shared or per side; JSON or text)."""
    import json

    for name in (f"{side}_vocabulary", "shared_vocabulary"):
        as_json = model_dir / f"{name}.json"
        if as_json.is_file():
            return [str(t) for t in json.loads(as_json.read_text(encoding="utf-8"))]
        as_text = model_dir / f"{name}.txt"
        if as_text.is_file():
            return as_text.read_text(encoding="utf-8").split("\n")
    return []  # older models keep the vocabulary inside model.bin


def unknown_share(pieces: Iterable[Sequence[str]], vocabulary: set[str]) -> float:
    """The share of tokens a model would see as unknown (0.0 when every token is in its vocabulary)."""
    flat = [p for seq in pieces for p in seq]
    return sum(1 for p in flat if p not in vocabulary) / len(flat) if flat else 1.0
