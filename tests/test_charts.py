"""Charts: Chinese shows with the bundled font, hedges stay visible, files are reproducible.

The tables are made up in the shape that zjtext.keywords / zjtext.metrics produce, so these tests do
not depend on those modules.
"""
from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from zjtext import charts
from zjtext.pairs import growth_table, target_pairs
from zjtext.report import OPENING_SECTION

SOURCE = {"region": "某省", "year": 2025}
TARGET_COLS = ["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface", "sentence"]


def keywords_df(n: int = 24) -> pd.DataFrame:
    words = ["高质量发展", "科技创新", "改革", "数字经济", "共同富裕", "营商环境", "民营经济", "项目", "开放",
             "新质生产力", "乡村振兴", "人才", "制造业", "消费", "城市更新", "生态", "安全", "教育", "医疗",
             "文化", "就业", "投资", "海洋", "养老"][:n]
    counts = [90 - 3 * i for i in range(len(words))]
    return pd.DataFrame({"rank": range(1, len(words) + 1), "keyword": words, "count": counts,
                         "per_10k": [c / 3 for c in counts]})


def shares_df() -> pd.DataFrame:
    sections = ["二、今年目标任务和重点工作", "一、过去一年工作回顾", "三、加强政府自身建设"]  # not in order
    rows = []
    for term, counts in {"科技创新": (40, 30, 4), "改革": (35, 20, 6), "营商环境": (25, 10, 8)}.items():
        rows += [(term, s, c, c / sum(counts)) for s, c in zip(sections, counts)]
    return pd.DataFrame(rows, columns=["term", "top_section", "count", "share"])


def targets_df() -> pd.DataFrame:
    return pd.DataFrame([
        ("全省生产总值", "actual", 6.1, None, "%", "none", "6.1%", "全省生产总值增长6.1%"),
        ("生产总值", "target", 5.0, 5.5, "%", "none", "5%—5.5%", "生产总值增长5%—5.5%"),
        ("居民消费价格", "actual", -0.3, None, "%", "none", "0.3%", "居民消费价格下降0.3%"),
        ("居民消费价格", "target", 2.0, None, "%", "approx", "2%左右", "居民消费价格涨幅2%左右"),
        ("城镇调查失业率", "target", 5.0, None, "%", "at_most", "5%以内", "城镇调查失业率5%以内"),
        ("研发投入强度", "target", 0.2, None, "个百分点", "more_than", "0.2个百分点", "研发投入强度提高超过0.2个百分点"),
        ("城镇新增就业", "target", 800000, None, "人", "at_least", "80万人", "城镇新增就业80万人以上"),
        ("居民收入", "target", None, None, "", "none", "", "居民收入增长与经济增长同步"),
    ], columns=TARGET_COLS)


def metrics_df() -> pd.DataFrame:
    rows = [("生产总值", 6.1, "increase"), ("出口", 2.4, "decrease"), ("生产总值", 9.9, "increase"),
            ("社会消费品零售总额", 5.4, "increase"), ("固定资产投资", 3.0, "none"),
            ("单位生产总值能耗", 3.5, "decrease")]
    return pd.DataFrame([{
        "report_id": "x-2025", "paragraph": 3, "section": "一、过去一年工作回顾", "sentence": "……",
        "indicator": ind, "surface": f"{v}%", "number": v, "unit": "%", "multiplier": 1, "base_unit": "%",
        "value": v, "value_max": None, "category": "percent", "qualifier": "none", "change": ch,
        "period": "actual",
    } for ind, v, ch in rows] + [{
        "report_id": "x-2025", "paragraph": 9, "section": "二、今年目标任务和重点工作", "sentence": "……",
        "indicator": "出口", "surface": "5%", "number": 5, "unit": "%", "multiplier": 1, "base_unit": "%",
        "value": 5, "value_max": None, "category": "percent", "qualifier": "approx", "change": "increase",
        "period": "target",
    }])


def all_figures():
    return {
        "top_keywords": charts.top_keywords(keywords_df(), source=SOURCE),
        "section_heatmap": charts.section_heatmap(shares_df(), source=SOURCE),
        "headline_targets": charts.headline_targets(targets_df(), source=SOURCE),
        "growth_rates": charts.growth_rates(metrics_df(), source=SOURCE),
        "word_cloud": charts.word_cloud(keywords_df(), source=SOURCE),
    }


def texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def all_text(fig) -> str:
    return "\n".join(t.get_text() for t in texts(fig))


