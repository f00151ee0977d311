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
# # 06 · 各地目标一览与历年目标追踪
#
# 每年三月，数据新闻编辑部要手工拼出两张表：一是“各省今年定了多少增长目标”——
# 各地主要预期目标并排，旁边是上一年的实绩；二是“十年来的目标与实绩”——同一地区历年的增长目标和实际增速、
# 每一年是否完成，以及报告用词的变化（高质量发展、新质生产力、人工智能……）。本页把这两件事一次做完。
#
# 每份报告只分词、抽取一次，再用一张**指标词表**把各报告里名称不同的同一指标对齐：生产总值、全省生产总值、
# 国内生产总值、经济增长都算作同一个指标。
#
# - 有**两个以上地区**的报告时，生成“各地并排”；
# - 有**同一地区连续年份**的报告时，生成“历年追踪”：第 N 年报告定下的目标，对照第 N+1 年报告交代的结果。
#   年份不连续的，不作判断，并说明原因。

# %% tags=["parameters"]
report_paths = [  # demo reports: the seed and invented fixtures (the note below says so)
    "../data/raw/zhejiang-2024.html",
    "../tests/fixtures/synthetic-zhejiang-2025.txt",
    "../tests/fixtures/other-site-2025.html",
    "../tests/fixtures/scraped-2026.txt",
    "../tests/fixtures/hostile-2024.txt",
]
processed_dir = None  # where the processed tables are kept and reused (None: a temporary folder)
tables_ready = False  # True: processed_dir already holds every report's tables (zjtext run's producer wrote them): only read them
out_dir = None  # where figures are saved, in out_dir/figures (None: show them only)
panel_key = "gdp"  # the indicator of the ranked chart (a key of the indicator vocabulary)
trend_terms = ["高质量发展", "新质生产力", "人工智能", "创新"]  # terms whose frequency is followed over years

# %%
import pandas as pd

from zjtext import charts, views
from zjtext.notebook import VERDICT_ZH, demo_note, save_and_show, setup, table
from zjtext.indicators import display_name
from zjtext.regions import report_key

setup()
reports, errors = views.processed_reports(report_paths, processed_dir, jobs=1, read_only=tables_ready)
for err in errors:
    print("未能处理：", err)
regions = sorted({r.region for r in reports})
pd.DataFrame(sorted([(r.region, r.year, r.report_id) for r in reports], key=lambda r: report_key(r[0], r[1])),
             columns=["地区", "年份", "报告"], index=range(1, len(reports) + 1))


# %%
demo_note(report_paths, """\
**关于本页的默认参数（演示用）**：仓库不收录语料，默认参数用的是测试夹具——浙江 2024 年报告原文，加上几份
**虚构的**小报告（“样例市”“示例省”“测试省”以及一份虚构的“浙江 2025”）。下面涉及这些虚构地区和浙江 2025 的数字都是编造的，
只演示方法，**不是**对任何地区的评价。要看真实结果：把多省或多年的报告放进 data/raw 文件夹，再运行 make report。""")

# %% [markdown]
# ## 一、各地主要目标并排
#
# 每份报告一行，每个指标两列：今年的目标（照原文，保留“左右”“以上”“以内”等限定词和区间）与报告交代的上一年实绩。
# 这里列出定了目标的报告最多的四个指标（一页放得下），按词表顺序排列；空格表示该报告没有给出这一项。
# 各地按全国、各省（区、市）行政区划代码的顺序排列，同一地区新的年份在前。每份报告 × 每个指标一行的完整长表
# 可以用命令行导出为 CSV，便于透视。

# %%
panel = views.panel(reports)
if len(regions) >= 2:
    wide = views.panel_wide(panel, top=4)  # the four indicators most reports target: 10 columns fit a page
    order = sorted(range(len(wide)), key=lambda i: report_key(wide["地区"].iloc[i], wide["年份"].iloc[i]))
    shown = wide.iloc[order].set_index(["地区", "年份"])
    shown.columns = pd.MultiIndex.from_tuples([tuple(c.rsplit(" ", 1)) for c in shown.columns])  # 指标 over 目标 | 上年实绩
    display(shown)
else:
    print("本次只有一个地区的报告，没有可并排的地区。")

# %% [markdown]
# 下图每年一张（新的年份在前，只画有两个以上地区定了目标的年份），按目标值从高到低排列这一年各地的目标
# （区间目标画成一段横条），空心圆是上一年的实绩；目标相同的地区按名称排序。不同年份的目标不放在一张图里比较。

