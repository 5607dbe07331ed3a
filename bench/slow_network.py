"""A cheap phone on a bad connection, measured in real Chromium (issue 23, "Fast on a slow network").

    python bench/slow_network.py                       # the example site, built now
    python bench/slow_network.py --recipients 5000     # a generated province (bench/generate.py)
    python bench/slow_network.py --site DIR            # a site already built
    python bench/slow_network.py --quick               # one round: checks that the bench runs
    python bench/slow_network.py --requests            # also list round 1's requests (a waterfall)

Chromium (Debian's, through Playwright) at 360x740, with the Chrome DevTools Protocol set to
`Emulation.setCPUThrottlingRate` 4 (a CPU four times slower), and
`Network.emulateNetworkConditions` 400 kbit/s down and up (50,000 bytes/s), 300 ms latency,
with the browser cache disabled (`Network.setCacheDisabled`; every round is also a new browser
context). The built site is served on loopback by nginx with gzip on (a real server
compresses text), or by Python's http.server without compression when nginx is missing or
`--server python` is given; the report says which.

Measured, each in a new context, in every round (the order of the three alternates from one
round to the next), then reported as medians:
- home page, first contentful paint: `performance` paint entry `first-contentful-paint`;
- recipient page, load: the navigation's `loadEventEnd` (everything the page loads, loaded);
  the page is the first recipient of the decision halfway down the sorted list;
- search, Enter to first result: on the home page, the query is typed into its search box and
  Enter pressed; the time from that keydown to the first animation frame after the search
  page shows its first name result (`search:results`, which search.js fires after rendering).
  Both ends are read from the page's clock (`Date.now()`, kept in sessionStorage across the
  navigation), so the bench's own round trips are not counted.

Targets: the recipient page loaded within 1.5 s, first results within 2.0 s; first contentful
paint is reported without a target. Prints every round, the medians and one line per target.
Exit code: 0 targets met, 1 a target missed, 2 a measurement failed.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "bench" and "site_builder" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import page_weight  # noqa: E402 (after the path set-up above)
from bench.generate import DEFAULT_SHAPE, add_shape_option, generate_province  # noqa: E402
from site_builder import urls  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 360, "height": 740}
CPU_SLOWDOWN = 4
KBIT_PER_S = 400
LATENCY_MS = 300
TARGET_RECIPIENT_S = 1.5
TARGET_FIRST_RESULT_S = 2.0
QUERY = "nguyen"  # a family name every site has
HOME_SEARCH_BOX = "form[role=search] input[name=q]"

# In every page of the context: Enter in a search box stamps the time (sessionStorage survives
# the navigation to the search page); the first name results stamp the next animation frame.
CLOCKS = """
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && e.target && e.target.name === "q") sessionStorage.setItem("__enter", String(Date.now()));
}, true);
document.addEventListener("search:results", (e) => {
  const index = (e.target.dataset && e.target.dataset.searchIndex) || "";
  if (!index.includes("names") || !(e.detail && e.detail.total > 0) || window.__firstResult) return;
  requestAnimationFrame(() => {
    const enter = Number(sessionStorage.getItem("__enter") || "NaN");
    window.__firstResult = { ms: Date.now() - enter, total: e.detail.total };
  });
}, true);
"""

# nginx as the province's server would run it (tests/local_nginx.py: one process, everything
# in the run's temporary folder), compressing what a real configuration compresses.
NGINX_HTTP = """
  {types}
  default_type application/octet-stream;
  charset utf-8;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml application/xml text/xml text/plain;
