"""Reading a report file: the errors a file can give, its bytes decoded to text (BOM, UTF-8, the
page's charset, GB18030, detection) and an HTML page turned into lines (bold leads kept, scripts and
page layout set aside). :mod:`zjtext.report` builds the report from these lines.

>>> decode_bytes("各位代表".encode("gbk"))
('各位代表', 'gb18030')
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from . import clean

__all__ = ["ReportError", "ReportNotFoundError", "EmptyReportError", "BinaryFileError", "PdfFileError",
           "UnknownEncodingError", "NoReportBodyError", "InputTooLargeError", "NestingTooDeepError", "decode_bytes"]


# ---------------------------------------------------------------- errors

class ReportError(Exception):
    """A report file that cannot be loaded; ``str(err)`` is '<file>: <reason>'."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ReportNotFoundError(ReportError):
    """The path does not exist or is not a file."""


class EmptyReportError(ReportError):
    """The file is empty or holds only whitespace."""


class BinaryFileError(ReportError):
    """The file holds binary data (an image, an archive …), not text."""


class PdfFileError(BinaryFileError):
    """The file is a PDF; save the page as HTML or text instead."""


class UnknownEncodingError(ReportError):
    """The bytes decode as none of UTF-8, GB18030 or a detectable encoding."""


class NoReportBodyError(ReportError):
    """The file is readable but holds no report text (a 404 page, a table of contents …)."""


class InputTooLargeError(ReportError):
    """The file is larger than :data:`MAX_INPUT_BYTES`."""


class NestingTooDeepError(ReportError):
    """The HTML nests deeper than the parser can follow, even with its layout tags set aside."""


# ---------------------------------------------------------------- bytes -> text

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)", b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document", b"RIFF": "a RIFF media file", b"BM": None,
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32 and b != 27)  # not tab/newline/CR/ESC


def _sniff_binary(data: bytes, path: Path) -> None:
    head = data[:16]
    if head.lstrip().startswith(b"%PDF"):
        raise PdfFileError(path, "this is a PDF, not an HTML or text page; save the report page as HTML or text")
    for magic, what in _BINARY_MAGIC.items():
        if what and head.startswith(magic):
            raise BinaryFileError(path, f"this is binary data ({what}), not a report page")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in sample or controls > len(sample) * 0.02:
        raise BinaryFileError(path, "this is binary data, not a report page")


def _decode_prefix(data: bytes, encoding: str) -> str:
    """Decode strictly; a multibyte character cut off at the very end (a truncated file) is dropped."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 4 and err.reason in ("unexpected end of data", "incomplete multibyte sequence"):
            return data[: err.start].decode(encoding)
        raise


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode a report file's bytes, returning ``(text, encoding)``.

    Tries a BOM, strict UTF-8, the page's declared charset (GB2312/GBK read as GB18030, their
    superset), strict GB18030, then charset detection.

    >>> decode_bytes("各位代表".encode("gbk"))
    ('各位代表', 'gb18030')
    """
    path = Path(path)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _decode_prefix(data, enc), enc
            except UnicodeDecodeError:
                raise UnknownEncodingError(path, f"the file starts with a {enc} byte-order mark but is not valid {enc}") from None
    candidates = ["utf-8"]
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        candidates.append("gb18030" if name in _GB_FAMILY else name)
    candidates.append("gb18030")
    for enc in dict.fromkeys(candidates):
        try:
            codecs.lookup(enc)
            return _decode_prefix(data, enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _has_chinese(str(best)):
        raise UnknownEncodingError(path, "unknown text encoding (not UTF-8, GBK/GB18030 or another detectable encoding)")
    return str(best), best.encoding


_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)


def _has_chinese(text: str, minimum: int = 20) -> bool:
    """At least *minimum* Chinese characters anywhere outside <script>/<style> (a page saved as a single
    file can carry megabytes of inline code and data URIs before its body).

    >>> _has_chinese("<script>" + "x" * 300000 + "</script>" + "各位代表" * 5)
    True
    >>> _has_chinese("<script>var s = '" + "中文" * 20 + "';</script><p>hello</p>")
    False
    """
    if "<" in text:
        text = _SCRIPT_OR_STYLE.sub(" ", text)
    return _has_cjk(text, minimum)


def _has_cjk(text: str, minimum: int) -> bool:
    """At least *minimum* (one or more) Chinese characters in *text*: the search stops at the
    *minimum*-th, so a Chinese text is cheap to confirm.

    >>> _has_cjk("各位代表：", 4), _has_cjk("各位代表：", 5)
    (True, False)
    """
    found = 0
    for _ in _CJK.finditer(text):
        found += 1
        if found >= minimum:
            return True
    return False


# ---------------------------------------------------------------- HTML -> lines

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
    "section", "article", "blockquote", "header", "footer", "center", "dd", "dt", "pre", "hr", "title", "body",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "select", "button", "audio", "video")
