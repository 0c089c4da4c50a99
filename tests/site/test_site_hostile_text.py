"""Hostile text in this site's data stays text: tests/test_hostile_text.py, run on this site."""
from __future__ import annotations

from test_hostile_text import (  # noqa: F401  (collected here again, with this site's fixtures)
    dialogs,
    hostile_site,
    test_no_page_runs_or_grows_markup_from_the_data,
    test_search_results_show_the_text_as_written,
    test_source_titles_show_as_written,
    test_the_body_map_and_other_names_show_the_text_as_written,
    test_title_header_heading_and_social_tags_show_the_text_as_written,
)
