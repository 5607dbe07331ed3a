"""Campaign pages: the whole tree of documents, from the national decision down to communes."""
from __future__ import annotations

from .. import urls
from ..render.pages import PageSpec, PageTypeHooks


def tree_of(ctx, campaign):
    """Roots are the campaign's documents that implement nothing else in the site."""
    site = ctx.site
    ids = {c.id for c in site.campaigns.values() if c.id == campaign.id or _descends(site, c, campaign.id)}
    docs = [d for d in site.plans.values() if d.get("campaign") in ids]
    if campaign.launched_by and site.document(campaign.launched_by):
        docs.append(site.document(campaign.launched_by))
    in_tree = {d.id for d in docs}
    roots = [d for d in docs if not any(p in in_tree for p in d.get("implements", []))]
    roots = sorted({d.id: d for d in roots}.values(), key=lambda d: (d.date.sort_key(), d.id))
    return roots, in_tree


def _descends(site, campaign, ancestor_id, depth=0):
    parent = site.campaigns.get(campaign.parent) if campaign.parent else None
    if parent is None or depth > 20:
        return False
    return parent.id == ancestor_id or _descends(site, parent, ancestor_id, depth + 1)


def pages(ctx, lang):
    for campaign in ctx.site.campaigns.values():
        roots, in_tree = tree_of(ctx, campaign)
        yield PageSpec(path=urls.campaign_page(campaign.id), template="campaign.html", title=lang.name_of(campaign),
                       description=campaign.summary or "",
                       context={"campaign": campaign, "roots": roots, "in_tree": in_tree})
    yield PageSpec(path=urls.CAMPAIGNS, template="campaigns.html", title=lang.t("campaigns"),
                   context={"campaigns": list(ctx.site.campaigns.values())})


PAGE_TYPE = PageTypeHooks("campaigns", pages=pages)
