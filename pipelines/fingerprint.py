"""Story fingerprints: the same text from another URL or another source.

An exact hash of the folded words catches verbatim copies; a 64-bit simhash
over word trigrams catches syndicated copies that differ by a dateline or a
sentence. Lookups use four 16-bit bands (pigeonhole), so a match within 3
bits costs four dict lookups.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
#: Texts with fewer words get no simhash: too little text to call near-duplicates.
MIN_WORDS_FOR_SIMHASH = 40


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _MARKS.sub("", text).translate(_FOLD)
    return _WORD.findall(text)


def of_body(body: str) -> tuple[str, int | None]:
    tokens = words(body)
    exact = hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()[:32]
    return exact, (simhash(tokens) if len(tokens) >= MIN_WORDS_FOR_SIMHASH else None)


def simhash(tokens: list[str]) -> int:
    weights = [0] * 64
    shingles = [" ".join(tokens[i:i + 3]) for i in range(max(1, len(tokens) - 2))]
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if (h >> bit) & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


class SimhashIndex:
    def __init__(self):
        self.bands: list[dict[int, list]] = [{} for _ in range(4)]

    def add(self, value: int, payload) -> None:
        for i, band in enumerate(self.bands):
            band.setdefault((value >> (16 * i)) & 0xFFFF, []).append((value, payload))

    def find(self, value: int, max_distance: int):
        """The first stored payload within max_distance bits (max_distance <= 3)."""
        for i, band in enumerate(self.bands):
            for other, payload in band.get((value >> (16 * i)) & 0xFFFF, ()):
                if bin(other ^ value).count("1") <= max_distance:
                    return payload
        return None
