"""The guard of the site's search wrapper; part of the MkDocs adapter.

overrides/assets/search-worker.js runs Material's search worker inside its own and reads the
messages between page and worker by Material's private message numbers. Those numbers are handed
to it in the page (partials/search-worker.html) only when the installed Material is the release
they were read from; without them the wrapper steps aside and Material's search works as it ships.
"""
from __future__ import annotations

import logging

from mkdocs_rebuild import untested_versions

# Material's SearchMessageType in the tested release (mkdocs_rebuild.TESTED).
MESSAGES = {"setup": 0, "ready": 1, "query": 2, "result": 3}


def search_messages(log: logging.Logger) -> dict[str, int] | None:
    """The message numbers for the page, or None, with a one-line notice, on an untested Material."""
    untested = untested_versions(("mkdocs-material",))
    if untested:
        log.info(f"Search: Material's own search, without the site's word forms and ranking, since the wrapper is not tested with {untested[0]}")
        return None
    return dict(MESSAGES)
