"""A story (gương điển hình) tells about one awardee of one decision: both must exist."""
from __future__ import annotations

import difflib

from ..honor.awardees import find_awardee


def check(site) -> None:
    for story in site.stories.values():
        decision = site.decisions.get(story.get("decision"))
        recipient = story.get("recipient")
        if decision is None or not recipient:
            continue  # unknown decision: rules.references; missing field: the schema
        if find_awardee(site, decision.id, recipient) is None:
            close = difflib.get_close_matches(recipient, [a.id for a in decision.awardees], n=1, cutoff=0.6)
            hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
            site.problems.add(story.source.file, story.parsed.line_of("recipient"), "recipient",
                              "unknown_recipient", decision=decision.id, value=recipient, hint=hint)
        if story.get("photo") and not story.get("photo_alt"):
            site.problems.add(story.source.file, story.parsed.line_of("photo"), "photo_alt", "missing_field")
