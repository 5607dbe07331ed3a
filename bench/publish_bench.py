"""Publish benchmark: a generated province pushed to a bare repository through the shipped
hooks (scripts/hooks/pre-receive and post-receive), as a province's own server publishes it.

    python bench/publish_bench.py --recipients 50000 [--rounds 3] [--keep DIR]

It pushes the province once (a cold publish: no site, no working copy on the server), then,
each round, edits one recipient's achievement, commits and pushes, and records:

- checked: from the start of `git push` until the branch moved on the server (a thread watches
          the ref's file); pre-receive builds and publishes the commit before that, so it
          comes after `live`;
- live:   from the start of `git push` until the live folder is the new site (the same thread
          watches the folder's inode, which the build's exchange changes in one step);
- return: from the start of `git push` until it returns (the build, and what the build does
          after the exchange; the old output is deleted after it, in the background);
- fresh:  whether the live site then shows the edit (a recipient page and the decision's CSV);
- sent:   what a deploy of the live site then sends: scripts/deploy.sh's rsync method (only
          what changed since its last deploy, by the record it keeps beside the site folder)
          to a local folder, with `--no-whole-file` (delta transfer, as over a network), the
          sum of "Total bytes sent" of its rsync runs (target: at most 1 MB at 50,000). The
          folder gets the whole tree from the same script after the cold publish, and each
          deploy keeps it up to date. Where rsync is not installed, the older measure: an
          estimate of a whole-tree rsync, said to be one (bench/changed_bytes.py
          rsync_estimate). `--no-deploy` leaves it out.

Targets (issue 24): after a one-recipient edit at 50,000 recipients, live within 5 s of the
push and the push back within 6 s. See docs/benchmarks.md for the figures.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):          # run as a script: make "bench" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.changed_bytes import deploy, deploy_sh_rsync, describe  # noqa: E402
from bench.generate import DEFAULT_SHAPE, add_shape_option, generate_province  # noqa: E402
from site_builder import urls  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
HOOKS = ("pre-receive", "post-receive", "branch-folder.sh")  # the hooks and the folder rule they source
EDIT_MARKER = "Ghi chú kiểm thử đăng"  # generated text never contains it


def git(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")
    return proc


def environment() -> dict:
    """What the pusher and the server's hooks run with: the virtualenv's site-builder first on
    PATH, a fixed identity, no user or system git configuration."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    if not shutil.which("site-builder", path=env["PATH"]):
        env["SITE_BUILDER"] = f"{sys.executable} -m site_builder.cli"
    return env


