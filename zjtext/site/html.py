"""Render zjtext's pages from the one template folder, and make every page safe, readable and
self-sufficient before it is shared.

* :func:`render` renders a template of ``templates/`` (autoescape on: report text stays text). The
  shared head (Content-Security-Policy, font stack, base style) and the navigation are partials that
  the notebook pages' nbconvert template (``zjtext_html``) includes too.
* :func:`polish_tables` marks each table column by what it holds: numbers right-aligned, short
  columns that never wrap, long text with room, section paths shortened to their last level (the
  full path in the ``title``).
* :func:`sanitize_page` is the last gate: whatever reached the page, no script, frame, plug-in,
  event-handler attribute, ``javascript:`` link or non-embedded image leaves it. zjtext's own pages
  contain none of these, so anything removed was injected (e.g. markup-like report text that some
  renderer failed to escape).
* :func:`embed_cjk_font` adds a subset of the bundled Noto Sans CJK SC font (only the characters
  the page uses, or a report's pages use together: :func:`with_font`) as a data-URI ``@font-face`` at the end of the font stack: readers' own Chinese
  fonts are used first, and a machine with none still shows every character. Subsets are cut from
  a base font cached in zjtext's cache folder (:func:`font_subset`).

>>> page = '<html><body><p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:x">a</a></body></html>'
>>> clean, removed = sanitize_page(page)
>>> removed, "script" in clean, "onclick" in clean, "javascript" in clean
(3, False, False, False)
"""
from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from typing import Any, Iterable

from pathlib import Path

from ..lexicon import alternation
from ..words import READING_MAGNITUDES

TEMPLATES = Path(__file__).parent / "templates"
NBCONVERT_TEMPLATE = "zjtext_html"  # the notebook pages' template, in TEMPLATES
FONT_FAMILY = "zjtext CJK"  # the embedded subset's name; the font stack lives in templates/head.html.j2
_DROP = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link", "portal"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background", "data", "ping"}
_SAFE_HREF = re.compile(r"^(#|[\w\-./%]+\.html(#.*)?$|https://)", re.I)


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render(template: str, **context: Any) -> str:
    """Render one of zjtext's page templates; every value is escaped unless the template says otherwise.

    >>> "&lt;b&gt;" in render("run_index.html.j2", title="t", reports=[{"href": "a.html", "text": "<b>"}], comparisons=[], failed=[], nav=None)
    True
    """
    return _environment().get_template(template).render(**context)


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
    removed = _sanitize(doc)
    return lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>"), removed


def _sanitize(doc) -> int:
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
    return removed


_NO_ALT = "No description has been provided for this image"


def _describe_images(doc) -> None:
    """Give each figure without a description the heading it stands under as its alt text."""
    for img in doc.iter("img"):
        if img.get("alt") in (None, "", _NO_ALT):
            heading = img.xpath("preceding::*[self::h1 or self::h2 or self::h3][1]")
            text = heading[0].text_content().replace("¶", "").strip() if heading else ""
            img.set("alt", f"图表：{text}" if text else "图表")


# ---------------------------------------------------------------- tables that read well

_NUM = rf"""
    [-+−]?                                  # a sign
    (\d[\d,]*(\.\d+)?|\.\d+)                # digits, thousands commas, a decimal part: 1,024.5
    (e[-+]?\d+)?                            # an exponent
    ({alternation(w for w, _ in READING_MAGNITUDES)})?   # a magnitude (magnitudes.tsv): 万, 亿, 万亿
"""
# a number, a range (4.5—5) and at most a short unit or hedge after it (5.5%, 3.2万亿元, 6%左右)
_NUMBER = re.compile(rf"""
    ^{_NUM} %?                              # a number, its percent sign
    ([—~～\-－–] {_NUM})?                    # a range: 4.5—5
    (%|‰|[^\s\d，。；、]{{0,3}})$              # a percent, or a short unit or hedge: 元, 左右
    """, re.I | re.VERBOSE)
_SHORT = 8  # a column whose longest cell is at most this many characters never wraps
_LONG = 30  # a column with cells longer than this gets a minimum width
_PATH_SEP = " > "
PATH_HEADERS = {"章节", "section", "所在章节"}
_KINDS = {"num", "short", "mid", "long", "path"}


