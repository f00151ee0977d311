"""Year-over-year charts (notebook 05): keyness bars, target tracking, slogan changes.

The tables are made up in the shapes zjtext.keywords.keyness and zjtext.compare produce, so these
tests do not depend on those modules.
"""
from __future__ import annotations

import io
import math
import warnings

import pandas as pd
import pytest
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from zjtext import charts

SOURCE = "数据来源：2024年、2025年某省政府工作报告"
KEYNESS_COLS = ["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "p_value", "log_ratio", "direction"]
TRACK_COLS = ["indicator", "target", "target_value", "target_value_max", "qualifier", "base_unit",
              "actual_indicator", "actual", "actual_value", "verdict", "match_score", "scope",
              "target_sentence", "actual_sentence"]


def keyness_df() -> pd.DataFrame:
    rows = [  # term, a, b, g2, p, log_ratio, direction
        ("新质生产力", 2, 14, 15.2, 0.0001, 2.6, "rose"),
        ("低空经济", 0, 6, 9.4, 0.002, 4.1, "appeared"),
        ("人工智能", 3, 9, 4.1, 0.043, 1.4, "rose"),
        ("消费", 10, 12, 0.3, 0.58, 0.2, "rose"),
        ("数字化改革", 12, 1, 11.8, 0.0006, -3.7, "fell"),
        ("亚运会", 7, 0, 10.5, 0.001, -3.9, "vanished"),
        ("共同富裕", 9, 6, 0.7, 0.4, -0.6, "fell"),
        ("项目", 20, 20, 0.0, 1.0, 0.0, "unchanged"),
    ]
    return pd.DataFrame([(t, a, b, a / 2, b / 2, g, p, lr, d) for t, a, b, g, p, lr, d in rows],
                        columns=KEYNESS_COLS)


def track_df() -> pd.DataFrame:
    def row(ind, target, v, v_max, q, unit, actual, a_v, verdict, a_ind=None, score=1.0):
        return (ind, target, v, v_max, q, unit, a_ind if a_ind is not None else (ind if actual else ""),
                actual, a_v, verdict, score, "headline", f"{ind}……", f"{ind}……" if actual else "")

    return pd.DataFrame([
        row("生产总值", "5.5%", 5.5, None, "approx", "%", "5.4%", 5.4, "met (within 左右)", "全省生产总值"),
        row("固定资产投资", "5%—6%", 5.0, 6.0, "none", "%", "3.1%", 3.1, "missed"),
        row("城镇调查失业率", "5%", 5.0, None, "at_most", "%", "4.6%", 4.6, "met"),
        row("研发投入强度", "0.1个百分点", 0.1, None, "more_than", "个百分点", "0.2个百分点", 0.2, "met",
            "研究与试验发展经费投入强度提高", 0.9),
        row("进出口", "3%", 3.0, None, "at_least", "%", "", None, "not reported"),
        row("城镇新增就业", "100万人", 1_000_000, None, "at_least", "人", "112万人", 1_120_000, "met"),
        row("居民收入", "居民收入增长与经济增长同步", None, None, "none", "", "", None, "not comparable"),
    ], columns=TRACK_COLS)


def slogans_df() -> pd.DataFrame:
    rows = [("人工智能+", "new", 0, 5), ("低空经济", "new", 0, 2), ("两个先行", "new", 0, 1),
            ("八八战略", "kept", 6, 4), ("千万工程", "kept", 2, 3),
            ("亚运会", "dropped", 4, 0), ("数字化改革", "dropped", 7, 0)]
    return pd.DataFrame(rows, columns=["term", "status", "count_mou-2024", "count_mou-2025"])


def texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def all_text(fig) -> str:
    return "\n".join(t.get_text() for t in texts(fig))


def draw_all():
    return {
        "keyness_bars": charts.keyness_bars(keyness_df(), top=3, source=SOURCE, label_a="2024年", label_b="2025年"),
        "target_tracking": charts.target_tracking(track_df(), source=SOURCE),
        "slogan_changes": charts.slogan_changes_chart(slogans_df(), source=SOURCE),
    }


@pytest.fixture(scope="module")
def figures():
    return draw_all()


# ---------------------------------------------------------------- all three

def test_drawing_raises_no_warning_no_missing_glyph():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        for fig in draw_all().values():
            for fmt in ("png", "svg"):
                fig.savefig(io.BytesIO(), format=fmt)


def test_every_drawn_character_is_in_the_bundled_font(figures):
    path = charts.use_cjk_font()
    charmap = FT2Font(path).get_charmap()
    for name, fig in figures.items():
        for t in texts(fig):
            assert findfont(t.get_fontproperties()) == path, (name, t.get_text())
            missing = {c for c in t.get_text() if not c.isspace() and ord(c) not in charmap}
            assert not missing, (name, t.get_text(), missing)


def test_source_line_and_title_on_each(figures):
    for name, fig in figures.items():
        assert SOURCE in all_text(fig), name
        assert fig.get_suptitle(), name


@pytest.mark.parametrize("name", ["keyness_bars", "target_tracking", "slogan_changes"])
def test_saved_bytes_are_identical_across_two_draws(tmp_path, name):
    first = charts.save_figure(draw_all()[name], tmp_path / "a", name)
    second = charts.save_figure(draw_all()[name], tmp_path / "b", name)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@pytest.mark.parametrize("draw, message", [
    (charts.keyness_bars, charts.NO_DATA),
    (charts.target_tracking, charts.NO_TRACKING),
    (charts.slogan_changes_chart, charts.NO_SLOGANS),
])
@pytest.mark.parametrize("empty", [None, pd.DataFrame()])
def test_empty_inputs_say_so(draw, message, empty):
    fig = draw(empty, source=SOURCE)
    assert message in all_text(fig) and SOURCE in all_text(fig)


def test_empty_frames_with_columns_say_so():
    assert charts.NO_DATA in all_text(charts.keyness_bars(keyness_df().iloc[0:0]))
    assert charts.NO_DATA in all_text(charts.keyness_bars(keyness_df().query("direction == 'unchanged'")))
    assert charts.NO_TRACKING in all_text(charts.target_tracking(track_df().iloc[0:0]))
    assert charts.NO_SLOGANS in all_text(charts.slogan_changes_chart(slogans_df().iloc[0:0]))


# ---------------------------------------------------------------- keyness

def test_keyness_bars_diverge_and_pick_top_by_g2_each_side(figures):
    ax = figures["keyness_bars"].axes[0]
    widths = {round(p.get_width(), 6) for p in ax.patches}
    # top 3 by G² per side: 消费 (G² 0.3) is left out on the right; all three rising/falling on the left
    assert widths == {2.6, 4.1, 1.4, -3.7, -3.9, -0.6}
    labels = [t.get_text() for t in ax.texts]
    assert "消费" not in labels and "项目" not in labels  # not in the top 3; unchanged never drawn
    # rising terms stand left of the zero line (bar to the right), falling ones right of it
    x_of = {t.get_text(): t.get_position()[0] for t in ax.texts}
    assert x_of["新质生产力"] < 0 < x_of["数字化改革"]
    # shown in order of log ratio: the most increased on top, the most decreased at the bottom
    y_of = {t.get_text(): t.get_position()[1] for t in ax.texts}
    assert y_of["低空经济"] < y_of["新质生产力"] < y_of["人工智能"] < y_of["共同富裕"] < y_of["数字化改革"] < y_of["亚运会"]


def test_keyness_bars_label_counts_and_mark_appeared_vanished(figures):
    fig = figures["keyness_bars"]
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert {"2→14", "0→6 新出现", "12→1", "7→0 不再出现", "9→6", "3→9"} <= set(labels)
    hatched = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches if p.get_hatch())
    assert hatched == [-3.9, 4.1]
    text = all_text(fig)
    assert "新出现（2024年没有）" in text and "不再出现（2025年没有）" in text
    assert "浅色：p≥0.05" in text  # 共同富裕 (p 0.4) is the one difference that is not significant
    pale = [p for p in fig.axes[0].patches if (p.get_alpha() or 1) < 1]
    assert [round(p.get_width(), 6) for p in pale] == [-0.6]


