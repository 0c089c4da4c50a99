"""The site's settings in mkdocs.yml (settings.py): read without MkDocs, checked by `make check`,
and handed to the pages, the open data and the command line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exercise_site.api import api_files
from exercise_site.catalogue import load_catalogue
from exercise_site.cli import main
from exercise_site.render import TEMPLATES, Renderer, project_templates
from exercise_site.settings import Articles, Settings, SettingsError, read_settings

CONFIG = """\
site_name: Bright Knees Clinic
site_description: Knee exercises from a small clinic.
site_url: !ENV [NO_SUCH_VARIABLE_FOR_THIS_TEST, "https://example.org/knees/"]
docs_dir: pages
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  tagline: knee strength at home
  licence: "Text and figures: the clinic, CC BY 4.0."
  activity: cycling
  articles:
    disclaimer: legal/disclaimer.md
    red_flags: stop-and-ask.md
    sources: reading.md
"""


def project(tmp_path: Path, config: str = CONFIG, articles=("legal/disclaimer.md", "stop-and-ask.md", "reading.md")) -> Path:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in articles:
        page = tmp_path / "pages" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# A page\n", encoding="utf-8")
    return tmp_path


def problem(tmp_path: Path, config: str, **kwargs) -> str:
    with pytest.raises(SettingsError) as caught:
        read_settings(project(tmp_path, config, **kwargs))
    return str(caught.value)


def test_settings_are_read_from_mkdocs_yml(tmp_path):
    settings = read_settings(project(tmp_path))
    assert settings.name == "Bright Knees Clinic"
    assert settings.slug == "bright-knees-clinic"
    assert settings.description == "Knee exercises from a small clinic."
    assert settings.tagline == "knee strength at home"
    assert settings.licence == "Text and figures: the clinic, CC BY 4.0."
    assert settings.activity == "cycling"
    assert settings.articles == Articles(disclaimer="legal/disclaimer.md", red_flags="stop-and-ask.md", sources="reading.md")
    assert settings.docs_dir == "pages"
    assert settings.site_url == "https://example.org/knees/"


def test_tagline_licence_and_activity_may_be_left_out(tmp_path):
    config = CONFIG
    for line in ("  tagline: knee strength at home\n", '  licence: "Text and figures: the clinic, CC BY 4.0."\n', "  activity: cycling\n"):
        config = config.replace(line, "")
    settings = read_settings(project(tmp_path, config))
    assert (settings.tagline, settings.licence, settings.activity) == ("", "", "training")


def test_a_project_without_mkdocs_yml_gets_the_defaults(tmp_path):
    assert read_settings(tmp_path) == Settings()


def test_a_missing_article_key_names_the_file_the_key_and_its_line(tmp_path):
    message = problem(tmp_path, CONFIG.replace("    red_flags: stop-and-ask.md\n", ""))
    assert "mkdocs.yml:12: extra.articles.red_flags: missing" in message
    assert message.count("\n  ") == 1  # one problem, the others are fine


def test_a_misspelt_article_key_gets_a_did_you_mean(tmp_path):
    message = problem(tmp_path, CONFIG.replace("    red_flags:", "    red_flag:"))
    assert "mkdocs.yml:14: extra.articles.red_flag: not an article the pages link to" in message
    assert "(did you mean 'red_flags'?)" in message
    assert "extra.articles.red_flags: missing" in message


def test_an_article_that_is_not_in_the_docs_folder_gets_a_did_you_mean(tmp_path):
    message = problem(tmp_path, CONFIG.replace("sources: reading.md", "sources: readng.md"))
    assert "mkdocs.yml:15: extra.articles.sources: there is no article 'readng.md' in pages/ (did you mean 'reading.md'?)" in message


def test_no_articles_at_all_says_which_are_needed(tmp_path):
    config = CONFIG.split("  articles:")[0]
    message = problem(tmp_path, config)
    assert "mkdocs.yml:8: extra.articles: missing" in message
    assert "disclaimer, red_flags, sources" in message


def test_check_reports_the_settings_and_names_mkdocs_yml(tmp_path, capsys):
    root = project(tmp_path, CONFIG.replace("red_flags: stop-and-ask.md", "red_flags: stop-and-ask"))
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^  mkdocs\.yml:\d+: extra\.articles\.red_flags: there is no article 'stop-and-ask' in pages/ "
                     r"\(did you mean 'stop-and-ask\.md'\?\)$", err, re.MULTILINE), err
    assert "Articles not checked" in err


def test_the_name_command_prints_the_slug_of_site_name(tmp_path, capsys):
    assert main(["--root", str(project(tmp_path)), "name"]) == 0
    assert capsys.readouterr().out == "bright-knees-clinic\n"


def test_templates_fall_back_to_the_generators_own(tmp_path):
    assert project_templates(tmp_path) == TEMPLATES
    own = tmp_path / "overrides" / "markdown"
    own.mkdir(parents=True)
    assert project_templates(tmp_path) == own


def test_pages_link_to_the_configured_articles_and_name_the_site(fixture_dir):
    settings = Settings(name="Bright Knees Clinic", tagline="knee strength at home",
                        articles=Articles(disclaimer="legal/disclaimer.md", red_flags="stop-and-ask.md", sources="reading.md"))
    renderer = Renderer(load_catalogue(fixture_dir), settings=settings)
    note = renderer.article("{{ clinician_note() }}\n\n{{ site.name }}: {{ site.tagline }}\n", "guides/start.md")
    assert "(../legal/disclaimer.md)" in note and "(../stop-and-ask.md)" in note
    assert "Bright Knees Clinic: knee strength at home" in note
    builder = renderer.pages()["builder/index.md"]
    assert 'data-site-key="bright-knees-clinic"' in builder


def test_open_data_takes_its_title_licence_and_key_from_the_settings(fixture_dir):
    settings = Settings(name="Bright Knees Clinic", licence="Text and figures: the clinic, CC BY 4.0.")
    files = api_files(load_catalogue(fixture_dir), settings=settings)
    assert json.loads(files["api/exercises.json"])["licence"].startswith("Text and figures: the clinic, CC BY 4.0. The figures")
    assert json.loads(files["api/exercises.schema.json"])["title"] == "Bright Knees Clinic exercises (open data)"
    index = files["api/index.js"]
    data = json.loads(index[index.index(',{') + 1:index.rindex("]);")])
    assert data["site"] == {"name": "Bright Knees Clinic", "key": "bright-knees-clinic"}


def test_the_makefile_works_on_a_project_folder():
    """PROJECT points every target at another site's folder; nothing names this site's zip."""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PROJECT \?= \.$", makefile, re.MULTILINE)
    for target in ("build", "check", "pages", "offline"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
        assert "$(PROJECT)" in recipe or "$(CONFIG)" in recipe or "$(SITE_PY)" in recipe or "$(OFFLINE_CONFIG)" in recipe, target
    assert "OFFLINE_ZIP    ?= $(BUILD)/$(SLUG)-offline.zip" in makefile