@pytest.fixture(scope="module")
def figures():
    return all_figures()


# ---------------------------------------------------------------- font

def test_use_cjk_font_returns_file_inside_mplfonts():
    import importlib.util

    path = Path(charts.use_cjk_font())
    package = Path(importlib.util.find_spec("mplfonts").submodule_search_locations[0]).resolve()
    assert path.is_file() and path.resolve().is_relative_to(package)
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    fonts = matplotlib.font_manager.fontManager.ttflist
    before = len(fonts)
    assert charts.use_cjk_font() == str(path)  # idempotent: registered once
    assert len(fonts) == before and any(f.fname == str(path) for f in fonts)


def test_missing_font_package_gives_clear_error(monkeypatch):
    monkeypatch.setattr(charts.fonts, "FONT_PACKAGE", "no_such_font_package_xyz")
    with pytest.raises(charts.CJKFontError, match="pip install no_such_font_package_xyz"):
        charts.cjk_font_file()


def test_drawing_every_figure_raises_no_warning_and_logs_no_font_message(caplog):
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would now raise
        for fig in all_figures().values():
            for fmt in ("png", "svg"):
                fig.savefig(io.BytesIO(), format=fmt)
    assert not [r.getMessage() for r in caplog.records if "font" in r.getMessage().lower()]


