"""Options of mkdocs.yml that take one of a few words (config.py `plugin_option(choices=...)`):
any other value stops the build with a problem naming the option and the words it takes,
rather than a site built as if the option were not written."""
from __future__ import annotations

from ..config import CHOICES, plugin_fields


def check(site) -> None:
    for option in plugin_fields():
        choices = option.metadata.get(CHOICES)
        value = getattr(site.config, option.name)
        if choices and value not in choices:
            site.problems.add("mkdocs.yml", None, option.name, "not_in_choices", value=value,
                              choices=", ".join(choices))
