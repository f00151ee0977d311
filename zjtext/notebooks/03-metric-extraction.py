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
# # 03 · 指标抽取
#
# 报告中每一个用阿拉伯数字写出的指标都被抽出来：它衡量什么（指标）、
# 数值与单位、量级（万、亿）、限定词（左右、以上、以内、超过）、是增长还是下降，以及最重要的——
# 它是**上一年已经取得的实绩**，还是**今年（或今后几年）的目标**。年份、日期、届次、年龄、期限和口号里的数字
# （如“8+4”“415X”）不算指标。每一行都带着原句，可以逐条核对。

# %% tags=["parameters"]
report_path = "../data/raw/zhejiang-2024.html"  # the report file (relative to the working directory)
processed_dir = None  # where this notebook saves its tables, and later notebooks read them (None: save nothing)
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)
indicator_term = "生产总值"  # show every figure whose indicator mentions this

# %%
import pandas as pd

from zjtext import load_report
from zjtext.report import OPENING_SECTION
from zjtext.notebook import (CATEGORY_ZH, PERIOD_ZH, by_reading_order, headline_view, indicator_view, load_tables,
                             metrics_view, save_tables, setup, table)

setup()
report = load_report(report_path)
# the tables `zjtext process` wrote into processed_dir (`zjtext run` writes them first); computed here without them
metrics, head, results = load_tables(report, processed_dir, "metrics", "targets", "results")
print(f"{report.meta.display_title}：共抽出 {len(metrics)} 个指标数值")

# %% [markdown]
# ## 主要指标表
#
# 报告最常被引用的两段：上一年主要经济指标的完成情况（实绩），和今年的主要预期目标（目标）。
# “原文数值”连同限定词和增减方向照录原文（如“5.5%左右”“下降3.3%”）；“数值”是换算后的数（亿、万已乘入，区间写作“下限—上限”）。
# 只用文字表述、没有数字的目标（如“与经济增长同步”）单独列在下面第二张表里，照录原文。

# %%
headline_view(head)

# %%
table(headline_view(head, words=True), None, empty="本报告没有只用文字表述的目标。")

# %% [markdown]
# 按指标归并：每个指标一行，今年的目标与上一年的实绩并列。实绩是判定目标时所用的那个数字——同一指标、同一单位、同一口径的当年数，
# 先取主要指标段，再取回顾部分其他段落；基数（“从……提高到”）、跨多年的数字和其他地区的数字不算。首页、各地并排表和本表用的是同一规则，数字一致。

# %%
indicator_view(head, results)

# %% [markdown]
# ## 实绩与目标、各类指标的数量
#
# “百分点”（个百分点）与“百分比”严格区分；“实物量”指公里、亩、千瓦、吨等。

# %%
pd.crosstab(metrics["category"].map(CATEGORY_ZH), metrics["period"].map(PERIOD_ZH), margins=True,
            margins_name="合计").rename_axis(index="类别", columns="时期")

# %% [markdown]
# ## 今年的目标（前 25 个）
#
# 报告部署的量化目标（主要预期目标、重点工作中的任务、民生实事等），按出现顺序列出前 25 个；上面“实绩与目标”表的“目标”一列是全部目标的个数，全部目标在 data 子文件夹的指标表中。

# %%
targets_only = metrics[metrics["period"] == "target"]
metrics_view(targets_only, ("paragraph", "indicator", "surface", "qualifier", "change", "section")).head(25)

# %% [markdown]
# ## 按章节统计
#
# 各一级章节中实绩与目标的数量。

# %%
top_section = metrics["section"].str.split(" > ").str[0].replace("", OPENING_SECTION)
counts = pd.crosstab(top_section, metrics["period"].map(PERIOD_ZH))
counts.loc[by_reading_order(counts.index, top_section)].rename_axis(index="章节", columns="时期")

# %% [markdown]
# ## 某一指标的全部数值
#
# 查看报告中提到某个指标的所有数值，连同原句（在 JupyterLab 中可以改设置换一个指标）。

# %%
mentions = metrics[metrics["indicator"].str.contains(indicator_term, regex=False, na=False)]
print(f"指标中包含“{indicator_term}”的数值：{len(mentions)} 个")
metrics_view(mentions, ("paragraph", "indicator", "surface", "change", "period", "sentence"))

# %% [markdown]
# ## 保存
#
# 完整指标表、主要指标表和上一年实绩表保存在 data 子文件夹里（UTF-8 带 BOM，Excel 可直接打开）。

# %%
save_tables(processed_dir, {"metrics": metrics, "targets": head, "results": results})
