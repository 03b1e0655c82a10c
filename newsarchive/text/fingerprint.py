"""Story fingerprints: the same text from another URL or another source.

A body gets three things (``Fingerprint``), all computed here and nowhere else:

- ``exact``: SHA-256 of the folded words (``words``): verbatim copies, and the
  refresh check (a new version is archived only when this changes);
- ``signature``: a MinHash (datasketch, ``affine32`` permutations, seed 1,
  shingles hashed with CRC-32) of the set of word trigrams of the folded
  words: ``NUM_PERM`` = 256 values, each kept to its low 8 bits (256 bytes);
- ``near_keys``: LSH band keys over the first ``LSH_PERM`` = 128 values:
  ``b`` bands of ``r`` values, each band hashed (BLAKE2b, band number as
  salt) to 12 hex digits. (b, r) is datasketch's optimal split for the
  threshold with false negatives weighted 0.98, false positives 0.02: every
  candidate is confirmed by its signature, so a missed candidate costs
  recall and a spurious one a 256-byte comparison.

Two bodies are the same story when the Jaccard similarity of their trigram
sets, estimated from their signatures (agreeing positions, corrected for the
1/256 chance that two 8-bit values agree anyway), is at least
``DEDUPE_NEAR_THRESHOLD`` (default 0.6); only stories that share a band key
are compared.

Guarantee: for two bodies with trigram-set Jaccard similarity J each
signature position agrees independently with probability
p = J + (1 - J)/256, so the pair is linked with probability
``NearPolicy.detection_probability(J)`` = P(some band agrees on all its r
positions and at least ``min_agree`` of the 256 agree), computed exactly:
at the default (b=31, r=4, 154 of 256) 1 - 4.5e-4 at J=0.7, 1 - 7e-6 at
J=0.75, 0.48 at J=0.6, 8.5e-4 at J=0.5, 1e-10 at J=0.4. bench/neardup.py measures it on edited
copies and on different stories of one agency template.

Bodies with fewer than ``MIN_SHINGLES_FOR_NEAR`` (40) distinct trigrams
(counted on the set MinHash sees: a paragraph repeated counts once) or
``min_chars`` characters get no signature: too little text to call
near-duplicates.
The title is not part of any fingerprint.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))

#: Texts with fewer distinct word trigrams get no signature: too little text to call
#: near-duplicates (one changed word changes up to 3 trigrams: 7.5% of 40).
MIN_SHINGLES_FOR_NEAR = 40
#: Words per shingle.
SHINGLE = 3
#: MinHash permutations (signature positions) and the bits kept of each value.
NUM_PERM = 256
BITS = 8
SEED = 1
#: Signature positions the LSH bands cover (the first ones).
LSH_PERM = 128
#: Weights (false positive, false negative) given to datasketch's (b, r) optimiser.
LSH_WEIGHTS = (0.02, 0.98)
DEFAULT_THRESHOLD = 0.6
DEFAULT_MIN_CHARS = 300
#: Names what a stored signature means: a signature with another scheme is not comparable.
SCHEME = f"minhash-crc32-affine32-s{SEED}-w{SHINGLE}-p{NUM_PERM}-u{BITS}"
SIGNATURE_BYTES = NUM_PERM * BITS // 8
_CHANCE = 2.0 ** -BITS  # two different values agree in their low BITS bits


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _MARKS.sub("", text)
    for letter, folded in _FOLD:  # (str.replace: many times faster than str.translate here)
        text = text.replace(letter, folded)
    return _WORD.findall(text)


def exact_of(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()[:32]


def shingles(tokens: list[str]) -> set[str]:
    """The set MinHash estimates the Jaccard similarity of."""
    n = SHINGLE
    return {" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of two bodies' shingle sets (for tests and the bench)."""
    sa, sb = shingles(words(a)), shingles(words(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


@dataclass(frozen=True, slots=True)
class Fingerprint:
    exact: str
    #: Band keys (12 hex digits each); empty when the body is too short for near matching.
    near_keys: tuple[str, ...] = ()
    #: NUM_PERM MinHash values, BITS (8) bits each; None when too short.
    signature: bytes | None = None


@lru_cache(maxsize=None)
def lsh_params(threshold: float) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) over LSH_PERM positions for the threshold (cached):
    the split a ``MinHashLSH`` with these weights chooses (only the split is used)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=LSH_PERM, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=zlib.crc32).permutations


