"""Seeded randomness for the illustrative data set: one generator per purpose, and whole
sizes that add up to a national total."""

from __future__ import annotations

import zlib

import numpy as np


def rng(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one purpose of one province (and year): stable across runs and
    independent of how many provinces were asked for."""
    words = [seed] + [zlib.crc32(str(part).encode("utf-8")) for part in parts]
    return np.random.default_rng(words)


def split_total(generator: np.random.Generator, n: int, total: int, low: int, high: int) -> np.ndarray:
    """``n`` whole sizes in [low, high] that add up to ``total`` (skewed, as real provinces are)."""
    if not n * low <= total <= n * high:
        raise ValueError(f"cannot split {total} into {n} sizes between {low} and {high}")
    sizes = generator.lognormal(0.0, 0.45, n)
    sizes = sizes / sizes.sum() * total
    for _ in range(50):  # clip, then share out what clipping moved among the others
        clipped = np.clip(sizes, low, high)
        excess = total - clipped.sum()
        free = (clipped > low) if excess < 0 else (clipped < high)
        if abs(excess) < 1e-9 or not free.any():
            sizes = clipped
            break
        clipped[free] += excess * clipped[free] / clipped[free].sum()
        sizes = clipped
    whole = np.floor(sizes).astype(int)
    short = total - whole.sum()
    order = np.argsort(-(sizes - whole), kind="stable")
    whole[order[:short]] += 1
    return np.clip(whole, low, high)

