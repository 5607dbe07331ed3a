"""How feeds/ holds together: no module of it imports another that imports it back (imports
inside functions count), and per-build memos are declared caches, not writes into __dict__."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "site_builder"


def _imports_within(folder: Path) -> dict[str, set[str]]:
    """module -> the modules of the same folder it imports (`from . import x`, `from .x import y`)."""
    modules = {path.stem: path for path in folder.glob("*.py")}
    edges = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        assert found <= set(modules), (name, found - set(modules))  # nothing from the package's __init__
        edges[name] = found - {name}
    return edges


def test_no_import_cycle_inside_feeds():
    edges = _imports_within(PACKAGE / "feeds")
    edges.pop("__init__")  # the package imports its modules; none imports names of the package's __init__

    def reaches(start, goal, seen=()):
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt))) for nxt in edges[start])

    assert [name for name in edges if reaches(name, name)] == []
    assert "recipient_files" not in edges["opendata"]


def test_no_dict_memoisation_in_feeds_and_search():
    files = [*(PACKAGE / "feeds").glob("*.py"), *(PACKAGE / "search").glob("*.py")]
    assert [f.name for f in files if "__dict__" in f.read_text(encoding="utf-8")] == []
