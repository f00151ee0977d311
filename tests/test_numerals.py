"""Number forms of older and scanned reports: Chinese numerals, full-width and spaced digits, a middle
dot as the decimal point, numbers broken over lines.  Every sentence here is made up."""
from __future__ import annotations

import pytest

from zjtext.clean import normalise_line
from zjtext.metrics import extract_metrics, parse_figures
from zjtext.metrics.numerals import arabic_shadow, numeral_value
from zjtext.report import report_from_text


def _one(text: str):
    figs = parse_figures(text)
    assert len(figs) == 1, [f.surface for f in figs]
    f = figs[0]
    return f.surface, f.value, f.base_unit, f.value_max, f.qualifier


@pytest.mark.parametrize("numeral, value", [
    ("七", 7), ("十二点八", 12.8), ("一千二百零一亿", 1201e8), ("一万亿", 1e12), ("三千零五十", 3050),
    ("十", 10), ("二十", 20), ("一百零八", 108), ("一亿二千万", 1.2e8), ("五百三十五万", 535e4),
    ("三十六點九", 36.9), ("一百零八億", 108e8), ("兩千", 2000), ("五万万", 5e8), ("一九八七", 1987),
])
def test_numeral_values(numeral, value):
    assert numeral_value(numeral) == pytest.approx(value)


@pytest.mark.parametrize("word", ["十四五", "二十三四", "分之", ""])
def test_not_numerals(word):
    assert numeral_value(word) is None


@pytest.mark.parametrize("text, expected", [
    ("全区工业产值增长百分之九", ("百分之九", 9, "%", None, "none")),
    ("农民收入增长百分之十一点六", ("百分之十一点六", 11.6, "%", None, "none")),
    ("今年投资计划增长百分之六至七", ("百分之六至七", 6, "%", 7, "none")),
    ("物价涨幅控制在百分之四到百分之五", ("百分之四到百分之五", 4, "%", 5, "at_most")),
    ("今年全市财政收入计划为三千四百零六亿元", ("三千四百零六亿元", 3406e8, "元", None, "none")),
    ("外贸总额达到两万亿元", ("两万亿元", 2e12, "元", None, "none")),
    ("五年平均每年增长百分之六点五", ("百分之六点五", 6.5, "%", None, "none")),
    ("储蓄余额比上年增加九百多亿元", ("九百多亿元", 900e8, "元", None, "more_than")),
    ("蔬菜产量增长三点四倍", ("三点四倍", 3.4, "倍", None, "none")),
    ("失业率下降两个百分点", ("两个百分点", 2, "个百分点", None, "none")),
    ("粮食产量超过三千零五十億斤", ("三千零五十億斤", 3050e8, "斤", None, "more_than")),
    ("全县有二十多个乡镇通了公路", ("二十多个", 20, "个", None, "more_than")),
    ("储蓄存款达到十五亿三千多万元", ("十五亿三千多万元", 15.3e8, "元", None, "more_than")),
    ("参加人数一千二百七十四万三千余人", ("一千二百七十四万三千余人", 12743000, "人", None, "more_than")),
    ("增长百分之八左右", ("百分之八", 8, "%", None, "approx")),
    ("人口自然增长率控制在千分之十二以内", ("千分之十二", 12, "‰", None, "at_most")),
])
def test_chinese_numeral_figures(text, expected):
    surface, value, base_unit, value_max, qualifier = _one(text)
    assert (surface, base_unit, value_max, qualifier) == expected[0:1] + expected[2:]
    assert value == pytest.approx(expected[1])


def test_traditional_magnitude_after_digits():
    f = parse_figures("糧食收購量達到850億斤")
    assert [(x.surface, x.value) for x in f] == [("850億斤", 850e8)]


@pytest.mark.parametrize("text", [
    "实施一批重点项目", "一些地区遇到困难", "编制十四五规划", "推进一带一路建设", "做好三农工作",
    "居全国第一位", "第三十一条规定", "一九八六年是第七个五年计划的第一年", "三个代表", "五位一体",
    "十项民生实事", "二十一世纪", "建国三十周年", "五十年代", "党的十二届三中全会", "七十七国集团", "省委十三届十次、十一次全会",
    "建成三百亿级园区", "打造千亿级产业集群",
])
def test_words_with_numerals_are_not_figures(text):
    assert parse_figures(text) == []
    assert arabic_shadow(text).text == text or not parse_figures(text)


