# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · 年度对比
#
# 第 N 年的报告为第 N 年定下目标，第 N+1 年的报告交代第 N 年的结果。本页把两份（或更多）
# 报告按年份排好，回答分析者最关心的问题：哪些词语升温、哪些淡出，哪些口号是新提出的，以及——
# **上一年的目标完成了没有**。
#
# 只有**同一地区、不同年份**的报告才会被放在一起比较；每个地区有多年的报告时，本页自动生成。
# 只有相邻两年的报告才判断目标是否完成；相隔两年以上的报告只列出目标，不作判定。

# %% tags=["parameters"]
report_paths = ["../data/raw/zhejiang-2024.html", "../tests/fixtures/synthetic-zhejiang-2025.txt"]  # demo pair: the seed and an invented fixture (the note below says so)
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)
processed_dir = None  # where the reports' processed tables are (None: a temporary folder)
tables_ready = False  # True: processed_dir already holds both reports' tables (zjtext run's producer wrote them): only read them

# %%
import pandas as pd

from zjtext import charts, load_report, views
from zjtext.compare import (check_pair, headline_side_by_side, keyness_between, label, order_reports,
                            slogan_changes, why_not_judged)
from zjtext.match import as_written
from zjtext.notebook import (DIRECTION_ZH, STATUS_ZH, VERDICT_ZH, PERIOD_ZH, demo_note, number,
                             save_and_show, setup, table)

setup()
reports = order_reports([load_report(p) for p in report_paths])
old, new = reports[-2], reports[-1]
check_pair(old, new)  # same region, later year: otherwise there is nothing to track
processed, errors = views.processed_reports([p for p in report_paths], processed_dir, jobs=1, read_only=tables_ready)
tables = {r.report_id: r for r in processed}  # each report's tables, as zjtext process wrote them
names = {r.report_id: label(r) for r in reports}
pd.DataFrame([(r.report_id, r.meta.year, r.meta.region, r.meta.display_title) for r in reports],
             columns=["报告", "年份", "地区", "标题"], index=range(1, len(reports) + 1))


# %%
demo_note(report_paths, """\
**关于本页的默认参数（演示用）**：仓库里只收录了一份真实报告（浙江 2024）。为了让本页打开就能运行，
默认参数把它与一份**虚构的**“2025 年浙江报告”（测试夹具 `tests/fixtures/synthetic-zhejiang-2025.txt`）对比。
下面所有“2025”的数字都是编造的，判定只演示方法怎样工作，**不是**对任何地区的评价。
要做真实对比：把 `report_paths` 换成同一地区两年的报告，或运行 `zjtext run 报告1 报告2 --out 文件夹`。""")

# %% [markdown]
# ## 目标完成情况
#
# 上一年报告的每一个主要预期目标，对照下一年报告给出的同一指标的实绩（指标名称允许小的差异，如
# “生产总值 / 全省生产总值 / 地区生产总值”）。判定规则：“以内、不高于”是上限；“以上、不低于、超过”是下限；
# 未加限定或“左右”的目标，物价、失业率、能耗、排放等越低越好的指标视为上限，其余视为下限；区间目标达到近端即算达成；
# “左右”在百分比目标上允许 0.2 个百分点、其他单位允许目标值 5% 的误差（7.5% 左右的目标，实绩 7.4% 记为“基本达成（左右）”），并单独标出。
# 报告只用文字说某项变化“持平”（如“居民消费价格与上年持平”）时，实绩按 0% 计，表中照写“持平”。

# %%
tracked = views.tracking_table(tables[old.report_id], tables[new.report_id])  # read from the tables, as every view does
if why := why_not_judged(old, new):  # the report of year N+1 reviews year N: other pairs get no verdicts
    print("说明：这里只列出目标，不作判定。", why)
view = tracked.assign(verdict=tracked["verdict"].map(VERDICT_ZH).fillna(""))[["indicator", "target", "actual_indicator", "actual", "verdict"]]
table(view.rename(columns={"indicator": "指标", "target": f"{names[old.report_id]}目标",
                           "actual_indicator": "对照指标", "actual": "实绩", "verdict": "判定"}), None,
      empty=f"没有在{names[old.report_id]}报告中找到主要预期目标。")

# %%
fig = charts.target_tracking(tracked, source=f"{names[old.report_id]}报告的目标，{names[new.report_id]}报告的实绩")
save_and_show(fig, out_dir, "target_tracking")

# %% [markdown]
# ## 升温与降温的词
#
# “显著性”衡量两份报告之间词频差异是否可能出于偶然（统计上用的是对数似然比），数值越大越不可能是偶然；
# “倍数变化”衡量差异大小：+1 表示新报告中的相对频率翻了一倍，-1 表示减半（以 2 为底的对数）。

# %%
key = keyness_between(old, new, tables=(tables[old.report_id], tables[new.report_id]))
significant = key[key["p_value"] < 0.05].assign(direction=lambda d: d["direction"].map(DIRECTION_ZH))
table(significant[["term", "count_a", "count_b", "g2", "log_ratio", "direction"]].rename(columns={
    "term": "词", "count_a": names[old.report_id], "count_b": names[new.report_id], "g2": "显著性",
    "log_ratio": "倍数变化", "direction": "变化"}), 25, empty="两份报告之间没有升降显著（p < 0.05）的词。")

# %%
fig = charts.keyness_bars(key, label_a=names[old.report_id], label_b=names[new.report_id],
                          source=f"{names[old.report_id]}与{names[new.report_id]}报告对比")
save_and_show(fig, out_dir, "keyness")

# %% [markdown]
# ## 口号的新提出、延续与不再提及

# %%
slogan_table = slogan_changes(old, new, tables=(tables[old.report_id], tables[new.report_id]))
counts = slogan_table.groupby("status").size().reindex(["new", "kept", "dropped"]).fillna(0).astype(int)
counts.rename(index=STATUS_ZH).rename_axis("提法").to_frame("个数")

# %%
fig = charts.slogan_changes_chart(slogan_table, label_a=names[old.report_id], label_b=names[new.report_id],
                                  source=f"{names[old.report_id]}与{names[new.report_id]}报告对比")
save_and_show(fig, out_dir, "slogans")

# %% [markdown]
# ## 主要指标并排
#
# 各报告的主要指标表，按年份排列。

# %%
side = headline_side_by_side(reports, tables)
side = side.assign(report=side["report_id"].map(names), period=side["period"].map(PERIOD_ZH),
                   value=side["value"].map(number),  # the figure with its hedge, and 下降 for a fall
                   written=[as_written(s, q, c) for s, q, c in zip(side["surface"], side["qualifier_text"], side["change"])])
table(side[["report", "indicator", "period", "written", "value", "base_unit"]].fillna(""), None).rename(columns={
    "report": "报告", "indicator": "指标", "period": "时期", "written": "原文数值", "value": "数值", "base_unit": "单位"})
