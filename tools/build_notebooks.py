"""Write the notebooks in notebooks/ from the cell lists below (source of truth for their text).

Keeping the notebooks' source here makes them easy to review and diff; `make notebooks` rebuilds
them and executes each on the default report so the committed copies carry their outputs.

    .venv/bin/python tools/build_notebooks.py             # write the .ipynb files (no outputs)
    .venv/bin/python tools/build_notebooks.py --execute   # … and execute them in place (nbclient)
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

PARAMS_NOTE = "relative paths are relative to the project root"


def md(text: str):
    return new_markdown_cell(text.strip())


def code(text: str, tags: list[str] | None = None):
    cell = new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = tags
    return cell


def params(text: str):
    return code(text, ["parameters"])


NB01 = [
    md("""
# 01 · 载入报告与分词

**Load the report and segment it.** 本笔记本读入一份政府工作报告（网页 HTML 或纯文本，UTF-8 或
GBK/GB18030 均可），找出从“各位代表”到结束语的正文（网页上的导航、“打印本页”“相关报道”等都会去掉），
保留章节结构，再用 jieba 分词——政策口号和提法保持完整。结果写入 `data/processed/<报告编号>/`，
后面的笔记本从那里读取。

下一个单元是参数（papermill 可替换）：换一份报告只需改 `report_path`。"""),
    params(f"""
report_path = "data/raw/zhejiang-2024.html"  # the report file; {PARAMS_NOTE}
out_dir = None  # where pages and figures go (None: reports/report_id)"""),
    code("""
import pandas as pd

from zjtext import load_report
from zjtext.notebook import project_path, save_tables, setup, table
from zjtext.segment import plain_cut, quoted_terms, segment_text, tokens
from zjtext.tables import outline, paragraphs_table

setup()
report = load_report(project_path(report_path))
m = report.meta
pd.DataFrame(
    [("标题", m.display_title), ("地区", m.region), ("年份", m.year), ("报告日期", m.date), ("报告人", m.speaker),
     ("会议", m.meeting), ("来源文件", m.source), ("格式 / 编码", f"{m.format} / {m.encoding}")],
    columns=["项目", "内容"], index=range(1, 9),
)"""),
    md("""
## 报告结构

政府工作报告的骨架是一级标题（一、二、三……）和二级标题（（一）（二）……）。下表列出每个一级、二级
章节包含的段落数和汉字数，可以看出报告把多少篇幅用于回顾过去、多少用于部署今年。"""),
    code("""
table(outline(report).rename(columns={"level": "级别", "section": "章节", "paragraphs": "段落数", "characters": "汉字数"}), None)"""),
    md("""
每个段落都带有类型（标题 heading、正文 body、列表项 list_item、名词解释 note）和完整的章节路径。
以下是段落类型的统计和开头几段："""),
    code("""
paras = paragraphs_table(report)
kinds = paras["kind"].value_counts().rename_axis("类型").reset_index(name="段落数")
table(kinds, None)"""),
    code("""
preview = paras[["paragraph", "kind", "section", "text"]].assign(text=paras["text"].str.slice(0, 20) + "…")
table(preview, 8)"""),
    md("""
## 分词：让政策口号保持完整

通用分词器会把政策口号切碎（例如把“专精特新”切成“专精 / 特新”）。zjtext 用三层办法避免：
一份人工整理的政策词表；**自动发现**——报告中每个引号“……”里的词都当作本报告的词，所以每年的新提法
不需要人工添加；数字连同单位（如 6.1%、100亿元）作为一个整体，不会混进关键词统计。

下表对比报告里的引号词在普通 jieba 与 zjtext 中的切分结果（只列出普通 jieba 会切碎的词）："""),
    code("""
terms = quoted_terms(report)
rows = [(t, " / ".join(plain_cut(t)), " / ".join(segment_text(t, extra_words=[t]))) for t in terms]
split = pd.DataFrame(rows, columns=["引号词", "普通 jieba", "zjtext"])
split = split[split["普通 jieba"] != split["zjtext"]].reset_index(drop=True)
print(f"报告中的引号词：{len(terms)} 个；其中普通 jieba 会切碎的：{len(split)} 个")
table(split, 15)"""),
    code("""
toks = tokens(report)
summary = pd.DataFrame(
    [("词次（不含标点）", int((~toks.is_punct).sum())),
     ("不同的词", int(toks.loc[~toks.is_punct, "token"].nunique())),
     ("政策词表中的词次", int(toks.is_policy_term.sum())),
     ("引号词词次", int(toks.is_quoted_term.sum())),
     ("数字（带单位）词次", int(toks.is_number.sum()))],
    columns=["指标", "数量"], index=range(1, 6),
)
summary"""),
    md("""
## 保存

段落表和词表写入 `data/processed/<报告编号>/`（UTF-8 带 BOM，Excel 可直接打开）。"""),
    code("""
save_tables(report.report_id, {"paragraphs": paras, "tokens": toks})"""),
]

