"""The project's settings that live in mkdocs.yml, read without MkDocs, for the core and the CLI.

Everything that names the site comes from here: `site_name` (tab titles, the open data's title,
the offline zip, storage keys in the browser), `site_description`, and under `extra:` the
`tagline`, the open data's `licence` line, the readers' `activity` (a sport, e.g. `cycling`),
the `short_name` under the installed app's icon
and the `articles` the generated pages link to.
The MkDocs adapter hands over its own config (`settings_from_config`); the CLI and other
generators read mkdocs.yml here (`read_settings`).
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import slugify
from .validate import suggestion

CONFIG_FILE = "mkdocs.yml"
DEFAULT_DOCS_DIR = "content"  # the articles' folder of a project without a mkdocs.yml


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV NAME` and `!ENV [NAME, ..., default]` are environment
    variables; other tags (`!!python/name:...`) name Python objects and are not needed here."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Articles:
    """The articles (paths in the docs folder) that generated pages and cards link to."""
    disclaimer: str = "disclaimer.md"
    red_flags: str = "when-to-see-a-professional.md"  # when to stop and see a professional
    sources: str = "sources.md"  # the full bibliography


ARTICLE_KEYS = tuple(f.name for f in dataclasses.fields(Articles))


@dataclass(frozen=True)
class Settings:
    name: str = "Exercises"
    description: str = ""
    tagline: str = ""
    licence: str = ""  # the open data's licence line, e.g. "Text and figures: <site>, MIT licence."
    short_name: str = ""  # the name under an installed app's icon; site_name when not set
    activity: str = "training"  # the sport or activity the readers do: names a condition's advice on it for this week
    articles: Articles = field(default_factory=Articles)
    docs_dir: str = DEFAULT_DOCS_DIR  # relative to the project folder, or absolute
    site_url: str = ""

    @property
    def slug(self) -> str:
        """The site's name as a key: the offline zip and folder, the browser's storage keys."""
        return slugify(self.name) or "exercises"


class SettingsError(Exception):
    """Settings in mkdocs.yml that the generator cannot work with; the message names the file and key."""


def read_settings(root: Path) -> Settings:
    """root/mkdocs.yml's settings, checked (SettingsError); a project without one gets the defaults."""
    config_file = Path(root) / CONFIG_FILE
    if not config_file.is_file():
        return Settings(site_url=os.environ.get("SITE_URL", ""))
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise SettingsError(f"{config_file.name}: not valid YAML: {error}") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file.name}: expected the settings as `key: value` lines")
    return settings_from_config(config, config_file)


def settings_from_config(config: Mapping[str, Any], config_file: Path) -> Settings:
    """The settings from a loaded config (`site_name`, `site_description`, `site_url`, `docs_dir`, `extra`)."""
    problems: list[str] = []
    name = config.get("site_name")
    if not isinstance(name, str) or not name.strip():
        problems.append("site_name: missing; it names the site on every page, in the open data and the offline copy")
        name = Settings.name
    extra = config.get("extra") or {}
    if not isinstance(extra, Mapping):
        problems.append("extra: expected `key: value` lines")
        extra = {}
    texts = {}
    for key in ("tagline", "licence", "activity", "short_name"):
        value = extra.get(key) or ""
        if not isinstance(value, str):
            problems.append(f"extra.{key}: expected text, found {value!r}")
            value = ""
        texts[key] = value.strip()
    docs_dir = str(config.get("docs_dir") or "docs")  # MkDocs' default
    docs = Path(docs_dir) if Path(docs_dir).is_absolute() else config_file.parent / docs_dir
    articles = _articles(extra.get("articles"), docs, problems)
    if problems:
        where = config_file.name
        lines = [f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {where}:"]
        lines += [f"  {where}:{_line(config_file, problem.split(':', 1)[0])}{problem}" for problem in problems]
        raise SettingsError("\n".join(lines))
    return Settings(name=name.strip(), description=str(config.get("site_description") or "").strip(),
                    tagline=texts["tagline"], licence=texts["licence"], short_name=texts["short_name"], activity=texts["activity"] or Settings.activity,
                    articles=articles, docs_dir=docs_dir,
                    site_url=str(config.get("site_url") or ""))


def configured_site_url(root: Path) -> str:
    """The address `mkdocs build` publishes at: `site_url` in root/mkdocs.yml, so `$SITE_URL` when
    it is set (`!ENV [SITE_URL, default]`). Without a mkdocs.yml, `$SITE_URL` or nothing."""
    config = root / CONFIG_FILE
    if not config.is_file():
        return os.environ.get("SITE_URL", "")
    value = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader).get("site_url")
    return str(value or "")


def _articles(value: object, docs: Path, problems: list[str]) -> Articles:
    needed = ", ".join(ARTICLE_KEYS)
    if value is None:
        problems.append(f"extra.articles: missing; name the articles the generated pages link to ({needed}), "
                        f"e.g. `red_flags: {Articles.red_flags}`")
        return Articles()
    if not isinstance(value, Mapping):
        problems.append(f"extra.articles: expected `key: article.md` lines for {needed}")
        return Articles()
    available = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
    for key in value:
        if key not in ARTICLE_KEYS:
            problems.append(f"extra.articles.{key}: not an article the pages link to; they link to {needed}"
                            f"{suggestion(str(key), ARTICLE_KEYS)}")
    found = {}
    for key in ARTICLE_KEYS:
        path = value.get(key)
        if path is None:
            problems.append(f"extra.articles.{key}: missing; name the article in {docs.name}/ the pages link to for it"
                            f"{suggestion(key, [k for k in value if k not in ARTICLE_KEYS])}")
        elif not isinstance(path, str) or path not in available:
            problems.append(f"extra.articles.{key}: there is no article '{path}' in {docs.name}/{suggestion(str(path), available)}")
        else:
            found[key] = path
    return Articles(**found)


def _line(config_file: Path, dotted: str) -> str:
    """`12: ` when `dotted` (e.g. `extra.articles.sources`) is a key in the file, else ``: the
    line of the deepest key on the way that the file has."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return " "
    line = None
    for key in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if match is None:
            break
        line, node = match[0].start_mark.line + 1, match[1]
    return f"{line}: " if line is not None else " "
