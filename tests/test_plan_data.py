"""A walk-run plan as data (exercises/plans/<slug>.yml, issue 22) on the fixture project: bad data is
named by file, line and field; the plan's page is rendered from it, and only when a plan exists."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.preview import page_paths
from exercise_site.render import Renderer, plan_page
from exercise_site.settings import read_settings

from conftest import FIXTURE_SITE, edit, line_of, problems_for

PLAN = "plans/back-to-jogging.yml"
LABEL = f"exercises/{PLAN}"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the fixture project's data folder."""
    target = tmp_path / "exercises"
    shutil.copytree(FIXTURE_SITE / "exercises", target)
    return target


def test_a_project_without_plans_loads_with_none(data):
    shutil.rmtree(data / "plans")
    assert load_catalogue(data).plans == {}


def test_a_misspelt_field_is_named_with_the_field_meant(data):
    edit(data / PLAN, "  sessions_a_week: 3", "  sessions_a_wek: 3")
    found = problems_for(data)
    line = line_of(data / PLAN, "sessions_a_wek")
    assert f"{LABEL}:{line}:3: week.sessions_a_wek: unknown field (did you mean 'sessions_a_week'?)" in found


def test_a_total_that_does_not_add_up(data):
    edit(data / PLAN, "repeats: 5, total_minutes: 20}", "repeats: 5, total_minutes: 25}")
    (problem,) = problems_for(data)
    assert problem.startswith(f"{LABEL}:{line_of(data / PLAN, 'total_minutes: 25')}:")
    assert "stages[0].total_minutes: 5 × 2 min run + 5 × 2 min walk make 20 minutes, not 25" in problem


def test_a_session_ending_on_a_run_has_one_walk_fewer(data):
    edit(data / PLAN, "ends_with: run, total_minutes: 17}", "ends_with: walk, total_minutes: 17}")
    (problem,) = problems_for(data)
    assert "stages[1].total_minutes: 3 × 5 min run + 3 × 1 min walk make 18 minutes, not 17" in problem


def test_the_last_stage_must_be_continuous(data):
    edit(data / PLAN, "  - {run_minutes: 20, total_minutes: 20}", "  - {run_minutes: 20, walk_minutes: 1, repeats: 1, total_minutes: 21}")
    (problem,) = problems_for(data)
    assert problem.startswith(f"{LABEL}:{line_of(data / PLAN, 'run_minutes: 20')}:")
    assert "stages[2]: the last stage is one continuous session" in problem


def test_stages_get_no_easier(data):
    edit(data / PLAN, "{run_minutes: 5, walk_minutes: 1, repeats: 3, ends_with: run, total_minutes: 17}",
         "{run_minutes: 1, walk_minutes: 1, repeats: 3, ends_with: run, total_minutes: 5}")
    (problem,) = problems_for(data)
    assert "stages[1].run_minutes: runs get shorter than at stage 1 (2 min)" in problem


def test_more_sessions_than_a_week_holds(data):
    edit(data / PLAN, "  sessions_a_week: 3", "  sessions_a_week: [3, 5]")
    (problem,) = problems_for(data)
    assert problem.startswith(f"{LABEL}:{line_of(data / PLAN, 'sessions_a_week')}:")
    assert "5 sessions do not fit in a week with 1 rest day(s) between; at most 4" in problem


def test_an_unknown_source_is_named_with_the_closest(data):
    edit(data / PLAN, "  sources: [fixture-trial]", "  sources: [fixture-trail]")
    (problem,) = problems_for(data)
    assert problem == (f"{LABEL}:{line_of(data / PLAN, 'fixture-trail')}:13: cap.sources[0]: "
                       "no source 'fixture-trail' in exercises/sources.yml (did you mean 'fixture-trial'?)")


def test_an_unknown_exercise_and_routine(data):
    edit(data / PLAN, "exercise: heel-lift", "exercise: heel-lifts")
    edit(data / PLAN, "routine: lower-leg-strength", "routine: lower-leg-strenght")
    found = problems_for(data)
    assert any(p.startswith(f"{LABEL}:{line_of(data / PLAN, 'heel-lifts')}:") and "entry.checks[1].exercise: no exercise 'heel-lifts'" in p
               and "did you mean 'heel-lift'" in p for p in found)
    assert any("week.routine: no routine 'lower-leg-strenght'" in p and "did you mean 'lower-leg-strength'" in p for p in found)


