"""An index page for every folder on the way to a page: a reader who shortens an address
(khen-thuong/hinh-thuc/bang-khen/ -> khen-thuong/hinh-thuc/) meets a page, never a 404 or a
server's folder listing.

Most folders on the way are pages already (a section, a decision). The others (the honor
roll's browse folders, a list's paging folder trang/, xm/) are found after every page is
written, from the pages the build wrote (ctx.pages_written), whatever page type made them:
a folder one of them lies in that is not itself a page gets a small index.html that sends
the reader at once to where its content is listed (urls.folder_landing: the list it pages,
the overview's section, else the folder above, up to the first page). The page is not
indexed by search engines and names its target as canonical.

The home page of each language is the shell's (MkDocs): it always counts as a page.
Hand-written pages in nested folders of content/ (a/b.md) are the shell's business and are
not looked at here (docs/architecture.md).
"""
from __future__ import annotations

from .. import urls
from ..feeds.records import absolute
from ..i18n import Lang
from ..render.env import make_env
from ..render.pages import PageTypeHooks
from ..runtime.cache_dirs import CACHE_DIR
from ..runtime.digests import digest
from ..runtime.keys import pages_stamp
from ..runtime.output import write_together

TEMPLATE = "folder_index.html"


def folders_of(path: str) -> list[str]:
    """The folders a page lies in, below the language's home: 'a/b/c.html' -> ['a/', 'a/b/'];
    'a/b/' -> ['a/']."""
    parts = path.rstrip("/").split("/")[:-1]
    return ["/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]


def missing_folders(paths) -> list[str]:
    """The folders the pages at `paths` (of one language) lie in that are no page themselves.
    The pages' own folders are gathered first: a decision's thousands of recipient pages
    share one."""
    pages = set(paths) | {urls.HOME}
    parents = {path.rstrip("/").rpartition("/")[0] for path in pages}
    return sorted({folder for parent in parents if parent for folder in folders_of(parent + "/x")} - pages)


def landing(folder: str, pages: set[str]) -> str:
    """The page (with a #fragment, maybe) a folder that is no page sends its reader to."""
    target = urls.folder_landing(folder)
    while target.split("#", 1)[0] not in pages and target:
        target = urls.folder_landing(target.split("#", 1)[0])
    return target


def finish(ctx, output) -> None:
    """The folder indexes: made from the pages written alone (and the configuration, theme
    and strings, which the fingerprint covers), so kept as they are while no page is added or
    removed (runtime/output.py write_together)."""
    if not ctx.pages_written:
        return
    key = "k" + digest("\0".join((getattr(output, "fingerprint", ""), "folder indexes", pages_stamp(ctx))))
    write_together(output, "folder-indexes", key, lambda: folder_pages(ctx))


def folder_pages(ctx) -> dict[str, str]:
    """file -> HTML of every folder index, in every language."""
    config = ctx.config
    by_lang: dict[str, set[str]] = {}
    for code, path in ctx.pages_written:
        by_lang.setdefault(code, set()).add(path)
    made = {}
    env = make_env(config.theme_dir, config.project_dir / CACHE_DIR)
    template = env.get_template(TEMPLATE)
    extra = str(config.theme_dir / "strings") if config.theme_dir else None
    for code, paths in sorted(by_lang.items()):
        lang = Lang(code, config.default_language, extra)
        pages = paths | {urls.HOME}
        for folder in missing_folders(paths):
            target = landing(folder, pages)
            root = "../" * (folder.count("/") + lang.prefix.count("/"))
            html = template.render(
                lang=lang, t=lang.t, config=config, root=root, target=root + lang.prefix + target,
                canonical=absolute(config, lang.prefix + target.split("#", 1)[0]) if config.site_url else None)
            made[lang.prefix + folder + urls.INDEX_FILE] = html
    return made


PAGE_TYPE = PageTypeHooks("folder indexes", finish=finish)