class NearPolicy:
    """The one near-duplicate policy: fingerprinting, band keys and the link rule.

    Built once per crawl from the settings (``from_settings``) and used by the
    dedupe pipeline and by the dedupe state when it indexes records itself
    (crash recovery, upgrading an index written by an older version).
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, min_chars: int = DEFAULT_MIN_CHARS):
        if not 0.3 <= threshold <= 0.95:
            # Below 0.3 nearly every story of a topic is a candidate; above 0.95
            # the exact fingerprint is all there is to find.
            raise ValueError(f"DEDUPE_NEAR_THRESHOLD must be from 0.3 to 0.95, not {threshold!r}")
        self.threshold = float(threshold)
        self.min_chars = int(min_chars)
        self.bands, self.rows = lsh_params(self.threshold)
        #: Signature positions that must agree for a link: estimated Jaccard >= threshold.
        self.min_agree = math.ceil(NUM_PERM * (self.threshold + (1 - self.threshold) * _CHANCE) - 1e-9)
        #: Names the band split: keys stored under another split are recomputed from the signature.
        self.lsh = f"b{self.bands}r{self.rows}"

    @classmethod
    def from_settings(cls, settings) -> "NearPolicy":
        if settings.get("DEDUPE_SIMHASH_DISTANCE") is not None:
            logger.warning("DEDUPE_SIMHASH_DISTANCE is deprecated and ignored: near-duplicates are "
                           "found by MinHash now; set DEDUPE_NEAR_THRESHOLD (Jaccard similarity, "
                           "default %s) instead", DEFAULT_THRESHOLD)
        return cls(settings.getfloat("DEDUPE_NEAR_THRESHOLD", DEFAULT_THRESHOLD),
                   settings.getint("DEDUPE_MIN_CHARS_FOR_NEAR", DEFAULT_MIN_CHARS))

    def __repr__(self) -> str:
        return f"NearPolicy(threshold={self.threshold}, {self.lsh}, min_chars={self.min_chars})"

    # -- fingerprints ----------------------------------------------------------
    def of_body(self, body: str) -> Fingerprint:
        tokens = words(body)
        exact = exact_of(tokens)
        if len(body) < self.min_chars or len(tokens) < MIN_SHINGLES_FOR_NEAR:
            return Fingerprint(exact)
        grams = shingles(tokens)
        if len(grams) < MIN_SHINGLES_FOR_NEAR:
            return Fingerprint(exact)
        signature = self.signature(grams)
        return Fingerprint(exact, self.keys_of(signature), signature)

    @staticmethod
    def signature(grams: set[str]) -> bytes:
        """The MinHash signature of a set of shingles."""
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=zlib.crc32,
                     permutations=_permutations())
        mh.update_batch([g.encode("utf-8") for g in grams])
        return (mh.hashvalues & (2 ** BITS - 1)).astype(np.uint8).tobytes()

    def keys_of(self, signature: bytes) -> tuple[str, ...]:
        """Band keys of a signature under this policy's (b, r)."""
        r = self.rows
        return tuple(
            hashlib.blake2b(signature[i * r:(i + 1) * r], digest_size=6,
                            salt=i.to_bytes(2, "big")).hexdigest()
            for i in range(self.bands)
        )

    # -- the link rule ---------------------------------------------------------
    @staticmethod
    def agreement(a: bytes, b: bytes) -> int:
        """Signature positions that agree."""
        return int(np.count_nonzero(np.frombuffer(a, np.uint8) == np.frombuffer(b, np.uint8)))

    @staticmethod
    def similarity(a: bytes, b: bytes) -> float:
        """Estimated Jaccard similarity of the two bodies' shingle sets."""
        share = NearPolicy.agreement(a, b) / NUM_PERM
        return max(0.0, (share - _CHANCE) / (1 - _CHANCE))

    def same_story(self, a: bytes, b: bytes) -> bool:
        return self.agreement(a, b) >= self.min_agree

    def detection_probability(self, j: float) -> float:
        """P(a pair with shingle-set Jaccard j is linked): some band agrees on
        all r rows and >= min_agree of the NUM_PERM positions agree."""
        p = j + (1.0 - j) * _CHANCE
        b, r = self.bands, self.rows
        rest = NUM_PERM - b * r
        # dist[(hit, agreeing)]: probability after the bands seen so far.
        dist = {(False, 0): 1.0}
        band = [math.comb(r, k) * p ** k * (1 - p) ** (r - k) for k in range(r + 1)]
        for _ in range(b):
            nxt: dict[tuple[bool, int], float] = {}
            for (hit, agree), q in dist.items():
                for k, pk in enumerate(band):
                    key = (hit or k == r, agree + k)
                    nxt[key] = nxt.get(key, 0.0) + q * pk
            dist = nxt
        tail = [math.comb(rest, k) * p ** k * (1 - p) ** (rest - k) for k in range(rest + 1)]
        return min(1.0, sum(q * pk for (hit, agree), q in dist.items() if hit
                            for k, pk in enumerate(tail) if agree + k >= self.min_agree))


def encode_signature(signature: bytes | None) -> str | None:
    return None if signature is None else base64.b64encode(signature).decode("ascii")


def decode_signature(text: str | None) -> bytes | None:
    if not text:
        return None
    raw = base64.b64decode(text)
    return raw if len(raw) == SIGNATURE_BYTES else None
