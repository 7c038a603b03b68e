"""Machine-translation packs: installed from a file or folder the user chose, checked before anything runs.

``install_pack`` accepts every shape :mod:`briefgen.translate.formats` recognises (briefgen packs, Argos
packages, OPUS-MT/Tatoeba-MT releases, CTranslate2 folders of NLLB-200/M2M-100/MADLAD-400) and turns
each into one installed layout under ``<user data>/packs/<name>/``: ``model/`` (CTranslate2), the
tokeniser files, README/LICENSE as shipped, and ``installed.json`` recording what the pack is
(format, model name, directions with their language tokens, licence, quality, size) and the sha256,
size and modification time of every model file.

Install is atomic: everything happens in a private staging folder inside the packs folder (unpack
with the checks of :mod:`briefgen.translate.archive`, convert, check the vocabulary, run a canary
translation per direction, probe whether glossary placeholders survive), and only a pack that
passed is renamed into place; a failed or cancelled install leaves nothing behind.

When a pack is loaded its files are checked again: a file whose size and modification time are as
recorded is trusted (cheap), any other is hashed in full and the pack is refused if it changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Cancelled
from briefgen.model.text import Lang
from briefgen.progress import Progress
from briefgen.resources import user_data_dir
from briefgen.translate.archive import PackError, bring_in, remove_tree
from briefgen.translate.formats import FORMAT_NAMES, MULTILINGUAL, SPM_NAMES, Detected, detect
from briefgen.translate.tmx_read import lang_code

__all__ = ["NeedsChoice", "PackError", "PackInfo", "active_packs", "install_pack", "list_packs", "find_pack",
           "remove_pack", "verify_pack"]

RECORD = "installed.json"
CANARY = {"id": ["Menteri Luar Negeri tiba di Jakarta pada hari Kamis.", "Presiden bertemu para menteri."],
          "en": ["The minister arrived on Thursday.", "The president met the ministers."]}
PROBE = {"id": ["XT1X tiba di XT2X pada hari Kamis.", "Menteri XT1X bertemu XT2X."],
         "en": ["XT1X arrived in XT2X on Thursday.", "The minister XT1X met XT2X."]}
MAX_UNKNOWN = 0.2  # share of a canary's source tokens the model may not know before we call it a mismatch
_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_KEEP = re.compile(r"^(README|LICEN[CS]E|COPYING|NOTICE|metadata\.json$|.*\.eval\.txt$|.*\.test\.txt$)", re.I)


class NeedsChoice(PackError):
    """The pack is fine but needs a choice its files do not settle: ``option`` is the ``install_pack``
    keyword (``direction`` or ``target_token``), ``choices`` what may be given. The window asks; the CLI
    names the flag."""

    def __init__(self, message: str, path: Path, option: str, choices: list[str]) -> None:
        super().__init__(message, path)
        self.option = option
        self.choices = list(choices)


@dataclass(frozen=True)
class PackInfo:
    """An installed (or staged) pack: where it lives, what it translates and what it is."""

    name: str
    source: Lang
    target: Lang
    path: Path
    licence: str = "unknown"
    version: str = ""
    kind: str = "briefgen"  # the format it came from: briefgen | argos | opus-mt | nllb | m2m100 | madlad
    hashes_checked: bool = True  # False when the publisher lists no hashes (recorded at install)
    sha256: dict[str, str] = field(default_factory=dict)
    directions: tuple[dict, ...] = ()  # {"source", "target", "source_prefix", "source_suffix", "target_prefix"}
    model_name: str = ""
    licence_file: str = ""
    non_commercial: bool = False
    quality: str = ""
    size: int = 0
    tokenizer: dict = field(default_factory=dict)  # {"kind": "sentencepiece"|"bpe", files...}
    placeholders_ok: bool = True
    files: dict[str, list[int]] = field(default_factory=dict)  # rel -> [size, mtime_ns] at install
    installed: str = ""  # ISO time of the install: of two packs for one direction, the later one is used

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def pairs(self) -> list[tuple[Lang, Lang]]:
        return [(d["source"], d["target"]) for d in self.directions] or [(self.source, self.target)]

    def direction(self, source: Lang, target: Lang) -> dict:
        """The language tokens for one direction (empty lists for a plain bilingual model)."""
        for d in self.directions:
            if (d["source"], d["target"]) == (source, target):
                return d
        return {"source": source, "target": target}

    @property
    def spm_files(self) -> tuple[Path, Path]:
        """(source, target) sentencepiece models; the same file twice for a shared one."""
        tok = self.tokenizer
        if tok.get("source"):
            return self.path / tok["source"], self.path / tok.get("target", tok["source"])
        if (self.path / "source.spm").is_file():
            return self.path / "source.spm", self.path / "target.spm"
        return self.path / "sentencepiece.model", self.path / "sentencepiece.model"

    @property
    def direction_label(self) -> str:
        pairs = self.pairs
        if len(pairs) == 2 and set(pairs) == {("id", "en"), ("en", "id")}:
            return "id↔en"
        return ", ".join(f"{s}→{t}" for s, t in pairs)

    @property
    def size_label(self) -> str:
        return _size_text(self.size)

    @property
    def licence_label(self) -> str:
        text = self.licence or "unknown"
        return text + (" (non-commercial)" if self.non_commercial and "non-commercial" not in text else "")

    def facts(self) -> dict:
        """What ``packs list --json``, the Translation packs window and About show."""
        return {"name": self.name, "direction": self.direction_label, "directions": [f"{s}-{t}" for s, t in
                                                                                     self.pairs],
                "model": self.model_name or self.name, "format": self.kind,
                "format_name": FORMAT_NAMES.get(self.kind, self.kind), "licence": self.licence or "unknown",
                "licence_file": self.licence_file, "non_commercial": self.non_commercial,
                "size_bytes": self.size, "quality": self.quality or None, "version": self.version,
                "hashes_published": self.hashes_checked, "glossary_placeholders": self.placeholders_ok,
                "path": str(self.path), "installed": self.installed}

    def describe(self) -> str:
        quality = self.quality or "-"
        return (f"{self.name}\t{self.direction_label}\t{self.model_name or '-'}\t{self.kind}\t{self.licence_label}\t"
                f"{_size_text(self.size)}\t{quality}")


def _size_text(size: int) -> str:
    return f"{size / 1024**2:.0f} MB" if size >= 10 * 1024**2 else f"{size / 1024**2:.1f} MB"


def packs_dir() -> Path:
    path = user_data_dir() / "packs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- assembling the installed layout -----------------------------------------------------------------------------


def _model_files(root: Path) -> list[str]:
    files = [p for p in (root / "model").rglob("*") if p.is_file()]
    files += [p for p in root.iterdir() if p.is_file() and p.name not in (RECORD, "metadata.json")
              and not _KEEP.match(p.name)]
    return sorted(p.relative_to(root).as_posix() for p in files)


def _check_briefgen_hashes(found: Detected, where: Path) -> None:
    root, meta = found.root, found.meta
    if not (root / "model" / "model.bin").is_file():
        raise PackError("refused: model/model.bin (a CTranslate2 model) is missing", where)
    has_pair = (root / "source.spm").is_file() and (root / "target.spm").is_file()
    if not has_pair and not (root / "sentencepiece.model").is_file():
        raise PackError("refused: needs source.spm and target.spm, or sentencepiece.model", where)
    declared = meta.get("sha256")
    if not isinstance(declared, dict) or not declared:
        raise PackError("refused: metadata.json lists no sha256 for the model files", where)
    actual = {rel: sha256_file(root / rel) for rel in _model_files(root)}
    for rel, digest in actual.items():
        if rel not in declared:
            raise PackError(f"refused: {rel} has no sha256 in metadata.json", where)
        if str(declared[rel]).lower() != digest:
            raise PackError(f"refused: {rel} does not match its sha256 in metadata.json (damaged or altered)", where)
    absent = sorted(set(declared) - set(actual))
    if absent:
        raise PackError(f"refused: {absent[0]} is listed in metadata.json but not in the pack", where)


def _move(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dest)


def _keep_documents(root: Path, pack: Path) -> None:
    for path in root.iterdir():
        if path.is_file() and _KEEP.match(path.name):
            _move(path, pack / path.name)


def _assemble(found: Detected, pack: Path, where: Path, progress: Progress) -> dict:
    """Lay the detected model out as an installed pack in ``pack``; return the tokeniser description."""
    root = found.root
    pack.mkdir()
    if found.format == "opus-mt":
        from briefgen.translate.opus_convert import convert_release

        if not (root / "source.spm").is_file() and (root / "source.bpe").is_file():
            raise PackError("refused: an OPUS-MT release with BPE and a truecaser (source.bpe, source.tcmodel), not "
                            "SentencePiece; install the Argos port of it (bpe.model) or a newer release", where)
        convert_release(root, pack / "model", where, progress)
        for name in ("source.spm", "target.spm"):
            if not (root / name).is_file():
                raise PackError(f"refused: the OPUS-MT release has no {name}", where)
            _move(root / name, pack / name)
        _keep_documents(root, pack)
        return {"kind": "sentencepiece", "source": "source.spm", "target": "target.spm"}
    if found.format in MULTILINGUAL:
        model = pack / "model"
        model.mkdir()
        for path in root.iterdir():
            if path.is_file() and (path.name in ("model.bin", "config.json") or "vocabulary" in path.name):
                _move(path, model / path.name)
        spm = next(n for n in SPM_NAMES if (root / n).is_file())
        _move(root / spm, pack / spm)
        _keep_documents(root, pack)
        return {"kind": "sentencepiece", "source": spm, "target": spm}
    # briefgen and Argos: the layout is already ours; Argos' stanza/ and minisbd/ are left out
    if found.format == "briefgen":
        _check_briefgen_hashes(found, where)
    _move(root / "model", pack / "model")
    for name in ("source.spm", "target.spm", "sentencepiece.model", "bpe.model"):
        if (root / name).is_file():
            _move(root / name, pack / name)
    _keep_documents(root, pack)
    if (pack / "bpe.model").is_file() and not (pack / "sentencepiece.model").is_file():
        return {"kind": "bpe", "codes": "bpe.model"}
    if (pack / "source.spm").is_file() and (pack / "target.spm").is_file():
        return {"kind": "sentencepiece", "source": "source.spm", "target": "target.spm"}
    return {"kind": "sentencepiece", "source": "sentencepiece.model", "target": "sentencepiece.model"}


def _directions(found: Detected, model_dir: Path, where: Path, direction: str | None,
                target_token: str | None) -> list[dict]:
    """Each direction with the tokens its model family needs (source tag, end token, forced target prefix)."""
    from briefgen.translate.tokenize import load_vocabulary

    pairs = found.directions
    if direction:
        parts = [lang_code(p) for p in re.split(r"[-_→>]+", direction) if p]
        if len(parts) != 2 or None in parts or parts[0] == parts[1]:
            raise PackError(f"--direction {direction!r}: say id-en or en-id", where)
        wanted = (parts[0], parts[1])
        if found.format in MULTILINGUAL or not pairs or pairs == [("", "")]:
            pairs = [wanted]  # type: ignore[list-item]
        elif wanted not in pairs:
            raise PackError(f"--direction {direction} contradicts the pack, which translates "
                            f"{pairs[0][0]}→{pairs[0][1]}", where)
    if not pairs or pairs == [("", "")]:
        raise NeedsChoice(f"refused for now: the {FORMAT_NAMES[found.format]} does not say its languages; install "
                          f"it again saying which direction it translates (--direction id-en or en-id)", where,
                          "direction", ["id-en", "en-id"])
    out = []
    for src, tgt in pairs:
        entry: dict = {"source": src, "target": tgt, "source_prefix": [], "source_suffix": [], "target_prefix": []}
        if found.format in MULTILINGUAL:
            tokens = MULTILINGUAL[found.format]
            if found.format == "madlad":
                entry["source_prefix"] = [tokens[tgt]]  # MADLAD names the *target* language in the source
            else:
                entry["source_prefix"], entry["target_prefix"] = [tokens[src]], [tokens[tgt]]
            entry["source_suffix"] = ["</s>"]
        elif found.format == "argos" and found.meta.get("target_prefix"):
            entry["target_prefix"] = [str(found.meta["target_prefix"])]
        elif found.format == "opus-mt":
            entry["source_prefix"] = _opus_target_token(load_vocabulary(model_dir, "source"), tgt, target_token,
                                                        where, found.meta.get("language_labels") or [])
        out.append(entry)
    return out


def _opus_target_token(vocabulary: list[str], target: Lang, given: str | None, where: Path,
                       readme_labels: list[str]) -> list[str]:
    """A multi-target OPUS-MT model wants ``>>ind<<``-style tokens first; pick the one for ``target``: the
    user's (``--target-token``), else the only one of the vocabulary for that language, else the only one
    of those the README lists as valid. The token is recorded in the pack's ``installed.json``."""
    labels = [t for t in vocabulary if re.fullmatch(r">>[\w-]+<<", t)]
    if given:
        token = given if given.startswith(">>") else f">>{given}<<"
        if token not in labels:
            raise PackError(f"--target-token {given}: the model knows no such token (it knows "
                            f"{', '.join(labels[:8]) or 'none'})", where)
        return [token]
    if not labels:
        return []
    matching = [t for t in labels if lang_code(t[2:-2].split("_")[0]) == target]
    if len(matching) > 1 and readme_labels:
        matching = [t for t in matching if t in readme_labels]
    if len(matching) != 1:
        raise NeedsChoice(f"refused for now: a multi-target model needs its target-language token; install it "
                          f"again with --target-token (it knows {', '.join(labels[:8])})", where, "target_token",
                          (matching or labels)[:300])
    return matching


