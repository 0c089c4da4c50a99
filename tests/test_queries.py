"""The templates' questions to the catalogue live in one module, and the live preview records
exactly those: what it records is derived from the code, not kept in step by hand."""
from __future__ import annotations

from exercise_site.catalogue import load_catalogue
from exercise_site.queries import Queries, is_recorded, reads_catalogue
from exercise_site.render import Renderer


def test_every_query_is_a_template_global_and_recorded_by_the_preview(fixture_dir):
    renderer = Renderer(load_catalogue(fixture_dir))
    queries = renderer.queries.template_globals()
    assert {"exercise", "routine", "source", "level", "label", "filter_choices", "easiest_first"} <= set(queries)
    renderer.remember()
    wrapped = {name for name, value in renderer.env.globals.items() if getattr(value, "__name__", "") == "recorded"}
    assert set(queries) <= wrapped
    assert {"exercise_figure", "thumbnail", "catalogue_row"} <= wrapped  # the renderer's own catalogue reads
    assert not {"count", "dosage_text", "link", "slug"} & wrapped  # pure functions of their arguments


def test_a_new_query_is_recorded_without_a_list_to_update(fixture_dir):
    class More(Queries):
        def hardest(self):
            return max(self.catalogue.exercises)

    more = More(load_catalogue(fixture_dir))
    assert {"hardest", "exercise"} <= set(more.template_globals()) and is_recorded(more.hardest)
    assert is_recorded(reads_catalogue(lambda: None)) and not is_recorded(len)
