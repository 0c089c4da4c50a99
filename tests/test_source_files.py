"""The generator's own files as files: no merge conflict left in any of them, and every stylesheet's
braces balanced (a lost "}" silently puts every rule after it inside the block above, such as
@media print)."""
from __future__ import annotations

import re

from conftest import ROOT

MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.M)


FOLDERS = ("hooks", "overrides", "tests", "exercises", "content", "examples", ".ci", ".github")
SKIPPED = {"node_modules", "__pycache__", ".venv", "site", "build"}


def tracked(*patterns: str) -> list:
    """The project's own files matching `patterns` (a fork need not be a git repository)."""
    found = [ROOT / p for p in patterns if (ROOT / p).is_file()]
    for folder in FOLDERS:
        for pattern in patterns:
            found += [p for p in (ROOT / folder).rglob(pattern) if p.is_file() and not SKIPPED & set(p.parts)]
    return sorted(set(found))


def test_no_merge_conflict_is_left_in_a_file():
    files = tracked("*.py", "*.js", "*.css", "*.html", "*.md", "*.yml", "*.json", "Makefile")
    assert files, "no files found"
    left = [f"{path.relative_to(ROOT)}:{text[:m.start()].count(chr(10)) + 1}"
            for path in files if path.is_file() and "node_modules" not in path.parts
            for text in [path.read_text(errors="replace")] for m in MARKER.finditer(text)]
    assert not left, "merge conflict markers: " + ", ".join(left)


def test_every_stylesheet_closes_what_it_opens():
    sheets = [p for p in tracked("*.css") if "vendor" not in p.parts]
    assert sheets
    for path in sheets:
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        text = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'', '""', text)
        depth = 0
        for number, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.relative_to(ROOT)}:{number}: a '}}' closes nothing"
        assert depth == 0, f"{path.relative_to(ROOT)}: {depth} block(s) never closed"
