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
# # 04 · 图表
#
# 用 01–03 页的数据表作图。所有图都用随软件安装的思源黑体，在任何机器上都能正确显示中文；
# 每张图同时保存为 PNG 和 SVG 两种格式（在本报告文件夹的 figures 子文件夹里，文件名固定）。

# %% tags=["parameters"]
report_path = "../data/raw/zhejiang-2024.html"  # the report file (relative to the working directory)
processed_dir = None  # where this notebook saves its tables, and later notebooks read them (None: save nothing)
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)

# %%
from zjtext import load_report
from zjtext import charts
from zjtext.notebook import load_tables, save_and_show, setup

setup()
report = load_report(report_path)
# the tables 02 and 03 saved in processed_dir (computed here if they have not run)
keywords, shares, targets, metrics, results = load_tables(report, processed_dir, "keywords", "section_shares", "targets",
                                                         "metrics", "results")


def show(fig, name):  # saved as PNG and SVG when out_dir is given; the page shows the PNG
    return save_and_show(fig, out_dir, name)

# %% [markdown]
# ## 高频关键词
#
# 条形越长，该词在报告中出现越多；条末数字是出现次数。已去掉虚词、数字和通用政策动词。

# %%
show(charts.top_keywords(keywords, top=20, source=report.meta), "top_keywords")

# %% [markdown]
# ## 关键词在各章节的分布
#
# 每一列是一个一级章节。颜色表示该词在这一章节中每万字出现的次数（已按各章节篇幅折算，长章节不会因篇幅长而显得更深），
# 格中数字是每万字次数和出现次数。没有出现这些词的章节和很短的章节（如开头的称呼）不列出。

# %%
show(charts.section_heatmap(shares, source=report.meta), "section_heatmap")

# %% [markdown]
# ## 今年目标与上年实绩
#
# 同一指标上，灰色是上一年的实绩，蓝色是今年的目标；区间目标画成一段，“左右”“以内”“以上”等限定词写在数值旁。
# 没有可比数值的目标（只用文字表述、或单位不同）列在图下方。

# %%
show(charts.headline_targets(targets, results=results, source=report.meta), "headline_targets")

# %% [markdown]
# ## 上年各项指标的增长率
#
# 回顾部分报告的上一年增长率，每个指标取第一次出现的数值。虚线以上是主要预期目标涉及的指标，其余按在报告中出现的先后排列；
# 年均、累计、五年等跨多年的数字不计入。下降画在左侧；个别特别长的条形截短并画斜线，标注的数字仍是实际值。

# %%
show(charts.growth_rates(metrics, targets=targets, source=report.meta), "growth_rates")

# %% [markdown]
# ## 词云
#
# 由关键词词频（而不是原始文本）生成，字越大出现越多；使用固定随机种子，每次生成的图相同。

# %%
show(charts.word_cloud(keywords, source=report.meta), "word_cloud")
