"""Parent origins allowed to frame the site, from the `frame_ancestors` option.

An origin is scheme://host[:port] and nothing else: that is what both CSP frame-ancestors
and postMessage's targetOrigin compare against. Communicators tend to paste a portal's page
address ("https://portal.example.gov.vn/trang-chu/"), so the path is dropped rather than
refused; a value that is not an http(s) address at all is left out (and reported by
`invalid_origins`), because a wrong entry must never widen who may frame the site.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit


def normalise_origin(value: str) -> str | None:
    """'https://Portal.example.gov.vn/x/' -> 'https://portal.example.gov.vn'; None if not an origin."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError on a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(c in parts.hostname for c in "*'\" ;"):
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    suffix = f":{port}" if port and port != default else ""
    return f"{parts.scheme.lower()}://{host}{suffix}"


def allowed_origins(config) -> list[str]:
    """The configured parent origins, normalised, without duplicates, in the order given."""
    return list(_allowed(tuple(config.frame_ancestors or ())))


@lru_cache(maxsize=16)
def _allowed(values: tuple[str, ...]) -> tuple[str, ...]:
    # Every page asks (its embed code): parse the configured origins once per build.
    seen: list[str] = []
    for value in values:
        origin = normalise_origin(value)
        if origin and origin not in seen:
            seen.append(origin)
    return tuple(seen)


def invalid_origins(config) -> list[str]:
    return [v for v in config.frame_ancestors or [] if normalise_origin(v) is None]


def csp_value(origins: list[str]) -> str:
    """The header value: the site itself may always frame its own pages (widget previews)."""
    return " ".join(["frame-ancestors", "'self'", *origins])
