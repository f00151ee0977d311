"""Make exported HTML pages safe and self-sufficient before they are shared.

* :func:`sanitize_page` is the last gate: whatever reached the page, no script, frame, plug-in,
  event-handler attribute, ``javascript:`` link or non-embedded image leaves it. zjtext's own pages
  contain none of these, so anything removed was injected (e.g. markup-like report text that some
  renderer failed to escape).
* :func:`embed_cjk_font` adds a subset of the bundled Noto Sans CJK SC font (only the characters
  the pages use) as a data-URI ``@font-face`` at the end of the font stack: readers' own Chinese
  fonts are used first, and a machine with none still shows every character.

>>> page = '<html><body><p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:x">a</a></body></html>'
>>> clean, removed = sanitize_page(page)
>>> removed, "script" in clean, "onclick" in clean, "javascript" in clean
(3, False, False, False)
"""
from __future__ import annotations

import base64
import io
import re
from typing import Iterable

FONT_FAMILY = "zjtext CJK"
FONT_STACK = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
              f'"WenQuanYi Micro Hei", "{FONT_FAMILY}", system-ui, sans-serif')
# no "DejaVu Sans Mono" here: Chromium stops its per-character fallback at it and draws boxes
MONO_STACK = f'Menlo, Consolas, {FONT_STACK.replace("system-ui, sans-serif", "monospace")}'
_DROP = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link", "portal"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data", "ping"}
_SAFE_HREF = re.compile(r"^(#|[\w\-./%]+\.html(#.*)?$|https://)", re.I)


def _safe(attr: str, value: str, tag: str) -> bool:
    value = value.strip()
    if attr == "href" and tag == "a":
        return bool(_SAFE_HREF.match(value)) and ":" not in value.split("#")[0].replace("https://", "", 1)
    if attr == "src" and tag == "img":
        return value.startswith("data:image/")
    return False


def sanitize_page(text: str) -> tuple[str, int]:
    """Remove active content from an HTML page; return the page and how many things were removed."""
    import lxml.html

    doc = lxml.html.document_fromstring(text)
    removed = 0
    for el in list(doc.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _DROP or (tag == "meta" and el.get("http-equiv", "").lower() == "refresh"):
            el.drop_tree()
            removed += 1
            continue
        for attr in list(el.attrib):
            name = attr.lower()
            if name.startswith("on") or (name in _URL_ATTRS and not _safe(name, el.get(attr, ""), tag)):
                del el.attrib[attr]
                removed += 1
            elif name == "style" and re.search(r"url\s*\(|expression\s*\(", el.get(attr, ""), re.I):
                del el.attrib[attr]
                removed += 1
    _describe_images(doc)
    return lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>"), removed


_NO_ALT = "No description has been provided for this image"


def _describe_images(doc) -> None:
    """Give each figure without a description the heading it stands under as its alt text."""
    for img in doc.iter("img"):
        if img.get("alt") in (None, "", _NO_ALT):
            heading = img.xpath("preceding::*[self::h1 or self::h2 or self::h3][1]")
            text = heading[0].text_content().replace("¶", "").strip() if heading else ""
            img.set("alt", f"图表：{text}" if text else "图表")


def page_text(text: str) -> str:
    """The visible text of a page (what the embedded font must cover)."""
    import lxml.html

    return lxml.html.document_fromstring(text).text_content()


def subset_font_css(texts: Iterable[str]) -> str:
    """A ``<style>`` block with an ``@font-face`` holding only the non-ASCII characters of *texts*."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from .charts import cjk_font_file

    chars = {ch for t in texts for ch in t if ord(ch) > 0x7F and not ch.isspace()}
    if not chars:
        return ""
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [1, 2]
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(str(cjk_font_file()), lazy=True, recalcTimestamp=False)  # same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (
        f'<style type="text/css">@font-face {{ font-family: "{FONT_FAMILY}"; '
        f'src: url(data:font/otf;base64,{data}) format("opentype"); }}\n'
        f":root {{ --jp-content-font-family: {FONT_STACK}; --jp-ui-font-family: {FONT_STACK}; "
        f'--jp-code-font-family: {MONO_STACK}; --jp-code-font-family-default: {MONO_STACK}; }}\n'
        f"body {{ font-family: {FONT_STACK}; }}</style>"
    )


def embed_cjk_font(text: str, css: str) -> str:
    """Insert the font CSS at the end of the page's <head>."""
    return text.replace("</head>", css + "\n</head>", 1) if css else text
