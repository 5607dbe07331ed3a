"""How a build runs, whatever it makes: the output folder and its manifest, caches, digests,
parallel work, the paused garbage collector and phase timings."""
