"""Load a government work report from HTML or plain text into a structured :class:`Report`.

The loader sniffs the format and the encoding (:mod:`zjtext.source`), finds the report body (from the salutation 各位代表 to
the closing paragraph, page chrome removed), keeps the explanatory notes apart, and gives every
paragraph its heading path.

>>> from zjtext.paths import DEFAULT_REPORT
>>> r = load_report(DEFAULT_REPORT)
>>> r.meta.region, r.meta.year, r.meta.date, r.meta.speaker
('浙江省', 2024, '2024-01-23', '王浩')
>>> r.paragraphs[0].text
'各位代表：'
>>> r.sections()[:2]
['一、2023年工作回顾', '二、2024年目标任务和重点工作']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import clean
from .lexicon import alternation
from .words import cues
from .source import (BinaryFileError, EmptyReportError, InputTooLargeError, NestingTooDeepError, NoReportBodyError,
                     PdfFileError, ReportError, ReportNotFoundError, UnknownEncodingError, _cjk_len, _has_chinese,
                     _has_cjk, _html_lines, _Line, _looks_like_html, _sniff_binary, decode_bytes)

__all__ = [
    "Paragraph", "ReportMeta", "Report", "load_report", "report_from_text", "report_id_for",
    "ReportError", "ReportNotFoundError", "EmptyReportError", "BinaryFileError", "PdfFileError",
    "UnknownEncodingError", "NoReportBodyError", "InputTooLargeError", "NestingTooDeepError", "MAX_INPUT_BYTES",
    "check_size", "NATIONAL", "OPENING_SECTION",
]

#: The largest report file zjtext reads (64 MB; a long report is well under 1 MB). Memory and time grow
#: with the input, so a larger file is refused before any work with :class:`InputTooLargeError`.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: What every page and chart calls the words before a report's first heading (its section is empty).
OPENING_SECTION = "（开头）"

#: ``meta.region`` of the State Council's report to the National People's Congress.
NATIONAL = "全国"
SECTION_SEP = " > "


def join_section(section: tuple[str, ...]) -> str:
    """A section path as one string, top level first, joined with ' > '."""
    return SECTION_SEP.join(section)


# ---------------------------------------------------------------- data model

@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report, in reading order.

    ``index`` is 1-based; ``section`` is the heading path from the top level down (a heading's own
    path ends with itself); ``lead`` is the paragraph's lead sentence (bold on the page, or an item
    opener such as 一是…) without closing punctuation, or ``""``.
    """

    index: int
    text: str
    kind: str
    section: tuple[str, ...]
    lead: str = ""
    sentences: tuple[str, ...] = ()

    @property
    def top_section(self) -> str:
        """The top-level section (一、…), or ``""`` before the first one."""
        return self.section[0] if self.section else ""


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself. Fields it does not state are ``None``/``""``."""

    report_id: str = field(compare=False)
    title: str = ""
    year: int | None = None
    region: str = ""
    date: str | None = None
    speaker: str = ""
    meeting: str = ""
    source: str = field(default="", compare=False)
    encoding: str = field(default="", compare=False)
    format: str = ""

    @property
    def display_title(self) -> str:
        """The title for readers, one shape whatever the page called itself: year + issuer +
        政府工作报告, the issuer being the region (浙江省) or, for the national report, 国务院 — the
        way these reports are cited (2024年浙江省政府工作报告, 2019年国务院政府工作报告). Pages
        titled 政府工作报告, 安徽省2026年政府工作报告 or 2026年四川省人民政府工作报告 all read alike.
        With no region known, the page's own title with the year put in front.

        >>> ReportMeta("x", title="浙江省2024年政府工作报告", year=2024, region="浙江省").display_title
        '2024年浙江省政府工作报告'
        >>> ReportMeta("x", title="2019年中华人民共和国国务院政府工作报告", year=2019, region="全国").display_title
        '2019年国务院政府工作报告'
        >>> ReportMeta("x", title="政府工作报告", year=2025).display_title
        '2025年政府工作报告'
        """
        issuer = "国务院" if self.region == NATIONAL else self.region
        if issuer:
            rest = f"{issuer}政府工作报告"
        else:
            rest = re.sub(r"^\d{4}年", "", self.title or "政府工作报告")
        year = self.year or (self.title[:4] if re.match(r"^\d{4}年", self.title) else "")
        return f"{year}年{rest}" if year else rest


@dataclass(frozen=True)
class Report:
    """A loaded report: metadata and paragraphs (body first, then notes)."""

    meta: ReportMeta
    paragraphs: tuple[Paragraph, ...]

    @property
    def report_id(self) -> str:
        return self.meta.report_id

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the speech itself (no explanatory notes)."""
        return tuple(p for p in self.paragraphs if p.kind != "note")

    @property
    def notes(self) -> tuple[Paragraph, ...]:
        """Explanatory notes (名词解释/注释) that follow the report."""
        return tuple(p for p in self.paragraphs if p.kind == "note")

    @property
    def text(self) -> str:
        """The body text, one paragraph per line."""
        return "\n".join(p.text for p in self.body)

    def sections(self) -> list[str]:
        """The top-level section headings, in order."""
        return [p.section[0] for p in self.body if p.kind == "heading" and len(p.section) == 1]


