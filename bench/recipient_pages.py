"""Time the making of recipient pages alone, without writing them: less noisy than a build.

    python bench/recipient_pages.py --config-file /tmp/province/mkdocs.yml [--rounds 5] [--route made templated]

Loads the site once, warms the renderer up as a build does, then makes every recipient page of
every language in memory, by each route in turn (alternating, `--rounds` times):
`made` is what a build does (render/stencil.py for every page it can make so), `templated`
renders every page through its Jinja template (PageSpec). Prints each round's seconds and the
medians, in µs per page (CPU time of this process: the machine is shared).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from site_builder.pages import honor_roll  # noqa: E402
from site_builder.pages.catalog import PAGE_TYPES  # noqa: E402
from site_builder.render.pages import MadePage, PageBatch  # noqa: E402
from site_builder.render.renderer import Renderer  # noqa: E402
from site_builder.runtime.output import Output  # noqa: E402
from site_builder.shells.mkdocs.commands import core_config  # noqa: E402
from site_builder.content.loader import load_site  # noqa: E402


def recipient_batches(renderer):
    for lang in renderer.langs:
        for item in honor_roll.pages(renderer.ctx, lang):
            if isinstance(item, PageBatch) and item.name.startswith("recipients/"):
                yield lang, item


def make_all(renderer, route: str) -> int:
    """Every recipient page by one route; returns how many pages."""
    count = 0
    for lang, batch in recipient_batches(renderer):
        if route == "made":
            pages = batch.make(lambda depth: renderer.kit(lang, depth))
        else:
            pages = batch.specs()
        for page in pages:
            html = page.html if isinstance(page, MadePage) else renderer.render(page, lang).encode("utf-8")
            count += len(html) > 0
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-f", "--config-file", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--route", nargs="+", default=["made", "templated"], choices=["made", "templated"])
    args = parser.parse_args(argv)
    site = load_site(core_config(args.config_file))
    with tempfile.TemporaryDirectory() as folder:
        renderer = Renderer(site, Output(Path(folder)), PAGE_TYPES)
        for page_type in PAGE_TYPES:  # as render_all does: prepare, then the warm-up
            page_type.prepare(renderer.ctx)
        renderer.warm_up(PAGE_TYPES)
        times: dict[str, list[float]] = {route: [] for route in args.route}
        pages = 0
        for number in range(args.rounds):
            order = args.route if number % 2 == 0 else list(reversed(args.route))
            for route in order:
                start = time.process_time()
                pages = make_all(renderer, route)
                times[route].append(time.process_time() - start)
        for route, seconds in times.items():
            median = statistics.median(seconds)
            print(f"{route:10} {pages} pages: " + " ".join(f"{s:.2f}" for s in seconds)
                  + f" s; median {median:.2f} s = {median / pages * 1e6:.1f} µs/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
