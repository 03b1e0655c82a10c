"""Story fingerprints: the same text from another URL or another source.

A body gets three things (``Fingerprint``), all computed here and nowhere else:

- ``exact``: SHA-256 of the folded words (``words``): verbatim copies, and the
  refresh check (a new version is archived only when this changes);
- ``signature``: a MinHash (datasketch, ``affine32`` permutations, seed 1,
  shingles hashed with CRC-32) of the set of word trigrams of the folded
  words: ``NUM_PERM`` = 256 values, each kept to its low 8 bits (256 bytes).
  Computed here value for value as datasketch does, without its objects, the
  trigrams' CRC-32s derived from their words' (``shingle_hashes``), many
  bodies' at once in a rebuild (``NearPolicy.of_bodies``), which fingerprints
  every archived record;
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
import threading
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsarchive.text import minhash_tables as tables

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
    return _exact(_joined(tokens))


def _joined(tokens: list[str]) -> bytes:
    """The UTF-8 of the words joined by spaces: what ``exact`` hashes, and the words' bytes."""
    return " ".join(tokens).encode("utf-8")


def _exact(joined: bytes) -> str:
    return hashlib.sha256(joined).hexdigest()[:32]


def shingles(tokens: list[str]) -> set[str]:
    """The set MinHash estimates the Jaccard similarity of: the word trigrams
    (all the words, joined, when there are fewer)."""
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)}
    return set(map(" ".join, zip(*(tokens[i:] for i in range(SHINGLE)))))


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
    if (LSH_PERM, LSH_WEIGHTS) == (tables.LSH_PERM, tables.LSH_WEIGHTS) and threshold in tables.LSH_SPLITS:
        return tables.LSH_SPLITS[threshold]
    from datasketch import MinHashLSH  # brings SciPy: only for a threshold not in the tables

    lsh = MinHashLSH(threshold=threshold, num_perm=LSH_PERM, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _permutations():
    if (NUM_PERM, SEED) == (tables.NUM_PERM, tables.SEED):
        return tuple(np.frombuffer(raw, ">u4").astype(np.uint32) for raw in (tables.PERMUTATION_A, tables.PERMUTATION_B))
    from datasketch import MinHash  # brings SciPy: only for a scheme not in the tables

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=zlib.crc32).permutations


#: datasketch's affine32 pre-mix (the 32-bit MurmurHash3 finalizer): shifts and multipliers.
_FMIX = tuple(np.uint32(c) for c in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))

def _minhash(grams) -> np.ndarray:
    """datasketch ``MinHash(scheme="affine32", hashfunc=zlib.crc32).update_batch`` of the
    UTF-8 shingles, computed here without the object: the same uint32 values."""
    return _minhash_of_hashes(np.fromiter(map(zlib.crc32, map(str.encode, grams)), np.uint32, len(grams)))


def _minhash_of_hashes(hv: np.ndarray) -> np.ndarray:
    """The MinHash values of shingles given their CRC-32s (a shingle twice changes nothing)."""
    a, b = _permutations()
    if not len(hv):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, np.uint32)
    permuted = np.multiply.outer(_mix(hv), a)  # uint32: wraps around, as datasketch's does
    permuted += b
    return permuted.min(axis=0)


