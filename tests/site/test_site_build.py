"""This site's build held to the tests of every page in tests/test_build.py (here `project`,
`built_site` and `project_copy` are this site: tests/site/conftest.py), and its cards cite the
pain-monitoring model by its authors."""
from __future__ import annotations

from pathlib import Path

from conftest import routine_slugs
from test_build import (  # noqa: F401  (collected here again, on this site)
    test_cli_check_and_pages, test_every_card_has_a_pain_log_with_its_key_and_source, test_every_exercise_has_its_page,
    test_every_routine_has_its_page, test_index_lists_every_exercise, test_no_broken_internal_link, test_no_third_party_requests,
    test_routine_index_lists_every_routine, test_templates_and_data_are_not_published,
)


def test_every_card_cites_the_pain_model_by_its_authors(built_site: Path, project: Path):
    for slug in routine_slugs(project):
        html = (built_site / "routines" / slug / "index.html").read_text()
        assert "Silbernagel and colleagues, 2007" in html, slug
        assert "<em>Continued sports activity, using a pain-monitoring model" in html, f"{slug}: the pain model is not cited"
