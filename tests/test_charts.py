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
    monkeypatch.setattr(charts, "FONT_PACKAGE", "no_such_font_package_xyz")
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
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    for expected in ["5%—5.5%", "2%左右", "5%以内", "超过0.2个百分点", "6.1%", "下降0.3%"]:
        assert expected in labels
    assert [t.get_text() for t in ax.get_yticklabels()] == ["生产总值", "居民消费价格", "城镇调查失业率", "研发投入强度"]
    # the range's upper part is its own bar from 5 to 5.5
    assert any(abs(p.get_x() - 5) < 1e-9 and abs(p.get_width() - 0.5) < 1e-9 for p in ax.patches)
    # 以上/超过 and 以内 arrows: one to the right, one to the left
    arrows = [a for a in ax.texts if isinstance(a, matplotlib.text.Annotation)]
    directions = sorted(round(a.xy[0] - a.xyann[0], 6) > 0 for a in arrows)
    assert directions == [False, True]
    text = all_text(fig)
    assert "城镇新增就业：80万人（以上）" in text and "居民收入增长与经济增长同步" in text
    assert "2024年实际" in text and "2025年目标" in text


@pytest.mark.parametrize("df", [pd.DataFrame(), pd.DataFrame(columns=TARGET_COLS), None,
                                targets_df().query("period == 'actual'")])
def test_headline_targets_without_a_target_list_says_so(df):
    fig = charts.headline_targets(df, source=SOURCE)
    assert charts.NO_TARGETS in all_text(fig)


def test_growth_rates_negative_for_decreases_deduped_sorted(figures):
    table = charts.growth_table(metrics_df())
    assert table[["indicator", "signed"]].values.tolist() == [
        ["生产总值", 6.1], ["社会消费品零售总额", 5.4], ["出口", -2.4], ["单位生产总值能耗", -3.5]]
    ax = figures["growth_rates"].axes[0]
    assert [p.get_width() for p in ax.patches] == [6.1, 5.4, -2.4, -3.5]
    assert "下降3.5%" in [t.get_text() for t in ax.texts]
    assert len(charts.growth_table(metrics_df(), top=2)) == 2


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


def test_draw_all_from_frames_and_from_folder(tmp_path):
    from zjtext.store import write_csv

    frames = {"keywords": keywords_df(), "targets": targets_df(), "metrics": metrics_df(),
              "section_shares": shares_df()}
    figs = charts.draw_all(frames, tmp_path / "figs", SOURCE)
    assert list(figs) == list(charts.FIGURE_NAMES)
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(
        f"{n}.{ext}" for n in charts.FIGURE_NAMES for ext in ("png", "svg"))

    folder = tmp_path / "processed"
    write_csv(keywords_df(), folder / "keywords.csv")
    write_csv(targets_df(), folder / "targets.csv")
    figs = charts.draw_all(folder, tmp_path / "figs2", SOURCE)
    assert list(figs) == ["top_keywords", "headline_targets", "word_cloud"]  # no shares, no metrics
    assert "5%—5.5%" in all_text(figs["headline_targets"])


def test_section_heatmap_drops_unused_sections_and_names_the_preamble():
    df = pd.concat([shares_df(), pd.DataFrame([("科技创新", "", 2, 0.03), ("改革", "", 1, 0.02),
                                               ("营商环境", "", 0, 0.0), ("科技创新", "四、附", 0, 0.0),
                                               ("改革", "四、附", 0, 0.0), ("营商环境", "四、附", 0, 0.0)],
                                              columns=["term", "top_section", "count", "share"])])
    ax = charts.section_heatmap(df, terms=["改革", "科技创新"]).axes[0]
    cols = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert cols[0] == "（首个标题前）" and [c[0] for c in cols[1:]] == ["一", "二", "三"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["改革", "科技创新"]


def test_draw_all_uses_folder_meta_for_the_source_line(tmp_path):
    import json

    from zjtext.store import write_csv, write_text

    write_csv(keywords_df(5), tmp_path / "p" / "keywords.csv")
    write_text(json.dumps({"region": "某自治区", "year": 2026}), tmp_path / "p" / "meta.json")
    figs = charts.draw_all(tmp_path / "p", tmp_path / "out")
    assert "数据来源：2026年某自治区政府工作报告" in all_text(figs["top_keywords"])


def test_draw_all_computes_shares_from_tokens_when_keywords_module_exists(tmp_path):
    pytest.importorskip("zjtext.keywords")
    from zjtext.report import report_from_text
    from zjtext.segment import tokens

    text = "各位代表：\n一、过去一年工作回顾\n科技创新成效明显，改革持续深化。\n" \
           "二、今年重点工作\n加快科技创新，推进科技创新平台建设，深化改革，扩大开放。"
    figs = charts.draw_all({"tokens": tokens(report_from_text(text))}, tmp_path, SOURCE)
    ax = figs["section_heatmap"].axes[0]
    cols = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert cols[-2:] == ["一、过去一年工作回顾", "二、今年重点工作"]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "创新"  # most frequent first


def test_headline_targets_with_only_word_or_count_targets_lists_them():
    fig = charts.headline_targets(targets_df().query("base_unit != '%' and base_unit != '个百分点'"))
    text = all_text(fig)
    assert "城镇新增就业：80万人（以上）" in text and "居民收入增长与经济增长同步" in text
    assert charts.NO_TARGETS not in text and len(fig.axes) == 1
