"""Running an installed pack: sentencepiece in, CTranslate2 batched int8 decoding, sentencepiece out.

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
from briefgen.translate.packs import PackInfo

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


class PackEngine:
    """One direction's model, loaded on first use; thread-safe for one caller at a time."""

    def __init__(self, info: PackInfo, batch_size: int = 16, beam_size: int = 2, threads: int = 0,
                 compute_type: str | None = None) -> None:
        self.info = info
        self.name = info.name
        self.source, self.target = info.source, info.target
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.threads = threads
        self.compute_type = compute_type or best_compute_type()
        self.calls = 0  # batches decoded
        self.segments = 0  # sentences sent to the model
        self.tokens = 0  # target tokens produced
        self._model = None
        self._sp: tuple = ()
        self._lock = threading.Lock()

    def _load(self) -> None:
        import ctranslate2
        import sentencepiece as spm

        src_spm, tgt_spm = self.info.spm_files
        self._sp = (spm.SentencePieceProcessor(model_file=str(src_spm)),
                    spm.SentencePieceProcessor(model_file=str(tgt_spm)))
        self._model = ctranslate2.Translator(str(self.info.model_dir), device="cpu", compute_type=self.compute_type,
                                             intra_threads=self.threads)

    def translate(self, texts: Sequence[str], progress: Progress | None = None, max_length: int = 512) -> list[str]:
        """Translate sentences in batches; ``progress`` advances one step per batch and may cancel.

        Output is capped at twice the input's length (plus a margin, at most ``max_length`` tokens) so a
        model that never emits an end token cannot run away."""
        progress = progress or Progress()
        texts = list(texts)
        if not texts:
            return []
        with self._lock:
            if self._model is None:
                self._load()
            src_sp, tgt_sp = self._sp
            out: list[str] = []
            batches = [texts[i:i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
            progress.grow(len(batches))
            for batch in batches:
                progress.cancel.raise_if_cancelled()
                pieces = src_sp.encode(batch, out_type=str)
                longest = max((len(p) for p in pieces), default=1)
                results = self._model.translate_batch(
                    pieces, beam_size=self.beam_size, max_batch_size=self.batch_size,
                    max_decoding_length=min(max_length, 2 * longest + 16), batch_type="examples")
                self.calls += 1
                self.segments += len(batch)
                for result in results:
                    hypothesis = result.hypotheses[0]
                    self.tokens += len(hypothesis)
                    out.append(tgt_sp.decode(hypothesis).strip())
                progress.step(f"{self.name}: {len(out)}/{len(texts)}")
            return out
