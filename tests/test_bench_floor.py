"""The benchmark's text floor keeps what a reader sees: its text, and its tables as tables."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from run import visible_text  # noqa: E402


def test_the_text_floor_keeps_tables_as_markdown_tables_and_drops_figures():
    page = ("---\ntitle: T\n---\n# T\n\n<svg><text>drawn</text></svg>\n"
            '<table><tr><th scope="col">Name</th><th>Kind</th></tr>\n'
            '<tr><td><a href="a.md">A | one</a></td><td markdown="span">strength</td></tr></table>\n\nAfter <b>bold</b>.\n')
    text = visible_text(page)
    assert text.startswith("---\ntitle: T\n---\n")
    assert "| Name | Kind |\n| --- | --- |\n| A \\| one | strength |" in text
    assert "drawn" not in text and "<" not in text.replace("&lt;", "")
    assert "After bold." in text
