"""MkDocs adapter for the generator in `exercise_site`; each event hands over to the core.

The core imports nothing from MkDocs, so the same pages can be written by the CLI
(`python -m exercise_site pages OUTDIR`) for any other generator.

Here the figures are placeholders in the Markdown, put into each page's HTML at the end
(`on_post_page`): Python-Markdown and the search indexer never parse the drawings. In
`mkdocs serve` a rebuild takes over from the build before whatever an edit did not change:
pages the core need not render again (`exercise_site.memo`), and Markdown conversions, search
entries and theme output of pages whose Markdown is the same (`mkdocs_rebuild`); the data files
an edit did not change stay in the site folder (`mkdocs_kept_files`).
"""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import mkdocs_webapp
from mkdocs_kept_files import KeptFiles
from mkdocs_rebuild import Rebuilds, preview_rebuilds
from mkdocs_search import search_messages
from exercise_site.memo import MemoryBytecodeCache

from exercise_site.preview import page_paths, problem_page
from exercise_site.problems import CatalogueError
from exercise_site.render import RenderError
from exercise_site.settings import SettingsError, settings_from_config
from exercise_site.site import Site
from exercise_site.webapp import ICON_SIZES, app_files, icon_path, write_service_worker

log = logging.getLogger("mkdocs.hooks.exercise_site")

# MkDocs loads this module once per process, so these outlive a `mkdocs serve` rebuild.
_serving = False
_known_pages: set[str] = set()  # generated pages of earlier builds: they answer while the data is broken

_site: Site | None = None
_broken: str | None = None  # the problem page, while the data cannot be built (preview only)
_rebuilds: Rebuilds | None = None  # preview only: what the previous build made, for the pages an edit left alone
_kept: KeptFiles | None = None  # preview only: the data files left in the site folder between builds
_nav: Navigation | None = None
_theme_compiled = MemoryBytecodeCache()
_last_site: Site | None = None  # preview only: the last build that had valid data
_search_messages: dict[str, int] | None = None  # Material's message numbers for the search wrapper (mkdocs_search)
_app_files: dict[str, str | bytes] | None = None  # the web app's manifest and icons; None in the offline copy


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _rebuilds, _kept, _search_messages
    _serving = command == "serve"
    _search_messages = search_messages(log)
    _rebuilds = preview_rebuilds(log) if _serving else None
    _kept = KeptFiles() if _serving else None


def on_config(config: MkDocsConfig) -> None:
    global _site, _broken, _last_site, _app_files
    gc.unfreeze()  # a `mkdocs serve` rebuild: let the previous build's data be collected
    if _site is not None and _rebuilds is not None:
        _last_site = _site  # a preview rebuild takes over what has not changed since (kept while the data is broken)
    previous = _last_site
    _site, _broken = None, None
    try:
        settings = settings_from_config(config, Path(config.config_file_path))
        # Figures go into the HTML after Markdown and search indexing (on_post_page): neither parses the SVG.
        _site = Site.load(Path(config.config_file_path).parent, site_url=config.site_url or "", figures_after=True,
                          remember=_serving, previous=previous, settings=settings)
    except (CatalogueError, RenderError, SettingsError) as error:
        if not _serving:
            raise PluginError(str(error)) from None
        # A failed build would leave the preview waiting forever; every page shows the problems instead.
        log.error(str(error))
        _broken = problem_page(error)
        return
    _known_pages.update(_site.pages)
    _app_files = None
    if mkdocs_webapp.wanted(config) and not _serving:  # a worker in the preview would keep serving old styles and scripts
        colours = mkdocs_webapp.colours(config)
        _app_files = app_files(settings, colours, mkdocs_webapp.logo_svg(config))
        # main.html links the manifest when this is set, with the header's colour and the phone's home-screen icon.
        config.extra["web_app"] = {"theme_color": colours[0], "touch_icon": icon_path(ICON_SIZES[0])}
    # The catalogue and pages live for the whole build; frozen, the collector stops rescanning them.
    gc.freeze()


def on_pre_build(config: MkDocsConfig) -> None:
    if _kept is not None:
        _kept.set_aside(config)


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
    if _site is not None:  # while the data is broken, no data files (a preview keeps them aside)
        for path in _site.files:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{config.docs_dir}/{path} would hide a generated file; remove it")
        if _kept is not None:
            generated = _kept.write(config, _site.files)
        else:
            generated = [File.generated(config, path, content=content) for path, content in _site.files.items()]
        for file in generated:
            files.append(file)
    for path, content in (_app_files or {}).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{config.docs_dir}/{path} would hide a generated file; remove it")
        files.append(File.generated(config, path, content=content))
    if _rebuilds is not None:
        _rebuilds.start(config, files, extra="broken" if _broken is not None else "")
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    global _nav
    _nav = nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    if _rebuilds is not None:
        _rebuilds.pre_page(page)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if _rebuilds is not None:
        _rebuilds.page_source(page)
    page.meta = _as_html(page.meta)
    markdown = _page_markdown(markdown, page, config)
    if _rebuilds is not None:
        _rebuilds.page_markdown(page, markdown, figures=_site.with_figures if _site is not None else str)
    return markdown


def _page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    if _broken is not None:
        return _broken
    if page.file.generated_by:
        return markdown  # already rendered by the core; YAML text must not meet Jinja again
    try:
        return _site.article(markdown, page.file.src_uri)
    except RenderError as error:
        error = RenderError(f"{config.docs_dir}/{error}")
        if not _serving:
            raise PluginError(str(error)) from None
        log.error(str(error))
        return problem_page(error)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    if _rebuilds is not None:
        _rebuilds.page_content(page)


def on_env(env, config: MkDocsConfig, files: Files) -> None:
    env.globals["search_messages"] = _search_messages  # partials/search-worker.html
    if _rebuilds is not None:
        env.bytecode_cache = _theme_compiled  # the theme's templates compiled once per preview, not per rebuild
        _rebuilds.environment(config, _nav, env)


def on_page_context(context, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    if _rebuilds is not None:
        _rebuilds.page_context(page)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str | None:
    if _site is None:
        return None
    if _rebuilds is not None:
        return _rebuilds.post_page(page, output, _site.with_figures)
    return _site.with_figures(output)


def on_post_build(config: MkDocsConfig) -> None:
    if _site is not None and _app_files is not None:  # the worker lists every file the build wrote
        count, size = write_service_worker(Path(config.site_dir), mkdocs_webapp.search_languages(config))
        log.debug(f"service worker: {count} files, {size / 1e6:.1f} MB saved for offline use")
    if _rebuilds is not None:
        stats = _rebuilds.finish()
        log.info(f"{stats['pages']} pages: {stats['converted']} converted from Markdown, "
                 f"{stats['templated']} through the theme, the others as the previous build made them")


def on_build_error(error: Exception) -> None:
    if _rebuilds is not None:
        _rebuilds.forget()
    if _kept is not None:
        _kept.forget()


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
