"""The two shapes of a synthetic province: how many decisions, how large, who issues them.

``realistic`` (the default) is what a province's honor roll looks like after a few years:
thousands of decisions, most of them a commune's or a department's handful of names, a few
of the province's with thousands, so decision sizes follow a heavy-tailed (Pareto) law from 3
to 5,000 rows; the site has a ``site_url`` (feeds, sitemap, canonical links, QR codes).
``uniform`` is the benchmark's first shape, kept to compare with earlier figures: one
decision per 500 recipients, sizes by issuer level, no ``site_url``.
"""

from __future__ import annotations

import random

from .pick import Weighted

SHAPES = ("realistic", "uniform")
DEFAULT_SHAPE = "realistic"

SMALLEST, LARGEST = 3, 5_000
# The few large decisions (a province's yearly roll) hold 1,000 to 5,000 rows, log-uniformly:
# one per 12,500 recipients (at least one from 5,000 recipients on).
LARGE_FROM, RECIPIENTS_PER_LARGE = 1_000, 12_500
# The others follow a Pareto law from 3 rows up to LARGE_FROM: median 5 rows, mean about 13,
# so 50,000 recipients make about 3,000 decisions (the province issue 24 measured had 3,074).
_ALPHA = 1.15
# No one decision holds more than a fifth of a small province (a test's 300 recipients).
_LARGEST_SHARE = 5

# Who issues a decision of a given size: (smallest size, issuer levels with weights).
_ISSUERS_BY_SIZE = (
    (300, Weighted([("province", 1)])),
    (60, Weighted([("province", 40), ("department", 30), ("district", 30)])),
    (15, Weighted([("province", 15), ("department", 30), ("district", 40), ("commune", 15)])),
    (0, Weighted([("prime_minister", 2), ("province", 3), ("department", 15), ("district", 20),
                  ("commune", 60)])),
)


def realistic_sizes(rng: random.Random, total: int) -> list[int]:
    """Decision sizes adding up to ``total``, in random order."""
    cap = max(SMALLEST, total // _LARGEST_SHARE)
    large = total // RECIPIENTS_PER_LARGE or (1 if total >= 5_000 else 0)
    # Stratified, so that the largest of them is always near LARGEST at 50,000.
    sizes = [int(LARGE_FROM * (min(LARGEST, cap) / LARGE_FROM) ** ((i + rng.random()) / large))
             for i in range(large)]
    left = total - sum(sizes)
    small_cap = min(LARGE_FROM, cap)
    while left > 0:
        size = min(small_cap, int(SMALLEST / (1.0 - rng.random()) ** (1.0 / _ALPHA)))
        if left - size < SMALLEST:      # what would be left is too small for a decision
            size = left
        sizes.append(size)
        left -= size
    rng.shuffle(sizes)
    return sizes


def issuer_level(rng: random.Random, size: int) -> str:
    for smallest, levels in _ISSUERS_BY_SIZE:
        if size >= smallest:
            return levels.pick(rng)
    raise AssertionError("the last row of _ISSUERS_BY_SIZE starts at 0")