# ---------------------------------------------------------------- body and metadata

_DATE_MEETING = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日在(.{2,16}?)(第[一二三四五六七八九十\d]+届人民代表大会第[一二三四五六七八九十\d]+次(?:全体)?会议)"
)
_SPEAKER = re.compile(r"(?:代理?)?(?:省长|市长|主席|总理)\s*((?:[\u4e00-\u9fff]\s*){2,4})$")
# 政府工作报告, 2024年浙江省政府工作报告, 安徽省2024年政府工作报告, …人民政府工作报告（全文）/（摘要）
_TITLE = re.compile(r"^(\d{4}年)?[\u4e00-\u9fff]{0,12}?(?:\d{4}年)?(人民)?政府工作报告(?:[（(](?:全文|摘要|节选)[）)])?$")
_REGION = re.compile(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,9}?(?:省|市|自治区|特别行政区))(?:\d{4}年)?(?:人民)?政府工作报告")


def _find_start(lines: list[_Line]) -> int | None:
    for i, ln in enumerate(lines):
        if clean.SALUTATION.match(ln.text) and not re.match(r"^各位代表[：:，,]?.{0,4}(同志|委员)", ln.text):
            return i
    for i, ln in enumerate(lines):  # 各位代表、同志们： / 尊敬的各位代表：
        if clean.OPENING.match(ln.text):
            return i
    for i, ln in enumerate(lines):  # no salutation: the first top-level heading, then the first long paragraph
        if clean.TOP_HEADING.match(ln.text) and _cjk_len(ln.text) >= 4:
            return i
    for i, ln in enumerate(lines):
        if len(ln.text) >= 60 and _cjk_len(ln.text) >= 60 and clean.ends_paragraph(ln.text):
            return i
    return None


def _body_lines(lines: list[_Line], start: int) -> list[_Line]:
    body: list[_Line] = []
    opening = lines[start].text[:12]
    for k, ln in enumerate(lines[start:]):
        if clean.is_chrome_end(ln.text):
            break
        if k and clean.SALUTATION.match(ln.text) and ln.text[:12] == opening and len(opening) >= 8:
            break  # the start of the report repeated after its end (a second copy on the page)
        if clean.is_photo_caption(ln.text):
            continue
        text = clean.strip_trailer(ln.text)  # '…奋斗！（来源：某某日报）' keeps its paragraph, not the credit
        body.append(ln if text == ln.text else _Line(text, ln.lead, ln.all_bold))
    while body and not _cjk_len(body[-1].text) and not clean.ends_paragraph(body[-1].text):
        body.pop()  # stray trailing chrome such as '】'
    return body


_NATIONAL_MEETING = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日在(第[一二三四五六七八九十\d]+届全国人民代表大会第[一二三四五六七八九十\d]+次(?:全体)?会议)"
)
_NATIONAL_TITLE = re.compile(r"(国务院|中华人民共和国|中央人民政府)(人民)?政府工作报告")
_NATIONAL_WORDS = re.compile(r"国内生产总值|全国各族人民|代表国务院|国务院总理")
_PROVINCIAL_WORDS = re.compile(r"地区生产总值|全[省市区]|省委|市委|区党委|[省市]政府|自治区人民政府")


def _is_national(title: str, header: str, body: list[str]) -> bool:
    """The State Council's report: its title or speaker line names 国务院, its opening says it speaks for
    the State Council, or its text speaks of the nation (国内生产总值, 全国各族人民) more than of a province.

    >>> _is_national("2030年政府工作报告", "", ["各位代表：", "现在，我代表国务院，向大会报告政府工作。"])
    True
    >>> _is_national("", "", ["全省地区生产总值增长5%，高于国内生产总值增速。", "省委坚强领导。"])
    False
    """
    if _NATIONAL_TITLE.search(title) or "国务院总理" in header:
        return True
    if any("代表国务院" in t for t in body[:5]):
        return True
    text = "".join(body)
    return len(_NATIONAL_WORDS.findall(text)) > len(_PROVINCIAL_WORDS.findall(text))