_BOLD_TAGS = {"strong", "b"}
_BR = "\n"


@dataclass
class _Line:
    text: str
    lead: str = ""  # bold run at the start of the paragraph
    all_bold: bool = False


def _looks_like_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml", ".shtml"):
        return True
    return bool(re.search(r"<(html|body|p|div|table|head|meta)\b", text[:5000], re.I))


def _cjk_len(text: str) -> int:
    """How many Chinese characters *text* holds (what is left once everything else is removed)."""
    return len(_NOT_CJK.sub("", text))


def _main_block(root):
    """The element whose own <p> children hold the most Chinese text: the article body."""
    scores: dict = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + _cjk_len(p.text_content())
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return best if scores[best] >= 200 else None


def _bold_lead(el) -> tuple[str, bool]:
    """The bold run an element starts with, and whether the whole element is bold."""
    if (el.text or "").strip():
        return "", False
    children = [c for c in el if isinstance(c.tag, str)]
    lead = ""
    for child in children:
        if child.tag in _BOLD_TAGS:
            lead += child.text_content()
            if (child.tail or "").strip():
                break
        elif child.tag == "span" and not (child.text or "").strip() and len(child) and child[0].tag in _BOLD_TAGS:
            lead += child.text_content()
        else:
            break
    lead = clean.normalise_line(lead)
    return lead, bool(lead) and lead == clean.normalise_line(el.text_content())


_TAG = re.compile(r"</?([a-zA-Z][\w:-]*)[^>]*>")
_KEEP_WHEN_FLAT = {"html", "head", "title", "meta", "body", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                   *_DROP_TAGS}


def _flatten(text: str, keep: set[str]) -> str:
    """The page with every tag not in *keep* set aside: a block tag becomes a line break, others vanish.

    >>> _flatten("<div><font>甲</font><p>乙</p><div>丙", {"p"})
    '<br>甲<p>乙</p><br>丙'
    """
    def swap(m: re.Match) -> str:
        name = m.group(1).lower()
        return m.group(0) if name in keep else "<br>" if name in _BLOCK_TAGS else ""
    return _TAG.sub(swap, text)


def _parse_html(text: str, path: Path):
    """Parse a page into an lxml tree, never silently cut short.

    libxml2 stops building the tree at a nesting depth of 256 (2048 with ``huge_tree``) and drops
    what lies deeper with no exception, so a page with one unclosed ``<div>`` or ``<font>`` per
    paragraph (as some editors and CMSs write) would lose its end. The parser's error log tells; the
    page is then parsed again with its layout tags set aside (bold kept for paragraph leads, then not),
    and a page that still nests too deep is refused with :class:`NestingTooDeepError`.
    Returns ``None`` for a document lxml can make nothing of.
    """
    import lxml.html

    attempts = (lambda: text, lambda: _flatten(text, _KEEP_WHEN_FLAT | _BOLD_TAGS),
                lambda: _flatten(text, _KEEP_WHEN_FLAT))
    for attempt in attempts:
        parser = lxml.html.HTMLParser(huge_tree=True)
        try:
            root = lxml.html.document_fromstring(attempt(), parser=parser)
        except Exception:  # lxml raises for documents it cannot make anything of
            return None
        if not any("Excessive depth" in e.message for e in parser.error_log):
            return root
    raise NestingTooDeepError(path, "the HTML nests its elements too deeply to be read whole "
                                    "(more than 2048 levels); save the page as text instead")


def _html_lines(text: str, path: Path) -> tuple[list[_Line], list[str], str]:
    """Return the main block's lines, the whole page's lines, and the <title> text."""
    root = _parse_html(text, path)
    if root is None:
        return [], [], ""
    title = clean.normalise_line(root.findtext(".//title") or "")
    for tag in _DROP_TAGS:
        for el in list(root.iter(tag)):
            el.drop_tree()
    block = _main_block(root)
    page = _element_lines(root)
    lines = _element_lines(block) if block is not None else page
    return lines, [ln.text for ln in page], title


def _element_lines(el) -> list[_Line]:
    leads: dict[str, tuple[str, bool]] = {}
    for p in el.iter("p", "div", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6"):
        lead, all_bold = _bold_lead(p)
        if lead:
            leads.setdefault(clean.normalise_line(p.text_content()), (lead, all_bold))
    # mark block boundaries with newlines on a copy, then split the text
    import copy

    el = copy.deepcopy(el)
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag in _BLOCK_TAGS:
            node.tail = _BR + (node.tail or "")
            if node.tag != "br":
                node.text = _BR + (node.text or "")
    out = []
    for raw in el.text_content().split(_BR):
        line = clean.normalise_line(raw)
        if line:
            lead, all_bold = leads.get(line, ("", False))
            out.append(_Line(line, lead, all_bold))
    return out