NB02 = [
    md("""
# 02 · 关键词词频

**Keyword frequencies.** 读取 01 写出的词表，统计关键词：去掉虚词、数字、单字和“推进、加快、加强”
等通用政策动词（可以用参数保留），按每万字出现次数比较；再看关键词在各章节的分布、报告提出的口号、
关键词所在的上下文，以及经常相邻出现的词语搭配。"""),
    params(f"""
report_path = "data/raw/zhejiang-2024.html"  # {PARAMS_NOTE}
out_dir = None
top_n = 30  # how many keywords to show
include_policy_verbs = False  # keep generic policy verbs (推进, 加快 …) in the counts
kwic_term = None  # keyword to show in context; None = the report's most frequent slogan"""),
    code("""
import pandas as pd

from zjtext import load_report
from zjtext.keywords import collocations, keyword_table, kwic, section_shares, slogans
from zjtext.notebook import data_dir, project_path, save_tables, setup, table
from zjtext.process import read_tokens

setup()
report = load_report(project_path(report_path))
folder = data_dir(report.report_id)
toks = read_tokens(folder)  # tokens.csv, with each paragraph's section from paragraphs.csv
keywords = keyword_table(toks, include_policy_verbs=include_policy_verbs)
yes = {True: "是", False: ""}
print(f"{report.meta.display_title}：{len(keywords)} 个不同的关键词")"""),
    md("""
## 高频关键词

“每万字”是每一万个汉字中出现的次数，不同长度的报告之间可以比较；“政策词表”表示该词在 zjtext 的政策词表中，
“引号提法”表示报告曾用引号提出它。次数相同的词按字序排列，结果可复现。（保存的 `keywords.csv` 用英文列名：
rank、keyword、count、per_10k……）"""),
    code("""
view = keywords.head(top_n).assign(is_policy_term=lambda d: d.is_policy_term.map(yes),
                                   is_quoted_term=lambda d: d.is_quoted_term.map(yes))
view.rename(columns={"rank": "名次", "keyword": "关键词", "count": "次数", "per_10k": "每万字",
                     "is_policy_term": "政策词表", "is_quoted_term": "引号提法"}).set_index("名次")"""),
    md("""
## 关键词在各章节的分布

同一个词在“回顾”和“部署”两部分出现的比例，能看出它是成绩还是任务。表中数字是该词的全部出现中落在这一章节的比例；
标题之前的开场白记为“（开头）”，没有出现的章节不列出。"""),
    code("""
shares = section_shares(toks, top=12)
pivot = shares.pivot_table(index="term", columns="top_section", values="share", sort=False).round(3)
pivot = pivot.loc[:, pivot.sum() > 0]
pivot.columns = [c if c else "（开头）" for c in pivot.columns]
pivot.rename_axis(index="关键词", columns="章节")"""),
    md("""
## 口号与提法

报告中用引号提出的词语，按出现次数排序。“词表已收”为空的，是政策词表里没有、由本报告自动发现的提法。"""),
    code("""
slogan_table = slogans(toks)
table(slogan_table.assign(in_lexicon=slogan_table.in_lexicon.map(yes)), 25).rename(
    columns={"term": "提法", "count": "次数", "first_paragraph": "首次出现段落", "in_lexicon": "词表已收"})"""),
    md("""
## 关键词上下文（KWIC）

逐条列出关键词出现的位置和左右文，方便核对它在报告中的具体用法。"""),
    code("""
term = kwic_term or (slogan_table["term"].iloc[0] if len(slogan_table) else keywords["keyword"].iloc[0])
print("关键词：", term)
table(kwic(toks, term, width=18)[["paragraph", "left", "keyword", "right", "section"]], 15).rename(
    columns={"paragraph": "段落", "left": "左文", "keyword": "关键词", "right": "右文", "section": "章节"})"""),
    md("""
## 词语搭配

在同一句中紧挨着出现、且比偶然更频繁的词对，按对数似然比 G² 排序（G² 越大，越不可能是偶然相邻；
PMI 衡量两个词相互吸引的强度）。"""),
    code("""
table(collocations(toks, top=20)[["collocation", "count", "g2", "pmi"]], 20).rename(
    columns={"collocation": "搭配", "count": "次数", "g2": "G²", "pmi": "PMI"})"""),
    md("""
## 保存

关键词表、口号表和章节分布表写入 `data/processed/<报告编号>/`，供 04 画图和 05 对比使用。"""),
    code("""
save_tables(report.report_id, {"keywords": keywords, "slogans": slogan_table, "section_shares": shares})"""),
]

