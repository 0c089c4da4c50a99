"""This site's data files each open with the line that points editors at their JSON Schema."""
from __future__ import annotations

from conftest import ROOT


def test_every_data_file_points_editors_at_its_schema():
    for path in (ROOT / "exercises").glob("*.yml"):
        schema = {"sources.yml": "sources.schema.json", "rules.yml": "rules.schema.json", "vocabulary.yml": "vocabulary.schema.json"}.get(path.name, "exercise.schema.json")
        assert path.read_text().startswith(f"# yaml-language-server: $schema=schema/{schema}\n"), path.name
    for path in (ROOT / "exercises" / "routines").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/routine.schema.json\n"), path.name
    for path in (ROOT / "exercises" / "conditions").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/condition.schema.json\n"), path.name
