"""The shape of the package: no import cycles, MkDocs behind its shell, a small root.

The import graph is read from the source (ast), not from a running program, so that an
import inside a function counts as much as one at the top of a module: a cycle hidden in a
function is still a cycle, it only fails later. Its nodes are the modules and packages of
site_builder; an edge A -> B means that running A may import B:

- every `import` and `from ... import` anywhere in A, relative ones resolved;
  `from P import n` means P.n when P.n is a module, else P;
- importing P.Q.m also runs P/__init__.py and P/Q/__init__.py: edges to those packages too,
  except to A's own packages (they are always imported before A itself);
- imports under `if TYPE_CHECKING:` are left out: they never run.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "site_builder"
ROOT_MODULES_AT_MOST = 6
# The only home of code importing MkDocs or its Material theme.
MKDOCS_SHELL = "site_builder.shells.mkdocs"
MKDOCS_PACKAGES = ("mkdocs", "material")


def module_files() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, whether it is a package's __init__.py)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


def _under_type_checking(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`) blocks."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
            if name == "TYPE_CHECKING":
                skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
    return skipped


def imported_names(name: str, path: Path, is_package: bool, modules: dict,
                   with_type_checking: bool = False) -> list[str]:
    """Every dotted name a module imports, anywhere in its file, relative imports resolved:
    `from P import n` gives P.n when that is a module of the package, else P."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = set() if with_type_checking else _under_type_checking(tree)
    package = name if is_package else name.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            names += [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules else origin
                      for alias in node.names]
    return names


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        targets = set()
        for imported in imported_names(name, path, is_package, modules):
            parts = imported.split(".")
            for end in range(1, len(parts) + 1):
                target = ".".join(parts[:end])
                # A's own packages run before A does: importing them (as the parents of a
                # module A imports) runs nothing new. A name taken from one of them does.
                own_parent = end < len(parts) and (name == target or name.startswith(target + "."))
                if target in modules and target != name and not own_parent:
                    targets.add(target)
        graph[name] = targets
    return graph


def _strong_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan's algorithm,
    iterative); single modules without a self-import are left out."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def _one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A shortest import path from the group's first module back to itself, within the group."""
    members, start = set(group), group[0]
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & members):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start] + path[::-1][1:] + [start]
                if target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return group


def test_the_graph_sees_imports_inside_functions_and_parent_packages():
    graph = import_graph()
    # content/loader.py imports honor/loading.py inside load_site(); honor/loading.py imports
    # rules/privacy.py, which also runs rules/__init__.py; render/context.py imports the
    # honor index for its annotations only.
    assert "site_builder.honor.loading" in graph["site_builder.content.loader"]
    assert {"site_builder.rules", "site_builder.rules.privacy"} <= graph["site_builder.honor.loading"]
    assert "site_builder.render.markdown" in graph["site_builder.render.context"]
    assert "site_builder.honor.index" not in graph["site_builder.render.context"]


def test_no_import_cycles():
    graph = import_graph()
    cycles = [" -> ".join(_one_cycle(graph, group)) + f"  (modules in the loop: {', '.join(group)})"
              for group in _strong_components(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_renderer_is_given_the_page_types_and_imports_none():
    graph = import_graph()
    render = {name: targets for name, targets in graph.items() if name.startswith("site_builder.render")}
    assert render
    for name, targets in render.items():
        assert not {t for t in targets if t.startswith("site_builder.pages")}, name


def test_every_page_type_declares_the_page_type_protocol():
    from site_builder.pages.catalog import PAGE_TYPES
    from site_builder.render.pages import PageType

    assert PAGE_TYPES and PAGE_TYPES[-1].name == "feeds"  # last: its sitemap lists every page
    names = [page_type.name for page_type in PAGE_TYPES]
    assert len(set(names)) == len(names) and all(names)
    for page_type in PAGE_TYPES:
        assert isinstance(page_type, PageType), page_type


def test_only_the_mkdocs_shell_imports_mkdocs_or_material():
    offenders = []
    modules = module_files()
    for name, (path, is_package) in modules.items():
        if name == MKDOCS_SHELL or name.startswith(MKDOCS_SHELL + "."):
            continue
        for imported in imported_names(name, path, is_package, modules, with_type_checking=True):
            if imported.split(".")[0] in MKDOCS_PACKAGES:
                offenders.append(f"{name} imports {imported}")
    assert not offenders, "\n".join(sorted(set(offenders)))


def test_the_package_root_holds_few_modules():
    root = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(root) <= ROOT_MODULES_AT_MOST, root


def test_no_import_goes_around_the_graph():
    """importlib.import_module and __import__ would hide an edge from the graph above. The
    package root may use them for its lazy public API: every module has the root as a
    parent package, imported before it, so no cycle can run through the root."""
    hidden = []
    for name, (path, _is_package) in module_files().items():
        if name == "site_builder":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                if called in ("import_module", "__import__"):
                    hidden.append(f"{name}:{node.lineno}")
    assert not hidden, hidden


def test_memos_are_declared_not_written_into_dict():
    """A value kept once made is a declared field or a cached_property, never a write into an
    object's __dict__ (which hides what an object holds). The MkDocs shell only removes a value
    MkDocs itself cached on its File objects."""
    found = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if "__dict__" in path.read_text(encoding="utf-8")]
    assert found == ["shells/mkdocs/languages.py"]


def test_the_recipients_files_do_not_import_open_data_back():
    """feeds/opendata.py declares the datasets; feeds/recipient_files.py writes one of them: the
    dependency goes one way (the cycle between them hid behind imports inside functions)."""
    graph = import_graph()
    assert "site_builder.feeds.recipient_files" not in graph["site_builder.feeds.opendata"]
