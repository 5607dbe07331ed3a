"""The site's options are declared once (config.SiteConfig); the MkDocs shell follows them."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import Config

from site_builder.config import DEFAULT_PRIMARY_COLOR, SiteConfig, default_of, plugin_fields
from site_builder.shells.mkdocs.commands import load, plugin_of
from site_builder.shells.mkdocs.config import SHELL_OPTIONS, SiteBuilderConfig
from tests.conftest import BASE_DATA, mkdocs_yml


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
               "frame_ancestors": ["https://cong.example.vn"], "editor": {"backend": "local"},
               "recipient_pages": "every-language"}
    assert set(written) == {f.name for f in plugin_fields()}, "write a value for the new option here"
    for option in plugin_fields():
        assert written[option.name] != default_of(option), option.name
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml(plugin=written), encoding="utf-8")
    config = load(str(tmp_path / "mkdocs.yml"))
    core = plugin_of(config).core_config(config)
    assert {name: getattr(core, name) for name in written} == written
    assert isinstance(plugin_of(config).config, Config)


def test_an_option_of_a_few_words_refuses_any_other(make_site):
    """recipient_pages takes site-language or every-language: anything else (a typo, the
    wrong language's word) stops check and build with the file, the option and the words it
    takes, in the site's language; nothing is built as if the option were not written."""
    site = make_site(BASE_DATA, languages=("vi", "en"), plugin={"recipient_pages": "every-languages"})
    for command in ("check", "build"):
        proc = site.run(command)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        said = proc.stdout + proc.stderr
        assert "mkdocs.yml" in said and "recipient_pages" in said and '"every-languages"' in said
        assert "site-language, every-language" in said and "Traceback" not in said
    assert not (site.root / "site").exists()
    english = site.run("check", "--lang", "en")
    assert "is not allowed; choose one of: site-language, every-language" in english.stdout + english.stderr
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), plugin={"recipient_pages": "every-language"})})
    site.run("build", check_exit=0)