def _grid(table) -> list[list[tuple[int, Any]]]:
    """Each row of a table as (column position, cell), colspans counted."""
    rows = []
    for tr in table.iter("tr"):
        pos, cells = 0, []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            cells.append((pos, cell))
            pos += int(cell.get("colspan", "1") or 1) if str(cell.get("colspan", "1")).isdigit() else 1
        rows.append(cells)
    return rows


def _add_class(el, cls: str) -> None:
    classes = (el.get("class") or "").split()
    if cls not in classes:
        el.set("class", " ".join(classes + [cls]))


def is_number(text: str) -> bool:
    """Whether a cell reads as a number (and so is right-aligned).

    >>> [is_number(t) for t in ("5.5%", "4.5—5", "6%－6.5%", "3.2万亿元", "6%左右", "1,024", "生产总值", "下降3%", "")]
    [True, True, True, True, True, True, False, False, False]
    """
    return bool(_NUMBER.match(text.strip()))


def polish_tables(doc) -> None:
    """Mark every table's columns by what they hold (see the module docstring): ``num`` for
    numbers (right-aligned), ``short`` for short columns (no wrapping), ``mid`` and ``long`` for
    text (a minimum width each), and
    section paths cut to their last level with the full path kept as the cell's ``title``."""
    for table in doc.iter("table"):
        head_rows = [r for r in _grid(table) if r and all(c.tag == "th" for _, c in r)]
        body_rows = [r for r in _grid(table) if r and any(c.tag == "td" for _, c in r)]
        columns: dict[int, list] = {}
        for row in body_rows:
            for pos, cell in row:
                columns.setdefault(pos, []).append(cell)
        kinds = {}
        for pos, cells in columns.items():
            if any(_KINDS & set((c.get("class") or "").split()) for c in cells):
                continue  # the page chose for this column itself
            texts = [c.text_content().strip() for c in cells]
            filled = [t for t in texts if t]
            header = " ".join(c.text_content().strip() for r in head_rows for p, c in r if p == pos)
            if header in PATH_HEADERS or (filled and sum(_PATH_SEP in t for t in filled) > len(filled) / 2):
                for cell in cells:
                    _shorten_path(cell)
                kinds[pos] = "path"
            elif filled and all(is_number(t) for t in filled):
                kinds[pos] = "num"
            elif max((len(t) for t in texts), default=0) <= _SHORT:
                kinds[pos] = "short"
            elif max((len(t) for t in texts), default=0) > _LONG:
                kinds[pos] = "long"
            else:  # room for a few words: never squeezed to a character a line by wide neighbours
                kinds[pos] = "mid"
        for row in head_rows + body_rows:
            for pos, cell in row:
                if pos in kinds:
                    _add_class(cell, kinds[pos])


def _shorten_path(cell) -> None:
    """'一、总结 > （一）稳增长' → '（一）稳增长', with the full path as the cell's title."""
    text = cell.text_content().strip()
    if _PATH_SEP not in text or len(cell):
        return
    cell.set("title", text)
    cell.text = text.split(_PATH_SEP)[-1]


def finish_page(text: str) -> str:
    """A page as it is written: sanitised (see :func:`sanitize_page`), tables polished."""
    import lxml.html

    doc = lxml.html.document_fromstring(text)
    _sanitize(doc)
    polish_tables(doc)
    return lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")


def with_font(finished: dict) -> dict:
    """Pages already finished (:func:`finish_page`), each with the same embedded font: one subset holding
    the characters of all of them. A report's pages share most of their characters, so the font is cut
    once per report, not once per page; each page still stands alone."""
    css = subset_font_css(page_text(text) for text in finished.values())
    return {path: embed_cjk_font(text, css) for path, text in finished.items()}


def page_text(text: str) -> str:
    """The visible text of a page (what the embedded font must cover)."""
    import lxml.html

    return lxml.html.document_fromstring(text).text_content()


# ---------------------------------------------------------------- the embedded font

#: Characters of the cached base font (:func:`_base_font`): GB 2312 (the 6763 common hanzi, kana,
#: Greek, Cyrillic, full-width forms) and the punctuation, symbol and Latin blocks pages use.
_BASE_RANGES = ((0x80, 0x250), (0x2000, 0x2C00), (0x3000, 0x3040), (0xFF00, 0xFFF0))
#: Tables a web page's Chinese text does not need (layout features are not kept; no vertical text).
_DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx")