# -- checks that run the model --------------------------------------------------------------------------------


def _check_vocabulary(info: PackInfo, where: Path) -> None:
    """The tokeniser must produce tokens the model knows: a sentencepiece model from another pack does not."""
    from briefgen.translate.engine import make_tokenizer
    from briefgen.translate.tokenize import load_vocabulary, unknown_share

    vocabulary = set(load_vocabulary(info.model_dir, "source"))
    if not vocabulary:
        return
    tokenizer = make_tokenizer(info)
    for src, _tgt in info.pairs:
        share = unknown_share(tokenizer.encode(CANARY[src]), vocabulary)
        if share > MAX_UNKNOWN:
            raise PackError(f"refused: the tokeniser does not match the model's vocabulary ({share:.0%} of a test "
                            f"sentence's tokens are unknown to the model)", where)


def _canary(info: PackInfo, where: Path) -> bool:
    """Translate a test sentence per direction; return whether glossary placeholders came back intact."""
    from briefgen.translate.engine import PackEngine, engine_problem
    from briefgen.translate.glossary import PLACEHOLDER_RE

    problem = engine_problem()
    if problem:  # say what is missing, not "the model does not run"
        raise PackError(f"refused: the pack cannot be tried, {problem}", where)
    intact = True
    for src, tgt in info.pairs:
        try:
            engine = PackEngine(info, source=src, target=tgt, beam_size=1, verify=False)
            out = engine.translate(CANARY[src][:1], max_length=32)
            probe = engine.translate(PROBE[src], max_length=32)
        except PackError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of a foreign model means: refuse the pack
            message = " ".join(str(exc).split())[:200]
            raise PackError(f"refused: the model does not run ({type(exc).__name__}: {message})", where) from exc
        if len(out) != 1 or not out[0].strip():
            raise PackError(f"refused: the model's test translation ({src}→{tgt}) came back empty", where)
        for text in probe:
            numbers = sorted(int(m.group(1)) for m in PLACEHOLDER_RE.finditer(text))
            intact = intact and numbers == [1, 2]
    return intact


