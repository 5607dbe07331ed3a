"""Page types of the core, one module each (as in Material's blog plugin `pages/`).

Each module declares its PageType (render/pages.py): `pages(ctx, lang)` yielding PageSpecs
and PageBatches, and, when it has them, `write_data(ctx, output)` for files made from the
loaded site alone (downloads, open data, feeds, search index: written while the pages
render, runtime/parallel.py), `finish(ctx, output)` for files that need every page written
(the sitemap), and `prepare(ctx)` for what both its pages and the data files of any module
need (the honor index): computed once, before the process that makes the data files forks.
pages/catalog.py lists them. This package file imports nothing: feeds/ uses the page keys
and message queries here, and the catalog lists feeds/ among the page types.
"""
