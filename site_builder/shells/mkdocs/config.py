"""Options of the `site_builder` plugin in mkdocs.yml, derived from the core's SiteConfig.

The site's options are declared once, in config.py (the fields marked `plugin_option`); this
module turns each into a MkDocs config option of the same name, type and default. Two more
options belong to this shell alone: they change how a build runs, not one byte of the site
it makes, and the core takes them as arguments (a second shell would have its own ways of
asking for them, such as command-line flags).
"""
from __future__ import annotations

import typing

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config

from ...config import SiteConfig, default_of, plugin_fields

SHELL_OPTIONS: dict[str, BaseConfigOption] = {
    # Where check and build messages are written for communicators: vi or en (`--lang`
    # overrides it; the core's reports take the language as an argument).
    "messages_language": c.Type(str, default="vi"),
    # Atomic output: build into a staging folder and swap it in on success (the core
    # publishes into whichever folder it is given).
    "atomic": c.Type(bool, default=True),
}


def config_option(name: str, annotation, default) -> BaseConfigOption:
    """The MkDocs option checking a SiteConfig field's type, with the field's default."""
    if annotation in (str, bool):
        return c.Type(annotation, default=default)
    if annotation == list[str]:
        return c.ListOfItems(c.Type(str), default=default)
    if annotation == (str | None) and default is None:
        return c.Optional(c.Type(str))
    if annotation == (dict | None) and default is None:
        return c.Optional(c.Type(dict))
    raise TypeError(f"SiteConfig.{name}: no MkDocs option for {annotation!r}; add one here")


def _derived_config() -> type[Config]:
    hints = typing.get_type_hints(SiteConfig)
    options = {f.name: config_option(f.name, hints[f.name], default_of(f)) for f in plugin_fields()}
    clash = options.keys() & SHELL_OPTIONS.keys()
    if clash:
        raise TypeError(f"declared both in SiteConfig and as shell options: {sorted(clash)}")
    namespace = {"__module__": __name__, "__doc__": "The plugin's options: SiteConfig's plus the shell's own.",
                 **options, **SHELL_OPTIONS}
    return type("SiteBuilderConfig", (Config,), namespace)


SiteBuilderConfig = _derived_config()
