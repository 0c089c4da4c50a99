"""The web-quality gates of tests/test_quality.py (links and assets under the project prefix, the Nu
Html Checker, axe-core on every page, Lighthouse), run on this site."""
from __future__ import annotations

from test_quality import (  # noqa: F401  (collected here again, with this site's fixtures)
    test_every_link_and_asset_resolves_under_the_project_prefix,
    test_html_is_valid,
    test_lighthouse_mobile_scores,
    test_no_serious_accessibility_violation_on_any_page,
)
