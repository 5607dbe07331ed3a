"""The `editor` option of a site (mkdocs.yml): which git host the web editor commits to.

Checked with the same field machinery as content (content/schema.py Validator), so a
misspelt option or an unknown backend is told like a misspelt field: file, field and the
allowed values. rules/editor.py reports; cms_config.py reads the checked values.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.schema import F, Validator

# The CMS's backends a province can run (docs/web-editor.md). `local`: Decap's proxy server
# (decap-server) on this machine, over a working copy: trying the editor, and the browser test.
BACKENDS = ("gitlab", "gitea", "forgejo", "github", "local")
# The backends whose Decap implementation has the editorial workflow (branches and merge
# requests: draft, in review, ready), measured in docs/web-editor.md; decap-server (`local`)
# keeps the drafts as branches of the working copy and merges them on publication.
WORKFLOW_BACKENDS = ("gitlab", "github", "forgejo", "local")
# The backends a province hosts itself, logging in with OAuth PKCE (no server of ours): they
# need the host's address and the id of the OAuth application registered there.
PKCE_BACKENDS = ("gitlab", "gitea", "forgejo")
# Where decap-server listens by default.
LOCAL_PROXY = "http://localhost:8081/api/v1"

SPEC = {
    "backend": F("enum", required=True, choices=BACKENDS, doc="the git host the editor commits to"),
    "repo": F("str", doc="the repository, owner/name (not for the local backend)"),
    "branch": F("str", doc="the branch the site is built from (default main)"),
    "base_url": F("url", doc="the git host's address, where staff log in (self-managed GitLab, Gitea, "
                             "Forgejo; GitHub: the OAuth relay)"),
    "api_root": F("url", doc="the git host's API, when it is not base_url's /api/v4 (GitLab) or /api/v1"),
    "app_id": F("str", doc="the id of the OAuth application registered on the git host (PKCE login)"),
    "workflow": F("bool", doc="draft, review and ready as branches and merge requests (default: true where "
                              "the backend has it)"),
    "proxy_url": F("url", doc="the local backend's address (default: decap-server's on this machine)"),
}


@dataclass(frozen=True)
class EditorOptions:
    backend: str
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    api_root: str = ""
    app_id: str = ""
    workflow: bool = False
    proxy_url: str = LOCAL_PROXY


def check_options(raw, problems, file: str = "mkdocs.yml") -> EditorOptions | None:
    """The checked options of `raw` (the `editor` mapping as written), problems reported into
    `problems`; None when the site has no editor or the options have errors."""
    if raw is None:
        return None
    before = len(problems.errors)
    if not isinstance(raw, dict):
        problems.add(file, None, "editor", "wrong_type", expected=("nhóm trường", "a group of fields"), value=str(raw))
        return None
    values = Validator(problems, file, None, "editor").check(raw, SPEC, prefix="editor")
    backend = values.get("backend")
    if backend and backend != "local" and not values.get("repo"):
        problems.add(file, None, "editor.repo", "missing_field")
    if backend in PKCE_BACKENDS:
        # Without them Decap would log in at gitlab.com or try.gitea.io, or not at all.
        for key in ("base_url", "app_id"):
            if not values.get(key):
                problems.add(file, None, f"editor.{key}", "missing_field")
    if values.get("workflow") and backend and backend not in WORKFLOW_BACKENDS:
        problems.add(file, None, "editor.workflow", "editor_no_workflow", backend=backend,
                     backends=", ".join(WORKFLOW_BACKENDS))
    if len(problems.errors) > before or not backend:
        return None
    values.setdefault("workflow", backend in WORKFLOW_BACKENDS)
    return EditorOptions(**{k: v for k, v in values.items() if v is not None})


def edits_translations(config) -> bool:
    """Whether the site's web editor edits translations beside each source (Decap's i18n,
    cms_config.py): a site with an editor and several languages. Decap then reads and writes
    the source as `<stem>.<site language>.md` (docs/web-editor.md, "Translations")."""
    return config.editor is not None and len(config.languages) > 1


def source_file_name(stem: str, config) -> str:
    """The file name of a new entry's source (`site-builder new`, `site-builder import`): as
    the web editor names it where it edits translations, `<stem>.vi.md`, so that it opens
    there with them; `<stem>.md` everywhere else. The loader reads both as the entry `stem`."""
    return f"{stem}.{config.default_language}.md" if edits_translations(config) else f"{stem}.md"
