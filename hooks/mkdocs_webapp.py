"""What the core's web app (exercise_site.webapp) needs from MkDocs and the theme: the logo as
SVG, the header's colours, the search languages, and whether this build may have a service worker.

The offline copy (Material's offline plugin, opened from file://) gets none: browsers run no
service worker there, and a manifest link would only log errors."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from exercise_site.webapp import DEFAULT_COLOURS, primary_colours

log = logging.getLogger("mkdocs.hooks.exercise_site")
DEFAULT_LOGO = "material/library"  # Material's logo when the theme names none


def wanted(config: MkDocsConfig) -> bool:
    return not any(name.split("/")[-1] == "offline" for name in config.plugins)


def logo_svg(config: MkDocsConfig) -> str:
    """The header's logo as SVG text: `theme.logo` when it is an SVG file, else the theme icon `theme.icon.logo`."""
    logo = config.theme.get("logo")
    if logo and str(logo).endswith(".svg"):
        for folder in (config.docs_dir, *config.theme.dirs):
            if (Path(folder) / logo).is_file():
                return (Path(folder) / logo).read_text(encoding="utf-8")
    elif logo:
        log.info(f"theme.logo {logo} is not an SVG: the app's icons use the theme's logo icon instead")
    icon = (config.theme.get("icon") or {}).get("logo") or DEFAULT_LOGO
    for folder in config.theme.dirs:
        path = Path(folder) / ".icons" / f"{icon}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    log.warning(f"theme.icon.logo: no icon '{icon}' in the theme; the app's icons use {DEFAULT_LOGO}")
    return logo_svg_default(config)


def logo_svg_default(config: MkDocsConfig) -> str:
    for folder in config.theme.dirs:
        path = Path(folder) / ".icons" / f"{DEFAULT_LOGO}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return '<svg viewBox="0 0 24 24"></svg>'


def colours(config: MkDocsConfig) -> tuple[str, str]:
    """(background, drawing) of the header: the first palette's primary colour as the theme's palette stylesheet defines it."""
    palette = config.theme.get("palette") or {}
    first = palette[0] if isinstance(palette, list) and palette else palette
    primary = str((first or {}).get("primary") or "indigo").replace(" ", "-").lower()
    for folder in config.theme.dirs:
        for sheet in sorted((Path(folder) / "assets" / "stylesheets").glob("palette*.css")):
            found = primary_colours(sheet.read_text(encoding="utf-8"), primary)
            if found:
                return found
    return DEFAULT_COLOURS


def search_languages(config: MkDocsConfig) -> tuple[str, ...]:
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            lang = plugin.config.get("lang")
            if lang:
                return tuple(lang) if isinstance(lang, list) else (str(lang),)
    return (str(config.theme.get("language") or "en"),)
