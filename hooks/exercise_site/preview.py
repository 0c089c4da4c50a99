"""What the live preview shows while the data cannot be built: one page listing every problem.

A preview that stops on bad data leaves the author's browser waiting for a page that never
comes. Instead every page of the site answers with this list until the files are fixed.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import CONDITIONS_DIR, PLANS_DIR, RESERVED_FILES, ROUTINES_DIR
from .problems import CatalogueError

# The generated pages whose address does not depend on the data.
_INDEX_PAGES = ["exercises/index.md", "routines/index.md", "conditions/index.md",
                "browse/muscles/index.md", "browse/equipment/index.md", "builder/index.md", "offline/index.md"]


def problem_page(error: Exception) -> str:
    """The Markdown body of the page: every problem as `file:line:column: field: message`."""
    lines = [str(p) for p in error.problems] if isinstance(error, CatalogueError) else str(error).splitlines()
    listing = "\n".join(lines)
    # A fence longer than any run of backticks in the messages, so that none can close it.
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", listing)), default=0))
    count = len(lines) if isinstance(error, CatalogueError) else 1
    return (
        "# The preview is waiting for a fix\n\n"
        f"The site cannot be built: {count} problem{'s' if count != 1 else ''} to fix. "
        "Save the corrected file and this page reloads by itself.\n\n"
        f"{fence}text\n{listing}\n{fence}\n"
    )


def page_paths(exercises_dir: Path) -> list[str]:
    """The generated pages the data will give, as far as the file names tell without reading them."""
    paths = list(_INDEX_PAGES)
    for folder, prefix in ((exercises_dir, "exercises"), (exercises_dir / ROUTINES_DIR, "routines"),
                           (exercises_dir / CONDITIONS_DIR, "conditions")):
        paths += [f"{prefix}/{p.stem}.md" for p in sorted(folder.glob("*.yml")) if p.name not in RESERVED_FILES]
    paths += [f"{p.stem}/index.md" for p in sorted((exercises_dir / PLANS_DIR).glob("*.yml"))]  # render.plan_page
    return paths
