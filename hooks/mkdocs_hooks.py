"""MkDocs adapter for the generator in `steady_hips`; each event hands over to the core.

The core imports nothing from MkDocs, so the same pages can be written by the CLI
(`python -m steady_hips pages OUTDIR`) for any other generator.
"""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from steady_hips.preview import page_paths, problem_page
from steady_hips.problems import CatalogueError
from steady_hips.render import RenderError
from steady_hips.site import Site

log = logging.getLogger("mkdocs.hooks.steady_hips")

# MkDocs loads this module once per process, so these outlive a `mkdocs serve` rebuild.
_serving = False
_known_pages: set[str] = set()  # generated pages of earlier builds: they answer while the data is broken

_site: Site | None = None
_broken: str | None = None  # the problem page, while the data cannot be built (preview only)


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> None:
    global _site, _broken
    gc.unfreeze()  # a `mkdocs serve` rebuild: let the previous build's data be collected
    _site, _broken = None, None
    try:
        _site = Site.load(Path(config.config_file_path).parent, site_url=config.site_url or "")
    except (CatalogueError, RenderError) as error:
        if not _serving:
            raise PluginError(str(error)) from None
        # A failed build would leave the preview waiting forever; every page shows the problems instead.
        log.error(str(error))
        _broken = problem_page(error)
        return
    _known_pages.update(_site.pages)
    # The catalogue and pages live for the whole build; frozen, the collector stops rescanning them.
    gc.freeze()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _site is not None:
        pages = _site.pages
    else:
        paths = _known_pages.union(page_paths(Path(config.config_file_path).parent / "exercises"))
        pages = dict.fromkeys(sorted(paths), _broken)
    for path, markdown in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{config.docs_dir}/{path} would hide a generated page; remove it")
        files.append(File.generated(config, path, content=markdown))
    for path, content in (_site.files.items() if _site is not None else ()):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{config.docs_dir}/{path} would hide a generated file; remove it")
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    page.meta = _as_html(page.meta)
    if _broken is not None:
        return _broken
    if page.file.generated_by:
        return None  # already rendered by the core; YAML text must not meet Jinja again
    try:
        return _site.article(markdown, page.file.src_uri)
    except RenderError as error:
        error = RenderError(f"{config.docs_dir}/{error}")
        if not _serving:
            raise PluginError(str(error)) from None
        log.error(str(error))
        return problem_page(error)


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
