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


def read_folders(config) -> list[str]:
    """The folders and files besides mkdocs.yml that MkDocs' configuration makes a build read:
    docs_dir (content/), the theme's custom_dir, `watch` and `hooks` (runtime/sources_stamp.py)."""
    folders = [config.docs_dir]
    if config.theme.custom_dir:
        folders.append(config.theme.custom_dir)
    folders += list(config.watch or ())
    folders += [getattr(hook, "__file__", "") or "" for hook in (config.hooks or {}).values()]
    return [str(Path(folder).resolve()) for folder in folders if folder]


def build(config_file: str, site_dir: str | None = None, preview: bool = False, clean: bool = False,
          lang: str | None = None, options: dict | None = None, taken_stamp: dict | None = None) -> None:
    """Build with MkDocs. ShellFailed when MkDocs refused the project (the content's errors:
    the plugin's last line, in the language of messages); InternalFailure, in that
    language, for a bug. `options`: the command's options as the sources stamp takes them
    (runtime/sources_stamp.py); the stamp is saved once the site is in place. `taken_stamp`:
    the stamp the command took just before to compare ({"folders", "stamp"}, sources_stamp.py
    unchanged_build), saved as it is when this build reads the same folders."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from ...runtime.internal_error import InternalFailure
    from ...runtime.site_lock import SiteBusy
    from ...runtime.sources_stamp import forget_build, remember_build, sources_stamp

    plugin = None
    try:
        config = load(config_file, site_dir=site_dir)
        if options is not None:
            # Taken before anything is read: what changes during the build makes the next one build.
            forget_build(config_file, options)
            folders = read_folders(config)
            if taken_stamp and taken_stamp.get("folders") == folders:
                stamp = taken_stamp["stamp"]
            else:
                stamp = sources_stamp(config_file, folders, options)
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
        if options is not None:
            remember_build(config_file, options, folders, stamp, config.site_dir, plugin.report,
                           plugin.config.messages_language)
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
