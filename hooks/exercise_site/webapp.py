"""The site as an app on a phone: the web app manifest and its icons (written with the pages), and
the service worker (written into the built site once the generator has finished, since it lists
every file the build made, with a hash of each).

Addresses in the manifest are relative to it (it sits at the site's root), so the app's start
and scope are the site's folder under any prefix a host puts it (a GitHub Pages project)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .icons import png_icon
from .render import OFFLINE_PAGE
from .settings import Settings

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
ICON_SIZES = (192, 512)  # what browsers ask for before they offer to install
DEFAULT_COLOURS = ("#4051b5", "#ffffff")  # Material's default primary colour and the text on it
_WORKER_SOURCE = Path(__file__).with_name("worker.js")
# Not precached: source maps, the sitemap (for crawlers), the 404 page (a host's answer, not a page),
# the open data's JSON (for other programs; the pages read api/ only as scripts and figures) and the worker itself.
_SKIP = re.compile(r"(?:^|/)[^/]+\.map$|^sitemap\.xml(?:\.gz)?$|^404\.html$|^api/.*\.json$|^" + re.escape(WORKER) + "$")
_LUNR = "assets/javascripts/lunr/"  # Material's search languages: only those the site's search uses are precached


def icon_path(size: int) -> str:
    return f"assets/images/app-icon-{size}.png"


def primary_colours(palette_css: str, primary: str) -> tuple[str, str] | None:
    """(background, text) of a Material primary colour name (`indigo`), read from the theme's
    palette stylesheet, so the app's colours are the header's; None when the sheet has no such name."""
    rules = re.findall(r"\[data-md-color-primary=" + re.escape(primary) + r"\]\{([^}]*)\}", palette_css)
    background = text = None
    for rule in rules:
        background = background or _colour(rule, "--md-primary-fg-color")
        text = text or _colour(rule, "--md-primary-bg-color")
    if background is None:
        return None
    return background, text or DEFAULT_COLOURS[1]


def _colour(rule: str, name: str) -> str | None:
    match = re.search(re.escape(name) + r":(#[0-9a-fA-F]{3,8})(?=[;}]|$)", rule)
    if not match:
        return None
    value = match.group(1)
    if len(value) in (4, 5):
        value = "#" + "".join(c * 2 for c in value[1:4])
    return value[:7].lower()  # an alpha channel dropped: icons are opaque


def app_files(settings: Settings, colours: tuple[str, str], logo_svg: str) -> dict[str, str | bytes]:
    """The manifest and its icons, keyed by their path in the site; `colours` are (background, drawing)."""
    background, drawing = colours
    files: dict[str, str | bytes] = {icon_path(size): png_icon(logo_svg, size, background, drawing) for size in ICON_SIZES}
    files[MANIFEST] = manifest(settings, background)
    return files


def manifest(settings: Settings, colour: str) -> str:
    icons = [{"src": icon_path(size), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
             for purpose in ("any", "maskable") for size in ICON_SIZES]
    return json.dumps({
        "name": settings.name,
        "short_name": settings.short_name or settings.name,
        "description": settings.description,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": colour,
        "theme_color": colour,
        "icons": icons,
    }, ensure_ascii=False, indent=1)


def precache_list(site_dir: Path, languages: tuple[str, ...] = ("en",)) -> dict[str, str]:
    """Every file the worker saves at the first visit, as its address relative to the site's root
    (a folder's index.html as the folder, `exercises/x/`) and a short hash of its content."""
    root = Path(site_dir)
    listing = {}
    for file in sorted(root.rglob("*")):
        path = file.relative_to(root).as_posix()
        if not file.is_file() or _SKIP.search(path) or (path.startswith(_LUNR) and not _search_language(path, languages)):
            continue
        address = path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path
        listing[address] = hashlib.sha256(file.read_bytes()).hexdigest()[:12]
    return listing


def _search_language(path: str, languages: tuple[str, ...]) -> bool:
    """Whether Material's search loads this lunr file for the site's languages (English needs none)."""
    others = [lang for lang in languages if lang != "en"]
    if not others:
        return False
    name = path.rsplit("/", 1)[-1]
    wanted = {"lunr.stemmer.support.min.js", "lunr.multi.min.js", *(f"lunr.{lang}.min.js" for lang in others)}
    if "ja" in others:
        wanted.add("tinyseg.js")
    if "th" in others:
        wanted.add("wordcut.js")
    return name in wanted


def service_worker(listing: dict[str, str]) -> str:
    """The worker's script: the listing, a version named from it, then the worker's code (worker.js)."""
    version = hashlib.sha256(json.dumps(listing, sort_keys=True).encode()).hexdigest()[:16]
    offline = OFFLINE_PAGE.removesuffix("index.md")
    head = (f"var VERSION = {json.dumps(version)};\nvar OFFLINE = {json.dumps(offline)};\n"
            f"var FILES = {json.dumps(listing, separators=(',', ':'))};\n")
    return head + _WORKER_SOURCE.read_text(encoding="utf-8")


def write_service_worker(site_dir: Path, languages: tuple[str, ...] = ("en",)) -> tuple[int, int]:
    """Writes site_dir/sw.js over the built site; returns (files, bytes) it precaches."""
    root = Path(site_dir)
    listing = precache_list(root, languages)
    (root / WORKER).write_text(service_worker(listing), encoding="utf-8")
    size = sum((root / (path + "index.html" if path.endswith("/") or not path else path)).stat().st_size for path in listing)
    return len(listing), size


def finish_built_site(site_dir: Path, settings: Settings) -> tuple[int, int]:
    """For a generator that runs no hooks (Zensical): the manifest, icons and worker written into
    its built site, with the logo and colours its home page shows (a Material-like theme: the
    header's `md-logo` SVG and the body's `data-md-color-primary`, looked up in the palette
    stylesheet it links). Returns what write_service_worker does."""
    root = Path(site_dir)
    home = (root / "index.html").read_text(encoding="utf-8")
    logo = re.search(r'class="md-header__button md-logo"[^>]*>\s*(<svg[\s\S]*?</svg>)', home)
    primary = re.search(r'data-md-color-primary="([\w-]+)"', home)
    colours = None
    for href in re.findall(r'<link rel="stylesheet" href="(?:\./)?([^"?#]*palette[^"?#]*\.css)"', home):  # the sheet the pages use
        if (root / href).is_file():
            colours = colours or primary_colours((root / href).read_text(encoding="utf-8"), primary.group(1) if primary else "indigo")
    for path, content in app_files(settings, colours or DEFAULT_COLOURS,
                                   logo.group(1) if logo else '<svg viewBox="0 0 24 24"></svg>').items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return write_service_worker(root)