_REVIEWED_YEAR = re.compile(r"(\d{4})年[^，。、]{0,12}?工作(回顾|总结)")
_YEAR_IS = re.compile(r"(\d{4})年是[^。，]{0,20}之年")
_PLANNED_YEAR = re.compile(r"(\d{4})年(的)?(工作|重点|主要|经济社会|政府工作|目标)")


def _year_from_headings(body: list[str]) -> int | None:
    """The report's year when no title or date line states it: from the top-level headings, the year
    planned (三、2026年重点工作) or the year after the one reviewed (一、2025年工作回顾); else the
    latest year the text calls '…之年'.

    >>> _year_from_headings(["各位代表：", "一、2029年工作回顾", "二、“十六五”时期主要目标"])
    2030
    """
    years = []
    for line in body:
        if clean.TOP_HEADING.match(line):
            years += [int(m.group(1)) + 1 for m in _REVIEWED_YEAR.finditer(line)]
            years += [int(m.group(1)) for m in _PLANNED_YEAR.finditer(line)]
    if not years:  # '2026年是“十五五”开局之年' after '2025年是“十四五”收官之年'
        years = [int(m.group(1)) for m in _YEAR_IS.finditer("".join(body))]
    if years:
        return max(years)
    y = re.search(r"(\d{4})年[^。]{0,12}(目标任务|重点工作|工作安排)", "".join(body))
    return int(y.group(1)) if y else None


#: a year of the 20th or 21st century, not inside a longer number (captured)
YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_REVIEWS = re.compile(alternation(cues("actual", "heading")))  # time_cues.tsv: 回顾, 成就, 总结 …


def _year_from_sections(sections: list[str]) -> int | None:
    """The last resort, once the sections are known: one more than the latest year a top heading
    reviews (一、2029年的成就), else the latest year a top heading names.

    >>> _year_from_sections(["一、2029年取得的成就", "二、今后的任务"]), _year_from_sections(["一、总体要求"])
    (2030, None)
    """
    best = None
    for h in sections:
        ys = [int(y) for y in YEAR_IN.findall(h)]
        if ys:
            cand = max(ys) + 1 if _REVIEWS.search(h) else max(ys)
            best = cand if best is None else max(best, cand)
    return best


def _metadata(header: list[str], title_tag: str, path: Path, encoding: str, fmt: str, body: list[str]) -> ReportMeta:
    joined = "".join(header)
    year = date = None
    meeting = region = ""
    m = _DATE_MEETING.search(joined)
    if m:
        region, meeting = m.group(4), m.group(4) + m.group(5)
    else:
        m = _NATIONAL_MEETING.search(joined)
        if m:
            region, meeting = NATIONAL, m.group(4)
    if m:
        year = int(m.group(1))
        date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    titles = [h for h in header if _TITLE.match(h)]
    title = max(titles, key=len) if titles else ""
    if not title and "政府工作报告" in title_tag:
        title = title_tag
    if not region and _NATIONAL_TITLE.search(title or title_tag):
        region = NATIONAL
    if not region:
        r = _REGION.search(title or title_tag) or _REGION.search(joined)
        region = r.group(1) if r else ""
    if not region and _is_national(title or title_tag, joined, body):
        region = NATIONAL
    if year is None:
        y = re.search(r"(\d{4})年", title)
        year = int(y.group(1)) if y else _year_from_headings(body)
    speaker = ""
    for h in header:
        s = _SPEAKER.search(h)
        if s:
            speaker = re.sub(r"\s+", "", s.group(1))
    return ReportMeta(
        report_id=report_id_for(path), title=title, year=year, region=region, date=date, speaker=speaker,
        meeting=meeting, source=path.name, encoding=encoding, format=fmt,
    )


def report_id_for(path: Path | str) -> str:
    """A report's id: its file name without extension, lower-cased, safe as a folder name.

    >>> report_id_for("data/raw/Zhejiang 2024.html")
    'zhejiang-2024'
    """
    path = Path(path)
    rid = re.sub(r"[^\w\-]+", "-", path.stem.lower()).strip("-")
    return rid or "report"


