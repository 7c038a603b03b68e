"""What keeps the Review tab fast on a large memory gives the same suggestions: the fuzzy index patched after a
person's store (instead of read again), and the search in slices (instead of at once)."""

from __future__ import annotations

import random

from briefgen.translate.memory import TranslationMemory

WORDS = ("kunjungan menteri luar negeri korea selatan utara rusia kerja sama militer senjata amerika serikat "
         "pertemuan dewan keamanan resolusi pasokan bantuan teknis jalan dua arah aliran").split()


def sentences(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(6, 12))).capitalize() + f" {i}." for i in range(n)]


def test_patched_index_and_sliced_search_agree_with_a_fresh_memory(tmp_path):
    path = tmp_path / "tm.sqlite"
    base = sentences(400)
    probes = base[:25]
    with TranslationMemory(path) as memory:
        memory.store_many([(s, f"EN {s}") for s in base], "id", "en")
        for probe in probes:  # load both directions' indexes, then store the Review tab's way, one by one
            memory.suggest(probe, "id", "en")
            memory.suggest(f"EN {probe}", "en", "id")
        assert memory.fuzzy_ready("id", "en") and memory.fuzzy_ready("en", "id")
        for s in probes[:10]:
            memory.store(s, f"EN (corrected) {s}", "id", "en")  # replaces an earlier translation
        for s in sentences(10, seed=9):
            memory.store(s, f"EN new {s}", "id", "en")  # a new sentence
        patched = {(p, d): memory.suggest(p if d == "id" else f"EN {p}", d, "en" if d == "id" else "id", limit=8)
                   for p in probes for d in ("id", "en")}
        assert memory.fuzzy_ready("id", "en")  # patched, not dropped
        sliced = [list(memory.suggest_steps(p, "id", "en", limit=8, chunk=37))[-1] for p in probes]
    with TranslationMemory(path) as fresh:  # reads the index whole
        for (p, d), found in patched.items():
            assert found == fresh.suggest(p if d == "id" else f"EN {p}", d, "en" if d == "id" else "id", limit=8)
        assert sliced == [fresh.suggest(p, "id", "en", limit=8) for p in probes]
    assert any("corrected" in m.target for m in patched[(probes[0], "id")])
