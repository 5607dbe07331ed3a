"""Embedding the site in other sites (the provincial portal): who may frame it and how.

- origins.py: the parent origins from `frame_ancestors` (mkdocs.yml), normalised, and the
  `Content-Security-Policy: frame-ancestors` value they make.
- server_headers.py: that header as nginx, Apache and `_headers` snippets written into the
  built site, because browsers ignore frame-ancestors in a <meta> tag.
- code.py: the copy-paste <iframe> code of a page and its oEmbed document.

The chrome-less pages themselves are made by render/embed.py; the widgets by
pages/widgets.py; the resizing scripts are assets/embed/child.js and parent.js.
"""
from __future__ import annotations

from .code import EMBED_MARK, embed_code, oembed_document
from .origins import allowed_origins, csp_value, normalise_origin
from .server_headers import SNIPPET_FILES, write_server_headers

__all__ = [
    "EMBED_MARK", "SNIPPET_FILES", "allowed_origins", "csp_value", "embed_code", "normalise_origin",
    "oembed_document", "write_server_headers",
]
