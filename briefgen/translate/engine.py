"""Running an installed pack: tokeniser in (sentencepiece or Moses + BPE, see :mod:`.tokenize`), with the
direction's language tokens, CTranslate2 batched int8 decoding, tokens cleaned and detokenised out.

int8 is asked for first because it is what makes a laptop CPU fast enough; CTranslate2 reports
what the CPU supports and the best of int8, int8_float32, float32 is used. The engine counts what
it does (``calls``, ``segments``, ``tokens``) so tests can prove a rebuild made no MT call and the
benchmark can print tokens per second. Between batches it honours ``progress.cancel``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache

from briefgen.progress import Progress
from briefgen.translate.packs import PackInfo, verify_pack

PREFERRED_COMPUTE = ("int8", "int8_float32", "int8_float16", "float32")
ENGINE_MISSING = ("the offline machine-translation engine (CTranslate2 and sentencepiece) is not installed with "
                  "this copy of briefgen: run the briefgen installer again and tick \u201cOffline machine "
                  "translation\u201d")


@cache
def engine_problem() -> str | None:
    """Why packs cannot run here (the engine is missing or does not load), or None when it is ready.

    The Windows installer makes the engine an optional component (it is most of the download and does
    nothing without a pack), so a frozen briefgen may lack its native libraries while the Python half
    is still importable: only a real import tells.
    """
    try:
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: a DLL of the engine found but not loadable
        return f"{ENGINE_MISSING} ({type(exc).__name__}: {exc})"
    return None


@cache
def best_compute_type(device: str = "cpu") -> str:
    """int8 when the CPU supports it, else the best type CTranslate2 offers."""
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types(device)
    return next((t for t in PREFERRED_COMPUTE if t in supported), "default")


def make_tokenizer(info: PackInfo):  # noqa: ANN201 - SentencePieceTokenizer | BpeTokenizer
    """The tokeniser the pack was made with: sentencepiece (shared, pair or source-only) or Moses + BPE."""
    from briefgen.translate.tokenize import BpeTokenizer, SentencePieceTokenizer

    if info.tokenizer.get("kind") == "bpe":
        return BpeTokenizer(info.path / info.tokenizer.get("codes", "bpe.model"), info.source, info.target)
    src, tgt = info.spm_files
    return SentencePieceTokenizer(src, tgt if tgt.is_file() else None)


class _Loaded:
    """One model in memory, shared by both directions of a multilingual pack."""

    def __init__(self, info: PackInfo, compute_type: str, threads: int, verify: bool) -> None:
        import ctranslate2

        if verify:
            verify_pack(info)  # a model changed on disk since install is refused, not run
        self.tokenizers: dict[tuple[str, str], object] = {}
        self.info = info
        self.model = ctranslate2.Translator(str(info.model_dir), device="cpu", compute_type=compute_type,
                                            intra_threads=threads)
        self.lock = threading.Lock()

    def tokenizer(self, source: str, target: str):  # noqa: ANN201
        key = (source, target) if self.info.tokenizer.get("kind") == "bpe" else ("", "")
        if key not in self.tokenizers:  # Moses tokenises by language, so BPE packs get one per direction
            from dataclasses import replace

            self.tokenizers[key] = make_tokenizer(replace(self.info, source=source, target=target))
        return self.tokenizers[key]


class PackEngine:
    """One direction of a pack, loaded on first use; thread-safe for one caller at a time.

    ``shared`` (a dict the caller keeps) lets the two directions of a multilingual pack share one
    loaded model instead of holding it twice in memory."""

    def __init__(self, info: PackInfo, batch_size: int = 16, beam_size: int = 2, threads: int = 0,
                 compute_type: str | None = None, source: str | None = None, target: str | None = None,
                 shared: dict | None = None, verify: bool = True) -> None:
        self.info = info
        self.name = info.name
        self.source, self.target = source or info.source, target or info.target
        settings = info.direction(self.source, self.target)
        self.source_prefix = list(settings.get("source_prefix") or [])
        self.source_suffix = list(settings.get("source_suffix") or [])
        self.target_prefix = list(settings.get("target_prefix") or [])
        self.placeholders_ok = info.placeholders_ok
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.threads = threads
        self.compute_type = compute_type or best_compute_type()
        self.verify = verify
        self.calls = 0  # batches decoded
        self.segments = 0  # sentences sent to the model
        self.tokens = 0  # target tokens produced
        self._shared = shared if shared is not None else {}

    @property
    def _model(self):  # noqa: ANN202 - the ctranslate2.Translator (tests read its compute type)
        loaded = self._shared.get(str(self.info.path))
        return loaded.model if loaded else None

    def _load(self) -> _Loaded:
        key = str(self.info.path)
        if key not in self._shared:
            self._shared[key] = _Loaded(self.info, self.compute_type, self.threads, self.verify)
        return self._shared[key]

    def translate(self, texts: Sequence[str], progress: Progress | None = None, max_length: int = 512) -> list[str]:
        """Translate sentences in batches; ``progress`` advances one step per batch and may cancel.

        The direction's language tokens go around the source (``>>ind<<``, ``ind_Latn`` … ``</s>``,
        ``<2en>``) and its forced target prefix (``eng_Latn``) is given to CTranslate2; the output has
        the prefix and every language token removed before it is detokenised. Output is capped at twice
        the input's length (plus a margin, at most ``max_length`` tokens) so a model that never emits an
        end token cannot run away."""
        from briefgen.translate.tokenize import clean_tokens

        progress = progress or Progress()
        texts = list(texts)
        if not texts:
            return []
        loaded = self._load()
        with loaded.lock:
            tokenizer = loaded.tokenizer(self.source, self.target)
            out: list[str] = []
            batches = [texts[i:i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
            progress.grow(len(batches))
            for batch in batches:
                progress.cancel.raise_if_cancelled()
                pieces = [self.source_prefix + p + self.source_suffix for p in tokenizer.encode(batch)]
                longest = max((len(p) for p in pieces), default=1)
                results = loaded.model.translate_batch(
                    pieces, target_prefix=[self.target_prefix] * len(pieces) if self.target_prefix else None,
                    beam_size=self.beam_size, max_batch_size=self.batch_size, replace_unknowns=True,
                    max_decoding_length=min(max_length, 2 * longest + 16 + len(self.target_prefix)),
                    batch_type="examples")
                self.calls += 1
                self.segments += len(batch)
                for result in results:
                    hypothesis = clean_tokens(result.hypotheses[0], self.target_prefix)
                    self.tokens += len(hypothesis)
                    out.append(tokenizer.decode(hypothesis))
                progress.step(f"{self.name}: {len(out)}/{len(texts)}")
            return out
