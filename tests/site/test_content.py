"""House rules for the writing: our own words, sources on every page, a clear disclaimer."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

ARTICLES = sorted((ROOT / "content").glob("*.md"))
OVERLAP_TOOL = ROOT.parent / "shared" / "tools" / "prose_overlap.py"


def front_matter(path):
    text = path.read_text()
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_no_prose_copied_from_the_source_articles():
    if not OVERLAP_TOOL.is_file():
        message = (f"{OVERLAP_TOOL} is missing: the source articles and the overlap tool live in the team's "
                   "shared/ folder beside the project, which a public clone does not have")
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must check every change against the sources)")
        pytest.skip(message)
    result = subprocess.run([sys.executable, str(OVERLAP_TOOL)], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1].startswith("0 copied run(s)"), result.stdout


def test_every_article_has_a_description_and_one_title():
    assert {p.name for p in ARTICLES} >= {
        "index.md", "why-hips-hurt.md", "training-load.md", "alignment-and-habits.md",
        "when-to-see-a-professional.md", "faq.md", "sources.md", "disclaimer.md",
    }
    for path in ARTICLES:
        description = front_matter(path).get("description", "")
        assert 40 <= len(description) <= 160, f"{path.name}: description length {len(description)}"
        assert len(re.findall(r"^# ", path.read_text(), re.MULTILINE)) == 1, path.name


def test_every_article_cites_its_sources():
    for path in ARTICLES:
        text = path.read_text()
        if path.name == "index.md":
            continue
        assert re.search(r'\{\{ cite(\("[a-z0-9-]+"|_all\(\))', text), f"{path.name}: no cite(...) of its sources"


def test_advice_pages_point_to_the_disclaimer_and_red_flags():
    for path in ARTICLES:
        if path.name in ("sources.md", "disclaimer.md", "when-to-see-a-professional.md"):
            continue
        text = path.read_text()
        linked = "disclaimer.md" in text and "when-to-see-a-professional.md" in text
        assert linked or "{{ clinician_note() }}" in text, path.name
