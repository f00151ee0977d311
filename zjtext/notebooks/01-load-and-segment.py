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
# # 01 · 载入报告与分词
#
# 读入一份政府工作报告（网页 HTML 或纯文本，UTF-8 或 GBK/GB18030 均可），找出从“各位代表”到结束语的正文
# （网页上的导航、“打印本页”“相关报道”等都会去掉），保留章节结构，再分词——政策口号和提法保持完整。
# 本页的段落表和词表供后面几页使用。
#
# 在 JupyterLab 中打开时，开头的设置单元可以修改（网页上不显示）：换一份报告，只需改其中的报告文件路径。

# %% tags=["parameters"]
report_path = "../data/raw/zhejiang-2024.html"  # the report file (relative to the working directory)
processed_dir = None  # where this notebook saves its tables, and later notebooks read them (None: save nothing;
#                       later notebooks then compute what they need); `zjtext run` sets every path
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)

# %%
import pandas as pd

from zjtext import load_report
from zjtext.notebook import load_tables, save_tables, setup, table
from zjtext.site.labels import COLUMNS, KIND
from zjtext.segment import plain_cut, quoted_terms, segment_text
from zjtext.tables import outline

setup()
report = load_report(report_path)
# the tables `zjtext process` wrote into processed_dir (`zjtext run` writes them first); computed here without them
paras, toks, vocabulary = load_tables(report, processed_dir, "paragraphs", "tokens", "vocabulary")
m = report.meta
pd.DataFrame(  # what the page does not say is left blank
    [("标题", m.display_title), ("地区", m.region), ("年份", m.year), ("报告日期", m.date), ("报告人", m.speaker),
     ("会议", m.meeting), ("来源文件", m.source), ("格式 / 编码", f"{m.format} / {m.encoding}")],
    columns=["项目", "内容"], index=range(1, 9),
).fillna("")

# %% [markdown]
# ## 报告结构
#
# 政府工作报告的骨架是一级标题（一、二、三……）和二级标题（（一）（二）……）。下表列出每个一级、二级
# 章节包含的段落数和汉字数，可以看出报告把多少篇幅用于回顾过去、多少用于部署今年。

# %%
table(outline(report).rename(columns={"level": "级别", "section": "章节", "paragraphs": "段落数", "characters": "汉字数"}), None)

# %% [markdown]
# 每个段落都带有类型（标题、正文、列表项、名词解释）和完整的章节路径。
# 以下是段落类型的统计和开头几段：

# %%
kinds = paras["kind"].map(KIND).value_counts().rename_axis("类型").reset_index(name="段落数")
table(kinds, None)

# %%
preview = paras[["paragraph", "kind", "section", "text"]].assign(kind=paras["kind"].map(KIND),
                                                                text=paras["text"].str.slice(0, 20) + "…")
table(preview.rename(columns=COLUMNS), 8)

# %% [markdown]
# ## 分词：让政策口号保持完整
#
# 通用分词器会把政策口号切碎（例如把“专精特新”切成“专精 / 特新”）。本工具用三层办法避免：
# 一份人工整理的政策词表；**自动发现**——报告中每个引号“……”里的词都当作本报告的词，所以每年的新提法
# 不需要人工添加；数字连同单位（如 6.1%、100亿元）作为一个整体，不会混进关键词统计。
#
# 下表对比报告里的引号词在通用分词器（jieba）与本工具中的切分结果（只列出通用分词器会切碎的词）：

# %%
terms = quoted_terms(report)
rows = [(t, " / ".join(plain_cut(t)), " / ".join(segment_text(t, extra_words=[t]))) for t in terms]
split = pd.DataFrame(rows, columns=["引号词", "通用分词", "本工具分词"])
split = split[split["通用分词"] != split["本工具分词"]].reset_index(drop=True)
print(f"报告中的引号词：{len(terms)} 个；其中通用分词器会切碎的：{len(split)} 个")
table(split, 15)

# %%
summary = pd.DataFrame(
    [("词次（不含标点）", int((~toks.is_punct).sum())),
     ("不同的词", int(toks.loc[~toks.is_punct, "token"].nunique())),
     ("政策词表中的词次", int(toks.is_policy_term.sum())),
     ("引号词词次", int(toks.is_quoted_term.sum())),
     ("数字（带单位）词次", int(toks.is_number.sum()))],
    columns=["指标", "数量"], index=range(1, 6),
)
summary

# %% [markdown]
# ## 保存
#
# 段落表、词次表和词汇表保存在本报告文件夹的 data 子文件夹里（UTF-8 带 BOM，Excel 可直接打开）。词次表逐个列出
# 每一处词次（所在段落、句子、位置和词）；词汇表每个不同的词列一行：出现次数，以及它是否停用词、政策词、引号词、
# 政策动词、数字、标点——这些标记对同一个词处处相同，所以只记一次。

# %%
save_tables(processed_dir, {"paragraphs": paras, "tokens": toks, "vocabulary": vocabulary})
