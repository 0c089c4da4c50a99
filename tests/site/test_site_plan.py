"""This site's walk-run plan (exercises/plans/back-to-running.yml) agrees with the article that
explains it: the same stages as the table in content/return-to-running.md (the OxSport leaflet's),
the stricter no-pain rule for moving up, and the single-run cap of the Garmin-RUNSAFE study."""
from __future__ import annotations

import re

from exercise_site.catalogue import load_catalogue

from conftest import ROOT

ARTICLE = ROOT / "content" / "return-to-running.md"


def plan():
    return load_catalogue(ROOT / "exercises").plans["back-to-running"]


def article_stages() -> list[tuple[int, int, str, int]]:
    """(run, walk, repeat, total) of each row of the article's walk-run table."""
    rows = re.findall(r"^\| (\d+) \| (\d+) min \| (\d+ min|none) \| ([^|]+) \| (\d+) min \|$", ARTICLE.read_text(encoding="utf-8"), re.MULTILINE)
    return [(int(run), 0 if walk == "none" else int(walk.split()[0]), repeat.strip(), int(total)) for _, run, walk, repeat, total in rows]


def test_the_stages_are_the_articles_table():
    from exercise_site.return_plan import stage_repeats

    stages = article_stages()
    assert len(stages) == 6
    assert [(s.run_minutes, s.walk_minutes if s.walks else 0, s.total_minutes) for s in plan().stages] == [(r, w, t) for r, w, _, t in stages]
    words = [stage_repeats(s) for s in plan().stages]
    assert words[:5] == [r for _, _, r, _ in stages][:5] and words[5] == "once, non-stop" == stages[5][2]


def test_moving_up_needs_no_pain_at_all_and_a_week():
    rules = plan().advance
    assert rules.pain_at_most == 0 and rules.days == 7
    assert "whole week of runs without pain" in rules.text and "whole week of runs without pain" in ARTICLE.read_text(encoding="utf-8")


def test_the_cap_is_ten_percent_of_the_longest_run_of_30_days_after_frandsen():
    cap = plan().cap
    assert (cap.percent, cap.window_days, cap.sources) == (10, 30, ["frandsen-runsafe-2025"])
    assert "frandsen-runsafe-2025" in ARTICLE.read_text(encoding="utf-8")


def test_the_stages_come_from_the_leaflet_the_article_names():
    assert plan().sources[0] == "oxsport-return-to-running" and plan().article == "return-to-running.md"