def test_keyness_bars_top_limits_each_side():
    ax = charts.keyness_bars(keyness_df(), top=1).axes[0]
    assert sorted(round(p.get_width(), 6) for p in ax.patches) == [-3.7, 2.6]  # highest G² each side


# ---------------------------------------------------------------- target tracking

def test_target_tracking_writes_every_verdict(figures):
    fig = figures["target_tracking"]
    right = [t.get_text() for t in fig.axes[0].texts if t.get_text() in charts.VERDICT_LABELS.values()]
    assert right == ["基本达成（左右）", "未达成", "达成", "达成", "未报告"]  # one per % row, in order
    text = all_text(fig)
    for label in ("达成", "基本达成（左右）", "未达成", "未报告", "无法比较"):
        assert label in text


def test_target_tracking_keeps_percent_rows_on_the_axis_and_lists_the_rest(figures):
    fig = figures["target_tracking"]
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["生产总值", "固定资产投资", "城镇调查失业率", "研发投入强度", "进出口"]
    text = all_text(fig)
    assert "城镇新增就业：100万人（以上）；实际112万人 → 达成" in text
    assert "· 居民收入增长与经济增长同步 → 无法比较" in text and "居民收入：居民收入" not in text  # named once
    assert len(fig.axes) == 2


def test_target_tracking_shows_hedges_range_and_actuals(figures):
    ax = figures["target_tracking"].axes[0]
    labels = [t.get_text() for t in ax.texts]
    for expected in ("目标 5.5%左右", "目标 5%—6%", "目标 5%以内", "目标 超过0.1个百分点", "目标 3%以上",
                     "实际 5.4%", "实际 3.1%", "实际 4.6%"):
        assert expected in labels
    # the range is a band from 5 to 6; 以上/超过 and 以内 get arrows (two right, one left)
    assert any(math.isclose(p.get_x(), 5) and math.isclose(p.get_width(), 1) for p in ax.patches)
    arrows = [a for a in ax.texts if hasattr(a, "xyann")]
    assert sorted(a.xy[0] > a.xyann[0] for a in arrows) == [False, True, True]
    # actual dots: one per reported actual, coloured by verdict; none for 进出口 (not reported)
    dots = [c for c in ax.collections if len(c.get_offsets())]
    assert sorted(float(c.get_offsets()[0][0]) for c in dots) == [0.2, 3.1, 4.6, 5.4]
    colour = {float(c.get_offsets()[0][0]): tuple(c.get_facecolor()[0]) for c in dots}
    assert colour[5.4] != colour[4.6] != colour[3.1]
    # a fuzzy indicator match names the actual it was matched to; exact matches do not
    matched = [t for t in labels if "对照：" in t]
    assert matched == ["实际 0.2个百分点\n（对照：研究与试验发展经费投入强度提高）"]


