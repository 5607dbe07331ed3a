"""Parallel rendering (render/parallel.py) writes exactly the files a serial build writes."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.render.parallel import RenderFailed
from tests.test_incremental import files, snapshot

REPO = Path(__file__).resolve().parents[1]


def build(site, out: Path, workers: int, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_WORKERS", str(workers))
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme",
                        site_url="https://thiduakhenthuong.example.gov.vn/")
    build_site(config, out, clean=True)


def test_parallel_and_serial_builds_write_the_same_files(make_site, tmp_path, monkeypatch):
    site = make_site(files(), languages=("vi", "en"))
    build(site, tmp_path / "serial", 1, monkeypatch)
    build(site, tmp_path / "parallel", 3, monkeypatch)
    serial = {p: v[2] for p, v in snapshot(tmp_path / "serial").items() if p != ".site-builder-build"}
    parallel = {p: v[2] for p, v in snapshot(tmp_path / "parallel").items() if p != ".site-builder-build"}
    assert len(serial) > 50
    assert sorted(serial) == sorted(parallel)
    different = [p for p in serial if serial[p] != parallel[p]]
    assert not different, different[:5]
    # the sitemap lists every page in the same order (pages are merged in sequence order)
    assert b"khen-thuong/qd-1/tran-van-anh.html" in serial["sitemap-core-1.xml"]


def test_a_failing_worker_fails_the_build_with_its_message(make_site, tmp_path, monkeypatch):
    from site_builder.render.renderer import Renderer

    site = make_site(files(), languages=("vi",))
    real = Renderer.render

    def failing(self, spec, lang):
        if spec.path == "khen-thuong/qd-2/":
            raise ValueError("broken page qd-2")
        return real(self, spec, lang)

    monkeypatch.setattr(Renderer, "render", failing)
    with pytest.raises(RenderFailed, match="broken page qd-2"):
        build(site, tmp_path / "out", 2, monkeypatch)
    assert not (tmp_path / "out").exists()
