"""This site's walk-run plan in the browser: the planner's rules and calendar give Python's answers
on it too (the tests of tests/test_planner_rules.py and tests/test_plan_ics.py, with `project`
this site: tests/site/conftest.py)."""
from __future__ import annotations

from test_plan_ics import ics_page  # noqa: F401  (fixtures and tests collected here again, on this site)
from test_plan_ics import test_a_schedule_from_python_gives_the_same_events, test_the_browsers_file_is_pythons_byte_for_byte  # noqa: F401
from test_planner_rules import plan, rules, rules_page  # noqa: F401
from test_planner_rules import (  # noqa: F401
    test_random_caps_match_python, test_random_next_sessions_match_python, test_random_schedules_match_python, test_the_cap_examples,
    test_the_next_session_examples, test_the_schedule_examples, test_the_start_stage_examples,
)
