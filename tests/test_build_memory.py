"""How a build keeps its memory down (docs/architecture.md, "Memory"): the data process takes
pages once its files are written, in place of a render worker, and a sheet's achievements are
one block of bytes every process shares (honor/shared_text.py), read back as the text."""
from __future__ import annotations

import os
import time

from site_builder.content.model import Awardee
from site_builder.honor import shared_text
from tests.test_incremental import files
from tests.test_parallel import build

from .conftest import BASE_DATA


def test_on_two_cores_the_data_process_renders_pages_too_and_no_third_process_is_forked(
        make_site, tmp_path, monkeypatch):
    """Two processes on two cores: this one and the data process, which renders pages once its
    files are written. Before, a render worker was forked beside it: three processes, each
    with its copy of the loaded site. This process waits on its first page until another one
    has written a page, so that both take part however loaded the machine is."""
    from site_builder.pages import search_page
    from site_builder.render.renderer import Renderer

    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    parent = os.getpid()
    log = tmp_path / "made-by"
    real_write, real_batch, real_data = Renderer.write, Renderer.write_batch, search_page.write_data
    waited = []

    def note(what: str) -> None:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, f"{what} {os.getpid()}\n".encode())
        os.close(fd)
        if what == "page" and os.getpid() == parent and not waited:
            waited.append(True)
            deadline = time.monotonic() + 120  # a failure, not a hang, if no other process renders
            while not _page_by_another(log, parent):
                assert time.monotonic() < deadline, "no other process wrote a page in two minutes"
                time.sleep(0.01)

    def writing(self, spec, lang):
        note("page")
        return real_write(self, spec, lang)

    def batch_writing(self, batch, lang):
        note("page")
        return real_batch(self, batch, lang)

    def data_writing(ctx, output):
        note("data")
        return real_data(ctx, output)

    monkeypatch.setattr(Renderer, "write", writing)
    monkeypatch.setattr(Renderer, "write_batch", batch_writing)
    monkeypatch.setattr(search_page.PAGE_TYPE, "write_data", data_writing)
    build(site, tmp_path / "out", 2, monkeypatch)
    lines = [line.split() for line in log.read_text().splitlines()]
    data_pids = {pid for what, pid in lines if what == "data"}
    page_pids = {pid for what, pid in lines if what == "page"}
    assert len(data_pids) == 1 and str(parent) not in data_pids  # the data files: a forked process
    assert page_pids == {str(parent)} | data_pids  # pages: this process and that one, no third
    assert (tmp_path / "out" / "search" / "names" / "meta.json").is_file()
    assert (tmp_path / "out" / "khen-thuong" / "qd-1" / "tran-van-anh.html").is_file()


def _page_by_another(log, parent: int) -> bool:
    return any(line.split()[0] == "page" and line.split()[1] != str(parent) for line in log.read_text().splitlines())


def test_a_column_of_texts_comes_back_as_written_from_its_shared_block():
    texts = ["Hoàn thành xuất sắc <nhiệm vụ> & \"chỉ tiêu\"", None, "", "Ꭰ 😀 chữ ngoài BMP", "a" * 5000, None]
    values = shared_text.unpack(shared_text.pack(texts))
    assert len(values) == len(texts)
    assert [v if v is None or isinstance(v, str) else v.text() for v in values] == texts
    # Texts are held in the block, not as str objects: the awardee reads them back.
    assert not isinstance(values[0], str)
    held = Awardee("qd-1", "a", "individual", "Nguyễn Văn An", "bk", achievement=values[0])
    assert held.achievement == texts[0]
    assert held == Awardee("qd-1", "a", "individual", "Nguyễn Văn An", "bk", achievement=texts[0])
    held.achievement = "Đính chính."  # a correction assigns the corrected text
    assert held.achievement == "Đính chính."
