"""The web editor's page, /quan-tri/ (docs/web-editor.md), written only for a site that
enables it: the page that loads the CMS, its configuration generated from the field specs
(editor/cms_config.py) and the CMS's files, self-hosted (editor/bundle.py). The page asks
search engines not to index it; nothing on it comes from another host."""
from __future__ import annotations

from html import escape

from .. import urls
from ..content.problems import Problems
from ..editor import bundle, interface_words
from ..editor.cms_config import cms_config_yaml
from ..editor.options import check_options
from ..render.pages import PageTypeHooks

CONFIG_FILE = "config.yml"  # where Decap looks for it: beside the page

_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Quản trị nội dung – {site_name}</title>
<link rel="icon" href="../{icon}">
<link rel="cms-config-url" type="text/yaml" href="{config}">
</head>
<body>
<noscript>Trang quản trị nội dung cần bật JavaScript.</noscript>
<script src="{script}"></script>
<script src="{words}"></script>
</body>
</html>
"""


def page(config) -> str:
    """The editor's page; its links are relative, so a site under a sub-path works too."""
    return _PAGE.format(site_name=escape(config.site_name), icon=escape(config.icon), config=CONFIG_FILE,
                        script=bundle.SCRIPT, words=interface_words.SCRIPT)


def write_data(ctx, output) -> None:
    config = ctx.config
    options = check_options(config.editor, Problems())
    if options is None:  # no editor (a site with wrong options never gets this far)
        return
    output.write(urls.EDITOR + urls.INDEX_FILE, page(config))
    output.write(urls.EDITOR + CONFIG_FILE, cms_config_yaml(ctx.site, options))
    output.write(urls.EDITOR + interface_words.SCRIPT, interface_words.script())
    served = bundle.served_files(config.project_dir)
    for path in sorted(served.iterdir()):
        output.copy(path, urls.EDITOR + path.name)


PAGE_TYPE = PageTypeHooks("web editor", write_data=write_data)
