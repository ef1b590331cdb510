"""The digest as HTML: one family of Jinja2 templates (`templates/`) for the workspace page and
for the self-contained file of `voc digest --output` and the outbox. Charts are the control
charts' own pictures (`voc_engine.spc.plot`, matplotlib's SVG backend) put inline, so the file
needs nothing beside itself: no script, no stylesheet or picture to fetch."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from voc_engine.digest.service import Digest, group_name
from voc_engine.spc.plot import chart_image, grid_image

TEMPLATES = Path(__file__).resolve().parent / "templates"
PICTURES_MAX = 4  # charts drawn in full (those with signals this week); otherwise one grid of all

# What matplotlib writes around the drawing that a document inlining it need not carry: the XML
# prologue, the Dublin Core metadata (which names matplotlib's web site) and the namespace
# declarations (an HTML parser puts inline SVG, xlink:href included, in its namespaces itself).
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def inline_svg(svg: bytes, prefix: str, caption_id: str) -> Markup:
    """An SVG file as an element of an HTML document: prologue and metadata dropped, its ids made
    unique in the document (several charts share matplotlib's glyph and clip ids), and named by
    its caption for assistive technology."""
    text = _METADATA.sub("", _PROLOGUE.sub("", svg.decode("utf-8"), count=1))
    head, rest = text.split(">", 1)
    text = _NAMESPACES.sub("", head) + ">" + rest
    for name in dict.fromkeys(_ID.findall(text)):
        unique = f"{prefix}-{name}"
        text = (text.replace(f'id="{name}"', f'id="{unique}"').replace(f'"#{name}"', f'"#{unique}"')
                .replace(f"url(#{name})", f"url(#{unique})"))
    text = text.replace("<svg ", f'<svg role="img" aria-labelledby="{caption_id}" ', 1)
    return Markup(text)


def pictures(digest: Digest, prefix: str = "digest") -> list[dict[str, Any]]:
    """The charts of the digest: each chart with a signal this week, in full (at most
    `PICTURES_MAX`); with none, one grid of the charts (those in control, for the record)."""
    if digest.charts is None or not len(digest.charts):
        return []
    flagged = {s["chart_key"] for s in digest.signals["signals"]}
    drawn = [chart for chart in digest.charts if chart.chart_key in flagged][:PICTURES_MAX]
    out = []
    if drawn:
        for i, chart in enumerate(drawn, 1):
            key = f"{prefix}-chart-{i}"
            group = group_name(chart.key)
            out.append({"id": key, "svg": inline_svg(chart_image(chart, "svg"), key, f"{key}-caption"),
                        "caption": f"Share of negative comments, {group}, week by week: signals in red "
                                   f"(this week's are listed above)."})
    else:
        key = f"{prefix}-chart-grid"
        out.append({"id": key, "svg": inline_svg(grid_image(list(digest.charts), "svg"), key, f"{key}-caption"),
                    "caption": "Share of negative comments by touchpoint: no signal this week."})
    return out


def render_document(digest: Digest) -> str:
    """The digest as one self-contained HTML file."""
    return environment().get_template("digest_document.html").render(
        d=digest.to_dict(), pictures=pictures(digest), links=False)
