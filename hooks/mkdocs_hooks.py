"""MkDocs adapter for the generator in `steady_hips`; each event hands over to the core.

The core imports nothing from MkDocs, so the same pages can be written by the CLI
(`python -m steady_hips pages OUTDIR`) for any other generator.
"""
from __future__ import annotations

from pathlib import Path

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
    try:
        _site = Site.load(Path(config.config_file_path).parent, site_url=config.site_url or "")
    except (CatalogueError, RenderError) as error:
        raise PluginError(str(error)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, markdown in _site.pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{config.docs_dir}/{path} would hide a generated page; remove it")
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.generated_by:
        return None  # already rendered by the core; YAML text must not meet Jinja again
    try:
        return _site.article(markdown, page.file.src_uri)
    except RenderError as error:
        raise PluginError(f"{config.docs_dir}/{error}") from None