"""


@dataclass
class Server:
    url: str
    kind: str  # what the report says about compression
    stop: object = None


def start_nginx(site: Path, tmp: Path) -> Server:
    from tests.local_nginx import SITE_TYPES, LocalNginx, free_ports

    port = free_ports(1)[0]
    types = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else SITE_TYPES
    server = (f"  server {{\n    listen 127.0.0.1:{port};\n    root {site.resolve()};\n"
              "    error_page 404 /404.html;\n  }")
    try:
        nginx = LocalNginx(tmp, [port], NGINX_HTTP.format(types=types), server, connections=256)
    except AssertionError as error:
        raise SystemExit(str(error))
    return Server(f"http://127.0.0.1:{port}/", "nginx, gzip on (level 6) for HTML, CSS, JS, JSON, SVG, XML", nginx.stop)


def start_python_server(site: Path) -> Server:
    from tests.browser.conftest import StaticServer

    server = StaticServer(site)
    return Server(server.url, "Python http.server, NO compression (every byte sent as stored)", server.close)


def start_server(site: Path, choice: str, tmp: Path) -> Server:
    if choice == "nginx" or (choice == "auto" and shutil.which("nginx")):
        if not shutil.which("nginx"):
            raise SystemExit("nginx is not installed (apt-get install nginx), or use --server python")
        return start_nginx(site, tmp)
    return start_python_server(site)


def recipient_page(site: Path) -> str:
    """The first recipient page (by name) of the decision halfway down the sorted decisions."""
    root = site / urls.HONOR_ROLL
    decisions = sorted(d for d in root.iterdir() if d.is_dir() and (d / urls.INDEX_FILE).is_file()
                       and any(urls.is_recipient_path(f"{urls.HONOR_ROLL}{d.name}/{f.name}") for f in d.glob("*.html")))
    if not decisions:
        raise SystemExit(f"no recipient page in {site}")
    folder = decisions[len(decisions) // 2]
    for page in sorted(folder.glob("*.html")):
        path = f"{urls.HONOR_ROLL}{folder.name}/{page.name}"
        text = page.read_text(encoding="utf-8", errors="replace")
        if urls.is_recipient_path(path) and 'http-equiv="refresh"' not in text and "revoked" not in text:
            return path
    raise SystemExit(f"no shown recipient page in {folder}")


def answered_ok(url: str) -> None:
    """Refuse to measure a server that does not serve the site."""
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=30) as response:
            response.read()
    except HTTPError as error:
        raise SystemExit(f"the server answers {error.code} for {url}")


# ---- one measurement ------------------------------------------------------------------------


@dataclass
class Request:
    """One request as the network saw it: CDP timestamps (seconds), bytes as sent."""
    url: str
    start: float
    end: float | None = None
    bytes: int = 0
    status: int | None = None


@dataclass
class Traffic:
    """What the page fetched, as the network saw it (compressed bytes, headers included),
    and every request (for --requests)."""
    requests: int = 0
    bytes: int = 0
    listing: dict[str, Request] = field(default_factory=dict)

    def sent(self, event: dict) -> None:
        if not event["request"]["url"].startswith("data:"):  # inside a file already fetched
            self.listing[event["requestId"]] = Request(event["request"]["url"], event["timestamp"])

    def answered(self, event: dict) -> None:
        if event["requestId"] in self.listing:
            self.listing[event["requestId"]].status = event["response"]["status"]

    def finished(self, event: dict) -> None:
        if event["requestId"] not in self.listing:
            return  # a data: URL, or a request sent before the listing restarted
        self.requests += 1
        self.bytes += int(event.get("encodedDataLength", 0))
        request = self.listing[event["requestId"]]
        request.end, request.bytes = event["timestamp"], int(event.get("encodedDataLength", 0))

    def restart(self) -> None:
        self.requests = self.bytes = 0
        self.listing.clear()

    def waterfall(self, base: str) -> list[str]:
        """One line per request, in the order sent: start and end (ms from the first request),
        status, bytes, path."""
        requests = sorted(self.listing.values(), key=lambda r: r.start)
        if not requests:
            return []
        zero = requests[0].start
        lines = []
        for r in requests:
            end = f"{(r.end - zero) * 1000:6.0f}" if r.end is not None else "     -"
            path = r.url[len(base) - 1:] if r.url.startswith(base) else r.url
            lines.append(f"  {(r.start - zero) * 1000:6.0f} {end} ms  {r.status or '-':>3}  {r.bytes:7,d} B  {path}")
        return lines


def slow_page(browser):
    """A new context and page with the slow CPU, the slow network and no cache, and the
    Traffic the page makes."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(CLOCKS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    bytes_per_s = KBIT_PER_S * 1000 / 8
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": LATENCY_MS,
                                                  "downloadThroughput": bytes_per_s, "uploadThroughput": bytes_per_s})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    traffic = Traffic()
    cdp.on("Network.requestWillBeSent", traffic.sent)
    cdp.on("Network.responseReceived", traffic.answered)
    cdp.on("Network.loadingFinished", traffic.finished)
    return context, page, traffic


