"""A recipient's page made by Python: the content block of templates/honor/recipient.html.

Recipient pages are the bulk of a site (one per award and language), and through Jinja each
cost as much as a decision page. This maker writes the same bytes as the template for a
recipient without a story (tests/test_recipient_page.py compares the two on every recipient
of a test site); a page with a story, or a theme that overrides honor/recipient.html, goes
through the template (render/frame.py, Renderer.render).
"""
from __future__ import annotations

from markupsafe import escape

from ..render.escaping import awardee_fields, escaped

TEMPLATE = "honor/recipient.html"

_LABELS = ("honor_roll", "position", "unit", "place", "award", "decision", "achievement", "in_decision_list")


class _Labels:
    """The interface strings a recipient page shows, escaped once per language."""

    def __init__(self, lang):
        for key in _LABELS:
            setattr(self, key, escape(lang.t(key)))


_labels: dict[str, _Labels] = {}


def make(spec, lang, root: str) -> dict | None:
    c = spec.context
    if c.get("story") is not None:
        return None
    t = _labels.get(lang.code)
    if t is None:
        t = _labels[lang.code] = _Labels(lang)
    a, d = c["awardee"], c["d"]
    f = awardee_fields(a)
    base = root + lang.prefix
    label = escaped(c["award_label"])
    decision_link = f'<a href="{escaped(base + d["path"])}">{escaped(d["ref"])}</a>'
    out = [
        f'<nav class="crumbs" aria-label="{t.honor_roll}"><a href="{escaped(base + "khen-thuong/")}">{t.honor_roll}</a>'
        f' › {decision_link}</nav>\n<article class="recipient" aria-labelledby="r-name">\n'
        f'  <p class="award-badge">{label}</p>\n  <h1 id="r-name" lang="vi">{f.name}</h1>\n  <dl class="facts">\n'
    ]
    if a.position:
        out.append(f'<dt>{t.position}</dt><dd lang="vi">{f.position}</dd>')
    if a.unit:
        out.append(f'<dt>{t.unit}</dt><dd lang="vi">{f.unit}</dd>')
    if c["place"]:
        out.append(f'<dt>{t.place}</dt><dd><a href="{escaped(f"{base}khen-thuong/dia-phuong/{a.locality}/")}">'
                   f'{escaped(c["place"])}</a></dd>')
    out.append(f'    <dt>{t.award}</dt><dd><a href="{escaped(f"{base}khen-thuong/hinh-thuc/{a.award}/")}">{label}</a></dd>\n'
               f'    <dt>{t.decision}</dt><dd>{decision_link}, {escaped(d["date"])}, '
               f'<span lang="vi">{escaped(d["issuer_name"])}</span></dd>\n')
    if a.achievement:
        out.append(f'<dt>{t.achievement}</dt><dd lang="vi">{f.achievement}</dd>')
    out.append(f'  </dl>\n  <p><a href="{escape(base + c["anchor"])}">{t.in_decision_list}</a></p>\n</article>\n')
    return {"head": f'<link rel="stylesheet" href="{escaped(root + "assets/honor.css")}">', "content": "".join(out)}
