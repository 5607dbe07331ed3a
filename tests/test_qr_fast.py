"""The hand-written QR encoder (site_builder/render/qr_fast.py) makes exactly the codes segno
makes for verification addresses, and qr_image's tags are unchanged (issue 24)."""
import string

import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.render import qr_codes, qr_fast

HOST = st.text(string.ascii_lowercase + string.digits + ".-", min_size=1, max_size=90)
PATH = st.text(string.ascii_lowercase + "-/", max_size=20)
KEY = st.text(string.ascii_lowercase + string.digits, min_size=10, max_size=10)


@st.composite
def addresses(draw):
    site_url = "https://" + draw(HOST) + draw(PATH)
    return f"{site_url.rstrip('/')}/xm/{draw(KEY)}.html"


def segno_code(address):
    return segno.make(address, error=qr_codes.ERROR, mask=qr_codes.MASK, micro=False,
                      boost_error=True)


def segno_image(address):
    """qr_image as it was before the fast path: segno alone."""
    code = segno_code(address)
    size = code.symbol_size(scale=4, border=qr_codes.BORDER)[0]
    return (f'<img class="qr" src="{code.png_data_uri(scale=1, border=qr_codes.BORDER)}" alt="" '
            f'width="{size}" height="{size}">')


@settings(max_examples=150, deadline=None)
@given(addresses())
def test_the_fast_matrix_is_segnos(address):
    made = qr_fast.matrix(address, qr_codes.MASK)
    assert made is not None  # every realistic address is within the fast path's versions
    assert tuple(made) == tuple(segno_code(address).matrix)


@settings(max_examples=150, deadline=None)
@given(addresses())
def test_the_image_tag_is_the_same_as_segnos(address):
    assert qr_codes.qr_image(address) == segno_image(address)


@settings(max_examples=150, deadline=None)
@given(addresses())
def test_codes_drawn_from_tables_are_segnos(address):
    """A province's thousands of codes of one size are drawn from tables (qr_fast
    TABLES_AFTER), not module by module: the same images."""
    saved = qr_fast.TABLES_AFTER
    qr_fast.TABLES_AFTER = 0  # tables from the first code of each size
    try:
        assert qr_codes.qr_image(address) == segno_image(address)
    finally:
        qr_fast.TABLES_AFTER = saved


def test_a_provinces_codes_of_one_size_are_segnos():
    addresses = [f"https://thidua.tanha.example.gov.vn/xm/{n:010d}.html" for n in range(0, 700_000, 997)]
    assert all(qr_codes.qr_image(address) == segno_image(address) for address in addresses)


def test_typical_addresses_use_the_fast_path_and_match():
    for address in ("https://thidua.tanha.example.gov.vn/xm/54cstw7yqg.html",
                    "https://a.vn/xm/0123456789.html",
                    "https://thi-dua-khen-thuong.so-noi-vu.tinh-example.gov.vn/cong-thong-tin"
                    "/thi-dua/xm/abcdefghij.html"):
        assert qr_fast.png_data_uri(address, qr_codes.MASK, qr_codes.BORDER) is not None
        assert qr_codes.qr_image(address) == segno_image(address)


def test_codes_outside_the_fast_path_are_left_to_segno():
    long_address = "https://example.gov.vn/" + "x" * 300 + "/xm/0123456789.html"  # version > 9
    upper = "HTTPS://EXAMPLE.GOV.VN/XM/0123456789.HTML"  # segno's alphanumeric mode
    accented = "https://thi-đua.example.gov.vn/xm/0123456789.html"  # not ASCII
    for address in (long_address, upper, accented):
        assert qr_fast.png_data_uri(address, qr_codes.MASK, qr_codes.BORDER) is None
        assert qr_codes.qr_image(address) == segno_image(address)
