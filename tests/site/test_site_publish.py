"""This site as published: the built-site tests of tests/test_publish.py (metadata on every page from
its data and articles, 404, sitemap, search under the project prefix, no third-party request, the
offline copy), run on this site."""
from __future__ import annotations

from test_publish import (  # noqa: F401  (collected here again, with this site's fixtures)
    test_404_page_is_titled_and_not_indexed,
    test_404_page_offers_search_and_the_main_pages_from_any_depth,
    test_404_page_works_under_the_project_prefix,
    test_every_page_has_title_description_canonical_and_open_graph,
    test_offline_copy_works_from_file_with_search,
    test_online_build_is_not_the_offline_variant,
    test_online_site_makes_no_third_party_request,
    test_search_works_under_the_project_prefix,
    test_share_image_is_published_at_the_advertised_size,
    test_sitemap_lists_every_page,
)
