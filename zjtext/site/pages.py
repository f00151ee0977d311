"""The HTML pages zjtext writes itself: a report's front page and a run's index.

>>> PAGE_TITLES["04-charts"]
'图表'
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Sequence

from ..paths import processed_dir

PAGE_TITLES = {
    "01-load-and-segment": "载入与分词",
    "02-keyword-frequency": "关键词词频",
    "03-metric-extraction": "指标抽取",
    "04-charts": "图表",
    "05-compare-reports": "年度对比",
}


def _nav(pages: Sequence[tuple[str, str]], current: str) -> str:
    links = ['<a href="index.html">目录</a>']
    for href, label in pages:
        text = html.escape(label)
        links.append(f"<strong>{text}</strong>" if href == current else f'<a href="{html.escape(href)}">{text}</a>')
    return " ".join(links)


def index_page(report, pages: Sequence[tuple[str, str]], tables_dir: Path | None = None) -> str:
    """The report's front page: metadata, links to every page, and the headline table (from
    ``tables_dir/targets.csv``, default ``data/processed/<report_id>/``)."""
    import pandas as pd

    from ..store import read_csv

    m = report.meta
    targets = Path(tables_dir or processed_dir(report.report_id)) / "targets.csv"
    table = "<p>（未生成主要指标表）</p>"
    if targets.exists():
        df = read_csv(targets)
        df = pd.DataFrame({
            "指标": df["indicator"],
            "时期": df["period"].map({"target": "今年目标", "actual": "上年实绩"}).fillna(df["period"]),
            "原文数值": [_quoted_figure(r) for r in df.to_dict("records")],
            "原文": [_clause(report, r) for r in df.to_dict("records")],
        })
        table = df.to_html(index=False, escape=True, border=0, classes="headline", na_rep="") if len(df) else "<p>本报告未列出主要预期目标。</p>"
    facts = [("标题", m.title), ("地区", m.region), ("年份", m.year), ("报告日期", m.date), ("报告人", m.speaker),
             ("会议", m.meeting), ("来源文件", m.source)]
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v or ''))}</td></tr>" for k, v in facts)
    links = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in pages)
    title = html.escape(f"{report.meta.display_title} · 目录")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="zjtext">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; font-size: 14px; }}
table.headline td:last-child {{ color: #555; font-size: 13px; max-width: 460px; }}
table.headline td:nth-child(2) {{ white-space: nowrap; }}
</style>
</head>
<body>
<h1>{title}</h1>
<table class="meta">{rows}</table>
<h2>页面</h2>
<ul>{links}</ul>
<h2>主要指标：今年目标与上年实绩</h2>
{table}
<p style="color:#777;font-size:12px">由 zjtext 生成。数值均取自报告原文，“原文数值”一栏可与报告逐字核对。</p>
</body>
</html>
"""
    return page


def _quoted_figure(row: dict) -> str:
    """A headline figure as a reader quotes it: hedge and direction included (下降3.3%, 5.5%左右)."""
    from ..compare import hedged

    text = hedged(row.get("surface", ""), row.get("qualifier_text", ""))
    return f"下降{text}" if row.get("change") == "decrease" and "下降" not in text else text


def _clause(report, row: dict) -> str:
    """The clause (between ，；：。) of the report that holds a headline figure, found by its
    paragraph and character offset; the whole sentence when the offset is unknown."""
    import re

    sentence = str(row.get("sentence", ""))
    try:
        text = report.paragraphs[int(row["paragraph"]) - 1].text
        start = int(row["start"])
    except (KeyError, ValueError, TypeError, IndexError):
        return sentence
    left = max((m.end() for m in re.finditer(r"[，；：。！？]", text[:start])), default=0)
    right = re.search(r"[，；：。！？]", text[start:])
    return text[left: start + right.start() if right else len(text)].strip()


def overview_page(results: Sequence[RunResult], out: Path) -> str:
    """``DIR/index.html``: every report of the run (or its error) and every comparison."""
    items = []
    for r in results:
        if r.error:
            items.append(f"<li>{html.escape(r.report_id or Path(r.source).name)}：<em>未完成</em>（{html.escape(r.error)}）</li>")
        elif r.pages:
            href = r.pages[0].relative_to(out).as_posix()
            name = "年度对比：" + html.escape(r.source) if r.report_id == "compare" else html.escape(r.report_id)
            items.append(f'<li><a href="{html.escape(href)}">{name}</a></li>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>zjtext 报告目录</title>
<style>body {{ font-family: sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em; }} li {{ margin: .4em 0; }}</style>
</head>
<body>
<h1>报告目录</h1>
<ul>{"".join(items)}</ul>
</body>
</html>
"""