def set_up(work: Path, recipients: int, seed: int, env: dict, shape: str = DEFAULT_SHAPE):
    """The province as a communicator's clone, and the server's bare repository with the hooks."""
    province = generate_province(work / "province", recipients, seed, shape=shape)
    root = province.root
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy(REPO_ROOT / "scripts" / "publish.sh", root / "scripts" / "publish.sh")
    (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    bare = work / "server.git"
    git(work, "init", "--bare", "-q", "-b", "main", str(bare), env=env)
    for name in HOOKS:
        shutil.copy(REPO_ROOT / "scripts" / "hooks" / name, bare / "hooks" / name)
        (bare / "hooks" / name).chmod(0o755)
    git(bare, "config", "publish.dir", str(work / "www"), env=env)
    git(root, "init", "-q", "-b", "main", env=env)
    git(root, "remote", "add", "origin", str(bare), env=env)
    git(root, "add", ".", env=env)
    git(root, "commit", "-q", "-m", "Province", env=env)
    return province


class Watch:
    """Watches, from a thread, the branch's ref file on the server (it changes when pre-receive
    has accepted the push) and the live folder's inode (it changes when the build exchanges
    the folder, in one step)."""

    def __init__(self, ref_file: Path, folder: Path):
        self.ref_file, self.folder, self.started = ref_file, folder, 0.0
        self.moved_at = self.live_at = None
        self._ref, self._inode = self._read_ref(), self._read_inode()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _read_ref(self):
        try:
            return self.ref_file.read_bytes()
        except FileNotFoundError:
            return None

    def _read_inode(self):
        try:
            return os.stat(self.folder).st_ino
        except FileNotFoundError:
            return None

    def _watch(self):
        # pre-receive publishes before git moves the branch: watch until both happened.
        while not self._stop.is_set() and (self.live_at is None or self.moved_at is None):
            now = time.perf_counter()
            if self.moved_at is None and self._read_ref() != self._ref:
                self.moved_at = now
            if self._read_inode() != self._inode:
                self.live_at = now
            time.sleep(0.002)

    def __enter__(self):
        self.started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def since_start(self, moment: float | None) -> float:
        return float("nan") if moment is None else moment - self.started


def push(root: Path, bare: Path, www: Path, env: dict) -> tuple[float, float, float, float]:
    """(seconds until the branch moved, until the site was live, until the push returned;
    CPU seconds, user and kernel, of the push and every process it waited for: the hooks,
    the check, the build and its workers, not the detached deletion)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Watch(bare / "refs" / "heads" / "main", www) as watch:
        proc = subprocess.run(["git", "push", "origin", "main"], cwd=root, capture_output=True,
                              text=True, env=env)
        returned = time.perf_counter() - watch.started
        if proc.returncode != 0:
            raise SystemExit(f"push failed (exit {proc.returncode}):\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return watch.since_start(watch.moved_at), watch.since_start(watch.live_at), returned, cpu


def edit_one_recipient(spreadsheet: Path, token: str) -> None:
    """Change the first recipient's achievement, leaving every other byte of the file alone."""
    with spreadsheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("achievement")
    rows[1][column] = f"{token}. {rows[1][column]}"
    with spreadsheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def edit_visible(site: Path, decision_id: str, token: str) -> bool:
    """The edit shows on the decision's CSV download (its open-data file) and a recipient page."""
    decision_folder = site / urls.decision_folder(decision_id)
    csv_file = site / urls.recipients_file(decision_id, "csv")
    on_csv = csv_file.is_file() and token in csv_file.read_text(encoding="utf-8-sig")
    return on_csv and any(token in page.read_text(encoding="utf-8") for page in decision_folder.glob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=50_000, metavar="N")
    parser.add_argument("--rounds", type=int, default=3, metavar="N", help="edits pushed one after another (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    add_shape_option(parser)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the province, the server and the site in DIR")
    parser.add_argument("--no-deploy", action="store_true", help="do not measure what an rsync deploy sends after each edit")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="site-builder-publish-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = environment()
    try:
        province = set_up(work, args.recipients, args.seed, env, args.shape)
        www, bare = work / "www", work / "server.git"
        checked, live, returned, cpu = push(province.root, bare, www, env)
        print(f"cold publish, {args.recipients:,} recipients ({args.shape} province): checked {checked:.2f} s, live {live:.2f} s, "
              f"push returned {returned:.2f} s; cpu {cpu:.2f} s")
        deployed = work / "deployed"  # the server a deploy copies the site to, as it was deployed
        with_rsync = shutil.which("rsync") is not None
        if not args.no_deploy:
            shutil.rmtree(deployed, ignore_errors=True)
            if with_rsync:
                print(f"  first deploy: {describe(deploy_sh_rsync(www, deployed, full=True))}")
            else:
                subprocess.run(["cp", "-a", str(www), str(deployed)], check=True)
        decision = province.decisions[len(province.decisions) // 2]
        lives, returns, sents, stale = [], [], [], 0
        for number in range(1, args.rounds + 1):
            time.sleep(2)  # let the previous publication's background deletion start first
            token = f"{EDIT_MARKER} {number}"
            edit_one_recipient(decision.csv, token)
            git(province.root, "commit", "-q", "-am", f"Edit {number}", env=env)
            checked, live, returned, cpu = push(province.root, bare, www, env)
            fresh = edit_visible(www, decision.id, token)
            stale += not fresh
            lives.append(live)
            returns.append(returned)
            print(f"edit {number}: checked {checked:.2f} s, live {live:.2f} s, push returned {returned:.2f} s, "
                  f"{'fresh' if fresh else 'STALE'}; cpu {cpu:.2f} s")
            if not args.no_deploy:
                sent = deploy_sh_rsync(www, deployed) if with_rsync else deploy(www, deployed)
                sents.append(sent["sent"])
                print(f"  deploy: {describe(sent)}")
        print(f"median of {args.rounds}: live {statistics.median(lives):.2f} s (target 5 s at 50,000), "
              f"push returned {statistics.median(returns):.2f} s (target 6 s)")
        if sents:
            print(f"median of {args.rounds}: a deploy after one edit sent {statistics.median(sents):,.0f} bytes "
                  f"(target 1 MB at 50,000)")
        return 1 if stale else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