NB03 = [
    md("""
# 03 · 指标抽取

**Every figure as a checkable row.** 报告中每一个用阿拉伯数字写出的指标都被抽出来：它衡量什么（指标）、
数值与单位、量级（万、亿）、限定词（左右、以上、以内、超过）、是增长还是下降，以及最重要的——
它是**上一年已经取得的实绩**，还是**今年（或今后几年）的目标**。年份、日期、届次、年龄、期限和口号里的数字
（如“8+4”“415X”）不算指标。每一行都带着原句，可以逐条核对。"""),
    params(f"""
report_path = "data/raw/zhejiang-2024.html"  # {PARAMS_NOTE}
out_dir = None
indicator_term = "生产总值"  # show every figure whose indicator mentions this"""),
    code("""
import pandas as pd

from zjtext import load_report
from zjtext.metrics import extract_metrics, headline
from zjtext.notebook import (CATEGORY_ZH, PERIOD_ZH, by_reading_order, headline_view, metrics_view, project_path,
                             save_tables, setup)

setup()
report = load_report(project_path(report_path))
metrics = extract_metrics(report)
head = headline(report, metrics)
print(f"{report.meta.display_title}：共抽出 {len(metrics)} 个指标数值")"""),
    md("""
## 主要指标表

报告最常被引用的两段：上一年主要经济指标的完成情况（实绩 actual），和今年的主要预期目标（目标 target）。
“原文数值”连同限定词和增减方向照录原文（如“5.5%左右”“下降3.3%”）；“数值”是换算后的数（亿、万已乘入，区间写作“下限—上限”）。
只用文字表述的目标（如“与经济增长同步”）也列出，数值为空、原文保留。"""),
    code("""
headline_view(head)"""),
    md("""
## 实绩与目标、各类指标的数量

“百分点”（个百分点）与“百分比”严格区分；“实物量”指公里、亩、千瓦、吨等。"""),
    code("""
pd.crosstab(metrics["category"].map(CATEGORY_ZH), metrics["period"].map(PERIOD_ZH), margins=True,
            margins_name="合计").rename_axis(index="类别", columns="时期")"""),
    md("""
## 今年的目标（前 25 个）

报告部署的量化目标（主要预期目标、重点工作中的任务、民生实事等），按出现顺序列出前 25 个；上面“实绩与目标”表的“目标”一列是全部目标的个数，全部目标在保存的 `metrics.csv` 中（period 为 target 的行）。"""),
    code("""
targets_only = metrics[metrics["period"] == "target"]
metrics_view(targets_only, ("paragraph", "indicator", "surface", "qualifier", "change", "section")).head(25)"""),
    md("""
## 按章节统计

各一级章节中实绩与目标的数量。"""),
    code("""
top_section = metrics["section"].str.split(" > ").str[0].replace("", "（开头）")
counts = pd.crosstab(top_section, metrics["period"].map(PERIOD_ZH))
counts.loc[by_reading_order(counts.index, top_section)].rename_axis(index="章节", columns="时期")"""),
    md("""
## 某一指标的全部数值

查看报告中提到某个指标的所有数值（参数 `indicator_term`），连同原句。"""),
    code("""
mentions = metrics[metrics["indicator"].str.contains(indicator_term, regex=False, na=False)]
print(f"指标中包含“{indicator_term}”的数值：{len(mentions)} 个")
metrics_view(mentions, ("paragraph", "indicator", "surface", "change", "period", "sentence"))"""),
    md("""
## 保存

完整指标表 `metrics.csv` 和主要指标表 `targets.csv` 写入 `data/processed/<报告编号>/`。"""),
    code("""
save_tables(report.report_id, {"metrics": metrics, "targets": head})"""),
]

