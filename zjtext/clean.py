"""Text normalisation, page-chrome removal, sentence splitting and section structure.

These functions work on lines of text (one paragraph per line), whatever the source format was, so
the HTML and plain-text loaders share every rule after extraction.

>>> normalise_line("ＧＤＰ增长５．５％\u3000左右&nbsp;\u200d")
'GDP增长5.5%左右'
>>> split_sentences("他说：“要干。要实干。”我们同意；好！")
('他说：“要干。要实干。”我们同意；', '好！')
"""
from __future__ import annotations

import html
import re

# ---------------------------------------------------------------- normalisation

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({0xFF05: ord("%"), 0xFF0B: ord("+")})  # ％ ＋
_HAS_FULLWIDTH = re.compile("[" + "".join(map(chr, sorted(_FULLWIDTH))) + "]")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")  # invisible marks some editors leave in the text
_DIGIT_DOT = re.compile(r"""
    (?<=\d) [．·] (?=\d)       # a full-width point or a middle dot between digits: a decimal point (4·3%)
    """, re.VERBOSE)
# spaces inside a number, as PDF extraction leaves them: 1 9 9 7 年, 7 4 7 7 2 亿元, 8 ．8 ％ — single
# digits each followed by a space (or a spaced decimal point), and the space before what follows
_SPACED_NUMBER = re.compile(r"""
    (?<![\d.．·])\d                    # a digit not inside a number
    (?:\ (?=\d)\d | \ ?[.．·]\ ?(?=\d)\d)+   # … then spaced digits or a spaced decimal point
    (?![\d.．·])(?:\ (?=[%‰\u4e00-\u9fff]))?  # … and the space before its unit
    """, re.VERBOSE)
# a number set off by spaces from the word before it or its unit: 涨幅在 3%以内, 总额 12 亿元, 增长 6.5 %
# (not a year: 第一部分 2025年工作回顾 keeps its space)
_SPACED_FIGURE = re.compile(r"""
      (?<=[\u4e00-\u9fff])\ ?     # after a Chinese word, an optional space …
      (\d+(?:\.\d+)?)             # … the number (kept) …
      \ ?(?=[%‰\u4e00-\u9fff])    # … an optional space before its unit or the next word …
      (?!年)                      # … unless it is a year (2025年 keeps the space before it)
    | (?<=\d[%‰])\ (?=[\u4e00-\u9fff])   # or the space after a percent, before a hedge: 5% 左右
    """, re.VERBOSE)


def normalise_line(line: str) -> str:
    """Unescape entities, map full-width digits/Latin/％/＋ to ASCII, fold spaces, close up numbers
    spaced out by PDF extraction (1 9 9 7 年, 8 ．8 ％) and the space between a word and its figure
    (涨幅在 3%以内); a middle dot or full-width point between digits is a decimal point (4·3%).
    Chinese punctuation is kept.

    >>> normalise_line("1 9 9 7 年增长 8 ．8 ％，收入7 4 7 7 2 亿元，价格涨幅在 3%以内，增长4·3%")
    '1997年增长8.8%，收入74772亿元，价格涨幅在3%以内，增长4.3%'
    """
    line = html.unescape(line)
    if _HAS_FULLWIDTH.search(line):  # translate with a dict visits every character: only when needed
        line = line.translate(_FULLWIDTH)
    line = _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()
    if " " in line:
        line = _SPACED_NUMBER.sub(lambda m: m.group().replace(" ", ""), line)
    if "．" in line or "·" in line:
        line = _DIGIT_DOT.sub(".", line)
    return _SPACED_FIGURE.sub(lambda m: m.group(1) or "", line) if " " in line else line


# ---------------------------------------------------------------- sentences

_TERMINALS = "。！？；!?;"
_OPENERS = "“‘「『《（("
_CLOSERS = "”’」』》）)"


_MARKS = re.compile("[" + re.escape(_TERMINALS + _OPENERS + _CLOSERS) + "]")