# ---------------------------------------------------------------- structure

def _structure(lines: list[_Line]) -> tuple[Paragraph, ...]:
    top = sub = item = ""
    item_sticky = in_appendix = in_notes = False
    first_salutation = True
    out: list[Paragraph] = []
    for ln in lines:
        text = ln.text
        sentences = clean.split_sentences(text)  # the paragraph's, and its lead's first
        kind, lead = "body", ""
        if in_notes or clean.is_note_heading(text):
            if not in_notes:
                in_notes, top, sub, item = True, clean.heading_title(text), "", ""
                out.append(Paragraph(len(out) + 1, text, "note", (top,), "", sentences))
                continue
            out.append(Paragraph(len(out) + 1, text, "note", (top,), _note_lead(text), sentences))
            continue
        if clean.APPENDIX_HEADING.match(text):
            in_appendix, top, sub, item, item_sticky = True, clean.heading_title(text), "", "", False
            kind = "heading"
        elif clean.TOP_HEADING.match(text) and not in_appendix:
            top, sub, item, item_sticky = clean.heading_title(text), "", "", False
            kind = "heading"
        elif (clean.SUB_HEADING.match(text) and not _bracket_item(text, out)) \
                or (in_appendix and clean.TOP_HEADING.match(text)):
            sub, item, item_sticky = clean.heading_title(text), "", False
            kind = "heading"
        elif clean.SALUTATION.match(text):
            if not first_salutation:
                sub, item, item_sticky = "", "", False
            first_salutation = False
        else:
            lead = _lead(ln, sentences, in_section=bool(sub))
            marker = bool(clean.ITEM_MARKER.match(text) or clean.SUB_HEADING.match(text))
            if lead and _is_standalone(text, lead, sentences):
                item, item_sticky, kind = lead, True, "heading"
            elif lead:
                item, item_sticky = lead, False
                kind = "list_item" if marker else "body"
            else:
                if not item_sticky:
                    item = ""
                kind = "list_item" if marker else "body"
        if kind == "heading" and not lead:
            lead = clean.heading_title(text)
        path = tuple(s for s in (top, sub, item) if s)
        out.append(Paragraph(len(out) + 1, text, kind, path, lead, sentences))
    return tuple(out)


def _bracket_item(text: str, before: list[Paragraph]) -> bool:
    """Is a （一） line an item of a list rather than a heading: it ends with ；, or the line before
    it was such an item (the last item of 「（一）…；（二）…；（三）…。」)?"""
    if text.endswith(("；", ";")):
        return True
    last = before[-1] if before else None
    return last is not None and last.kind == "list_item" and bool(clean.SUB_HEADING.match(last.text))


def _note_lead(text: str) -> str:
    m = re.match(r"^(\d{1,2}[.、．]?\s*)?(.{1,30}?)[：:]", text)
    return m.group(2).strip() if m else ""


def _lead(ln: _Line, sentences: tuple[str, ...], in_section: bool) -> str:
    """The paragraph's lead: its bold opening, an item opener (一是…/1、…/——…), or, in plain text
    inside a numbered section, a short first sentence that works as a title (*sentences*: the
    paragraph's, :func:`zjtext.clean.split_sentences`)."""
    text = ln.text
    if ln.lead and not (ln.all_bold and len(ln.lead) > 40):
        return ln.lead.rstrip("，,。；;：:！!").strip()
    first = sentences[0] if sentences else ""
    if clean.ITEM_MARKER.match(text) and not text.startswith("——"):
        return clean.heading_title(first) if len(first) <= 60 else ""
    if text.startswith("——") and len(first) <= 60 and len(first) < len(text):
        return clean.heading_title(first)
    if in_section and not ln.lead and 4 <= len(first) <= 20 and len(first) < len(text):
        if first.endswith("。") and not re.search(r"[，,、\d“]", first):
            return clean.heading_title(first)
    return ""


def _is_standalone(text: str, lead: str, sentences: tuple[str, ...]) -> bool:
    """A paragraph that is nothing but its lead, short: an item heading for what follows."""
    return len(text) <= 40 and clean.heading_title(text) == lead and len(sentences) == 1


# ---------------------------------------------------------------- entry points