NB04 = [
    md("""
# 04 · 图表

**Charts.** 用 01–03 写出的数据表作图。所有图都用随 `mplfonts` 包安装的思源黑体（Noto Sans CJK SC），
在任何机器上都能正确显示中文；每张图同时保存为 PNG 和 SVG，文件名固定，保存位置列在本页末尾。"""),
    params(f"""
report_path = "data/raw/zhejiang-2024.html"  # {PARAMS_NOTE}
out_dir = None  # figures go to out_dir/figures (None: reports/report_id/figures)"""),
    code("""
from zjtext import load_report
from zjtext import charts
from zjtext.notebook import data_dir, output_dir, project_path, setup, shown
from zjtext.store import read_csv

setup()
report = load_report(project_path(report_path))
folder = data_dir(report.report_id)
figures = output_dir(out_dir, report.report_id) / "figures"
keywords, shares = read_csv(folder / "keywords.csv"), read_csv(folder / "section_shares.csv")
targets, metrics = read_csv(folder / "targets.csv"), read_csv(folder / "metrics.csv")
saved = []


def show(fig, name):
    saved.extend(charts.save_figure(fig, figures, name))
    return fig"""),
    md("""
## 高频关键词

条形越长，该词在报告中出现越多；条末数字是出现次数。已去掉虚词、数字和通用政策动词。"""),
    code("""
show(charts.top_keywords(keywords, top=20, source=report.meta), "top_keywords")"""),
    md("""
## 关键词在各章节的分布

每一列是一个一级章节。颜色表示该词在这一章节中每万字出现的次数（已按各章节篇幅折算，长章节不会因篇幅长而显得更深），
格中数字是每万字次数和出现次数。没有出现这些词的章节和很短的章节（如开头的称呼）不列出。"""),
    code("""
show(charts.section_heatmap(shares, source=report.meta), "section_heatmap")"""),
    md("""
## 今年目标与上年实绩

同一指标上，灰色是上一年的实绩，蓝色是今年的目标；区间目标画成一段，“左右”“以内”“以上”等限定词写在数值旁。
没有可比数值的目标（只用文字表述、或单位不同）列在图下方。"""),
    code("""
show(charts.headline_targets(targets, source=report.meta), "headline_targets")"""),
    md("""
## 上年各项指标的增长率

回顾部分报告的上一年增长率，每个指标取第一次出现的数值。虚线以上是主要预期目标涉及的指标，其余按在报告中出现的先后排列；
年均、累计、五年等跨多年的数字不计入。下降画在左侧；个别特别长的条形截短并画斜线，标注的数字仍是实际值。"""),
    code("""
show(charts.growth_rates(metrics, targets=targets, source=report.meta), "growth_rates")"""),
    md("""
## 词云

由关键词词频（而不是原始文本）生成，字越大出现越多；使用固定随机种子，每次生成的图相同。"""),
    code("""
show(charts.word_cloud(keywords, source=report.meta), "word_cloud")"""),
    code("""
print("已保存：")
for path in saved:
    print(" ", shown(path))"""),
]

