"""OPUS-MT / Tatoeba-MT release → CTranslate2 int8 model, with CTranslate2's own ``OpusMTConverter``.

A release holds a Marian model (``*.npz``), ``decoder.yml`` naming it and its vocabulary ``.yml``
files, and ``source.spm``/``target.spm``. The converter needs numpy and PyYAML, not PyTorch. numpy
is the one exception to the "no numpy in briefgen" import contract (pyproject.toml): it ships only
with the optional machine-translation component, next to CTranslate2, and only this module imports
it, lazily, to read the model's Marian configuration and array shapes *before* converting, so a
model CTranslate2 cannot run (a Bergamot RNN decoder, a vocabulary that does not match the
embeddings) is refused in one line instead of failing deep inside the converter.

Progress and cancel: the converter reads the ``.npz`` through a file object that counts the bytes
read (about 200 progress steps) and raises :class:`~briefgen.errors.Cancelled` when the user
cancelled; quantisation and writing follow as the last step.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from briefgen.errors import Cancelled
from briefgen.progress import Progress
from briefgen.translate.archive import PackError

SUPPORTED_HINT = "a Transformer with a self-attention decoder (what OPUS-MT and Tatoeba-MT release)"


def _inside(root: Path, name: str, where: Path) -> Path:
    path = (root / name).resolve()
    if root.resolve() not in path.parents:
        raise PackError(f"refused: decoder.yml names {name!r}, outside the release folder", where)
    if not path.is_file():
        raise PackError(f"refused: decoder.yml names {name!r}, which the release does not contain", where)
    return path


def release_files(root: Path, where: Path) -> tuple[Path, list[Path]]:
    """The model ``.npz`` and vocabulary files of a release, from ``decoder.yml`` (or the only ones there)."""
    from briefgen.userfiles import UserFileError, load_yaml

    decoder = root / "decoder.yml"
    if decoder.is_file():
        try:  # the safe loader of every user file: alias and depth budgets, regular files, 1 MB
            config = load_yaml(decoder, max_bytes=1 << 20).data
            models, vocabs = list(config["models"]), list(config["vocabs"])
        except UserFileError as exc:
            raise PackError(f"refused: decoder.yml: {exc.reason}", where) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise PackError(f"refused: decoder.yml does not name models and vocabs ({type(exc).__name__})",
                            where) from exc
        if not models or not vocabs:
            raise PackError("refused: decoder.yml does not name models and vocabs", where)
        found = _inside(root, str(models[0]), where), [_inside(root, str(v), where) for v in vocabs]
    else:
        npz = sorted(root.glob("*.npz"))
        vocab = sorted(root.glob("*.vocab.yml")) or sorted(root.glob("vocab*.yml"))
        if len(npz) != 1 or not vocab:
            raise PackError("refused: a Marian model without decoder.yml and without exactly one .npz and a "
                            "vocabulary .yml; give the whole OPUS-MT release zip", where)
        found = npz[0], vocab[:1] * 2 if len(vocab) == 1 else vocab[:2]
    for path in dict.fromkeys(found[1]):
        if path.suffix in (".yml", ".yaml"):
            _plain_vocabulary(path, where)
    return found


def _plain_vocabulary(path: Path, where: Path) -> None:
    """A Marian vocabulary is a flat mapping of pieces to numbers: refuse anchors, aliases and nesting
    before the converter's YAML loader expands them (an alias bomb would take every byte of memory)."""
    import yaml

    from briefgen.userfiles import SafeLoader

    depth = 0
    try:
        with path.open("rb") as fh:
            for event in yaml.parse(fh, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    raise PackError(f"refused: the vocabulary {path.name} uses YAML anchors or aliases, which a "
                                    "Marian vocabulary never does", where)
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > 1:
                        raise PackError(f"refused: the vocabulary {path.name} is not a flat mapping", where)
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
    except yaml.YAMLError as exc:
        raise PackError(f"refused: the vocabulary {path.name} is not valid YAML", where) from exc


def npz_arrays(npz: Path, where: Path) -> dict[str, tuple[int, ...]]:
    """Every array's shape, read from the .npy headers without loading an array; refuses an ``.npz`` that
    would expand (an inner zip bomb) or whose headers claim more data than the members hold (numpy would
    allocate what the header says)."""
    from numpy.lib import format as npy

    from briefgen.translate.archive import MAX_RATIO, MAX_TOTAL_BYTES

    shapes: dict[str, tuple[int, ...]] = {}
    try:
        with zipfile.ZipFile(npz) as zf:
            members = zf.infolist()
            if len(members) > 100_000 or sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
                raise PackError(f"refused: {npz.name} would unpack to more than {MAX_TOTAL_BYTES} bytes", where)
            for info in members:
                if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise PackError(f"refused: {npz.name} member {info.filename!r} expands "
                                    f"{info.file_size // max(info.compress_size, 1)} times (a zip bomb?)", where)
                with zf.open(info) as member:
                    version = npy.read_magic(member)
                    read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
                    shape, _order, dtype = read(member)
                count = 1
                for n in shape:
                    count *= int(n)
                if count * dtype.itemsize > info.file_size:
                    raise PackError(f"refused: {npz.name} array {info.filename!r} claims {count * dtype.itemsize} "
                                    f"bytes but holds {info.file_size}", where)
                shapes[info.filename.removesuffix(".npy")] = tuple(int(n) for n in shape)
    except PackError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError(f"refused: {npz.name} is not a readable Marian model ({exc})", where) from exc
    return shapes


def marian_config(npz: Path, where: Path) -> dict:
    """The model's training configuration (``special:model.yml`` inside the ``.npz``)."""
    import numpy as np
    import yaml

    try:
        with np.load(npz, allow_pickle=False) as model:
            raw = model["special:model.yml"]
            text = raw[:-1].tobytes() if raw.size and raw[-1] == 0 else raw.tobytes()
        config = yaml.safe_load(text)
    except KeyError as exc:
        raise PackError(f"refused: {npz.name} has no special:model.yml (not a Marian model)", where) from exc
    except (OSError, ValueError, zipfile.BadZipFile, yaml.YAMLError) as exc:
        raise PackError(f"refused: {npz.name} is not a readable Marian model ({type(exc).__name__})", where) from exc
    if not isinstance(config, dict):
        raise PackError(f"refused: {npz.name} has an unreadable special:model.yml", where)
    return config


def vocab_size(path: Path) -> int:
    """Entries of a Marian vocabulary ``.yml`` (counted as CTranslate2's converter parses them)."""
    from ctranslate2.converters.marian import load_vocab

    return len(load_vocab(str(path)))


def check_release(root: Path, where: Path) -> tuple[Path, list[Path], dict]:
    """Refuse, before converting, what the converter cannot take; return (npz, vocabularies, config)."""
    npz, vocabs = release_files(root, where)
    shapes = npz_arrays(npz, where)  # before numpy loads anything from it
    config = marian_config(npz, where)
    for key in ("enc-depth", "dec-depth", "transformer-heads"):  # a hostile config must not build a giant spec
        value = config.get(key)
        if not isinstance(value, int) or not 1 <= value <= 64:
            raise PackError(f"refused: the Marian model's {key} is {value!r} (expected 1 to 64)", where)
    kind = config.get("type")
    decoder = config.get("transformer-decoder-autoreg", "self-attention")
    if kind != "transformer" or decoder != "self-attention":
        what = f"type {kind}" + (f", {decoder} decoder" if decoder != "self-attention" else "")
        raise PackError(f"refused: a Marian model of {what} (a Bergamot/Firefox-style RNN model?); CTranslate2 runs "
                        f"only {SUPPORTED_HINT}", where)
    shapes = {k: v for k, v in shapes.items() if k in ("Wemb", "encoder_Wemb", "decoder_Wemb")}
    try:
        sizes = [vocab_size(v) for v in vocabs]
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise PackError(f"refused: the vocabulary {vocabs[0].name} cannot be read ({exc})", where) from exc
    expected = {"Wemb": sizes[0], "encoder_Wemb": sizes[0], "decoder_Wemb": sizes[-1]}
    for name, shape in shapes.items():
        if shape and shape[0] != expected[name]:
            raise PackError(f"refused: the vocabulary does not match the model ({expected[name]} entries in "
                            f"{vocabs[0].name}, {shape[0]} rows in the model's {name})", where)
    return npz, vocabs, config


class _CountingReader(io.RawIOBase):
    """The ``.npz`` as the converter reads it: progress as it goes, cancel between reads."""

    def __init__(self, path: Path, progress: Progress, unit: int) -> None:
        self._fh = path.open("rb")
        self._progress = progress
        self._unit = unit
        self._reported = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def readinto(self, buffer) -> int:  # noqa: ANN001
        self._progress.cancel.raise_if_cancelled()
        count = self._fh.readinto(buffer)
        position = self._fh.tell() // self._unit
        if position > self._reported:
            self._progress.step("reading the Marian model", position - self._reported)
            self._reported = position
        return count

    def close(self) -> None:
        self._fh.close()
        super().close()


def convert_release(root: Path, out_dir: Path, where: Path, progress: Progress | None = None) -> dict:
    """Convert the release in ``root`` into a CTranslate2 int8 model at ``out_dir``; return its Marian config."""
    from briefgen.translate.engine import ENGINE_MISSING

    try:
        from ctranslate2.converters import OpusMTConverter
    except (ImportError, OSError) as exc:  # the optional MT component (CTranslate2 + numpy) is not installed
        raise PackError(f"refused: converting an OPUS-MT release needs {ENGINE_MISSING} ({type(exc).__name__})",
                        where) from exc
    progress = progress or Progress()
    npz, _vocabs, config = check_release(root, where)
    converter = OpusMTConverter(str(root))
    unit = max(1 << 16, npz.stat().st_size // 200)  # about 200 steps, none smaller than 64 KiB
    progress.grow(npz.stat().st_size // unit + 2)
    reader = _CountingReader(npz, progress, unit)
    if hasattr(converter, "_model_path"):  # the converter hands this to numpy.load, which takes a file object
        converter._model_path = reader
    try:
        converter.convert(str(out_dir), quantization="int8", force=True)
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a foreign model makes the converter raise: refuse it
        message = re.sub(r"\s+", " ", str(exc)).strip()[:300]
        raise PackError(f"refused: CTranslate2's OPUS-MT converter cannot convert it ({type(exc).__name__}: "
                        f"{message})", where) from exc
    finally:
        reader.close()
    progress.step("quantised to int8 and written")
    return config
