"""Command line: check the data, write the generated pages, refresh the JSON Schemas.

    python -m exercise_site check             # validate the data, then the articles; every problem, non-zero exit on errors
    python -m exercise_site pages OUTDIR      # write the generated Markdown pages to OUTDIR
    python -m exercise_site pages --with-content OUTDIR   # plus content/ with macros expanded: a whole docs folder
    python -m exercise_site schema [--write]  # print or refresh exercises/schema/*.json and CONTRIBUTING.md's field reference
    python -m exercise_site figures OUTDIR    # write OUTDIR/figures.html: every figure at 4x size, for review
    python -m exercise_site name              # print the site's name as a key (slug of site_name): the offline zip's name
    python -m exercise_site webapp SITEDIR    # a site built without our hooks (Zensical): add the manifest, icons and service worker

Options before the command: --root PROJECT (the folder with mkdocs.yml, exercises/ and content/).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .articles import article_files, check_articles
from .catalogue import load_catalogue, load_vocabulary
from .gallery import write_gallery
from .problems import CatalogueError
from .render import Renderer, RenderError, project_templates
from .reference import update_contributing
from .schema import rendered_schemas, write_schemas
from .settings import Settings, SettingsError, configured_site_url, read_settings
from .site import PROJECT_ROOT, Site
from .webapp import WORKER, finish_built_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exercise_site",
                                     description="Check an exercise site's data and articles, write its pages, refresh its schemas.")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT,
                        help="project folder (holds mkdocs.yml, exercises/, content/ and optionally overrides/)")
    parser.add_argument("--site-url", help="public address printed on routine cards and in their QR codes "
                        "(default: site_url in mkdocs.yml, so $SITE_URL when set, as `make build` takes it)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate exercises/ and the articles in content/, and report every problem")
    pages = commands.add_parser("pages", help="write the generated Markdown pages to a folder")
    pages.add_argument("outdir", type=Path)
    pages.add_argument("--with-content", action="store_true", help="also write content/ with its macros expanded")
    schema = commands.add_parser("schema", help="print the JSON Schemas, or --write them to exercises/schema/")
    schema.add_argument("--write", action="store_true")
    figures = commands.add_parser("figures", help="write OUTDIR/figures.html: every figure at four times its size")
    figures.add_argument("outdir", type=Path)
    commands.add_parser("name", help="print the slug of site_name, which names the offline zip and the browser's storage")
    webapp = commands.add_parser("webapp", help="add the web app manifest, icons and service worker to a site built without our hooks")
    webapp.add_argument("sitedir", type=Path)
    args = parser.parse_args(argv)
    if args.site_url is None:
        args.site_url = configured_site_url(args.root)

    if args.command == "check":
        return _check(args.root, args.site_url)
    try:
        if args.command == "name":
            print(read_settings(args.root).slug)
        elif args.command == "webapp":
            count, size = finish_built_site(args.sitedir, read_settings(args.root))
            print(f"wrote the manifest, icons and {args.sitedir / WORKER} ({count} files, {size / 1e6:.1f} MB saved for offline use)")
        elif args.command == "pages":
            site = Site.load(args.root, site_url=args.site_url)
            out = {**site.pages, **site.files}
            if args.with_content:
                content = args.root / site.settings.docs_dir
                for source in sorted(content.rglob("*.md")):
                    path = source.relative_to(content).as_posix()
                    out[path] = site.article(source.read_text(encoding="utf-8"), path)
            for path, markdown in out.items():
                target = args.outdir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(markdown, encoding="utf-8")
            print(f"wrote {len(site.pages)} pages and {len(site.files)} data files to {args.outdir}")
        elif args.command == "figures":
            name = read_settings(args.root).name
            print(f"wrote {write_gallery(load_catalogue(args.root / 'exercises'), args.outdir, name)}")
        elif args.command == "schema":
            if args.write:
                vocabulary = load_vocabulary(args.root / "exercises")
                for path in write_schemas(args.root / "exercises" / "schema", vocabulary):
                    print(f"wrote {path}")
                if (args.root / "CONTRIBUTING.md").is_file() and update_contributing(args.root / "CONTRIBUTING.md"):
                    print(f"updated the field reference in {args.root / 'CONTRIBUTING.md'}")
            else:
                for name, text in rendered_schemas(load_vocabulary(args.root / "exercises")).items():
                    print(f"# {name}\n{text}")
    except (CatalogueError, RenderError, SettingsError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _check(root: Path, site_url: str) -> int:
    """mkdocs.yml's settings and the data first; the articles only against valid settings and
    data, since their macros and links depend on them."""
    settings: Settings | None = None
    try:
        settings = read_settings(root)
    except SettingsError as error:
        print(error, file=sys.stderr)
    try:
        catalogue = load_catalogue(root / "exercises")
    except CatalogueError as error:
        print(error, file=sys.stderr)
        catalogue = None
    if settings is None or catalogue is None:
        folder = f"{settings.docs_dir}/" if settings is not None else "Articles"
        waiting = " and ".join(([] if settings is not None else ["mkdocs.yml"]) +
                               ([] if catalogue is not None else ["the exercise data"]))
        print(f"{folder} not checked: articles are checked once {waiting} {'has' if ' and ' not in waiting else 'have'} no errors",
              file=sys.stderr)
        return 1
    for warning in catalogue.warnings:
        print(warning)
    content = root / settings.docs_dir
    articles = article_files(content)
    renderer = Renderer(catalogue, project_templates(root), site_url=site_url, settings=settings)
    problems = check_articles(content, renderer) if articles else []
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in the articles:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"ok: {len(catalogue.exercises)} exercises, {len(catalogue.routines)} routines, "
          f"{len(catalogue.sources)} sources, {len(articles)} articles, {len(catalogue.warnings)} warnings")
    return 0