def test_target_tracking_with_only_non_percent_targets_lists_them():
    fig = charts.target_tracking(track_df().query("base_unit not in ['%', '个百分点']"))
    assert len(fig.axes) == 1
    text = all_text(fig)
    assert "上年目标，均不是百分比" in text and "→ 达成" in text and "→ 无法比较" in text


# ---------------------------------------------------------------- slogans

def test_slogan_panels_counts_and_order(figures):
    fig = figures["slogan_changes"]
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["新提出（3个）", "延续（2个）", "不再提及（2个）"]
    ticks = [[t.get_text() for t in ax.get_yticklabels()] for ax in fig.axes]
    assert ticks == [["人工智能+", "低空经济", "两个先行"], ["八八战略", "千万工程"], ["数字化改革", "亚运会"]]
    kept = sorted(p.get_width() for p in fig.axes[1].patches)
    assert kept == [2, 3, 4, 6]  # both years' counts
    assert "深色：2025年次数，浅色：2024年次数" in all_text(fig)


def test_slogan_columns_are_taken_by_position_and_top_applies():
    df = slogans_df().rename(columns={"count_mou-2024": "count_old", "count_mou-2025": "count_new"})
    fig = charts.slogan_changes_chart(df, top=1, label_a="去年", label_b="今年")
    assert [[t.get_text() for t in ax.get_yticklabels()] for ax in fig.axes] == [["人工智能+"], ["八八战略"], ["数字化改革"]]
    assert fig.axes[0].get_title(loc="left") == "新提出（3个）"  # the total, not just the ones shown
    assert "深色：今年次数，浅色：去年次数" in all_text(fig)


def test_slogan_panel_without_rows_says_none():
    fig = charts.slogan_changes_chart(slogans_df().query("status != 'dropped'"))
    assert "（无）" in [t.get_text() for t in fig.axes[2].texts]


