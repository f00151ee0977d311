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
# # 02 · 关键词词频
#
# 读取 01 页的词表，统计关键词：去掉虚词、数字、单字和“推进、加快、加强”
# 等通用政策动词（在 JupyterLab 中可以改设置保留它们），按每万字出现次数比较；再看关键词在各章节的分布、报告提出的口号、
# 关键词所在的上下文，以及经常相邻出现的词语搭配。

# %% tags=["parameters"]
report_path = "../data/raw/zhejiang-2024.html"  # the report file (relative to the working directory)
processed_dir = None  # where this notebook saves its tables, and later notebooks read them (None: save nothing)
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)
top_n = 30  # how many keywords to show
include_policy_verbs = False  # keep generic policy verbs (推进, 加快 …) in the counts
kwic_term = None  # keyword to show in context; None = the report's most frequent slogan

# %%
import pandas as pd

from zjtext import load_report
from zjtext.keywords import collocations, keyword_table, kwic, section_shares, slogans
from zjtext.notebook import load_tables, save_tables, setup, table
from zjtext.report import OPENING_SECTION

setup()
report = load_report(report_path)
(toks,) = load_tables(report, processed_dir, "tokens")  # saved by 01 (computed here if 01 has not run)
keywords = keyword_table(toks, include_policy_verbs=include_policy_verbs)
yes = {True: "是", False: ""}
print(f"{report.meta.display_title}：{len(keywords)} 个不同的关键词")

# %% [markdown]
# ## 高频关键词
#
# “每万字”是每一万个汉字中出现的次数，不同长度的报告之间可以比较；“政策词表”表示该词在 zjtext 的政策词表中，
# “引号提法”表示报告曾用引号提出它。次数相同的词按字序排列，结果可复现。

# %%
view = keywords.head(top_n).assign(is_policy_term=lambda d: d.is_policy_term.map(yes),
                                   is_quoted_term=lambda d: d.is_quoted_term.map(yes))
view.rename(columns={"rank": "名次", "keyword": "关键词", "count": "次数", "per_10k": "每万字",
                     "is_policy_term": "政策词表", "is_quoted_term": "引号提法"}).set_index("名次")

# %% [markdown]
# ## 关键词在各章节的分布
#
# 同一个词在“回顾”和“部署”两部分出现的比例，能看出它是成绩还是任务。表中数字是该词的全部出现中落在这一章节的比例；
# 标题之前的开场白记为“（开头）”，没有出现的章节不列出；章节多于九个时，占比最小的几个章节合并为“其他章节”。

# %%
shares = section_shares(toks, top=12)
pivot = shares.pivot_table(index="term", columns="top_section", values="share", sort=False).round(3)
pivot = pivot.loc[:, pivot.sum() > 0]
pivot.columns = [c if c else OPENING_SECTION for c in pivot.columns]
if pivot.shape[1] > 9:  # ten columns fit a page: the sections with the smallest shares are summed
    big = pivot.sum().nlargest(8).index
    pivot = pivot[[c for c in pivot.columns if c in big]].assign(其他章节=pivot.drop(columns=big).sum(axis=1).round(3))
pivot.rename_axis(index="关键词", columns="章节")

# %% [markdown]
# ## 口号与提法
#
# 报告中用引号提出的词语，按出现次数排序。“词表已收”为空的，是政策词表里没有、由本报告自动发现的提法。

# %%
slogan_table = slogans(toks)
table(slogan_table.assign(in_lexicon=slogan_table.in_lexicon.map(yes)).rename(
    columns={"term": "提法", "count": "次数", "first_paragraph": "首次出现段落", "in_lexicon": "词表已收"}), 25,
    empty="这份报告没有用引号提出的词语。")

# %% [markdown]
# ## 关键词上下文（KWIC）
#
# 逐条列出关键词出现的位置和左右文，方便核对它在报告中的具体用法。

# %%
term = kwic_term or (slogan_table["term"].iloc[0] if len(slogan_table) else keywords["keyword"].iloc[0])
print("关键词：", term)
table(kwic(toks, term, width=18)[["paragraph", "left", "keyword", "right", "section"]].rename(
    columns={"paragraph": "段落", "left": "左文", "keyword": "关键词", "right": "右文", "section": "章节"}), 15,
    empty=f"“{term}”没有在报告中作为一个词出现。")

# %% [markdown]
# ## 词语搭配
#
# 在同一句中紧挨着出现、且比偶然更频繁的词对，按“显著性”排序：数值越大，越不可能是偶然相邻
# （统计上用的是对数似然比）；“吸引度”衡量两个词相互吸引的强度（点互信息）。

# %%
table(collocations(toks, top=20)[["collocation", "count", "g2", "pmi"]].rename(
    columns={"collocation": "搭配", "count": "次数", "g2": "显著性", "pmi": "吸引度"}), 20,
    empty="这份报告里没有反复出现的词语搭配。")

# %% [markdown]
# ## 保存
#
# 关键词表、口号表和章节分布表保存在 data 子文件夹里，供 04 页画图使用。

# %%
save_tables(processed_dir, {"keywords": keywords, "slogans": slogan_table, "section_shares": shares})