# %%
targeted = panel[(panel["indicator_key"] == panel_key) & (panel["target"] != "")]
dot_years = sorted((int(y) for y, rows in targeted.groupby("year") if rows["region"].nunique() >= 2), reverse=True)
for year in dot_years:  # a chart ranks the regions of one year; a year with one region has nothing to rank
    fig = charts.panel_dots(panel[panel["year"] == year], panel_key, source=f"数据来源：各地{year}年政府工作报告",
                            title=f"{year}年各地{display_name(panel_key, panel_key)}目标与上年实绩".replace("各地地区", "各地"))
    display(save_and_show(fig, out_dir, f"panel_{panel_key}" if year == dot_years[0] else f"panel_{panel_key}_{year}"))
if not dot_years:
    print("没有哪一年有两个以上地区定了这一目标，各地对比图从略；历年的目标与实绩见下一节。")

# %% [markdown]
# ## 二、历年目标与实绩
#
# 第 N 年的报告为第 N 年定目标，第 N+1 年的报告交代第 N 年的结果，所以只有**相邻两年**的报告才能判断目标是否完成。
# 判定规则与 05 相同：“以内、不高于、控制在”是上限；“以上、不低于、超过”是下限；未加限定或“左右”的目标，物价、失业率、
# 能耗等越低越好的指标视为上限，其余视为下限；区间目标达到近端即算完成；“左右”在百分比目标上允许 0.2 个百分点（其他单位为目标值的 5%）；“下降”目标以降幅比较；
# “与经济增长同步”对照同年的经济增速；只用文字说“持平”的变化按 0% 计。找不到同一指标、同一口径的数字时记为“未报告”，并写明原因——宁缺毋错。

# %%
region = views.series_region(reports)
for note in views.series_notes([r for r in reports if r.region == region] if region else reports, lang="zh"):
    print("说明：", note)
series = views.series([r for r in reports if r.region == region]) if region else views.series([])
judged = series[series["result_report_id"] != ""]
waiting = sorted(set(series.loc[series["result_report_id"] == "", "year"]))
if waiting:
    print("尚无下一年报告、暂不判断的目标年份：", "、".join(str(y) for y in waiting))
shown = judged.assign(verdict=judged["verdict"].map(VERDICT_ZH).fillna(""))
table(shown[["year", "indicator", "target", "actual", "verdict", "reason"]].rename(columns={
    "year": "目标年份", "indicator": "指标", "target": "目标", "actual": "实绩（下一年报告）", "verdict": "判定",
    "reason": "说明"}), None, empty="还没有可以对照下一年报告判断的目标。")

# %%
fig = charts.series_lines(series, "gdp", source=f"数据来源：{region or ''}历年政府工作报告")
save_and_show(fig, out_dir, "series_gdp")

# %% [markdown]
# ## 三、用词的变化
#
# 指定提法每万字出现的次数，以及从最早到最新的报告中升得最多、降得最多的词，还有每个加引号的口号第一次出现的年份。
# 图和表用同一个定义（与 02 的关键词表相同）：“次数”是该词作为一个词在正文中出现的次数，“每万字”是正文每一万个汉字中的次数。

# %%
years = [r for r in reports if r.region == region] if region else reports
trends = views.keyword_trends(years, trend_terms)
fig = charts.keyword_trend_lines(trends, trend_terms, source=f"数据来源：{region or ''}历年政府工作报告")
save_and_show(fig, out_dir, "keyword_trends")

# %%
changes = views.term_changes(years, top=8)
movers = [*changes[changes["direction"] == "rose"]["term"].head(3), *changes[changes["direction"] == "fell"]["term"].head(3)]
fig = charts.keyword_trend_lines(views.keyword_trends(years, movers), movers, title="升降最多的词（每万字出现次数）",
                                 source=f"数据来源：{region or ''}历年政府工作报告")
save_and_show(fig, out_dir, "keyword_movers")

# %%
table(changes.assign(direction=changes["direction"].map({"rose": "升温", "fell": "降温"})).rename(columns={
    "term": "词", "first": "最早报告（每万字）", "last": "最新报告（每万字）", "change": "变化", "direction": "方向"}), None,
    empty="最早和最新的报告之间没有明显升降的词。" if len(years) > 1 else "只有一份报告，无从比较用词的升降。")

# %%
debuts = views.slogan_debuts(years)
table(debuts.head(15).rename(columns={"term": "口号", "first_year": "首次出现年份", "first_report": "报告",
                                     "reports": "出现于几份报告"}), None, empty="这些报告中没有用引号提出的口号。")