def test_without_the_cjk_font_the_same_check_fails():
    """The check above is real: matplotlib's default font warns about missing Chinese glyphs."""
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}), warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = Figure()
        fig.text(0.5, 0.5, "主要预期目标")
        with pytest.raises(UserWarning, match="missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_every_drawn_character_is_in_the_bundled_font(figures):
    path = charts.use_cjk_font()
    charmap = FT2Font(path).get_charmap()
    for name, fig in figures.items():
        fig.draw_without_rendering()
        for t in texts(fig):
            assert findfont(t.get_fontproperties()) == path, (name, t.get_text())
            missing = {c for c in t.get_text() if not c.isspace() and ord(c) not in charmap}
            assert not missing, (name, t.get_text(), missing)


def test_charts_do_not_leak_style_or_pyplot_figures():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    with matplotlib.rc_context({"figure.figsize": (3.0, 2.0)}):
        fig = charts.top_keywords(keywords_df(3))
        assert matplotlib.rcParams["figure.figsize"] == [3.0, 2.0]
    assert tuple(fig.get_size_inches())[0] == charts.FIGSIZE[0]
    assert plt.get_fignums() == before


# ---------------------------------------------------------------- figures

def test_source_line_and_titles(figures):
    for name, fig in figures.items():
        assert "数据来源：2025年某省政府工作报告" in all_text(fig), name
        assert fig.get_suptitle(), name


def test_top_keywords_bars_are_labelled_with_counts(figures):
    fig = charts.top_keywords(keywords_df(), top=5)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["高质量发展", "科技创新", "改革", "数字经济", "共同富裕"]
    assert [t.get_text() for t in ax.texts] == ["90", "87", "84", "81", "78"]


def test_section_heatmap_orders_sections_by_numeral(figures):
    ax = figures["section_heatmap"].axes[0]
    cols = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert [c[0] for c in cols] == ["一", "二", "三"]
    assert "23.3%\n10次" in [t.get_text() for t in ax.texts]  # 营商环境 in the review: 10 of 43


def test_headline_targets_shows_ranges_and_hedges(figures):
    fig = figures["headline_targets"]
    growth, levels = fig.axes[0], fig.axes[1]
    labels = [t.get_text() for ax in (growth, levels) for t in ax.texts]
    for expected in ["5%—5.5%", "2%左右", "5%以内", "超过0.2个百分点", "6.1%", "下降0.3%"]:
        assert expected in labels
    # growth rates (and changes in points) on one axis, a rate level (the jobless rate) on its own
    assert [t.get_text() for t in growth.get_yticklabels()] == ["生产总值", "居民消费价格", "研发投入强度"]
    assert [t.get_text() for t in levels.get_yticklabels()] == ["城镇调查失业率"]
    # the range's upper part is its own bar from 5 to 5.5
    assert any(abs(p.get_x() - 5) < 1e-9 and abs(p.get_width() - 0.5) < 1e-9 for p in growth.patches)
    # 以上/超过 and 以内 arrows: one to the right, one to the left
    arrows = [a for ax in (growth, levels) for a in ax.texts if isinstance(a, matplotlib.text.Annotation)]
    directions = sorted(round(a.xy[0] - a.xyann[0], 6) > 0 for a in arrows)
    assert directions == [False, True]
    text = all_text(fig)
    assert "城镇新增就业：80万人（以上）" in text and "居民收入增长与经济增长同步" in text
    assert "2024年实际" in text and "2025年目标" in text


def test_a_share_is_not_drawn_on_the_growth_rate_axis():
    df = pd.concat([targets_df(), pd.DataFrame([
        ("产业投资占比", "target", 50.0, None, "%", "at_least", "50%", "产业投资占比50%以上")], columns=TARGET_COLS)],
        ignore_index=True).assign(change=["increase", "increase", "decrease", "increase", "none", "increase", "none",
                                          "none", "none"])
    fig = charts.headline_targets(df, source=SOURCE)
    growth, levels = fig.axes[0], fig.axes[1]
    assert "产业投资占比" not in [t.get_text() for t in growth.get_yticklabels()]
    assert growth.get_xlim()[1] < 20  # 6.1% is not dwarfed by 50%
    assert [t.get_text() for t in levels.get_yticklabels()] == ["城镇调查失业率", "产业投资占比"]
    assert "50%以上" in [t.get_text() for t in levels.texts]
    assert "50%以上" not in [t.get_text() for t in growth.texts]


def test_a_phrase_that_states_two_targets_is_listed_once():
    phrase = "城乡居民收入增长与经济增长基本同步"
    df = pd.concat([targets_df().iloc[:2], pd.DataFrame([
        ("城镇居民人均可支配收入", "target", None, None, "", "none", phrase, phrase + "。"),
        ("农村居民人均可支配收入", "target", None, None, "", "none", phrase, phrase + "。"),
    ], columns=TARGET_COLS)], ignore_index=True)
    text = all_text(charts.headline_targets(df, source=SOURCE))
    assert text.replace("\n", "").replace("\u3000", "").count(phrase) == 1


def test_targets_pair_with_results_on_the_indicator_key():
    rows = [("全年城镇调查失业率平均值", "actual", 5.2, None, "%", "none", "5.2%", "城镇调查失业率平均值为5.2%"),
            ("完成地区生产总值", "actual", 4.1, None, "%", "none", "4.1%", "完成地区生产总值增长4.1%"),
            ("城镇调查失业率", "target", 5.5, None, "%", "at_most", "5.5%", "城镇调查失业率5.5%以内"),
            ("地区生产总值", "target", 5.0, None, "%", "approx", "5%", "地区生产总值增长5%左右")]
    df = pd.DataFrame(rows, columns=TARGET_COLS).assign(
        indicator_key=["unemployment_surveyed", "gdp", "unemployment_surveyed", "gdp"],
        change=["none", "increase", "none", "increase"])
    pairs = target_pairs(df)
    assert pairs[["key", "measure", "result_value"]].values.tolist() == [
        ["unemployment_surveyed", "rate", 5.2], ["gdp", "growth", 4.1]]
    labels = [t.get_text() for ax in charts.headline_targets(df, source=SOURCE).axes for t in ax.texts]
    assert "5.2%" in labels and "4.1%" in labels


@pytest.mark.parametrize("df", [pd.DataFrame(), pd.DataFrame(columns=TARGET_COLS), None,
                                targets_df().query("period == 'actual'")])
def test_headline_targets_without_a_target_list_says_so(df):
    fig = charts.headline_targets(df, source=SOURCE)
    assert charts.NO_TARGETS in all_text(fig)


def test_growth_rates_negative_for_decreases_deduped_in_report_order(figures):
    table = growth_table(metrics_df())
    assert table[["indicator", "signed"]].values.tolist() == [
        ["生产总值", 6.1], ["出口", -2.4], ["社会消费品零售总额", 5.4], ["单位生产总值能耗", -3.5]]
    ax = figures["growth_rates"].axes[0]
    assert [p.get_width() for p in ax.patches] == [6.1, -2.4, 5.4, -3.5]
    assert "下降3.5%" in [t.get_text() for t in ax.texts]
    assert len(growth_table(metrics_df(), top=2)) == 2


def test_growth_rates_empty_input_says_no_data():
    fig = charts.growth_rates(metrics_df().iloc[0:0], source=SOURCE)
    assert "没有可绘制的增长率数据" in all_text(fig)


# ---------------------------------------------------------------- saving

def test_save_figure_writes_png_and_svg_with_stable_names_and_bytes(tmp_path, figures):
    fig = figures["headline_targets"]
    first = charts.save_figure(fig, tmp_path / "a", "headline_targets")
    second = charts.save_figure(fig, tmp_path / "b", "headline_targets")
    assert [p.name for p in first] == ["headline_targets.png", "headline_targets.svg"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    png, svg = (p.read_bytes() for p in first)
    assert png.startswith(b"\x89PNG") and b"tIME" not in png
    assert b"<dc:date>" not in svg and b"<text" not in svg  # glyphs as outlines: no font needed to view
    # a second, separately drawn figure from the same data gives the same files too
    again = charts.save_figure(charts.headline_targets(targets_df(), source=SOURCE), tmp_path / "c", "x")
    assert [p.read_bytes() for p in again] == [png, svg]


def test_save_figure_rejects_unsafe_names(tmp_path, figures):
    with pytest.raises(ValueError):
        charts.save_figure(figures["top_keywords"], tmp_path, "../escape")


def test_word_cloud_is_reproducible_and_seed_matters(tmp_path):
    def png(seed):
        fig = charts.word_cloud(keywords_df(10), random_state=seed, source=SOURCE)
        return charts.save_figure(fig, tmp_path / str(seed), "word_cloud")[0].read_bytes()

    assert png(7) == png(7)
    assert png(7) != png(8)


def test_draw_all_from_frames_and_from_csv_tables(tmp_path):
    from zjtext.store import read_csv, write_csv

    frames = {"keywords": keywords_df(), "targets": targets_df(), "metrics": metrics_df(),
              "section_shares": shares_df()}
    figs = charts.draw_all(frames, tmp_path / "figs", SOURCE)
    assert list(figs) == list(charts.FIGURE_NAMES)
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(
        f"{n}.{ext}" for n in charts.FIGURE_NAMES for ext in ("png", "svg"))

    folder = tmp_path / "processed"
    write_csv(keywords_df(), folder / "keywords.csv")
    write_csv(targets_df(), folder / "targets.csv")
    tables = {name: read_csv(folder / f"{name}.csv") for name in ("keywords", "targets")}
    figs = charts.draw_all(tables, tmp_path / "figs2", SOURCE)
    assert list(figs) == ["top_keywords", "headline_targets", "word_cloud"]  # no shares, no metrics
    assert "5%—5.5%" in all_text(figs["headline_targets"])


def test_section_heatmap_drops_unused_sections_and_names_the_preamble():
    df = pd.concat([shares_df(), pd.DataFrame([("科技创新", "", 2, 0.03), ("改革", "", 1, 0.02),
                                               ("营商环境", "", 0, 0.0), ("科技创新", "四、附", 0, 0.0),
                                               ("改革", "四、附", 0, 0.0), ("营商环境", "四、附", 0, 0.0)],
                                              columns=["term", "top_section", "count", "share"])])
    ax = charts.section_heatmap(df, terms=["改革", "科技创新"]).axes[0]
    cols = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert cols[0] == OPENING_SECTION and [c[0] for c in cols[1:]] == ["一", "二", "三"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["改革", "科技创新"]


def test_draw_all_gives_every_figure_the_source_line(tmp_path):
    figs = charts.draw_all({"keywords": keywords_df(5)}, tmp_path / "out", {"region": "某自治区", "year": 2026})
    assert "数据来源：2026年某自治区政府工作报告" in all_text(figs["top_keywords"])


def test_section_heatmap_draws_the_section_shares_of_keywords():
    pytest.importorskip("zjtext.keywords")
    from zjtext.keywords import section_shares
    from zjtext.report import report_from_text
    from zjtext.segment import tokens

    text = "各位代表：\n一、过去一年工作回顾\n科技创新成效明显，改革持续深化。\n" \
           "二、今年重点工作\n加快科技创新，推进科技创新平台建设，深化改革，扩大开放。"
    toks = tokens(report_from_text(text))
    shares = section_shares(toks.assign(top_section=toks["top_section"].fillna("")), top=12)
    ax = charts.section_heatmap(shares, source=SOURCE).axes[0]
    cols = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert cols[-2:] == ["一、过去一年工作回顾", "二、今年重点工作"]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "创新"  # most frequent first


def test_headline_targets_with_only_word_or_count_targets_lists_them():
    fig = charts.headline_targets(targets_df().query("base_unit != '%' and base_unit != '个百分点'"))
    text = all_text(fig)
    assert "城镇新增就业：80万人（以上）" in text and "居民收入增长与经济增长同步" in text
    assert charts.NO_TARGETS not in text and len(fig.axes) == 1


# ---------------------------------------------------------------- layout and 2026 reports (made-up, in their style)

def _renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    return renderer


def _undrawn_tick_labels(fig) -> set:
    """Tick labels matplotlib keeps but does not draw (their tick is beyond the axis limits)."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    out |= {tick.label1, tick.label2}
    return out


def texts_outside(fig) -> list[str]:
    """Texts drawn (partly) outside the figure: cut off in the saved PNG."""
    renderer = _renderer(fig)
    box = fig.bbox
    out = []
    for t in set(texts(fig)) - _undrawn_tick_labels(fig):
        b = t.get_window_extent(renderer)
        if b.x0 < box.x0 - 1 or b.x1 > box.x1 + 1 or b.y0 < box.y0 - 1 or b.y1 > box.y1 + 1:
            out.append(t.get_text())
    return out


def bottom_texts_overlap(fig) -> bool:
    """The source line and the note (figure texts at the bottom) run into each other."""
    renderer = _renderer(fig)
    boxes = [t.get_window_extent(renderer) for t in fig.texts if t.get_text().strip()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def targets_2026() -> pd.DataFrame:
    """Targets beside last year's results as 2026 reports write them: money before %, other names."""
    rows = [
        ("全市地区生产总值", "actual", 3.9e12, None, "元", "none", "3.9万亿元", "全市地区生产总值3.9万亿元，比上年增长5.7%"),
        ("全市地区生产总值", "actual", 5.7, None, "%", "none", "5.7%", "全市地区生产总值3.9万亿元，比上年增长5.7%"),
        ("地方一般公共预算收入", "actual", 8.1e11, None, "元", "none", "8100亿元", "地方一般公共预算收入8100亿元、增长1.5%"),
        ("地方一般公共预算收入", "actual", 1.5, None, "%", "none", "1.5%", "地方一般公共预算收入8100亿元、增长1.5%"),
        ("规模以上工业增加值", "actual", 7.9, None, "%", "none", "7.9%", "规模以上工业增加值增长7.9%"),
        ("研发投入强度", "actual", 2.9, None, "%", "none", "2.9%", "研发投入强度达到2.9%"),
        ("地区生产总值", "target", 5.0, None, "%", "approx", "5%", "地区生产总值增长5%左右"),
        ("地方一般公共预算收入", "target", 2.0, None, "%", "none", "2%", "地方一般公共预算收入增长2%"),
        ("规上工业增加值", "target", 6.0, None, "%", "approx", "6%", "规上工业增加值增长6%左右"),
        ("研发投入强度", "target", 0.1, None, "个百分点", "none", "0.1个百分点", "研发投入强度提高0.1个百分点"),
    ]
    return pd.DataFrame(rows, columns=TARGET_COLS)


def bar_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_headline_targets_keep_the_first_percent_result_per_indicator():
    fig = charts.headline_targets(targets_2026(), source=SOURCE)
    labels = bar_labels(fig)
    # 5.7% and 1.5% follow a result in 元 for the same indicator; 全市地区生产总值 ~ 地区生产总值,
    # 规模以上 ~ 规上
    assert {"5.7%", "1.5%", "7.9%"} <= set(labels)
    assert "2.9%" not in labels  # a level in % is not last year's value of a 个百分点 target
    assert len([p for p in fig.axes[0].patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(charts.MUTED)]) == 3


def test_headline_targets_pair_economic_growth_with_gdp():
    df = pd.DataFrame([("生产总值", "actual", 5.6, None, "%", "none", "5.6%", "生产总值增长5.6%"),
                       ("经济增长", "target", 5.0, None, "%", "approx", "5%", "经济增长5%左右")], columns=TARGET_COLS)
    fig = charts.headline_targets(df, source=SOURCE)
    assert "5.6%" in bar_labels(fig) and "5%左右" in bar_labels(fig)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["经济增长"]


def test_headline_targets_draw_decreases_from_the_change_column():
    df = targets_df().assign(change="none")
    extra = pd.DataFrame([("单位生产总值能耗", "target", 3.3, None, "%", "none", "3.3%", "单位生产总值能耗下降3.3%")],
                         columns=TARGET_COLS).assign(change="decrease")
    fig = charts.headline_targets(pd.concat([df, extra], ignore_index=True), source=SOURCE)
    ax = fig.axes[0]
    assert "下降3.3%" in bar_labels(fig)
    assert any(abs(p.get_width() + 3.3) < 1e-9 for p in ax.patches)  # drawn to the left of zero
    assert ax.get_xlim()[0] < -3.3
    assert "下降3.3%" not in bar_labels(charts.headline_targets(pd.concat([targets_df(), extra.drop(columns="change")])))


def test_headline_target_list_says_each_target_once_and_fits_the_figure():
    long_goal = ("全面完成国家下达的能耗强度和碳排放强度控制任务以及主要污染物重点工程减排目标，"
                 "空气质量优良天数比例和地表水达标比例保持稳定")
    df = pd.concat([targets_df(), pd.DataFrame([
        (long_goal, "target", None, None, "", "none", long_goal, long_goal + "。"),
        ("粮食产量", "target", 5.13e9, None, "斤", "at_least", "513亿斤", "粮食产量513亿斤以上"),
    ], columns=TARGET_COLS)], ignore_index=True)
    fig = charts.headline_targets(df, source=SOURCE)
    assert texts_outside(fig) == []
    listed = [t.get_text() for t in texts(fig) if "不在同一坐标轴上" in t.get_text()][0]
    lines = listed.split("\n")
    assert all(line.strip() not in ("·", "") for line in lines)
    assert "".join(line.strip() for line in lines).count("全面完成国家下达") == 1
    assert "居民收入：居民收入" not in listed and "· 居民收入增长与经济增长同步" in lines
    assert "· 粮食产量：513亿斤（以上）" in lines
    assert len([line for line in lines if line.startswith("\u3000")]) >= 1  # the long goal wraps, indented


def test_target_lists_of_the_old_width_would_have_been_cut_off():
    """The fit check above is real: a 60-character line from the plot's left edge leaves the figure."""
    fig = charts.headline_targets(targets_df(), source=SOURCE)
    fig.axes[-1].text(0, 0.5, "长" * 60, fontsize=9.5)
    assert texts_outside(fig)


def test_long_titles_sources_and_notes_stay_inside_and_apart():
    src = {"region": "某某某某自治区某某某某某某某某某某", "year": 2026}
    fig = charts.growth_rates(metrics_df(), source=src, title="上年主要指标增速：" + "指标" * 25)
    assert texts_outside(fig) == [] and not bottom_texts_overlap(fig)
    assert "\n" in fig.get_suptitle()


def growth_metrics_2026() -> pd.DataFrame:
    """A 2026-style review: last year's figures, then the 十四五 review with figures over five years."""
    def row(paragraph, indicator, value, change, sentence, section="一、2025年和“十四五”时期工作回顾"):
        return {"report_id": "x-2026", "paragraph": paragraph, "section": section, "sentence": sentence,
                "indicator": indicator, "surface": f"{value}%", "number": value, "unit": "%", "multiplier": 1,
                "base_unit": "%", "value": value, "value_max": None, "category": "percent", "qualifier": "none",
                "change": change, "period": "actual"}

    rows = [row(3, "地区生产总值", 5.6, "increase", "地区生产总值增长5.6%，规上工业增加值增长6.8%"),
            row(3, "规上工业增加值", 6.8, "increase", "地区生产总值增长5.6%，规上工业增加值增长6.8%")]
    rows += [row(4, f"新兴产品{i}产量", 20.0 + i, "increase", f"新兴产品{i}产量增长{20.0 + i}%") for i in range(22)]
    rows += [
        row(8, "居民人均可支配收入", 27.4, "increase", "五年间居民人均可支配收入增长27.4%"),
        row(8, "国企资产总额", 88.6, "increase", "省属国企资产总额增长88.6%、营业总收入五年增长71.2%"),
        row(8, "营业总收入", 71.2, "increase", "省属国企资产总额增长88.6%、营业总收入五年增长71.2%"),
        row(9, "单位地区生产总值能耗", 13.0, "decrease", "万元生产总值能耗累计下降13%"),
        row(9, "生产安全事故起数", 52.7, "decrease", "事故起数比2020年下降52.7%"),
        row(9, "高价值发明专利", 121.0, "increase", "有效发明专利较“十三五”时期增长121%"),
        row(9, "5年", 16.4, "increase", "财政收入累计完成2.8万亿元，5年增长16.4%"),
        row(10, "人均地区生产总值", 5.9, "increase", "人均地区生产总值年均增长5.9%"),
        row(12, "新设外资企业", 19.5, "increase", "新设外资企业增长19.5%", "二、“十四五”时期主要成绩"),
        row(13, "PM2.5年均浓度", 7.4, "decrease", "PM2.5年均浓度下降7.4%"),
    ]
    return pd.DataFrame(rows)


MULTI_YEAR = ["居民人均可支配收入", "国企资产总额", "营业总收入", "单位地区生产总值能耗", "生产安全事故起数",
              "高价值发明专利", "人均地区生产总值", "新设外资企业"]


def test_growth_table_leaves_out_figures_the_metrics_flag_as_over_several_years():
    df = growth_metrics_2026()
    names = growth_table(df.assign(multi_year=df["indicator"].isin(MULTI_YEAR)), top=100)["indicator"].tolist()
    assert not set(MULTI_YEAR) & set(names)
    assert "5年" not in names  # a time span is no indicator
    assert "PM2.5年均浓度" in names and "地区生产总值" in names


def test_growth_table_takes_the_multi_year_flag_from_metrics():
    """The flag comes from zjtext.metrics (one place decides what spans several years), end to end."""
    from zjtext.metrics import extract_metrics
    from zjtext.report import report_from_text

    text = ("各位代表：\n一、2030年工作回顾\n全省生产总值增长5.2%，出口增长3.1%，居民人均可支配收入五年增长27.4%，"
            "人均生产总值年均增长5.9%。\n二、2031年工作安排\n生产总值增长5%左右。")
    metrics = extract_metrics(report_from_text(text, path="x.txt"))
    assert metrics["multi_year"].any()
    names = growth_table(metrics, top=100)["indicator"].tolist()
    assert "全省生产总值" in names and "出口" in names
    assert not [n for n in names if "可支配收入" in n or "人均" in n]


def test_growth_table_uses_the_multi_year_column_when_present():
    df = growth_metrics_2026()
    flagged = df.assign(multi_year=df["indicator"].isin(["规上工业增加值"]))
    names = growth_table(flagged, top=100)["indicator"].tolist()
    assert "规上工业增加值" not in names and "居民人均可支配收入" in names  # the column decides


def test_growth_table_puts_headline_indicators_first_then_report_order():
    targets = pd.DataFrame({"indicator": ["经济增长", "居民消费价格"], "period": ["target", "target"]})
    table = growth_table(growth_metrics_2026(), top=20, targets_df=targets)
    assert len(table) == 20
    assert table["indicator"].tolist()[:3] == ["地区生产总值", "规上工业增加值", "新兴产品0产量"]
    assert table["headline"].tolist()[:2] == [True, False]
    # without targets: first mentions first, not the largest values
    assert growth_table(growth_metrics_2026(), top=2)["indicator"].tolist() == ["地区生产总值", "规上工业增加值"]


def test_growth_rates_cut_an_outlier_short_but_label_its_value():
    df = growth_metrics_2026().iloc[:6].copy()
    df.loc[5, ["value", "number", "surface", "sentence"]] = [136.0, 136.0, "136%", "退税商店增长136%"]
    fig = charts.growth_rates(df, source=SOURCE)
    ax = fig.axes[0]
    assert "136%" in bar_labels(fig)
    assert max(p.get_width() for p in ax.patches) < 136 and ax.get_xlim()[1] < 136
    assert "截短" in all_text(fig)
    assert "截短" not in all_text(charts.growth_rates(metrics_df(), source=SOURCE))


def test_draw_all_passes_targets_to_growth_rates(tmp_path):
    targets = pd.DataFrame({"indicator": ["社会消费品零售总额"], "period": ["target"]})
    figs = charts.draw_all({"metrics": metrics_df(), "targets": targets}, tmp_path, SOURCE)
    assert [t.get_text() for t in figs["growth_rates"].axes[0].get_yticklabels()][0] == "社会消费品零售总额"


def shares_2026(with_density: bool = True) -> pd.DataFrame:
    """Section shares as zjtext.keywords.section_shares gives them for a 2026 report."""
    sections = {"": 40, "一、2025年和“十四五”时期工作回顾": 9000, "二、“十四五”回顾与“十五五”时期的主要目标和任务安排": 3000,
                "三、乘势而上再出发，奋力实现“十五五”良好开局、稳步起势": 12000, "附件2": 800}
    counts = {"工作": (1, 20, 12, 40, 0), "创新": (0, 15, 9, 30, 0), "改革": (0, 10, 3, 25, 0)}
    rows = []
    for term, cs in counts.items():
        for (s, chars), c in zip(sections.items(), cs):
            rows.append((term, s, c, round(c / sum(cs), 4), round(c * 10000 / chars, 2)))
    df = pd.DataFrame(rows, columns=["term", "top_section", "count", "share", "per_10k"])
    return df if with_density else df.drop(columns="per_10k")


def test_section_heatmap_headers_wrap_at_sensible_points():
    ax = charts.section_heatmap(shares_2026(), source=SOURCE).axes[0]
    headers = [t.get_text() for t in ax.get_xticklabels()]
    lines = [line for h in headers for line in h.split("\n")]
    assert not [line for line in lines if line[0] in "，。、；：”）》"]
    assert all("“十四五”" in h.replace("\n", "") for h in headers[:2])
    assert all(h.count("“") == h.count("”") for h in headers for h in h.split("\n"))  # no quote split
    wrapped = charts.balanced_wrap("三、乘势而上再出发，奋力实现“十五五”良好开局、稳步起势", 10).split("\n")
    assert wrapped[0].endswith("，") and "“十五五”" in wrapped[1]  # prefers to break after a comma


def test_section_heatmap_colours_by_density_and_drops_empty_and_tiny_sections():
    fig = charts.section_heatmap(shares_2026(), source=SOURCE)
    ax = fig.axes[0]
    headers = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert [h[0] for h in headers] == ["一", "二", "三"]  # no 附件2 (all zero), no 40-character preamble
    cells = [t.get_text() for t in ax.texts]
    assert "22.2\n20次" in cells  # 20 times in 9000 characters
    assert "每万字" in all_text(fig) and "篇幅" in all_text(fig)
    image = ax.images[0].get_array()
    assert image[0].argmax() == 1  # 工作 is densest in the short 二 section, though 三 has more
    share_fig = charts.section_heatmap(shares_2026(with_density=False), source=SOURCE)
    assert "占比" in all_text(share_fig) and "每万字" not in all_text(share_fig)


def test_headline_targets_pass_over_multi_year_results():
    df = pd.DataFrame([("生产总值", "actual", 5.7, None, "%", "none", "5.7%", "生产总值年均增长5.7%"),
                       ("生产总值", "actual", 5.3, None, "%", "none", "5.3%", "生产总值增长5.3%"),
                       ("生产总值", "target", 5.0, None, "%", "approx", "5%", "生产总值增长5%左右")],
                      columns=TARGET_COLS).assign(multi_year=[True, False, False])
    labels = bar_labels(charts.headline_targets(df, source=SOURCE))
    assert "5.3%" in labels and "5.7%" not in labels


def test_headline_legend_names_a_target_range_only_when_one_is_drawn():
    df = targets_df()
    ranged = [t.get_text() for ax in charts.headline_targets(df, source=SOURCE).axes if ax.get_legend()
              for t in ax.get_legend().get_texts()]
    flat = df.assign(value_max=float("nan"))
    plain = [t.get_text() for ax in charts.headline_targets(flat, source=SOURCE).axes if ax.get_legend()
             for t in ax.get_legend().get_texts()]
    assert ("目标区间" in ranged) == bool(df["value_max"].notna().any())
    assert plain and "目标区间" not in plain


def test_laying_out_a_chart_does_not_resample_its_images_and_lays_out_as_with_them(monkeypatch):
    """finish() lays a chart out by drawing it without rendering; an image (the word cloud, the
    heatmap) is not resampled for that, and the laid-out positions are those of a draw with it."""
    import numpy as np
    from matplotlib.image import AxesImage

    from zjtext.charts import style

    @style.in_house_style
    def chart():
        fig = style.new_figure()
        ax = fig.add_subplot()
        ax.imshow(np.arange(48.0).reshape(6, 8), aspect="auto")
        ax.set_ylabel("省份甲乙丙")
        style.finish(fig, "图表标题", "数据来源：2031年某省政府工作报告", note="单位：亿元")
        return fig

    resampled = []
    real = AxesImage._make_image
    monkeypatch.setattr(AxesImage, "_make_image", lambda self, *a, **k: resampled.append(1) or real(self, *a, **k))
    fig = chart()
    assert resampled == [] and fig.axes[0].images[0].get_visible()
    monkeypatch.setattr(style, "_lay_out", lambda f: f.draw_without_rendering())  # drawn with the image
    ref = chart()
    assert resampled and ref.axes[0].get_position().bounds == fig.axes[0].get_position().bounds
    assert ref._suptitle.get_position() == fig._suptitle.get_position()
