"""The JSON Schemas are generated from the model; the checked-in copies must match it."""
from __future__ import annotations

import json

from conftest import FIXTURE, ROOT

from exercise_site.catalogue import load_vocabulary
from exercise_site.schema import rendered_schemas

SCHEMA_DIR = ROOT / "exercises" / "schema"


def test_checked_in_schemas_match_the_model():
    for name, text in rendered_schemas(load_vocabulary(ROOT / "exercises")).items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"missing {path}; run `make schema`"
        assert path.read_text() == text, f"{path} is stale; run `make schema`"


def test_schema_knows_every_field_and_vocabulary():
    vocabulary = load_vocabulary(FIXTURE)
    exercise = json.loads(rendered_schemas(vocabulary)["exercise.schema.json"])
    fields = exercise["$defs"]["Exercise"]["properties"]
    assert "slug" not in fields  # derived from the file name, never written
    assert set(exercise["$defs"]["Exercise"]["required"]) == {"name", "summary", "kind", "position", "sides", "muscles", "levels", "sources", "figure"}
    # the choices an editor offers are the vocabulary's words, in its order
    assert fields["position"]["enum"] == vocabulary.names("positions")
    assert fields["muscles"]["items"]["enum"] == vocabulary.names("muscles")
    assert exercise["$defs"]["OneOf"]["properties"]["one_of"]["items"]["enum"] == vocabulary.names("equipment")
    routine = json.loads(rendered_schemas(vocabulary)["routine.schema.json"])
    assert routine["$defs"]["Routine"]["properties"]["when"]["items"]["enum"] == vocabulary.names("when")
    # without a vocabulary (CONTRIBUTING.md's field reference, any project's) such a field is plain text
    plain = json.loads(rendered_schemas()["exercise.schema.json"])["$defs"]["Exercise"]["properties"]
    assert plain["position"] == {"type": "string", "minLength": 1, "description": fields["position"]["description"]}
    assert all(prop["description"] for prop in fields.values())
    assert exercise["$defs"]["Exercise"]["additionalProperties"] is False


def test_contributing_field_reference_is_current():
    from exercise_site.reference import END, START, field_reference

    text = (ROOT / "CONTRIBUTING.md").read_text()
    assert f"{START}\n\n{field_reference()}\n{END}" in text, "CONTRIBUTING.md is stale; run `make schema`"
