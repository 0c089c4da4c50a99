"""QR codes for printed cards, drawn at build time without any network access."""
from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`; the same URL always gives the same bytes."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=2, border=2, dark="#000", light="#fff", omitsize=True, svgclass="rx-qr-code")
    label = escape(f"QR code linking to {url}")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
