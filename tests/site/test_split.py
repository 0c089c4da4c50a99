"""The split of the suite (issue 21): the generator's tests, everywhere in tests/ but tests/site/, run on
neutral fixtures, so a fork that deletes tests/site/ and replaces the data still passes `make test`.
None of them may name this site's exercises, routines, condition pages or articles; tests of this
site's own content go in tests/site/."""
from __future__ import annotations

import re

from conftest import FIXTURE_SITE, ROOT, TESTS, article_paths, condition_slugs, exercise_slugs, routine_slugs

FIXTURES = TESTS / "fixtures"


def this_sites_slugs() -> set[str]:
    """The addresses this site's data and articles give its pages, less any the fixtures use too
    (a fixture may have its own index.md or disclaimer.md)."""
    slugs = {*exercise_slugs(ROOT), *routine_slugs(ROOT), *condition_slugs(ROOT),
             *(path.removesuffix(".md").rsplit("/", 1)[-1] for path in article_paths(ROOT))}
    fixture_text = " ".join(p.read_text(encoding="utf-8", errors="ignore") + " " + p.stem
                            for p in FIXTURES.rglob("*") if p.is_file())
    return {slug for slug in slugs if not re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", fixture_text)}


def generator_test_files() -> list:
    return sorted(p for p in TESTS.rglob("*.py")
                  if (TESTS / "site") not in p.parents and "node_modules" not in p.parts and p.parent != FIXTURES)


def named(slugs: set[str], line: str) -> list[str]:
    """The slugs a line names as a whole word (as in "exercises/<slug>/", not inside a longer word)."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, slugs), key=len, reverse=True)) + r")(?![\w-])")
    return [match.group(1) for match in pattern.finditer(line)]


def test_the_generators_tests_name_none_of_this_sites_pages():
    slugs = this_sites_slugs()
    assert len(slugs) > 20 and FIXTURE_SITE.is_dir()
    found = [f"{path.relative_to(ROOT)}:{number}: {slug}"
             for path in generator_test_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for slug in named(slugs, line)]
    assert not found, ("tests outside tests/site/ name this site's pages; test the generator on tests/fixtures/ "
                       "instead, or move a test of this site's content to tests/site/:\n" + "\n".join(found))


def test_a_named_slug_is_found_and_a_longer_word_is_not():
    slugs = this_sites_slugs()
    slug = sorted(slugs & set(exercise_slugs(ROOT)))[0]
    assert named(slugs, f'page.goto(site_url + "exercises/{slug}/")') == [slug]
    assert named(slugs, f'"exercises/{slug}-copy/", "{slug}s"') == []
