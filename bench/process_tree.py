"""Peak memory of a process and every process below it, sampled from /proc while it runs.

A build is several processes at once: the command, its forked render workers, the sheet
helper, the mirror child. ``os.wait4``'s ``ru_maxrss`` is the largest of them, not their
sum, so it cannot judge a target on "all processes". This samples the whole tree instead:

- **RSS sum**, every 50 ms: each process's resident set, added up. An upper bound: a forked
  worker's pages shared copy-on-write with its parent count once in each.
- **PSS sum**, less often: each process's proportional set size (``Pss`` of
  ``/proc/<pid>/smaps_rollup``, a shared page divided among the processes sharing it), added
  up: what the machine held for the tree. The kernel walks every page table to answer
  (about 20 ms for a process of 800 MB here), so a PSS sample waits twenty times as long as
  the last one took, and at least 0.2 s: it costs at most a twentieth of a core, taken from
  the build it measures on a 2-core machine. The RSS scan reads one small file per process of
  the machine, about 1 ms.

Both are peaks of samples, so a spike shorter than the interval can be missed. Linux only;
elsewhere both stay None. A process that leaves the tree before it ends (a detached child
whose parent exits, as the build's deletion of an old site) is not followed.
"""

from __future__ import annotations

import os
import threading
import time

RSS_INTERVAL_S = 0.05
MIN_PSS_INTERVAL_S = 0.2
PSS_COST_SHARE = 20     # wait twenty times as long as the last PSS sample took
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreeMemory:
    """Start with the root's pid, ``stop()`` when it has exited; then read the peaks."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak_rss_bytes: int | None = None
        self.peak_pss_bytes: int | None = None
        self.peak_processes = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="tree-memory", daemon=True)
        if os.path.isdir("/proc/self"):
            self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()

    def _sample(self) -> None:
        next_pss = 0.0
        while not self._stopped.is_set():
            tree = tree_rss(self.root)
            if tree:
                self.peak_rss_bytes = max(self.peak_rss_bytes or 0, sum(tree.values()))
                self.peak_processes = max(self.peak_processes, len(tree))
                now = time.perf_counter()
                if now >= next_pss:
                    pss = sum(filter(None, map(pss_bytes, tree)))
                    self.peak_pss_bytes = max(self.peak_pss_bytes or 0, pss)
                    cost = time.perf_counter() - now
                    next_pss = now + max(MIN_PSS_INTERVAL_S, PSS_COST_SHARE * cost)
            self._stopped.wait(RSS_INTERVAL_S)


def tree_rss(root: int) -> dict[int, int]:
    """{pid: resident bytes} of ``root`` and its descendants now (empty when it is gone)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:                 # ended meanwhile
            continue
        # "pid (comm) state ppid ... rss ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(b")") + 2:].split()
        pid = int(name)
        parents[pid] = int(fields[1])
        resident[pid] = int(fields[21]) * _PAGE
    if root not in resident:
        return {}
    tree, frontier = {root}, [root]
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    return {pid: resident[pid] for pid in tree}


def pss_bytes(pid: int) -> int | None:
    """The process's proportional set size, or None when it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None
