"""A story (gương điển hình) tells about one awardee of one decision: both must exist.

A story about an award that was revoked (rules/revocation.py, which runs before) is not
published, nor is its photo: `check` warns that it was left out, and the photo's file joins
`site.withheld`, the content files no shell may copy into the site (docs/honor-roll.md).
"""
from __future__ import annotations

import difflib
import posixpath

from ..honor.awardees import find_awardee


def check(site) -> None:
    revoked = []
    for story in site.stories.values():
        decision = site.decisions.get(story.get("decision"))
        recipient = story.get("recipient")
        if decision is None or not recipient:
            continue  # unknown decision: rules.references; missing field: the schema
        awardee = find_awardee(site, decision.id, recipient)
        if awardee is None:
            close = difflib.get_close_matches(recipient, [a.id for a in decision.awardees], n=1, cutoff=0.6)
            hint = (f"; có phải là '{close[0]}'?", f"; did you mean '{close[0]}'?") if close else ("", "")
            site.problems.add(story.source.file, story.parsed.line_of("recipient"), "recipient",
                              "unknown_recipient", decision=decision.id, value=recipient, hint=hint)
        elif awardee.revoked_by:
            site.problems.add(story.source.file, story.parsed.line_of("recipient"), "recipient", "story_revoked",
                              severity="warning", value=awardee.key,
                              other=site.decisions[awardee.revoked_by].source.file)
            revoked.append(story)
            continue
        if story.get("photo") and not story.get("photo_alt"):
            site.problems.add(story.source.file, story.parsed.line_of("photo"), "photo_alt", "missing_field")
    left_out = {id(story) for story in revoked}
    kept = {path for story in site.stories.values() if id(story) not in left_out for path in photo_files(story)}
    for story in revoked:
        del site.stories[story.id]
        site.problems.mark(story.source.file, "ignored")
        site.withheld.update(path for path in photo_files(story) if path not in kept)


def photo_files(story) -> list[str]:
    """Where a story's photo may be, relative to content/: beside the stories, or from the
    content folder (pages/honor_roll.py copies the first that exists)."""
    photo = story.get("photo")
    if not photo:
        return []
    return [posixpath.normpath(posixpath.join("stories", photo)), posixpath.normpath(photo)]