@lru_cache(maxsize=1)
def _base_chars() -> frozenset:
    gb2312 = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(gb2312 | {chr(c) for lo, hi in _BASE_RANGES for c in range(lo, hi)})


def _subset_options(dehint: bool = True):
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [1, 2]
    options.hinting = not dehint
    options.notdef_outline = True
    options.drop_tables = [*options.drop_tables, *_DROP_TABLES]
    return options


def _subset(font_file, chars: str, dehint: bool = True) -> bytes:
    """The font ``font_file`` (a path or bytes) cut down to ``chars``; the same bytes on every run.

    ``dehint=False`` when ``font_file`` has no hints left (the base font): fontTools' hint removal
    runs every kept glyph's program again to find hints there are none of (about a sixth of a page's
    subsetting time); without it the subset is the same bytes (tests/test_pages.py compares both ways)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = io.BytesIO(font_file) if isinstance(font_file, bytes) else str(font_file)
    # no timestamp; the font-wide bounds are kept as they are (still bounds: recomputing them costs glyph drawing)
    font = TTFont(source, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(_subset_options(dehint))
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=1)
def _base_font() -> bytes | None:
    """The bundled font cut down to :func:`_base_chars`, kept in zjtext's cache folder (built once, a
    few seconds): pages are cut from it in a fraction of the time the whole font takes, and the result
    is the same bytes (fontTools keeps glyph order and subroutines in order when it subsets). None when
    the cache folder cannot be written."""
    import hashlib
    import json

    import fontTools

    from ..charts import cjk_font_file
    from ..paths import cache_dir
    from ..store import write_bytes

    font = cjk_font_file()
    key = hashlib.sha256(font.read_bytes())
    key.update(json.dumps([fontTools.version, sorted(_base_chars()), _DROP_TABLES]).encode())
    path = cache_dir() / "fonts" / f"{font.stem}-base-{key.hexdigest()[:16]}.otf"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.parent / ".lock", "w") as lock:  # one process builds it; the others wait and read it
            try:
                import fcntl
            except ImportError:  # not on this system: each builds it (the same bytes), written atomically
                fcntl = None
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.is_file():
                write_bytes(_subset(font, "".join(sorted(_base_chars()))), path)
        return path.read_bytes()
    except OSError:
        return None


def font_subset(chars: Iterable[str]) -> bytes:
    """The bundled CJK font cut down to ``chars`` (as OpenType bytes): from the cached base font when it
    covers them, else from the whole font (the same bytes either way).

    >>> font_subset("报告")[:4], len(font_subset("报告")) < 8000
    (b'OTTO', True)
    """
    from ..charts import cjk_font_file

    text = "".join(sorted(set(chars)))
    base = _base_font() if set(text) <= _base_chars() else None
    if base is None:
        return _subset(cjk_font_file(), text)
    return _subset(base, text, dehint=False)  # the base was cut without hints


def subset_font_css(texts: Iterable[str]) -> str:
    """A ``<style>`` block with an ``@font-face`` holding only the non-ASCII characters of *texts*."""
    chars = {ch for t in texts for ch in set(t) if ord(ch) > 0x7F and not ch.isspace()}  # each distinct character once
    if not chars:
        return ""
    data = base64.b64encode(font_subset(chars)).decode("ascii")
    return (f'<style type="text/css">@font-face {{ font-family: "{FONT_FAMILY}"; '
            f'src: url(data:font/otf;base64,{data}) format("opentype"); }}</style>')


def embed_cjk_font(text: str, css: str) -> str:
    """Insert the font CSS at the end of the page's <head>."""
    return text.replace("</head>", css + "\n</head>", 1) if css else text


_EMBEDDED_FONT = re.compile(r'<style type="text/css">@font-face \{ font-family: "%s"; [^<]*</style>\n(?=</head>)' % FONT_FAMILY)


def without_font(text: str) -> str:
    """A page less the font :func:`embed_cjk_font` added: what it was before (the font is cut from
    its characters only, so two pages equal without it are equal with it).

    >>> page = "<html><head></head><body>报告</body></html>"
    >>> without_font(embed_cjk_font(page, subset_font_css(["报告"]))) == page
    True
    """
    return _EMBEDDED_FONT.sub("", text, count=1)
