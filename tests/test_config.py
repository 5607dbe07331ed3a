"""The site's options are declared once (config.SiteConfig); the MkDocs shell follows them."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import Config

from site_builder.config import DEFAULT_PRIMARY_COLOR, SiteConfig, default_of, plugin_fields
from site_builder.shells.mkdocs.commands import load, plugin_of
from site_builder.shells.mkdocs.config import SHELL_OPTIONS, SiteBuilderConfig
from tests.conftest import mkdocs_yml


def test_mkdocs_options_are_site_config_plugin_options_with_the_same_defaults():
    schema = dict(SiteBuilderConfig._schema)
    site_options = {name: option for name, option in schema.items() if name not in SHELL_OPTIONS}
    assert list(site_options) == [f.name for f in plugin_fields()]
    assert set(schema) - set(site_options) == set(SHELL_OPTIONS)
    defaults = SiteBuilderConfig()  # a plugin section that sets nothing
    for option in plugin_fields():
        assert defaults[option.name] == default_of(option), option.name
    assert defaults["primary_color"] == SiteConfig(content_dir=Path("content")).primary_color == DEFAULT_PRIMARY_COLOR


def test_shell_options_are_not_site_options():
    """messages_language and atomic change how a build runs, not the site: only the shell has them."""
    assert not set(SHELL_OPTIONS) & {f.name for f in plugin_fields()}
    assert not set(SHELL_OPTIONS) & set(SiteConfig.__dataclass_fields__)


def test_mkdocs_options_check_types_like_the_fields_declare():
    for name, wrong in {"province": 3, "logo": 3, "languages": "vi", "frame_ancestors": [3], "preview": "yes"}.items():
        config = SiteBuilderConfig()
        config.load_dict({name: wrong})
        errors, _ = config.validate()
        assert [failed for failed, _ in errors] == [name]
    config = SiteBuilderConfig()
    config.load_dict({"logo": None})
    assert config.validate()[0] == []


def test_every_plugin_option_written_in_mkdocs_yml_reaches_site_config(tmp_path):
    written = {"province": "Tỉnh Thử", "logo": "assets/thu.svg", "primary_color": "#00574b",
               "accent_color": "#6b4e00", "languages": ["vi", "en"], "default_language": "en", "preview": True,
               "frame_ancestors": ["https://cong.example.vn"], "editor": {"backend": "local"}}
    assert set(written) == {f.name for f in plugin_fields()}, "write a value for the new option here"
    for option in plugin_fields():
        assert written[option.name] != default_of(option), option.name
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml(plugin=written), encoding="utf-8")
    config = load(str(tmp_path / "mkdocs.yml"))
    core = plugin_of(config).core_config(config)
    assert {name: getattr(core, name) for name in written} == written
    assert isinstance(plugin_of(config).config, Config)