def home_fcp(browser, base: str) -> tuple[float, Traffic]:
    context, page, traffic = slow_page(browser)
    try:
        page.goto(base, wait_until="load", timeout=120_000)
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0",
                               timeout=60_000)
        page.wait_for_load_state("networkidle")  # the traffic of the whole page, not only up to the paint
        return page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000, traffic
    finally:
        context.close()


def recipient_load(browser, base: str, path: str) -> tuple[float, Traffic]:
    context, page, traffic = slow_page(browser)
    try:
        page.goto(base + path, wait_until="load", timeout=120_000)
        page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0", timeout=60_000)
        return page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000, traffic
    finally:
        context.close()


def enter_to_first_result(browser, base: str) -> tuple[float, Traffic, str]:
    """Seconds from Enter in the home page's search box to the first result shown, what was
    fetched from Enter on, and how the box was reached."""
    context, page, traffic = slow_page(browser)
    try:
        page.goto(base, wait_until="networkidle", timeout=120_000)
        traffic.restart()
        boxes = page.locator(HOME_SEARCH_BOX)
        visible = [i for i in range(boxes.count()) if boxes.nth(i).is_visible()]
        if visible:
            box, how = boxes.nth(visible[0]), "typed into the visible box, Enter pressed"
            box.click()
            box.type(QUERY)
            box.press("Enter")
        else:  # folded away at this width: what Enter would do, done by script
            how = "box hidden at this width: value set and form submitted by script"
            boxes.first.evaluate("""(el, q) => { el.value = q; sessionStorage.setItem("__enter", String(Date.now()));
                                             el.form.requestSubmit(); }""", QUERY)
        page.wait_for_function("() => window.__firstResult", timeout=120_000)
        return page.evaluate("window.__firstResult.ms") / 1000, traffic, how
    finally:
        context.close()


# ---- the run ----------------------------------------------------------------------------------


@dataclass
class Figures:
    fcp: list[float] = field(default_factory=list)
    recipient: list[float] = field(default_factory=list)
    search: list[float] = field(default_factory=list)
    traffic: dict[str, list[Traffic]] = field(default_factory=lambda: {"fcp": [], "recipient": [], "search": []})
    search_how: set[str] = field(default_factory=set)

    def add(self, name: str, seconds: float, traffic: Traffic) -> None:
        getattr(self, name).append(seconds)
        self.traffic[name].append(traffic)


def measure(base: str, recipient: str, rounds: int) -> Figures:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

    chromium = chromium_path()
    if not chromium:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    figures = Figures()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            steps = [
                ("home FCP", lambda: figures.add("fcp", *home_fcp(browser, base))),
                ("recipient load", lambda: figures.add("recipient", *recipient_load(browser, base, recipient))),
                ("Enter to first result", lambda: _search(browser, base, figures)),
            ]
            for number in range(1, rounds + 1):
                order = steps if number % 2 else steps[::-1]
                for _name, step in order:
                    step()
                print(f"round {number} ({', '.join(n for n, _ in order)}): FCP {figures.fcp[-1]:.2f} s, "
                      f"recipient {figures.recipient[-1]:.2f} s, first result {figures.search[-1]:.2f} s",
                      file=sys.stderr, flush=True)
        finally:
            browser.close()
    return figures


def _search(browser, base: str, figures: Figures) -> None:
    seconds, traffic, how = enter_to_first_result(browser, base)
    figures.add("search", seconds, traffic)
    figures.search_how.add(how)