# -- install, list, verify, remove ---------------------------------------------------------------------------


def _pack_name(found: Detected, directions: list[dict]) -> str:
    meta_name = str(found.meta.get("name") or "") if found.format == "briefgen" else ""
    if meta_name:
        name = meta_name
    else:
        pair = "-".join(directions[0][k] for k in ("source", "target")) if len(directions) == 1 else "id-en"
        model = re.sub(r"[^A-Za-z0-9._-]+", "-", found.model_name).strip("-.")[:50]
        version = str(found.meta.get("package_version") or "")
        if found.format == "argos":  # Argos packages are known by direction and version: argos-id-en-1.9
            name = f"argos-{pair}-{version}" if version else f"argos-{pair}"
        else:
            name = f"{found.format}-{pair}-{model}" if model else f"{found.format}-{pair}"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80]
    if not _NAME_OK.match(name):
        raise PackError("refused: the pack needs a name (letters, digits, '.', '_' or '-')")
    return name


def install_pack(source: Path | str, canary: bool = True, direction: str | None = None,
                 target_token: str | None = None, progress: Progress | None = None) -> PackInfo:
    """Detect, check, convert if needed and install a pack file or folder; a pack of the same name is
    replaced only once the new one passed. ``progress`` reports unpacking and conversion and may cancel."""
    source = Path(source)
    progress = progress or Progress()
    if not source.exists():
        raise PackError("no such file", source)
    base = packs_dir()
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=base))
    try:
        return _install(source, staging, base, canary, direction, target_token, progress)
    except (PackError, Cancelled):
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile or broken model must give one line, never a traceback
        message = " ".join(str(exc).split())[:200]
        raise PackError(f"refused: the model files cannot be used ({type(exc).__name__}: {message})", source) from exc
    finally:
        remove_tree(staging)


