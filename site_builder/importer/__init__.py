"""Importing existing documents (Word, text) as draft content files.

Public API:
* ``run_import(path, doc_kind=None, out_dir=None, lang="vi", data=None, force=False, stem=None)``
  -> ``ImportResult`` (path of the draft, CSV path, fields written, review list, OCR report,
  user messages);
* ``cli_import(argv) -> int``: the ``site-builder import`` command.
"""
from .cli import cli_import
from .run import ImportData, ImportResult, run_import

__all__ = ["cli_import", "run_import", "ImportResult", "ImportData"]
