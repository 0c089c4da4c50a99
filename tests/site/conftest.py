"""This site's own tests: the project fixtures of tests/conftest.py, overridden with the repository
itself (its exercises/, content/ and mkdocs.yml). A fork that deletes tests/site/ loses only these."""
from __future__ import annotations

from harness import *  # noqa: F401,F403  (harness.__all__, re-exported: test modules import it from conftest)


globals().update(project_fixtures(ROOT, "site"))
