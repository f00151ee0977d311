"""Local visual check of the charts: render every figure to PNG/SVG under a folder and look at them.

    .venv/bin/python bench/charts_check.py [out_dir] [--seed] [--corpus]

Without --seed: small made-up tables in the style of a report (ranges, hedges, words, decreases).
With --seed: also the seed report through zjtext.keywords / zjtext.metrics, if those modules exist;
with --corpus: the first four reports of /work/shared/corpus/2026 (read at run time only).
Not part of the test suite.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from zjtext import charts

SOURCE = {"region": "某省", "year": 2025}


def made_up_frames() -> dict[str, pd.DataFrame]:
    words = ["高质量发展", "创新", "改革", "数字经济", "共同富裕", "营商环境", "民营经济", "项目", "开放",
             "新质生产力", "乡村振兴", "人才", "制造业", "消费", "城市更新", "生态", "安全", "教育", "医疗", "文化",
             "科技", "就业", "投资", "海洋"]
    counts = [88, 74, 61, 55, 49, 43, 40, 37, 33, 30, 28, 26, 25, 22, 20, 19, 17, 15, 14, 12, 11, 10, 9, 8]
    kw = pd.DataFrame({"rank": range(1, len(words) + 1), "keyword": words, "count": counts,
                       "per_10k": [c / 3.1 for c in counts]})
    sections = ["一、过去一年工作回顾", "二、今年目标任务和重点工作", "三、加强政府自身建设"]
    shares = pd.DataFrame([(t, s, c, c / tot) for t, cs in
                           {"创新": (30, 40, 4), "改革": (20, 35, 6), "共同富裕": (15, 30, 4),
                            "营商环境": (10, 25, 8), "数字经济": (25, 28, 2), "安全": (3, 9, 5)}.items()
                           for tot in [sum(cs)] for s, c in zip(sections, cs)],
                          columns=["term", "top_section", "count", "share"])
    T = "target"
    tg = pd.DataFrame([
        ("全省生产总值", "actual", 6.1, None, "%", "none", "6.1%", "全省生产总值增长6.1%"),
        ("生产总值", T, 5.0, 5.5, "%", "none", "5%—5.5%", "生产总值增长5%—5.5%"),
        ("居民消费价格", "actual", -0.2, None, "%", "none", "0.2%", "居民消费价格下降0.2%"),
        ("居民消费价格", T, 2.0, None, "%", "approx", "2%左右", "居民消费价格涨幅2%左右"),
        ("城镇调查失业率", "actual", 4.7, None, "%", "none", "4.7%", "城镇调查失业率4.7%"),
        ("城镇调查失业率", T, 5.0, None, "%", "at_most", "5%以内", "城镇调查失业率控制在5%以内"),
        ("研发经费支出占比", T, 3.3, None, "%", "at_least", "3.3%", "研发经费支出占比达到3.3%以上"),
        ("数字经济核心产业增加值占比", T, 0.5, None, "个百分点", "more_than", "0.5个百分点", "提高0.5个百分点"),
        ("城镇新增就业", T, 1000000, None, "人", "at_least", "100万人", "城镇新增就业100万人以上"),
        ("居民收入", T, None, None, "", "none", "", "居民收入增长与经济增长同步"),
    ], columns=["indicator", "period", "value", "value_max", "base_unit", "qualifier", "surface", "sentence"])
    rows = [("生产总值", 6.1, "increase", "none"), ("规上工业增加值", 7.2, "increase", "none"),
            ("社会消费品零售总额", 5.4, "increase", "none"), ("出口", 3.1, "decrease", "none"),
            ("一般公共预算收入", 4.0, "increase", "approx"), ("农村居民人均可支配收入", 6.9, "increase", "none"),
            ("生产总值", 9.9, "increase", "none"), ("单位生产总值能耗", 3.0, "decrease", "more_than")]
    metrics = pd.DataFrame([{
        "report_id": "x-2025", "paragraph": 3, "section": "一、过去一年工作回顾", "sentence": "…",
        "indicator": ind, "surface": f"{v}%", "number": v, "unit": "%", "multiplier": 1, "base_unit": "%",
        "value": v, "value_max": None, "category": "percent", "qualifier": q, "change": ch, "period": "actual",
    } for ind, v, ch, q in rows])
    return {"keywords": kw, "shares": shares, "targets": tg, "metrics": metrics}


def seed_frames() -> dict[str, pd.DataFrame]:
    """The seed report through the keyword and metric modules (whatever of them exists yet)."""
    import zjtext
    from zjtext.segment import tokens

    r = zjtext.load_report(zjtext.DEFAULT_REPORT)
    toks = tokens(r)
    frames = {"tokens": toks}
    try:
        from zjtext.keywords import keyword_table, section_shares

        frames["keywords"] = keyword_table(toks)
        frames["section_shares"] = section_shares(toks, ["创新", "改革", "开放", "共同富裕", "数字经济",
                                                         "营商环境", "民营经济", "项目", "安全"])
    except ImportError as exc:
        print("keywords:", exc)
    try:
        from zjtext.metrics import extract_metrics, headline

        frames["metrics"], frames["targets"] = extract_metrics(r), headline(r)
    except ImportError as exc:
        print("metrics:", exc)
    return frames


def corpus_frames() -> list[tuple[str, dict, dict]]:
    """The 2026 corpus (read at run time, never committed)."""
    import zjtext

    folder = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "2026"
    jobs = []
    for path in sorted(folder.glob("*.txt"))[:4]:
        try:
            from zjtext.tables import report_tables

            r = zjtext.load_report(path)
            jobs.append((r.report_id, report_tables(r), {"region": r.meta.region, "year": r.meta.year}))
        except Exception as exc:  # modules in progress
            print(path.name, type(exc).__name__, exc)
    return jobs


def main(argv: list[str]) -> None:
    out = Path(next((a for a in argv if not a.startswith("-")), "/tmp/zjtext-charts"))
    jobs = [("made-up", made_up_frames(), SOURCE)]
    if "--seed" in argv:
        jobs.append(("seed", seed_frames(), {"region": "浙江省", "year": 2024}))
    if "--corpus" in argv:
        jobs += corpus_frames()
    for label, frames, source in jobs:
        t = time.perf_counter()
        figs = charts.draw_all(frames, out / label, source)
        print(f"{label}: {len(figs)} figures in {time.perf_counter() - t:.2f}s -> {out / label}")
    empty = charts.headline_targets(pd.DataFrame(), source=SOURCE)
    charts.save_figure(empty, out / "made-up", "headline_targets_empty")


if __name__ == "__main__":
    main(sys.argv[1:])