def _minhash_rows(hv: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``_minhash_of_hashes`` (one row each) of consecutive sets of CRC-32s, ``lengths[i]``
    (at least 1) of them the i-th: all mixed at once, each set's products in one buffer
    (written and read in cache; a new array per set would be new pages to fault in)."""
    a, b = _permutations()
    hv = _mix(hv)
    out = np.empty((len(lengths), NUM_PERM), np.uint32)
    products = np.empty((int(lengths.max()), NUM_PERM), np.uint32)
    lo = 0
    for i, n in enumerate(lengths.tolist()):
        rows = products[:n]
        np.multiply.outer(hv[lo:lo + n], a, out=rows)
        rows += b
        rows.min(axis=0, out=out[i])
        lo += n
    return out


def _mix(hv: np.ndarray) -> np.ndarray:
    """datasketch's affine32 pre-mix of the hashes (a new array)."""
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    return hv


# -- CRC-32 of word trigrams from the CRC-32 of their words ------------------------------
# CRC-32 is linear: crc(A + B) = Z[len(B)](crc(A)) ^ crc(B), where Z[n] is the register
# after n zero bytes (zlib's crc32_combine). With P(w) = crc(w + " "), the trigram
#     crc("a b c") = Z[|b| + 1 + |c|](P(a)) ^ Z[|c|](P(b)) ^ crc(c)
# follows from per-word values, for all of a body's trigrams at once in numpy, instead
# of joining, encoding and hashing each trigram in Python (a rebuild hashes millions).
_CRC_POLY = 0xEDB88320
_SPACE_CRC = np.uint32(zlib.crc32(b" "))
#: Longest trigram tail (UTF-8 bytes of " b c") the tables cover; longer takes the plain path.
_MAX_ZEROS = 511
#: Words from which a batch's CRC-32s are computed a byte of every word at a time
#: (``_word_crcs``); fewer are hashed one by one (numpy's calls would cost more).
_MANY_WORDS = 2000
#: Longest word (UTF-8 bytes) hashed a byte at a time with the others; longer ones alone.
_LONG_WORD = 64
#: Words whose values are remembered (a crawl's or a rebuild's vocabulary), then forgotten.
_VOCABULARY = 500_000


class _Numbers(dict):
    """Word → number; a word not seen yet gets the next one and waits in ``new``."""

    def __init__(self):
        super().__init__()
        self.new: list[str] = []

    def __missing__(self, word: str) -> int:
        n = self[word] = len(self)
        self.new.append(word)
        return n


class _Words:
    """Word → number, and per number the word's CRC-32, that of the word and a space, its length."""

    def __init__(self):
        self.number = _Numbers()
        self.crc = np.empty(1024, np.uint32)
        self.spaced = np.empty(1024, np.uint32)
        self.size = np.empty(1024, np.intp)

    def numbers(self, tokens: list[str]) -> np.ndarray:
        if len(self.number) + len(tokens) > _VOCABULARY:
            self.number = _Numbers()
        numbers = np.fromiter(map(self.number.__getitem__, tokens), np.intp, len(tokens))
        if self.number.new:
            self._learn(self.number.new)
            self.number.new = []
        return numbers

    def _learn(self, words: list[str]) -> None:
        if len(self.number) > len(self.crc):
            grow = max(len(self.number), 2 * len(self.crc))
            self.crc, self.spaced, self.size = (np.resize(a, grow) for a in (self.crc, self.spaced, self.size))
        for word in words:
            raw = word.encode("utf-8")
            n = self.number[word]
            self.crc[n], self.spaced[n], self.size[n] = zlib.crc32(raw), zlib.crc32(raw + b" "), len(raw)


_words = _Words()
_words_lock = threading.Lock()


@lru_cache(maxsize=1)
def _zero_table() -> np.ndarray:
    """``T[n * 1024 + 256 * k + v]`` = Z[n](v << 8k): Z[n] of a register is the XOR of its bytes' entries."""
    x = np.arange(256, dtype=np.uint32)[None, :] << (8 * np.arange(4, dtype=np.uint32))[:, None]
    table = np.empty((_MAX_ZEROS + 1, 4, 256), np.uint32)
    table[0] = x
    for n in range(1, _MAX_ZEROS + 1):
        for _ in range(8):  # one zero bit: zlib's gf2 "odd" operator
            x = (x >> np.uint32(1)) ^ (np.uint32(_CRC_POLY) * (x & np.uint32(1)))
        table[n] = x
    return table.reshape(-1)


@lru_cache(maxsize=1)
def _byte_table() -> np.ndarray:
    """zlib's CRC-32 table: the register after one byte ``v`` from zero."""
    x = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        x = (x >> np.uint32(1)) ^ (np.uint32(_CRC_POLY) * (x & np.uint32(1)))
    return x


def _word_crcs(data: bytes, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``zlib.crc32`` and length of each of the ``count`` words of ``data`` (their UTF-8
    joined by spaces). Many words go through zlib's CRC a byte at a time, all together:
    byte j of every word longer than j at each step (the words longest first, so those
    still going are the first ones); calling ``zlib.crc32`` per word costs more."""
    if count < _MANY_WORDS:
        words = data.split(b" ")
        _check_words(len(words), count)
        return (np.fromiter(map(zlib.crc32, words), np.uint32, count),
                np.fromiter(map(len, words), np.intp, count))
    buf = np.frombuffer(data, np.uint8)
    spaces = np.flatnonzero(buf == 32)
    _check_words(len(spaces) + 1, count)
    starts = np.zeros(count, np.intp)
    starts[1:] = spaces + 1
    sizes = np.empty(count, np.intp)
    sizes[:-1] = spaces
    sizes[-1] = len(buf)
    sizes -= starts
    capped = np.minimum(sizes, _LONG_WORD)
    order = np.argsort((_LONG_WORD - capped).astype(np.uint8), kind="stable")  # (a radix sort)
    first, left = starts[order], capped[order]
    register = np.full(count, 0xFFFFFFFF, np.uint32)
    table = _byte_table()
    for j, going in enumerate(np.searchsorted(-left, -np.arange(left[0]), "left").tolist()):
        r = register[:going]
        r ^= buf[first[:going] + j]
        r[:] = table[r & 0xFF] ^ (r >> np.uint32(8))
    crc = np.empty(count, np.uint32)
    crc[order] = ~register
    for i in np.flatnonzero(sizes > _LONG_WORD).tolist():
        crc[i] = zlib.crc32(data[starts[i]:starts[i] + sizes[i]])
    return crc, sizes


def _check_words(found: int, count: int) -> None:
    if found != count:
        raise ValueError(f"{count} words, {found} pieces between spaces: words have no spaces")


def _after_zeros(table: np.ndarray, crc: np.ndarray, zeros: np.ndarray | int) -> np.ndarray:
    base = zeros * 1024
    return (table[base + (crc & 0xFF)] ^ table[base + 256 + ((crc >> 8) & 0xFF)]
            ^ table[base + 512 + ((crc >> 16) & 0xFF)] ^ table[base + 768 + (crc >> 24)])


def shingle_hashes(tokens: list[str]) -> np.ndarray | None:
    """``zlib.crc32`` of the UTF-8 of every word trigram of ``tokens`` (3 or more; in
    order, repeats kept), or None when a trigram is longer than the tables cover."""
    table = _zero_table()
    with _words_lock:  # the vocabulary is shared: numbers stay valid until the values are read
        numbers = _words.numbers(tokens)
        size = _words.size[numbers]
        spaced, crc = _words.spaced[numbers], _words.crc[numbers[2:]]
    tail = size[1:-1] + 1 + size[2:]
    if tail.max() > _MAX_ZEROS:
        return None
    return _after_zeros(table, spaced[:-2], tail) ^ _after_zeros(table, spaced[1:-1], size[2:]) ^ crc


def _trigram_hashes(joined: list[bytes], counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``shingle_hashes`` of several bodies (``_joined`` words, ``counts[i]`` of them the
    i-th: 3 or more) in one pass over all their words: the CRC-32s of their trigrams, one
    body's after the other's (``counts[i] - 2`` each), and per body whether the tables
    covered all its trigrams (where they did not, its values are wrong). Per body,
    numpy's calls would cost more than their work."""
    ends = np.cumsum(counts)
    table = _zero_table()
    crc, size = _word_crcs(b" ".join(joined), int(ends[-1]))
    spaced = _after_zeros(table, crc, 1) ^ _SPACE_CRC
    # Trigram i of the words end to end is words i, i + 1, i + 2: the last two starting
    # in a body straddle its end and the next body's start, and go.
    inside = np.ones(len(crc) - 2, bool)
    inside[ends[:-1] - 2] = False
    inside[ends[:-1] - 1] = False
    tail = size[1:-1] + 1 + size[2:]
    fits = np.maximum.reduceat(np.where(inside, tail, 0), ends - counts) <= _MAX_ZEROS
    np.minimum(tail, _MAX_ZEROS, out=tail)  # (a body that does not fit is not read)
    hashes = (_after_zeros(table, spaced[:-2], tail)
              ^ _after_zeros(table, spaced[1:-1], np.minimum(size[2:], _MAX_ZEROS)) ^ crc[2:])
    return hashes[inside], fits


def _signatures(bodies: list[list[str]], joined: list[bytes]) -> list[bytes | None]:
    """The signatures of several bodies' trigram sets (their words, 3 or more each, and
    those ``_joined``), None for a body with fewer than MIN_SHINGLES_FOR_NEAR distinct trigrams.

    Distinct CRC-32s are at most distinct trigrams: a body with enough of them is
    MinHashed from its trigrams' CRC-32s, the others (and those with a trigram past the
    tables) have their trigrams counted and hashed one by one. Both give the same
    signature; CRCs are counted per body by one sort of (body, CRC) pairs."""
    counts = np.fromiter(map(len, bodies), np.intp, len(bodies))
    hashes, fits = _trigram_hashes(joined, counts)
    lengths = counts - (SHINGLE - 1)
    owner = np.repeat(np.arange(len(bodies), dtype=np.uint64), lengths)
    pairs = np.sort((owner << np.uint64(32)) | hashes)
    first = np.ones(len(pairs), bool)
    np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
    distinct = np.bincount((pairs[first] >> np.uint64(32)).astype(np.intp), minlength=len(bodies))
    quick = fits & (distinct >= MIN_SHINGLES_FOR_NEAR)
    values = iter((_minhash_rows(hashes[quick[owner]], lengths[quick]) & (2 ** BITS - 1)).astype(np.uint8)
                  if quick.any() else ())
    signatures: list[bytes | None] = []
    for tokens, fast in zip(bodies, quick.tolist()):
        if fast:
            signatures.append(next(values).tobytes())
            continue
        grams = shingles(tokens)
        signatures.append(NearPolicy.signature(grams) if len(grams) >= MIN_SHINGLES_FOR_NEAR else None)
    return signatures


@lru_cache(maxsize=None)
def _band_hashers(bands: int) -> tuple:
    """BLAKE2b states salted with each band's number, copied per key (salting is the slow part)."""
    return tuple(hashlib.blake2b(digest_size=6, salt=i.to_bytes(2, "big")) for i in range(bands))


def band_keys(signature: bytes, bands: int, rows: int) -> tuple[str, ...]:
    """LSH band keys of a signature under the split (bands, rows): 12 hex digits each."""
    keys = []
    for i, salted in enumerate(_band_hashers(bands)):
        h = salted.copy()
        h.update(signature[i * rows:(i + 1) * rows])
        keys.append(h.hexdigest())
    return tuple(keys)


def split_of(name: str) -> tuple[int, int]:
    """(bands, rows) of a split's name (``NearPolicy.lsh``, e.g. "b31r4")."""
    match = re.fullmatch(r"b(\d+)r(\d+)", name)
    if not match:
        raise ValueError(f"not a band split: {name!r}")
    return int(match[1]), int(match[2])


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
    def of_body(self, body: str, tokens: list[str] | None = None) -> Fingerprint:
        """The body's fingerprint; ``tokens``, when given, are ``words(body)`` already
        computed (a rebuild tokenises each paragraph once, for the paragraph keys too)."""
        tokens = words(body) if tokens is None else tokens
        exact = exact_of(tokens)
        if len(body) < self.min_chars or len(tokens) < MIN_SHINGLES_FOR_NEAR:
            return Fingerprint(exact)
        hashes = shingle_hashes(tokens)
        # Trigrams that start with different words differ (so there are at least the distinct
        # words less 2), and distinct CRCs are at most distinct trigrams: only a body that
        # passes neither test has its trigrams counted.
        if hashes is None or (len(set(tokens)) - 2 < MIN_SHINGLES_FOR_NEAR
                              and len(set(hashes.tolist())) < MIN_SHINGLES_FOR_NEAR):
            grams = shingles(tokens)
            if len(grams) < MIN_SHINGLES_FOR_NEAR:
                return Fingerprint(exact)
            signature = self.signature(grams)
        else:
            signature = (_minhash_of_hashes(hashes) & (2 ** BITS - 1)).astype(np.uint8).tobytes()
        return Fingerprint(exact, self.keys_of(signature), signature)

    def of_bodies(self, bodies: list[str], tokens: list[list[str]]) -> list[Fingerprint]:
        """``of_body`` of each body given its ``words``, value for value, the signatures
        computed together (a rebuild fingerprints a task's records at once: see
        ``_signatures``); ``of_body``, an article at a time, takes its words' values
        from the crawl's vocabulary instead."""
        joined = list(map(_joined, tokens))
        near = [i for i, (body, t) in enumerate(zip(bodies, tokens))
                if len(body) >= self.min_chars and len(t) >= MIN_SHINGLES_FOR_NEAR]
        signatures = dict(zip(near, _signatures([tokens[i] for i in near], [joined[i] for i in near]))) \
            if near else {}
        fingerprints = []
        for i, j in enumerate(joined):
            signature = signatures.get(i)
            fingerprints.append(Fingerprint(_exact(j)) if signature is None
                                else Fingerprint(_exact(j), self.keys_of(signature), signature))
        return fingerprints

    @staticmethod
    def signature(grams: set[str]) -> bytes:
        """The MinHash signature of a set of shingles."""
        return (_minhash(grams) & (2 ** BITS - 1)).astype(np.uint8).tobytes()

    def keys_of(self, signature: bytes) -> tuple[str, ...]:
        """Band keys of a signature under this policy's (b, r)."""
        return band_keys(signature, self.bands, self.rows)

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