def report_from_text(text: str, path: Path | str = "report.txt", encoding: str = "utf-8") -> Report:
    """Build a :class:`Report` from already-decoded page text (HTML or plain text).

    >>> r = report_from_text("2025年政府工作报告\\n各位代表：\\n一、2024年工作回顾\\n全省生产总值增长6%。" * 1 + "x" * 0)
    >>> [(p.kind, p.section) for p in r.paragraphs]
    [('body', ()), ('heading', ('一、2024年工作回顾',)), ('body', ('一、2024年工作回顾',))]
    """
    path = Path(path)
    if not text.strip():
        raise EmptyReportError(path, "the file is empty (nothing but whitespace)")
    title_tag, opens = "", None
    if _looks_like_html(text, path):
        fmt = "html"
        lines, page, title_tag = _html_lines(text, path)
        if not lines:
            raise NoReportBodyError(path, "the HTML page has no text")
    else:
        fmt = "text"
        page, opens = clean.text_lines(text)
        lines = [_Line(x) for x in page]
    start = _find_start(lines)
    if start is None:
        raise NoReportBodyError(path, "no report body found (no 各位代表 salutation and no paragraphs of report text)")
    if fmt == "text":  # scraped text breaks paragraphs at inline markup; mend the body only
        lines = lines[:start] + [_Line(x) for x in clean.join_broken_lines(
            [ln.text for ln in lines[start:]], opens[start:] if opens else None)]
    body = _body_lines(lines, start)
    minimum = 10 if body and (clean.SALUTATION.match(body[0].text) or clean.OPENING.match(body[0].text)) else 200
    if not _has_cjk("".join(ln.text for ln in body), minimum):
        raise NoReportBodyError(path, "no report body found (too little report text on the page)")
    first = body[0].text
    cut = next((i for i, t in enumerate(page) if t == first), len(page))
    header = page[max(0, cut - 40): cut]
    meta = _metadata(header, title_tag, path, encoding, fmt, [ln.text for ln in body])
    report = Report(meta, _structure(body))
    if meta.year is None and (year := _year_from_sections(report.sections())):
        report = Report(replace(meta, year=year), report.paragraphs)
    return report


def check_size(path: Path | str) -> None:
    """Refuse a file larger than :data:`MAX_INPUT_BYTES` before reading it (a caller that reads the
    bytes itself calls this first); a missing file passes, for :func:`load_report` to report.

    >>> check_size("no/such/file.html")
    """
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    _refuse_size(path, size)


def _refuse_size(path: Path | str, size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise InputTooLargeError(path, f"the file is {size / 2**20:.1f} MB; zjtext reads report files of up to "
                                       f"{MAX_INPUT_BYTES // 2**20} MB")


def load_report(path: Path | str, data: bytes | None = None) -> Report:
    """Load a report file (HTML or plain text, UTF-8 or GB2312/GBK/GB18030).

    *data*: the file's bytes, when the caller has read them already (``process`` hashes them first).
    Raises a :class:`ReportError` subclass, whose message names the file and the reason, for a
    missing, empty, too large (over :data:`MAX_INPUT_BYTES`), binary, PDF, undecodable, body-less or
    too deeply nested file.
    """
    path = Path(path)
    if data is None:
        if not path.exists():
            raise ReportNotFoundError(path, "no such file")
        if not path.is_file():
            raise ReportNotFoundError(path, "not a file")
        check_size(path)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise ReportError(path, f"cannot read the file ({err.strerror or err})") from None
    _refuse_size(path, len(data))
    if not data.strip():
        raise EmptyReportError(path, "the file is empty (nothing but whitespace)")
    _sniff_binary(data, path)
    text, encoding = decode_bytes(data, path)
    try:
        if not _has_chinese(text):
            raise NoReportBodyError(path, "no Chinese report text found in the file")
        return report_from_text(text, path, encoding)
    except NoReportBodyError:
        if encoding == "gb18030" and _reads_as_big5(data):  # Big5 bytes are valid GB18030, as nonsense
            raise UnknownEncodingError(path, "the file reads as Big5 (traditional Chinese); zjtext reads "
                                             "simplified-Chinese reports saved as UTF-8 or GBK/GB18030") from None
        raise


def _reads_as_big5(data: bytes) -> bool:
    """Do the bytes read as Big5 text of a report (traditional characters: 報告, 代表, 政府)?

    >>> _reads_as_big5("各位代表：現在向大會報告政府工作".encode("big5")), _reads_as_big5("各位代表".encode("gbk"))
    (True, False)
    """
    try:
        text = data.decode("big5")
    except UnicodeDecodeError:
        return False
    return any(word in text for word in ("報告", "代表", "政府"))
