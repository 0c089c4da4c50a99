"""MkDocs adapter for the generator in `steady_hips`; each event hands over to the core.

The core imports nothing from MkDocs, so the same pages can be written by the CLI
(`python -m steady_hips pages OUTDIR`) for any other generator.
"""
from __future__ import annotations

import gc
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from steady_hips.problems import CatalogueError
from steady_hips.render import RenderError
from steady_hips.site import Site

_site: Site | None = None


def on_config(config: MkDocsConfig) -> None:
    global _site
    gc.unfreeze()  # a `mkdocs serve` rebuild: let the previous build's data be collected
    try:
        _site = Site.load(Path(config.config_file_path).parent, site_url=config.site_url or "")
    except (CatalogueError, RenderError) as error:
        raise PluginError(str(error)) from None
    # The catalogue and pages live for the whole build; frozen, the collector stops rescanning them.
    gc.freeze()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, markdown in _site.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{config.docs_dir}/{path} would hide a generated page; remove it")
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    page.meta = _as_html(page.meta)
    if page.file.generated_by:
        return None  # already rendered by the core; YAML text must not meet Jinja again
    try:
        return _site.article(markdown, page.file.src_uri)
    except RenderError as error:
        raise PluginError(f"{config.docs_dir}/{error}") from None


def _as_html(value: object) -> object:
    """Front matter is text, but Material prints `page.meta` values as raw HTML (title, header,
    description, search): hand it every string escaped, as Markup so that `| e` keeps it as is."""
    if isinstance(value, str):
        return Markup(escape(value))
    if isinstance(value, dict):
        return {key: _as_html(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_html(item) for item in value]
    return value
