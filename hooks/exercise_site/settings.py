"""The project's settings that live in mkdocs.yml, read without MkDocs, for the CLI and other generators."""
from __future__ import annotations

import os
from pathlib import Path

import yaml


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


def configured_site_url(root: Path) -> str:
    """The address `mkdocs build` publishes at: `site_url` in root/mkdocs.yml, so `$SITE_URL` when
    it is set (`!ENV [SITE_URL, default]`). Without a mkdocs.yml, `$SITE_URL` or nothing."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return os.environ.get("SITE_URL", "")
    value = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader).get("site_url")
    return str(value or "")


def configured_site_name(root: Path) -> str:
    """`site_name` in root/mkdocs.yml; "" without one."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return ""
    return str(yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader).get("site_name") or "")