def test_a_pain_score_out_of_range(data):
    edit(data / PLAN, "  pain_at_most: 0", "  pain_at_most: 11")
    (problem,) = problems_for(data)
    assert problem == f"{LABEL}:{line_of(data / PLAN, 'pain_at_most')}:17: advance.pain_at_most: 11 is out of range: use 0 to 10"


def test_a_missing_rule_is_named(data):
    text = (data / PLAN).read_text()
    (data / PLAN).write_text(re.sub(r"cap:\n(  .*\n)+", "", text))
    (problem,) = problems_for(data)
    assert problem == f"{LABEL}:1:1: cap: is required but missing"


def test_a_plan_may_not_take_the_address_of_other_pages(data):
    (data / PLAN).rename(data / "plans" / "exercises.yml")
    (problem,) = problems_for(data)
    assert problem.startswith("exercises/plans/exercises.yml:1:1: (file name): 'exercises' is the address of other pages")


def test_a_folder_inside_plans_is_reported(data):
    (data / "plans" / "old").mkdir()
    (problem,) = problems_for(data)
    assert problem.startswith("exercises/plans/old:1:1: ") and "unexpected folder" in problem


# --- the page -----------------------------------------------------------------------------------


def renderer_for(data: Path) -> Renderer:
    return Renderer(load_catalogue(data), settings=read_settings(FIXTURE_SITE))


def html(text: str) -> str:
    return markdown.markdown(text.split("---\n", 2)[-1], extensions=["tables", "admonition", "attr_list", "md_in_html", "toc"])


def test_the_plan_page_has_its_table_rules_and_sources(data):
    renderer = renderer_for(data)
    pages = renderer.pages()
    path = plan_page("back-to-jogging")
    assert path == "back-to-jogging/index.md" and path in pages and path in renderer.page_paths()
    page = html(pages[path])
    rows = re.findall(r"<tr>\s*<td>(\d)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", page)
    assert rows == [("1", "2 min", "2 min", "5 times", "20 min"), ("2", "5 min", "1 min", "run, walk, run, walk, run", "17 min"),
                    ("3", "20 min", "none", "once, non-stop", "20 min")]
    assert "Do 15 heel lifts on each leg." in page and 'href="../exercises/heel-lift.md"' in page
    assert "Move up after a week of jogs without pain." in page
    assert "After a jog that hurts, go back one stage." in page
    assert 'href="../red-flags.md#snap"' in page
    assert "The effort rule" in page  # the one pain rule, from rules.yml
    assert "within a tenth of the longest jog of the last 30 days" in page and "Two sessions a week" in page  # the cap's source
    assert 'href="../routines/lower-leg-strength.md"' in page and 'href="../getting-started.md"' in page
    rules = re.search(r'data-rules="([^"]*)"', page).group(1)
    assert "&#34;window_days&#34;:30" in rules or "&quot;window_days&quot;:30" in rules


def test_hostile_text_in_a_plan_stays_text(data):
    edit(data / PLAN, "  - Three stages from short jogs to one steady jog.", "  - \"<script>alert(1)</script> **bold** {{ 7 * 7 }}\"")
    page = renderer_for(data).pages()[plan_page("back-to-jogging")]
    assert "<script>" not in html(page) and "49" not in page and "<strong>" not in html(page).split("<h2", 1)[0]


def test_no_plan_no_page(data):
    shutil.rmtree(data / "plans")
    renderer = renderer_for(data)
    assert not any(path.endswith("back-to-jogging/index.md") for path in renderer.pages())
    assert "back-to-jogging/index.md" not in page_paths(data)


def test_the_preview_knows_the_plan_page_in_advance(data):
    assert "back-to-jogging/index.md" in page_paths(data)


def test_an_article_can_show_the_plans_table(data):
    renderer = renderer_for(data)
    text = html(renderer.article('# Getting back\n\n{{ plan_table("back-to-jogging") }}\n', "getting-back.md"))
    assert re.search(r"<td>2</td>\s*<td>5 min</td>\s*<td>1 min</td>\s*<td>run, walk, run, walk, run</td>\s*<td>17 min</td>", text)