NB05 = [
    md("""
# 05 · 年度对比

**Year over year.** 第 N 年的报告为第 N 年定下目标，第 N+1 年的报告交代第 N 年的结果。本笔记本把两份（或更多）
报告按年份排好，回答分析者最关心的问题：哪些词语升温、哪些淡出，哪些口号是新提出的，以及——
**上一年的目标完成了没有**。

只有**同一地区、不同年份**的报告才会被放在一起比较。`zjtext run` 会自动为每个地区的多年报告运行本笔记本；
直接打开时，默认参数对比 2024 年浙江报告与一份**合成的**“2025 年”测试报告（`tests/fixtures/synthetic-zhejiang-2025.txt`，
数字均为虚构，仅用于演示和测试）——把 `report_paths` 换成真实的下一年报告即可。"""),
    params(f"""
report_paths = ["data/raw/zhejiang-2024.html", "tests/fixtures/synthetic-zhejiang-2025.txt"]  # {PARAMS_NOTE}
out_dir = None  # figures go to out_dir/figures (None: reports/compare/figures)"""),
    code("""
import pandas as pd

from zjtext import charts, load_report
from zjtext.compare import (check_pair, headline_side_by_side, keyness_between, label, order_reports,
                            slogan_changes, track_targets)
from zjtext.notebook import DIRECTION_ZH, STATUS_ZH, VERDICT_ZH, PERIOD_ZH, number, output_dir, project_path, setup, table

setup()
reports = order_reports([load_report(project_path(p)) for p in report_paths])
old, new = reports[-2], reports[-1]
check_pair(old, new)  # same region, later year: otherwise there is nothing to track
figures = output_dir(out_dir, "compare") / "figures"
names = {r.report_id: label(r) for r in reports}
pd.DataFrame([(r.report_id, r.meta.year, r.meta.region, r.meta.display_title) for r in reports],
             columns=["报告", "年份", "地区", "标题"], index=range(1, len(reports) + 1))"""),
    md("""
## 目标完成情况

上一年报告的每一个主要预期目标，对照下一年报告给出的同一指标的实绩（指标名称允许小的差异，如
“生产总值 / 全省生产总值 / 地区生产总值”）。判定规则：“以内、不高于”是上限；“以上、不低于、超过”是下限；
未加限定或“左右”的目标，物价、失业率、能耗、排放等越低越好的指标视为上限，其余视为下限；区间目标达到近端即算达成；
“左右”允许目标值 5% 的误差（5.5% 左右的目标，实绩 5.4% 记为“基本达成（左右）”），并单独标出。"""),
    code("""
tracked = track_targets(old, new)
view = tracked.assign(verdict=tracked["verdict"].map(VERDICT_ZH))[["indicator", "target", "actual_indicator", "actual", "verdict"]]
table(view, None).rename(columns={"indicator": "指标", "target": f"{names[old.report_id]}目标",
                                  "actual_indicator": "对照指标", "actual": "实绩", "verdict": "判定"})"""),
    code("""
fig = charts.target_tracking(tracked, source=f"{names[old.report_id]}报告的目标，{names[new.report_id]}报告的实绩")
charts.save_figure(fig, figures, "target_tracking")
fig"""),
    md("""
## 升温与降温的词

对数似然比 G² 衡量两份报告之间词频差异的显著性，log ratio（以 2 为底）衡量差异大小：+1 表示新报告中相对频率翻倍。"""),
    code("""
key = keyness_between(old, new)
significant = key[key["p_value"] < 0.05].assign(direction=lambda d: d["direction"].map(DIRECTION_ZH))
table(significant[["term", "count_a", "count_b", "g2", "log_ratio", "direction"]], 25).rename(columns={
    "term": "词", "count_a": names[old.report_id], "count_b": names[new.report_id], "g2": "G²",
    "log_ratio": "log ratio", "direction": "变化"})"""),
    code("""
fig = charts.keyness_bars(key, label_a=names[old.report_id], label_b=names[new.report_id],
                          source=f"{names[old.report_id]}与{names[new.report_id]}报告对比")
charts.save_figure(fig, figures, "keyness")
fig"""),
    md("""
## 口号的新提出、延续与不再提及"""),
    code("""
slogan_table = slogan_changes(old, new)
counts = slogan_table.groupby("status").size().reindex(["new", "kept", "dropped"]).fillna(0).astype(int)
counts.rename(index=STATUS_ZH).rename_axis("提法").to_frame("个数")"""),
    code("""
fig = charts.slogan_changes_chart(slogan_table, label_a=names[old.report_id], label_b=names[new.report_id],
                                  source=f"{names[old.report_id]}与{names[new.report_id]}报告对比")
charts.save_figure(fig, figures, "slogans")
fig"""),
    md("""
## 主要指标并排

各报告的主要指标表，按年份排列。"""),
    code("""
side = headline_side_by_side(reports)
side = side.assign(report=side["report_id"].map(names), period=side["period"].map(PERIOD_ZH),
                   value=side["value"].map(number))
table(side[["report", "indicator", "period", "surface", "value", "base_unit"]], None).rename(columns={
    "report": "报告", "indicator": "指标", "period": "时期", "surface": "原文数值", "value": "数值", "base_unit": "单位"})"""),
]


def build() -> list[Path]:
    written = []
    for name, cells in (
        ("01-load-and-segment", NB01), ("02-keyword-frequency", NB02), ("03-metric-extraction", NB03),
        ("04-charts", NB04), ("05-compare-reports", NB05),
    ):
        # the parameters cell comes first (papermill's convention), the title right after it
        params_cell = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
        cells = [params_cell] + [c for c in cells if c is not params_cell]
        nb = new_notebook(cells=cells)
        for i, cell in enumerate(nb.cells):  # stable ids keep rebuilds diff-free
            cell.id = f"c{i:02d}"
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        path = NOTEBOOKS / f"{name}.ipynb"
        nbformat.write(nb, path)
        written.append(path)
    return written


def execute(path: Path) -> None:
    """Run a notebook in place with its default parameters, working directory the project root."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,  # no timestamps in the files
                   resources={"metadata": {"path": str(NOTEBOOKS.parent)}}).execute()
    nbformat.write(nb, path)


if __name__ == "__main__":
    import sys

    for p in build():
        if "--execute" in sys.argv:
            execute(p)
        print(p.name)
