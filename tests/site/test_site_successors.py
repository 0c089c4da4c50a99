"""This site built by Material's successors, ProperDocs and Zensical (`make properdocs`, `make zensical`
in place), held to the tests of tests/test_successors.py, and its search finding an exercise by name."""
from __future__ import annotations

import pytest
from test_successors import (  # noqa: F401  (fixtures and tests, collected here again on this site)
    open_first_result, served, successor, successor_project, test_card_qr_code_and_address_are_the_full_url,
    test_every_generated_page_and_article_is_built, test_longest_routine_card_prints_on_one_a4_sheet,
    test_no_broken_link_under_the_project_prefix,
)


@pytest.mark.browser
def test_search_box_finds_an_exercise_by_name(page, served, project):
    open_first_result(page, served, "butterfly stretch", project, "butterfly-stretch")