def report(figures: Figures, server: Server, site: Path, recipient: str, label: str, listing: bool = False) -> bool:
    med = statistics.median
    home = page_weight(site, site / urls.INDEX_FILE)
    person = page_weight(site, site / recipient)
    print(f"site: {label}")
    print(f"server: {server.kind}")
    print(f"browser: Chromium {VIEWPORT['width']}x{VIEWPORT['height']}, CPU slowdown {CPU_SLOWDOWN}x, "
          f"{KBIT_PER_S} kbit/s down and up, {LATENCY_MS} ms latency, cache disabled")
    print(f"recipient page: /{recipient}")
    print(f"search: query {QUERY!r}, {'; '.join(sorted(figures.search_how))}")
    print(f"page weights (gzip 6, HTML + CSS + JS): home {home.total_gz / 1024:.1f} KB, "
          f"recipient {person.total_gz / 1024:.1f} KB")
    print()
    print("| measure | " + " | ".join(f"round {i}" for i in range(1, len(figures.fcp) + 1)) + " | median |")
    print("|---|" + "---|" * (len(figures.fcp) + 1))
    for name, key in (("home page, first contentful paint (s)", "fcp"), ("recipient page, load event (s)", "recipient"),
                      ("home search, Enter to first result (s)", "search")):
        values = getattr(figures, key)
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + f" | {med(values):.2f} |")
    print()
    print("| fetched over the network (median) | requests | KB (as sent: compressed, with headers) |")
    print("|---|---|---|")
    for name, key in (("home page, until the network is idle", "fcp"), ("recipient page", "recipient"),
                      ("search, from Enter on", "search")):
        traffic = figures.traffic[key]
        print(f"| {name} | {med(t.requests for t in traffic):.0f} | {med(t.bytes for t in traffic) / 1024:.1f} |")
    if listing:
        for name, key in (("home page", "fcp"), ("recipient page", "recipient"), ("search, from Enter on", "search")):
            print(f"\nrequests of round 1, {name} (start, end, status, bytes as sent, path):")
            print("\n".join(figures.traffic[key][0].waterfall(server.url)))
    checks = [
        (f"recipient page loaded within {TARGET_RECIPIENT_S} s", med(figures.recipient), TARGET_RECIPIENT_S),
        (f"first results within {TARGET_FIRST_RESULT_S} s", med(figures.search), TARGET_FIRST_RESULT_S),
    ]
    print()
    for what, value, limit in checks:
        print(f"{'PASS' if value <= limit else 'FAIL'} {what}: median {value:.2f} s")
    return all(value <= limit for _, value, limit in checks)


def build_site(work: Path, recipients: int | None, seed: int, shape: str = DEFAULT_SHAPE) -> tuple[Path, str]:
    """Build the example site, or a generated province of `recipients`, into work/site."""
    site = work / "site"
    command = [sys.executable, "-m", "site_builder.cli", "build", "--site-dir", str(site)]
    if recipients:
        province = generate_province(work / "province", recipients=recipients, seed=seed, shape=shape)
        command += ["--config-file", str(province.config_file)]
        label, cwd = f"generated {shape} province, {recipients:,} recipients (seed {seed})", province.root
    else:
        label, cwd = "the example site of the repository", REPO
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("the build failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])
    return site, label


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--site", type=Path, help="a built site folder (default: build the example site)")
    what.add_argument("--recipients", type=int, help="generate and build a province of this many recipients")
    parser.add_argument("--seed", type=int, default=1)
    add_shape_option(parser)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one round (checks that the bench runs)")
    parser.add_argument("--requests", action="store_true",
                        help="also list the requests of round 1's three measurements, with their times")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto",
                        help="auto: nginx with gzip when installed, else Python's server without compression")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds

    work = Path(tempfile.mkdtemp(prefix="slow-network-"))
    server = None
    try:
        if args.site:
            site, label = args.site, f"{args.site}"
        else:
            site, label = build_site(work, args.recipients, args.seed, args.shape)
        recipient = recipient_page(site)
        server = start_server(site, args.server, work)
        answered_ok(server.url)
        answered_ok(server.url + recipient)
        figures = measure(server.url, recipient, rounds)
        return 0 if report(figures, server, site, recipient, label, args.requests) else 1
    except SystemExit as stop:  # what could not be set up, said in words: exit code 2
        if isinstance(stop.code, int) or stop.code is None:
            raise
        print(stop.code, file=sys.stderr)
        return 2
    except Exception as error:  # a page that never loads or never shows results
        print(f"measurement failed: {type(error).__name__}: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    finally:
        if server is not None and server.stop:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
