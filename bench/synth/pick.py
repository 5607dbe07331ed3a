"""Fast weighted choice: the generator draws millions of times, so weights are accumulated once."""

from __future__ import annotations

import bisect
import itertools
import random
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Items with relative weights; ``pick`` costs one random number and one bisection."""

    def __init__(self, pairs: Sequence[tuple[T, float]]):
        if not pairs:
            raise ValueError("Weighted needs at least one item")
        self.items = [item for item, _ in pairs]
        self._cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self._cumulative, rng.random() * self._total)
        return self.items[min(index, len(self.items) - 1)]


def even(items: Sequence[T]) -> Weighted[T]:
    """All items equally likely (still through ``Weighted`` so callers use one interface)."""
    return Weighted([(item, 1.0) for item in items])