def _inside(fig) -> list[str]:
    """Texts drawn (partly) outside the figure, tick labels beyond the axis limits aside."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    hidden = {lab for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for tick in axis.get_major_ticks()
              if not min(axis.get_view_interval()) - 1e-9 <= tick.get_loc() <= max(axis.get_view_interval()) + 1e-9
              for lab in (tick.label1, tick.label2)}
    box, out = fig.bbox, []
    for t in set(texts(fig)) - hidden:
        b = t.get_window_extent(renderer)
        if b.x0 < box.x0 - 1 or b.x1 > box.x1 + 1 or b.y0 < box.y0 - 1 or b.y1 > box.y1 + 1:
            out.append(t.get_text())
    bottom = [t.get_window_extent(renderer) for t in fig.texts if t.get_text().strip()]
    if any(a.overlaps(b) for i, a in enumerate(bottom) for b in bottom[i + 1:]):
        out.append("(source line and note overlap)")
    return out


LONG_A, LONG_B = "2025年新疆维吾尔自治区", "2026年新疆维吾尔自治区"
LONG_SOURCE = f"数据来源：{LONG_A}与{LONG_B}人民政府工作报告对比"


def test_long_region_labels_keep_every_text_inside_the_figure():
    figs = [charts.keyness_bars(keyness_df(), label_a=LONG_A, label_b=LONG_B, source=LONG_SOURCE),
            charts.slogan_changes_chart(slogans_df(), label_a=LONG_A, label_b=LONG_B, source=LONG_SOURCE),
            charts.target_tracking(track_df(), source=f"{LONG_A}目标，{LONG_B}报告实绩")]
    for fig in figs:
        assert _inside(fig) == [], fig.get_suptitle()
    assert LONG_B in figs[0].get_suptitle().replace("\n", "")
    legend = [t.get_text() for t in figs[0].axes[0].get_legend().get_texts()]
    assert f"{LONG_B}用得更多" in legend


def test_tracking_keeps_shares_off_the_growth_axis_when_the_table_says_which_are_changes():
    rows = [{"indicator": "生产总值", "target": "5%左右", "target_value": 5.0, "target_value_max": None,
             "qualifier": "approx", "base_unit": "%", "change": "increase", "actual_indicator": "生产总值",
             "actual": "5.2%", "actual_value": 5.2, "verdict": "met", "match_score": 1.0},
            {"indicator": "新兴产业投资占比", "target": "50%", "target_value": 50.0, "target_value_max": None,
             "qualifier": "at_least", "base_unit": "%", "change": "none", "actual_indicator": "新兴产业投资占比",
             "actual": "52%", "actual_value": 52.0, "verdict": "met", "match_score": 1.0}]
    fig = charts.target_tracking(pd.DataFrame(rows))
    growth, levels = fig.axes[0], fig.axes[1]
    assert [t.get_text() for t in growth.get_yticklabels()] == ["生产总值"] and growth.get_xlim()[1] < 20
    assert [t.get_text() for t in levels.get_yticklabels()] == ["新兴产业投资占比"]
    single = charts.target_tracking(pd.DataFrame(rows).drop(columns="change"))  # no change column: one axis
    assert [t.get_text() for t in single.axes[0].get_yticklabels()] == ["生产总值", "新兴产业投资占比"]


def test_tracking_labels_a_result_in_words_as_the_report_writes_it():
    rows = [{"indicator": "居民消费价格", "target": "2%左右", "target_value": 2.0, "target_value_max": None,
             "qualifier": "approx", "base_unit": "%", "change": "increase", "actual_indicator": "居民消费价格",
             "actual": "持平", "actual_value": 0.0, "verdict": "met", "match_score": 1.0}]
    labels = [t.get_text() for t in charts.target_tracking(pd.DataFrame(rows)).axes[0].texts]
    assert "实际 持平" in labels and "实际 0%" not in labels


def test_the_legend_names_a_target_range_only_when_one_is_drawn():
    """目标区间 in the legend explains a drawn range; with none drawn it would explain nothing."""
    row = {"indicator": "生产总值", "target": "6%左右", "target_value": 6.0, "target_value_max": None,
           "qualifier": "approx", "base_unit": "%", "actual_indicator": "生产总值", "actual": "5.8%",
           "actual_value": 5.8, "verdict": "met (within 左右)", "match_score": 1.0}

    def legend(rows):
        return [t.get_text() for ax in charts.target_tracking(pd.DataFrame(rows)).axes if ax.get_legend()
                for t in ax.get_legend().get_texts()]

    assert "目标区间" not in legend([row])
    ranged = {**row, "indicator": "进出口总额", "target": "3%—4%", "target_value": 3.0, "target_value_max": 4.0}
    assert "目标区间" in legend([row, ranged])
