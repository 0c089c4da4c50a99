"""The generator's own files as files: no merge conflict left in any of them, and every stylesheet's
braces balanced (a lost "}" silently puts every rule after it inside the block above, such as
@media print)."""
from __future__ import annotations

import re
import subprocess

from conftest import ROOT

MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.M)


def tracked(*patterns: str) -> list:
    out = subprocess.run(["git", "ls-files", "-z", "--", *patterns], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in out.stdout.split("\0") if name]


def test_no_merge_conflict_is_left_in_a_file():
    files = tracked("*.py", "*.js", "*.css", "*.html", "*.md", "*.yml", "*.json", "Makefile")
    assert files, "git lists no files"
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
