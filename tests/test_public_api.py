"""The public API of `site_builder` is exactly what `__all__` names (see the package docstring).

A name added to or removed from `__all__` fails the first test on purpose: a change of the
public API is a decision, written down here as well as in the code. Names are resolved
lazily (site_builder/__init__.py __getattr__), so the last tests run a fresh interpreter:
in this one, other tests have long imported everything.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import site_builder

PUBLIC_NAMES = ["BuildFailed", "Site", "SiteConfig", "build_site", "load_site", "render_site"]

# What `import site_builder` must not import: the package's own modules (the command starts
# reading the sheets before it imports them, honor/read_ahead.py) and the large libraries.
HEAVY_MODULES = ["mkdocs", "material", "jinja2", "markdown", "yaml", "babel", "nh3", "openpyxl", "docx"]


def fresh_interpreter(code: str):
    """What `code` prints as JSON, run by a new interpreter of this environment (PYTHONPATH included)."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_all_names_the_public_api_exactly():
    assert sorted(site_builder.__all__) == PUBLIC_NAMES
    assert len(site_builder.__all__) == len(set(site_builder.__all__))


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_each_public_name_resolves_to_a_package_object_of_that_name(name):
    value = getattr(site_builder, name)
    assert value.__name__ == name
    assert value.__module__.startswith("site_builder.")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        site_builder.no_such_name  # noqa: B018


def test_dir_and_star_import_show_the_public_names_before_any_is_used():
    shown = fresh_interpreter(
        "import json, site_builder\n"
        "listed = dir(site_builder)\n"
        "star = {}\n"
        "exec('from site_builder import *', star)\n"
        "print(json.dumps([listed, sorted(k for k in star if k != '__builtins__')]))\n")
    listed, star = shown
    assert set(PUBLIC_NAMES) <= set(listed)
    assert star == PUBLIC_NAMES


def test_importing_the_package_imports_none_of_its_modules_nor_the_large_libraries():
    imported = fresh_interpreter(
        "import json, sys\n"
        "before = set(sys.modules)\n"
        "import site_builder\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n")
    assert "site_builder" in imported  # the import did happen in this interpreter
    assert [m for m in imported if m.startswith("site_builder.")] == []
    assert [m for m in imported if m.split(".")[0] in HEAVY_MODULES] == []
