"""This site's cards and exercise pages in print: the generator's print tests (tests/test_print.py),
run here on every routine and exercise of this site (conftest: `project` is this site)."""
from __future__ import annotations

from test_print import (  # noqa: F401  (collected here again, with this site's fixtures)
    tab,
    test_card_address_and_tracking_grid_stay_usable_in_print,
    test_card_on_a_phone_has_no_sideways_scroll,
    test_exercise_page_prints_on_at_most_two_sheets,
    test_routine_card_hides_site_chrome_and_stays_legible_in_print,
    test_routine_card_prints_on_one_sheet_and_its_weeks_on_the_next,
    test_the_weeks_print_on_their_own_sheet_from_their_button,
)