def _split(text: str, balanced: bool) -> list[str]:
    """Cut after each run of terminals, outside brackets when *balanced*; only the marks are visited."""
    out, start, depth, resume, n = [], 0, 0, 0, len(text)
    for m in _MARKS.finditer(text):
        i = m.start()
        if i < resume:  # inside a run of terminals already cut
            continue
        ch = text[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 or not balanced:
            j = i + 1
            while j < n and (text[j] in _TERMINALS or (text[j] in _CLOSERS and not balanced)):
                j += 1
            out.append(text[start:j])
            start = resume = j
    if text[start:].strip():
        out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _is_balanced(text: str) -> bool:
    return sum(map(text.count, _OPENERS)) == sum(map(text.count, _CLOSERS))


def split_sentences(text: str) -> tuple[str, ...]:
    """Split on 。！？； but never inside quotation marks or brackets (when they are balanced).

    >>> split_sentences("建设“一号工程。”和“二号工程”。")
    ('建设“一号工程。”和“二号工程”。',)
    """
    return tuple(_split(text, balanced=_is_balanced(text)))


# ---------------------------------------------------------------- page chrome

SALUTATION = re.compile(r"^各位代表[：:，,！!]?")
#: Other ways a report may open (各位代表、同志们：, 各位人大代表：, 尊敬的各位代表：): taken for its start
#: when no line opens with 各位代表 alone.
OPENING = re.compile(r"^(?:尊敬的)?各位(?:人大)?代表(?:[、，,](?:同志们|各位委员|各位同志))?[：:]")
#: The credits a news or portal page appends to an article: source, editors, reviewers, author.
_CREDIT = r"(?:(?:信息|文章|新闻|稿件)?来源|稿源|(?:责任|网络|本文|值班|实习)?编辑|审核|审校|校对|[初复终]审|监制|签发|作者|撰稿)"
_CHROME_END = re.compile(
    r"^[【\[［]?\s*(相关(报道|新闻|阅读|链接|附件|文章|稿件)|打印本页|关闭窗口|扫一扫|分享到|分享[：:]|"
    r"(?:打印|关闭|收藏)(?:本页|此页|窗口|文章)?\s*[】\]］]|"
    rf"[（(【\[]?\s*{_CREDIT}\s*[：:]|【\s*(打印|关闭|大|中|小)?\s*$|】$|上一篇|下一篇|返回顶部|"
    r"网站地图|版权所有|Copyright|主办单位|主办[：:]|承办[：:]|[\w.]*ICP备|纠错|[（(]\s*完\s*[）)]$|"
    r"本作品|Public domain|版权声明|免责声明|转载请注明|原标题[：:]|"
    r"[0-9a-f]{16,}[：:]?$)",
    re.I,
)
_ONE_CREDIT = (rf"[（(【\[]\s*{_CREDIT}\s*[：:][^（）()【】\[\]]{{0,40}}[）)】\]]|[（(]\s*完\s*[）)]"
               rf"|{_CREDIT}\s*[：:]\s*[^\s。！？!?（）()【】]{{0,20}}")
_TRAILING_CREDIT = re.compile(rf"(?<=[。！？!?”」』])(?:\s*(?:{_ONE_CREDIT}))+\s*$")
_PHOTO_CAPTION = re.compile(r"(记者|通讯员|新华社).{0,12}摄[。]?$|^[(（]?图[为片][:：]")
_NOTE_HEADING = re.compile(r"^(附[：:])?(名词解释|名词注释|注释|注解)[：:]?$")


def is_chrome_end(line: str) -> bool:
    """True for a line that marks the end of the report text on a scraped page.

    >>> is_chrome_end("相关报道："), is_chrome_end("打印本页"), is_chrome_end("各位代表！")
    (True, True, False)
    >>> is_chrome_end("（来源：示例日报）"), is_chrome_end("责任编辑：某某"), is_chrome_end("来源于群众。")
    (True, True, False)
    >>> is_chrome_end("【打印本页】【关闭窗口】"), is_chrome_end("[打印] [关闭]"), is_chrome_end("【关键词】")
    (True, True, False)
    """
    return bool(_CHROME_END.match(line))


def strip_trailer(line: str) -> str:
    """A paragraph without the credits a page appends after its closing punctuation.

    >>> strip_trailer("让我们携手奋进！（来源：示例日报）【责任编辑：某某】")
    '让我们携手奋进！'
    >>> strip_trailer("共创美好明天！ 编辑：某某 审核：某某")
    '共创美好明天！'
    >>> strip_trailer("数据来源：统计公报。")
    '数据来源：统计公报。'
    """
    return _TRAILING_CREDIT.sub("", line)


def is_photo_caption(line: str) -> bool:
    """True for a newspaper photo credit such as '…作政府工作报告。本报记者 某某 摄'."""
    return len(line) < 60 and bool(_PHOTO_CAPTION.search(line))


def is_note_heading(line: str) -> bool:
    """True for the heading of the explanatory notes that follow a report (名词解释, 注释).

    >>> is_note_heading("名词解释"), is_note_heading("注释："), is_note_heading("名词解释很重要。")
    (True, True, False)
    """
    return bool(_NOTE_HEADING.match(line))


# ---------------------------------------------------------------- structure

_CN_NUM = "一二三四五六七八九十百零〇"
TOP_HEADING = re.compile(rf"^(?:[{_CN_NUM}]+、|第[{_CN_NUM}]+部分(?=[\s　：:、]|$))")  # 一、… / 第二部分 …
SUB_HEADING = re.compile(rf"^[（(][{_CN_NUM}]+[）)]")
#: Bullets that open a list item or a line of a list (——, ●, ■ …), as a regex character class body.
BULLETS = "—―●■◆▲★•"
APPENDIX_HEADING = re.compile(r"^附件\s*\d*\s*[：:]?$|^附件\s*\d+")
ITEM_MARKER = re.compile(
    rf"^([{_CN_NUM}]+是|\d{{1,2}}[、．.](?!\d)|[（(]\d{{1,2}}[）)]|[①-⑳]|——|第[{_CN_NUM}]+[，,、])"
)
_TITLE_END = re.compile(r"[。！？；：:!?;]")
_TERMINAL_END = tuple("。！？；：:!?;…”」』）)】")

KINDS = ("heading", "body", "list_item", "note")


def heading_title(text: str) -> str:
    """A heading's name: its first sentence without the closing punctuation.

    >>> heading_title("（一）聚焦聚力提升政策引导保障成效。准确把握政策取向。")
    '（一）聚焦聚力提升政策引导保障成效'
    """
    m = _TITLE_END.search(text)
    return (text[: m.start()] if m else text).strip()


def ends_paragraph(line: str) -> bool:
    """True when a line ends the way a paragraph ends (closing punctuation)."""
    return line.endswith(_TERMINAL_END)


def looks_like_heading(line: str) -> bool:
    """A line that stands alone as a heading or label, even with no closing punctuation."""
    return _is_section_heading(line) or bool(ITEM_MARKER.match(line))


_INDENT = re.compile(r"^[ \t\u3000\u00a0]+")


def text_lines(text: str) -> tuple[list[str], list[bool] | None]:
    """The normalised non-empty lines of a plain text and, where the text marks its paragraphs by
    indenting their first line (as hard-wrapped or PDF text does; the indent may stand alone on the
    line before), whether each line opens one; None when it does not (fewer than five indents, or
    most lines after a full stop not indented: a few indented quotations in an unindented text).

    >>> text_lines("\u3000\u3000第一段开头\\n接着写\\n\u3000\u3000\\n第二段\\n" * 3)[1][:3]
    [True, False, True]
    >>> text_lines("甲。\\n乙。")
    (['甲。', '乙。'], None)
    """
    lines: list[str] = []
    flags: list[bool] = []
    pending = False
    for raw in text.splitlines():
        line = normalise_line(raw)
        indent = bool(_INDENT.match(raw))
        if not line:
            pending = pending or indent  # an indent alone on its line opens the next
            continue
        lines.append(line)
        flags.append(indent or pending)
        pending = False
    after_end = [flags[i] for i in range(1, len(lines)) if ends_paragraph(lines[i - 1])]
    marks = sum(flags) >= 5 and 2 * sum(after_end) >= len(after_end)  # most paragraphs open indented
    return lines, (flags if marks else None)


def join_broken_lines(lines: list[str], opens: list[bool] | None = None) -> list[str]:
    """Re-join paragraphs that a scrape broke at inline markup (bold runs, sub/superscripts) or that
    were hard-wrapped: wrapped lines are not paragraphs.

    A line that does not end the way a paragraph ends, and is not a heading, continues on the next
    line. Where the text indents the first line of each paragraph (``opens``, :func:`text_lines`),
    an indented line opens a paragraph (unless a bare section number precedes it) and one that is not
    continues its paragraph even after a full stop, unless it reads as a heading (a section number,
    or short with no closing punctuation). The title line right after an appendix heading (附件1)
    stands alone.

    >>> join_broken_lines(["累计完成治理。PM", "2.5", "年平均浓度下降。", "（二）标题", "正文。"])
    ['累计完成治理。PM2.5年平均浓度下降。', '（二）标题', '正文。']
    >>> join_broken_lines(["第一部分", "2025年工作回顾", "正文。", "二、", "今年工作", "正文。"])
    ['第一部分 2025年工作回顾', '正文。', '二、今年工作', '正文。']
    >>> join_broken_lines(["今年粮食丰收。", "棉花增产。", "过去五年的回顾", "工业增长。"], [True, False, False, True])
    ['今年粮食丰收。棉花增产。', '过去五年的回顾', '工业增长。']
    """
    out: list[str] = []
    after_appendix = False
    for i, line in enumerate(lines):
        if opens is not None and out:  # indentation tells: an indented line opens a paragraph
            joins = _bare_heading(out[-1]) if opens[i] else (_wrapped(out[-1], line) or _continues(out[-1], line))
        else:
            joins = bool(out) and _continues(out[-1], line)
        if joins and not after_appendix:
            out[-1] += (" " if out[-1].endswith("部分") else "") + line  # 第一部分 + its title
        else:
            out.append(line)
        after_appendix = bool(APPENDIX_HEADING.match(line))
    return out


def _wrapped(prev: str, line: str) -> bool:
    """An unindented line after a paragraph's line, in a text that indents paragraphs: a wrap."""
    if not prev or looks_like_heading(line) or _is_section_heading(prev) or is_chrome_end(line):
        return False
    return ends_paragraph(line) or len(line) > 30  # a short line with no full stop is a heading


def _continues(prev: str, line: str) -> bool:
    if ends_paragraph(prev) or looks_like_heading(line) or is_chrome_end(line) or is_chrome_end(prev):
        return False
    if _bare_heading(prev):  # a heading's number alone on its line: its title follows
        return True
    if _is_section_heading(prev):
        return False
    if prev.count("“") > prev.count("”"):  # an open quotation continues
        return True
    if ITEM_MARKER.match(prev):  # an item title without punctuation stands alone unless a fragment follows
        return len(line) <= 6 or line[0] in "，。、；：！？”’）)%"
    return True


def _bare_heading(line: str) -> bool:
    """A section number with nothing after it (一、 / 第一部分 / （一）): its title is on the next line."""
    m = TOP_HEADING.match(line) or SUB_HEADING.match(line)
    return bool(m) and not line[m.end():].strip()


def _is_section_heading(line: str) -> bool:
    return bool(
        TOP_HEADING.match(line) or SUB_HEADING.match(line) or APPENDIX_HEADING.match(line)
        or is_note_heading(line) or SALUTATION.match(line)
    )