def test_surface_offsets_point_into_the_original_text():
    text = "去年全省生产总值增长百分之十点二，今年计划增长百分之八，财政收入一千零五亿元。"
    for f in parse_figures(text):
        assert text[f.start:f.end] == f.surface


@pytest.mark.parametrize("line, expected", [
    ("１９８４年粮食增长３９．７％", "1984年粮食增长39.7%"),      # full-width digits, point and ％
    ("1 9 9 7 年财政收入7 4 7 7 2 亿元", "1997年财政收入74772亿元"),  # digits spaced by PDF extraction
    ("增长8 ．8 ％", "增长8.8%"),
    ("工业增长4·3%", "工业增长4.3%"),                              # middle dot as decimal point
    ("价格涨幅在 3%以内", "价格涨幅在3%以内"),                      # a space before the figure
    ("总额 12 亿元", "总额12亿元"),
    ("2030 2035年两个节点", "2030 2035年两个节点"),                 # two numbers stay two
    ("第一部分 回顾", "第一部分 回顾"),
])
def test_normalise_number_forms(line, expected):
    assert normalise_line(line) == expected


def test_number_broken_over_lines_is_one_figure():
    text = ("2031年某省政府工作报告\n各位代表：\n过去一年，全省生产总值达到7 4 7 7 2 亿元，比上年增长\n"
            "1 2 ．8 ％，财政收入增长百分之十二点\n八，零售总额增长\n9.5%。\n")
    report = report_from_text(text, "x.txt")
    body = [p.text for p in report.paragraphs if p.kind == "body"]
    assert len(body) == 2  # wrapped lines are one paragraph
    df = extract_metrics(report)
    assert list(df.surface) == ["74772亿元", "12.8%", "百分之十二点八", "9.5%"]
    for row in df.itertuples():  # each figure's surface is found in its sentence as displayed
        assert row.surface in row.sentence


def test_hard_wrapped_text_with_indented_paragraphs():
    """Lines wrapped at a fixed width, paragraphs opened by an indent (or an indent alone on the
    line before): a wrap after a full stop is not a paragraph, a short unindented line is a heading."""
    lines = ["2031年某省政府工作报告", "各位代表：", "过去五年的回顾",
             "\u3000\u3000过去一年，全省经济平稳运行。生产总值达到", "3 2 5 0 亿元，比上年增长百分之六点",
             "五。工业增加值增长7.1%。", "财政收入增长百分之九。", "\u3000\u3000", "居民收入稳步增长，城乡居民",
             "收入分别增长5.2%和6.8%。"] + ["\u3000\u3000其他工作也取得了新的进展，人民生活继续改善。"] * 4
    report = report_from_text("\n".join(lines), "x.txt")
    body = [p.text for p in report.paragraphs if p.kind == "body" and "其他工作" not in p.text]
    assert body[-2:] == ["过去一年，全省经济平稳运行。生产总值达到3250亿元，比上年增长百分之六点五。工业增加值增长7.1%。"
                         "财政收入增长百分之九。", "居民收入稳步增长，城乡居民收入分别增长5.2%和6.8%。"]
    assert any(p.text == "过去五年的回顾" for p in report.paragraphs)
    surfaces = list(extract_metrics(report).surface)
    assert surfaces[:4] == ["3250亿元", "百分之六点五", "7.1%", "百分之九"]


def test_a_few_indented_lines_do_not_make_an_unindented_text_wrapped():
    lines = ["2031年某省政府工作报告", "各位代表：", "过去一年，全省经济平稳运行，生产总值增长6%。",
             "工业增加值增长7.1%。", "财政收入增长5%。"] + ["\u3000\u3000引用的一段话。", "正文继续，投资增长4%。"] * 5
    report = report_from_text("\n".join(lines), "x.txt")
    assert "工业增加值增长7.1%。" in [p.text for p in report.paragraphs]
