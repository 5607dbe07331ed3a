"""Campaign pages: the whole tree of documents, from the national decision down to communes,
and the tree of campaigns itself (data/campaigns.yml `parent`), read both ways: a campaign's
page names the campaigns it answers to, up to the national one, and those answering to it;
/phong-trao/ shows the whole tree as nested lists (no script needed)."""
from __future__ import annotations

from functools import partial

from .. import urls
from ..render.pages import PageSpec, PageTypeHooks
from ..runtime.keys import documents_stamp

# Deeper chains than this are cut: a loop in `parent` (refused by check) never hangs a build.
MAX_DEPTH = 20


def tree_of(ctx, campaign):
    """Roots are the campaign's documents that implement nothing else in the site."""
    site = ctx.site
    ids = {c.id for c in site.campaigns.values() if c.id == campaign.id or campaign.id in {a.id for a in ancestors_of(site, c)}}
    docs = [d for d in site.plans.values() if d.get("campaign") in ids]
    if campaign.launched_by and site.document(campaign.launched_by):
        docs.append(site.document(campaign.launched_by))
    in_tree = {d.id for d in docs}
    roots = [d for d in docs if not any(p in in_tree for p in d.get("implements", []))]
    roots = sorted({d.id: d for d in roots}.values(), key=lambda d: (d.date.sort_key(), d.id))
    return roots, in_tree


def ancestors_of(site, campaign) -> list:
    """The campaigns `campaign` answers to, the national one (the root) first."""
    chain, seen = [], {campaign.id}
    parent = site.campaigns.get(campaign.parent) if campaign.parent else None
    while parent is not None and parent.id not in seen and len(chain) < MAX_DEPTH:
        chain.append(parent)
        seen.add(parent.id)
        parent = site.campaigns.get(parent.parent) if parent.parent else None
    return chain[::-1]


def children_of(site) -> dict[str | None, list]:
    """Campaign id -> the campaigns that name it as `parent`, in file order; None -> the roots:
    no parent, a parent the site does not have, or a `parent` chain that comes back to the
    campaign (shown as a root rather than left out of /phong-trao/)."""
    children: dict[str | None, list] = {}
    for c in site.campaigns.values():
        chain = ancestors_of(site, c)
        looped = bool(chain) and chain[0].parent in site.campaigns  # the root has a parent: a loop
        parent = c.parent if c.parent in site.campaigns and not looped else None
        children.setdefault(parent, []).append(c)
    return children


def pages(ctx, lang):
    site = ctx.site
    children = children_of(site)
    for campaign in site.campaigns.values():
        roots, in_tree = tree_of(ctx, campaign)
        yield PageSpec(path=urls.campaign_page(campaign.id), template="campaign.html", title=lang.name_of(campaign),
                       description=campaign.summary or "",
                       context={"campaign": campaign, "roots": roots, "in_tree": in_tree,
                                "ancestors": ancestors_of(site, campaign),
                                "sub_campaigns": children.get(campaign.id, [])},
                       key=partial(documents_stamp, ctx))  # its tree of documents; campaigns are data
    yield PageSpec(path=urls.CAMPAIGNS, template="campaigns.html", title=lang.t("campaigns"),
                   context={"campaigns": list(site.campaigns.values()), "children": children,
                            "max_depth": MAX_DEPTH},
                   key="campaigns")  # data/campaigns.yml only: in the site fingerprint


PAGE_TYPE = PageTypeHooks("campaigns", pages=pages)
