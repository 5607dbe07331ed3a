"""The reference workload for Hugo: N minimal entry pages, as measured in anchors.md.

One Markdown file per entry with frontmatter (name, award, unit, decision, date) and a
60-word Vietnamese achievement text, and the smallest templates that render them: what a
user would set up in Hugo before adding any browse page, search or styling.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .awards import AWARDS_BY_ID
from .campaigns import CAMPAIGNS
from .geography import build_province
from .recipients import Area, recipient_rows

_CONFIG = """\
baseURL = "/"
languageCode = "vi"
title = "Khen thưởng (Hugo, mẫu tối giản)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""

_SINGLE = """\
<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Params.name }}</title></head>
<body>
<h1>{{ .Params.name }}</h1>
<p>{{ .Params.award }} · {{ .Params.unit }} · Quyết định {{ .Params.decision }} · {{ .Date.Format "02/01/2006" }}</p>
{{ .Content }}
</body>
</html>
"""

_LIST = """\
<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><p>{{ len .Site.RegularPages }} trang</p></body>
</html>
"""


def write_hugo_site(root: Path, entries: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    province = build_province(rng)
    area = Area(province, province.districts, province.communes)
    folder = root / "content" / "entries"
    folder.mkdir(parents=True, exist_ok=True)
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(_CONFIG, encoding="utf-8")
    (layouts / "single.html").write_text(_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(_LIST, encoding="utf-8")

    rows = recipient_rows(rng, entries, level="province", area=area, campaign=CAMPAIGNS[0], year=2021)
    width = len(str(entries))
    for index, (_, name, _, unit, _, award, text) in enumerate(rows, start=1):
        front = {
            "title": name, "name": name, "award": AWARDS_BY_ID[award].vi, "unit": unit,
            "decision": f"{1000 + index // 500}/QĐ-UBND",
            "date": f"2021-{11 + index % 2:02d}-{1 + index % 28:02d}",
        }
        path = folder / f"e{index:0{width}d}.md"
        path.write_text(f"---\n{_flat_yaml(front)}---\n\n{text}\n", encoding="utf-8")
    return root


def _flat_yaml(mapping: dict[str, str]) -> str:
    """One "key: "value"" line per field. A JSON string is a valid YAML double-quoted scalar,
    and this is many times faster than a YAML dumper for 100,000 small files."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in mapping.items())
