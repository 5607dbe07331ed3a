"""Running MkDocs from the `site-builder` command: the CLI's only door into mkdocs."""
from __future__ import annotations

from pathlib import Path


class ShellFailed(Exception):
    """MkDocs refused the project (its configuration, a plugin, a page): the message says why.
    Raised in place of MkDocs' own exception so that the command imports no mkdocs module."""


def load(config_file: str, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=config_file, **{k: v for k, v in overrides.items() if v is not None})


def plugin_of(config):
    from .plugin import SiteBuilderPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, SiteBuilderPlugin):
            return plugin
    raise SystemExit("mkdocs.yml does not list the site_builder plugin under plugins:")


def core_config(config_file: str, preview: bool = False):
    return check_setup(config_file, preview)[0]


def check_setup(config_file: str, preview: bool = False):
    """(the core's SiteConfig, the language of messages the site chose: `messages_language`).
    ShellFailed when MkDocs refuses the configuration."""
    from mkdocs.exceptions import MkDocsException

    try:
        config = load(config_file)
    except MkDocsException as exc:
        raise ShellFailed(str(exc)) from exc
    plugin = plugin_of(config)
    core = plugin.core_config(config)
    core.preview = core.preview or preview
    return core, plugin.config.messages_language


def build(config_file: str, site_dir: str | None = None, preview: bool = False, clean: bool = False,
          lang: str | None = None) -> None:
    """Build with MkDocs. ShellFailed when MkDocs refused the project (the content's errors:
    the plugin's last line, in the language of messages); InternalFailure, in that
    language, for a bug."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from ...runtime.internal_error import InternalFailure
    from ...runtime.site_lock import SiteBusy

    plugin = None
    try:
        config = load(config_file, site_dir=site_dir)
        plugin = plugin_of(config)
        if preview:
            plugin.config.preview = True
        if lang:
            plugin.config.messages_language = lang
        plugin.clean = clean
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise ShellFailed(str(exc)) from exc
    except SiteBusy:
        raise  # not a bug: another build holds the site (cli.py EXIT_BUSY)
    except Exception as exc:  # noqa: BLE001 - a bug, here or in MkDocs: told as one (cli.py)
        raise InternalFailure(plugin.config.messages_language if plugin is not None else lang) from exc


def serve(config_file: str, dev_addr: str | None = None) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    mkdocs_serve(config_file=str(Path(config_file)), **kwargs)