def _install(source: Path, staging: Path, base: Path, canary: bool, direction: str | None,
             target_token: str | None, progress: Progress) -> PackInfo:
    """Everything of an install after the staging folder exists; the caller removes it whatever happens."""
    raw = staging / "in"
    bring_in(source, raw, progress)
    progress.cancel.raise_if_cancelled()
    found = detect(raw, source)
    pack = staging / "pack"
    tokenizer = _assemble(found, pack, source, progress)
    directions = _directions(found, pack / "model", source, direction, target_token)
    name = _pack_name(found, directions)
    files = _model_files(pack)
    sha = {rel: sha256_file(pack / rel) for rel in files}
    stats = {rel: [(pack / rel).stat().st_size, (pack / rel).stat().st_mtime_ns] for rel in files}
    version = str(found.meta.get("package_version") or found.meta.get("version") or "")
    info = PackInfo(name, directions[0]["source"], directions[0]["target"], pack, found.licence, version,
                    found.format, found.format == "briefgen", sha, tuple(directions), found.model_name,
                    found.licence_file, found.non_commercial, found.quality,
                    sum(p.stat().st_size for p in pack.rglob("*") if p.is_file()), tokenizer, True, stats)
    if canary:
        from briefgen.translate.engine import engine_problem

        problem = engine_problem()
        if problem:  # say what is missing (the optional MT component), not that the model is broken
            raise PackError(f"refused: the pack cannot be tried, {problem}", source)
        _check_vocabulary(info, source)
        progress.cancel.raise_if_cancelled()
        info = _with(info, placeholders_ok=_canary(info, source))
    record = {**_record_of(info), "installed_from": source.name,
              "installed": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")}
    (pack / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    progress.cancel.raise_if_cancelled()
    final = base / name
    old = base / f".old-{name}"
    remove_tree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(pack, final)
    remove_tree(old)
    return _record_info(final)


def _with(info: PackInfo, **changes: object) -> PackInfo:
    from dataclasses import replace

    return replace(info, **changes)


def _record_of(info: PackInfo) -> dict:
    return {"name": info.name, "source": info.source, "target": info.target, "directions": list(info.directions),
            "model": info.model_name, "format": info.kind, "licence": info.licence or "unknown",
            "licence_file": info.licence_file, "non_commercial": info.non_commercial, "quality": info.quality,
            "size": info.size, "version": info.version, "tokenizer": info.tokenizer,
            "placeholders_ok": info.placeholders_ok, "hashes_checked": info.hashes_checked,
            "sha256": info.sha256, "files": info.files}


def _record_info(folder: Path) -> PackInfo:
    meta = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    return PackInfo(meta["name"], meta["source"], meta["target"], folder, meta.get("licence") or "unknown",
                    meta.get("version", ""), meta.get("format") or meta.get("kind", "briefgen"),
                    bool(meta.get("hashes_checked", True)), dict(meta.get("sha256", {})),
                    tuple(meta.get("directions") or ()), meta.get("model", ""), meta.get("licence_file", ""),
                    bool(meta.get("non_commercial")), meta.get("quality", ""), int(meta.get("size", 0)),
                    dict(meta.get("tokenizer") or {}), bool(meta.get("placeholders_ok", True)),
                    dict(meta.get("files") or {}), str(meta.get("installed") or ""))


def verify_pack(info: PackInfo) -> None:
    """Refuse a pack whose model files changed since install: size and mtime first (cheap), sha256 when
    either differs; a file that only got a new time but the same bytes is recorded again."""
    changed = False
    files = dict(info.files)
    for rel, digest in info.sha256.items():
        path = info.path / rel
        try:
            st = path.stat()
        except OSError as exc:
            raise PackError(f"refused: {rel} is missing from the installed pack; install it again", info.path) from exc
        if files.get(rel) == [st.st_size, st.st_mtime_ns]:
            continue
        if sha256_file(path) != digest:
            raise PackError(f"refused: {rel} was changed after install (its sha256 differs); install the pack again",
                            info.path)
        files[rel] = [st.st_size, st.st_mtime_ns]
        changed = True
    if changed:  # remember the new times so the next load is cheap again (atomic write)
        record = json.loads((info.path / RECORD).read_text(encoding="utf-8"))
        record["files"] = files
        tmp = info.path / f".{RECORD}.tmp"
        tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, info.path / RECORD)


def list_packs() -> list[PackInfo]:
    """Installed packs, by name; folders without a readable install record are skipped."""
    out = []
    for folder in sorted(packs_dir().iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and (folder / RECORD).is_file():
            try:
                out.append(_record_info(folder))
            except (OSError, ValueError, KeyError, TypeError):
                continue
    return out


def active_packs(packs: list[PackInfo] | None = None) -> dict[tuple[Lang, Lang], PackInfo]:
    """The pack used for each direction: of several, the one installed last (installing a better model
    is how a user switches to it; removing it brings the previous one back)."""
    active: dict[tuple[Lang, Lang], PackInfo] = {}
    for info in sorted(list_packs() if packs is None else packs, key=lambda p: (p.installed, p.name)):
        for pair in info.pairs:
            active[pair] = info
    return active


def listing() -> list[dict]:
    """Every installed pack's facts, with the directions it is used for (``packs list --json``)."""
    packs = list_packs()
    active = active_packs(packs)
    return [{**p.facts(), "in_use_for": [f"{s}-{t}" for (s, t), a in active.items() if a.name == p.name]}
            for p in packs]


def find_pack(source: Lang, target: Lang) -> PackInfo | None:
    """The installed pack used for a direction (see :func:`active_packs`)."""
    return active_packs().get((source, target))


def remove_pack(name: str) -> PackInfo:
    for info in list_packs():
        if info.name == name:
            shutil.rmtree(info.path)
            return info
    raise PackError(f"no installed pack named {name!r} (see 'briefgen packs list')")
