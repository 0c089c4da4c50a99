"""tests/test_phone.py on this site: every kind of page on a 360-px phone, and the no-JavaScript notice."""
from __future__ import annotations

from test_phone import (  # noqa: F401  (collected here again, with this site's fixtures)
    test_every_kind_of_page_fits_a_phone,
    test_the_no_javascript_notice_shows_only_without_scripts,
)
