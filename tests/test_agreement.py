"""Every view shows the same figure for the same fact: the front page, `zjtext targets`, `zjtext panel`,
notebook 03's indicator table, the charts, `zjtext series` and `zjtext compare` — on made-up reports
(two years of an invented province and one year of another; every name and figure is invented)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from lxml import html as lxml_html

from zjtext.cli import main
from zjtext.match import written

HUDONG_2030 = """2030年湖东省政府工作报告
——2030年1月20日在湖东省第十五届人民代表大会第三次会议上
各位代表：
一、2029年工作回顾
过去一年，全省地区生产总值增长5.1%，城镇新增就业58万人，居民消费价格上涨1.2%。
二、2030年主要目标
今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业60万人以上；城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；研发经费投入强度达到2.6%；居民人均可支配收入增长与经济增长同步。
各位代表，让我们携手奋进！
"""
# the 2030 result for 研发经费投入强度 sits outside the review's headline sentence (a front page that
# joined only the headline table left it empty while the panel showed it)
HUDONG_2031 = """2031年湖东省政府工作报告
——2031年1月18日在湖东省第十五届人民代表大会第四次会议上
各位代表：
一、2030年工作回顾
过去一年，全省地区生产总值增长5.3%，城镇新增就业63万人，城镇调查失业率为5.2%，居民消费价格上涨0.6%，居民人均可支配收入增长5.6%。
创新动能持续增强，研发经费投入强度达到2.7%，新认定高新技术企业1200家，“湖光智造”工程加快推进。
二、2031年主要目标
今年全省经济社会发展的主要预期目标是：地区生产总值增长5%以上；城镇新增就业62万人以上；城镇调查失业率控制在5.5%以内；居民消费价格涨幅2%左右；研发经费投入强度达到2.8%。
推进“湖光智造”工程，加快创新驱动发展。
各位代表，让我们携手奋进！
"""
HEXI_2031 = """2031年河西省政府工作报告
——2031年1月22日在河西省第十四届人民代表大会第五次会议上
各位代表：
一、2030年工作回顾
过去一年，全省地区生产总值增长4.6%，城镇新增就业41万人，居民消费价格上涨0.3%。
二、2031年主要目标
今年全省经济社会发展的主要预期目标是：地区生产总值增长4.5%左右；城镇新增就业40万人以上；居民消费价格涨幅2%左右。
各位代表，让我们携手奋进！
"""
TEXTS = {"hudong-2030": HUDONG_2030, "hudong-2031": HUDONG_2031, "hexi-2031": HEXI_2031}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The three reports and their processed tables (the one producer)."""
    from zjtext.process import process

    root = tmp_path_factory.mktemp("agree")
    raw = root / "raw"
    raw.mkdir()
    for rid, text in TEXTS.items():
        (raw / f"{rid}.txt").write_text(text, encoding="utf-8")
    assert all(r.status == "processed" for r in process([raw], out=root / "p", jobs=1, progress=False))
    return raw, root / "p"


def _cli(capsys, *args) -> pd.DataFrame:
    import io

    assert main(list(args)) == 0
    out = capsys.readouterr().out
    return pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""])


def _front(processed: Path, rid: str) -> dict[str, dict]:
    from zjtext.site.pages import FrontTables, front_rows

    return {r["key"]: r for r in front_rows(FrontTables.read(processed / rid))}


def _text(x) -> str:
    return "" if x is None or x != x else str(x)


def test_the_front_page_shows_the_panels_figures_and_verdicts(corpus, capsys):
    raw, processed = corpus
    panel = _cli(capsys, "panel", str(raw), "--processed", str(processed), "--format", "csv")
    assert len(panel) >= 10
    for rid, rows in panel.groupby("report_id"):
        front = _front(processed, rid)
        for r in rows.to_dict("records"):
            f = front[r["indicator_key"]]
            assert (f["target"], f["last_actual"], f["last_target"], f["verdict"]) == (
                _text(r["target"]), _text(r["actual"]), _text(r["last_target"]), _text(r["verdict"])), (rid, r)
    # the result outside the headline sentence is on both, with the verdict on last year's target beside it
    rd = panel[(panel.report_id == "hudong-2031") & (panel.indicator_key == "rd_intensity")].iloc[0]
    assert (rd["target"], rd["actual"], rd["last_target"], rd["verdict"]) == ("2.8%", "2.7%", "2.6%", "met")


def test_the_rendered_front_page_shows_those_rows(corpus):
    from zjtext.site.pages import FrontTables, index_page
    from zjtext.views import read_processed

    _, processed = corpus
    rep = {r.report_id: r for r in read_processed(processed)}
    meta = json.loads((processed / "hudong-2031" / "meta.json").read_text(encoding="utf-8"))
    page = index_page(_Meta(meta), [("01-a.html", "01 载入")], FrontTables.read(rep["hudong-2031"].folder),
                      _Meta(json.loads((processed / "hudong-2030" / "meta.json").read_text(encoding="utf-8"))))
    cells = [[c.text_content().strip() for c in tr.findall("td")]
             for tr in lxml_html.fromstring(page).xpath("//table[contains(@class, 'headline')]//tr")]
    by_name = {c[0]: c[1:] for c in cells if c}
    assert by_name["研发经费投入强度"] == ["2.6%", "2.7%", "达成", "2.8%"]
    assert by_name["城镇新增就业"] == ["60万人以上", "63万人", "达成", "62万人以上"]


class _Meta:
    """A report's metadata as meta.json keeps it, with the attributes the page reads."""

    def __init__(self, meta: dict):
        for name in ("report_id", "region", "year", "title", "date", "source"):
            setattr(self, name, meta.get(name))
        self.speaker = self.meeting = None


def test_zjtext_targets_gives_each_figure_the_front_page_shows(corpus, capsys):
    raw, processed = corpus
    results = pd.read_csv(processed / "hudong-2031" / "results.csv", encoding="utf-8-sig")
    head = _cli(capsys, "targets", str(raw / "hudong-2031.txt"), "--format", "csv")
    front = _front(processed, "hudong-2031")
    targets = head[head.period == "target"].to_dict("records")
    assert {r["indicator_key"]: written(r) for r in targets} == {k: f["target"] for k, f in front.items() if f["target"]}
    # every result shown is a figure `zjtext targets` lists, or one of the review's results beyond it
    listed = {written(r) for r in head[head.period == "actual"].to_dict("records")}
    beyond = {written(r) for r in results.to_dict("records")}
    for f in front.values():
        assert not f["last_actual"] or f["last_actual"] in listed | beyond, f
    # and every headline row without a target of its indicator is on the front page
    for r in head[head.period == "actual"].to_dict("records"):
        if r["indicator_key"] not in {t["indicator_key"] for t in targets}:
            assert front[r["indicator_key"]]["last_actual"] == written(r)


def test_notebook_03s_indicator_table_is_the_front_pages(corpus):
    from zjtext import load_report
    from zjtext.notebook import indicator_view, load_tables

    raw, processed = corpus
    report = load_report(raw / "hudong-2031.txt")
    head, results = load_tables(report, processed / "hudong-2031", "targets", "results")
    view = indicator_view(head, results)
    front = _front(processed, "hudong-2031")
    shown = [(r["indicator"], r["target"], r["last_actual"]) for r in front.values()]
    assert list(zip(view["指标"], view["今年目标"], view["上年实绩"])) == shown


def test_the_series_verdict_is_the_compare_verdict(corpus, capsys):
    raw, processed = corpus
    series = _cli(capsys, "series", str(raw), "--processed", str(processed), "--format", "csv")
    compare = _cli(capsys, "compare", str(raw / "hudong-2030.txt"), str(raw / "hudong-2031.txt"), "--format", "csv")
    judged = series[series.year == 2030]
    assert len(judged) >= 5 and set(judged.verdict) - {""}
    by_key = {(r["indicator_key"], _text(r["target"])): r for r in compare.to_dict("records")}
    for r in judged.to_dict("records"):
        c = by_key[(r["indicator_key"], _text(r["target"]))]
        assert (_text(r["verdict"]), _text(r["actual"]), _text(r["reason_code"])) == (
            _text(c["verdict"]), _text(c["actual"]), _text(c["reason_code"])), r


def test_the_targets_chart_draws_the_panels_results(corpus, capsys):
    from zjtext.pairs import target_pairs
    from zjtext.store import read_csv

    raw, processed = corpus
    panel = _cli(capsys, "panel", str(raw), "--processed", str(processed), "--format", "csv")
    mine = panel[panel.report_id == "hudong-2031"].set_index("indicator_key")
    pairs = target_pairs(read_csv(processed / "hudong-2031" / "targets.csv"),
                         read_csv(processed / "hudong-2031" / "results.csv"))
    drawn = pairs[pairs.result_value.notna()]
    assert "rd_intensity" in set(drawn.key)
    for r in drawn.to_dict("records"):
        sign = -1 if r["result_change"] == "decrease" else 1
        assert sign * r["result_value"] == pytest.approx(mine.loc[r["key"], "actual_value"]), r


def test_a_keyword_trend_chart_draws_its_table_and_the_keyword_tables(corpus):
    from zjtext import views
    from zjtext.charts import keyword_trend_lines

    _, processed = corpus
    reps = [r for r in views.read_processed(processed) if r.region == "湖东省"]
    terms = ["湖光智造", "创新"]
    trends = views.keyword_trends(reps, terms)
    fig = keyword_trend_lines(trends, terms)
    lines = {line.get_label(): list(line.get_ydata()) for line in fig.axes[0].get_lines()}
    for term in terms:
        assert lines[term] == trends[trends.term == term].sort_values("year")["per_10k"].tolist()
    for rep in reps:  # one definition of count and per_10k: the keyword table's
        keywords = rep.table("keywords").set_index("keyword")
        row = trends[(trends.report_id == rep.report_id) & (trends.term == "湖光智造")].iloc[0]
        expected = (int(keywords.loc["湖光智造", "count"]), float(keywords.loc["湖光智造", "per_10k"])) \
            if "湖光智造" in keywords.index else (0, 0.0)
        assert (row["count"], row["per_10k"]) == expected
    assert trends.loc[trends.report_id == "hudong-2031", "count"].iloc[0] == 2


def test_no_view_joins_targets_and_results_on_its_own():
    """One matcher: the rule for which result answers a target lives in zjtext/match/ only."""
    root = Path(__file__).resolve().parents[1] / "zjtext"
    pattern = re.compile(r"def (canonical_indicator|indicator_similarity|indicator_join_key|measure_of|_pick)\b|"
                         r"class _Results\b|def reason\(")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "match" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_pages_and_notebooks_only_read_the_producers_tables():
    """No page or notebook segments, extracts or tracks a report itself: they read what the producer
    wrote (``load_tables`` computes only a table that is not there, and says so)."""
    root = Path(__file__).resolve().parents[1] / "zjtext"
    forbidden = re.compile(r"\b(tokens|extract_metrics|headline|track_targets|report_results)\(")
    files = [*(root / "notebooks").glob("*.py"), *(root / "site").glob("*.py")]
    offenders = [f"{p.name}: {line.strip()}" for p in files for line in p.read_text(encoding="utf-8").splitlines()
                 if forbidden.search(line) and not line.lstrip().startswith(("def ", "#"))]
    assert offenders == []


def test_zjtext_run_segments_and_extracts_each_report_once(tmp_path, monkeypatch):
    """One producer: `zjtext run` cuts and reads each report once (its process pass); the front pages,
    the notebooks (01-06 run in kernels: none computes a table, each reads the producer's) and the
    comparison read those tables."""
    import nbformat

    import zjtext.metrics as metrics
    import zjtext.metrics.extract as extract
    import zjtext.segment as segment
    from zjtext.site import run as site_run

    calls: dict[str, list[str]] = {"segment": [], "extract": []}
    real_chunks, real_rows = segment.token_chunks, extract.metric_rows

    def chunks(report, *a, **k):
        calls["segment"].append(report.report_id)
        return real_chunks(report, *a, **k)

    def rows(report, *a, **k):
        calls["extract"].append(report.report_id)
        return real_rows(report, *a, **k)

    monkeypatch.setattr(segment, "token_chunks", chunks)
    monkeypatch.setattr(extract, "metric_rows", rows)
    monkeypatch.setattr(metrics, "metric_rows", rows)
    raw = tmp_path / "raw"
    raw.mkdir()
    for rid in ("hudong-2030", "hudong-2031"):
        (raw / f"{rid}.txt").write_text(TEXTS[rid], encoding="utf-8")
    out = tmp_path / "out"
    results = site_run.run([raw], out=out, progress=False)
    assert not [r.error for r in results if r.error]
    assert sorted(calls["segment"]) == sorted(calls["extract"]) == ["hudong-2030", "hudong-2031"]
    executed = sorted(out.glob("*/notebooks/*.ipynb")) + sorted(out.glob("*/*/notebooks/*.ipynb"))
    names = {p.stem for p in executed}
    assert {"01-load-and-segment", "03-metric-extraction", "05-compare-reports", "06-panel-and-series"} <= names
    for path in executed:
        text = json.dumps(nbformat.read(path, as_version=4), ensure_ascii=False)
        assert "尚不存在" not in text, path  # load_tables' note when it computes a table itself
    front = lxml_html.fromstring((out / "hudong-2031" / "index.html").read_text(encoding="utf-8"))
    assert "2.7%" in front.text_content() and (out / "hudong-2031" / "data" / "tracking.csv").is_file()


# ---------------------------------------------------------------- `targets` and `compare` read the tables

def _processed_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Hudong's two reports and their processed tables, in folders of this test's own."""
    from zjtext.process import process

    raw = tmp_path / "raw"
    raw.mkdir()
    for rid in ("hudong-2030", "hudong-2031"):
        (raw / f"{rid}.txt").write_text(TEXTS[rid], encoding="utf-8")
    assert all(r.status == "processed" for r in process([raw], out=tmp_path / "p", jobs=1, progress=False))
    return raw, tmp_path / "p"


def _count_calls(monkeypatch) -> dict[str, int]:
    """Count what would mean computing again: loading a report, cutting it, extracting its figures,
    judging targets (the matcher's track)."""
    import importlib

    import zjtext.cli as cli
    import zjtext.match as match
    import zjtext.metrics as metrics
    import zjtext.metrics.extract as extract
    import zjtext.process as process
    import zjtext.report as report
    import zjtext.segment as segment

    calls = dict.fromkeys(("load", "segment", "extract", "track"), 0)

    def counted(name, real):
        def wrapper(*a, **k):
            calls[name] += 1
            return real(*a, **k)
        return wrapper

    for module in (report, process, cli):  # each holds its own name for it
        monkeypatch.setattr(module, "load_report", counted("load", module.load_report))
    monkeypatch.setattr(segment, "token_chunks", counted("segment", segment.token_chunks))
    headline = importlib.import_module("zjtext.metrics.headline")  # the package's name `headline` is the function
    for module in (extract, metrics, headline):
        monkeypatch.setattr(module, "metric_rows", counted("extract", module.metric_rows))
    monkeypatch.setattr(match, "track", counted("track", match.track))
    monkeypatch.setattr(match, "track_rows", counted("track", match.track_rows))
    return calls


def _out(capsys, *args) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_targets_and_compare_read_the_tables_without_computing_again(tmp_path, monkeypatch, capsys):
    """With the producer's tables current, `zjtext targets` and every `zjtext compare --what` load,
    cut, extract and judge nothing: each reads its table."""
    raw, processed = _processed_pair(tmp_path)
    calls = _count_calls(monkeypatch)
    old, new = str(raw / "hudong-2030.txt"), str(raw / "hudong-2031.txt")
    for fmt in ("csv", "json", "table"):
        for what in ("targets", "keyness", "slogans", "headline"):
            _out(capsys, "compare", old, new, "--what", what, "--processed", str(processed), "--format", fmt)
    for fmt in ("csv", "json", "table"):
        for path in (old, new):
            _out(capsys, "targets", path, "--processed", str(processed), "--format", fmt)
    assert calls == {"load": 0, "segment": 0, "extract": 0, "track": 0}


def test_targets_and_compare_print_the_producers_tables(tmp_path, capsys):
    from pandas.testing import assert_frame_equal

    from zjtext.keywords import keyness
    from zjtext.match import TRACK_COLUMNS
    from zjtext.process import read_tokens
    from zjtext.store import read_csv

    raw, processed = _processed_pair(tmp_path)
    old, new = str(raw / "hudong-2030.txt"), str(raw / "hudong-2031.txt")
    p = ("--processed", str(processed), "--format", "csv")

    def table(name, rid):
        return read_csv(processed / rid / f"{name}.csv")

    def printed(*args):  # the CLI's CSV, read as the tables are read
        (tmp_path / "out.csv").write_text(_out(capsys, *args), encoding="utf-8")
        return read_csv(tmp_path / "out.csv")

    head = printed("targets", new, *p)
    assert_frame_equal(head, table("targets", "hudong-2031"), check_dtype=False)
    tracked = printed("compare", old, new, *p)
    assert len(tracked) >= 5 and set(tracked.verdict) - {""}
    assert_frame_equal(tracked, table("tracking", "hudong-2031")[TRACK_COLUMNS], check_dtype=False)
    stacked = printed("compare", old, new, "--what", "headline", *p)
    for rid, year in (("hudong-2030", 2030), ("hudong-2031", 2031)):
        mine = stacked[stacked.report_id == rid].drop(columns=["report_id", "year"]).reset_index(drop=True)
        assert set(stacked[stacked.report_id == rid].year) == {year}
        assert_frame_equal(mine, table("targets", rid), check_dtype=False)
    slogans = printed("compare", old, new, "--what", "slogans", *p).set_index("term")
    for rid in ("hudong-2030", "hudong-2031"):
        counts = table("slogans", rid).set_index("term")["count"]
        assert slogans[f"count_{rid}"].to_dict() == {t: int(counts.get(t, 0)) for t in slogans.index}
    words = printed("compare", old, new, "--what", "keyness", *p)
    expected = keyness(read_tokens(processed / "hudong-2030"), read_tokens(processed / "hudong-2031"))
    assert_frame_equal(words, expected.reset_index(drop=True), check_dtype=False)


def test_compare_judges_last_years_targets_as_they_now_stand(tmp_path, capsys):
    """A report processed again on its own (here by `zjtext targets`) leaves the next year's tracking
    table behind: `compare` then judges from the tables as they stand, not from that older verdict."""
    raw, processed = _processed_pair(tmp_path)
    old, new = raw / "hudong-2030.txt", str(raw / "hudong-2031.txt")
    p = ("--processed", str(processed), "--format", "csv")
    before = _cli(capsys, "compare", str(old), new, *p).set_index("indicator_key")
    assert before.loc["rd_intensity", "verdict"] == "met"  # 2.6% set, 2.7% reached
    old.write_text(TEXTS["hudong-2030"].replace("研发经费投入强度达到2.6%", "研发经费投入强度达到2.9%"), encoding="utf-8")
    _out(capsys, "targets", str(old), *p)
    after = _cli(capsys, "compare", str(old), new, *p).set_index("indicator_key")
    assert (after.loc["rd_intensity", "target"], after.loc["rd_intensity", "verdict"]) == ("2.9%", "missed")


def test_targets_keeps_the_tables_in_data_processed_as_panel_does(tmp_path, monkeypatch, capsys):
    """Without --processed the tables go where panel and series keep them: data/processed/ of the
    working directory (the input folder is never written)."""
    import zjtext.cli as cli

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "hexi-2031.txt").write_text(HEXI_2031, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(cli, "PROCESSED_DIR", Path("data/processed"))
    head = _cli(capsys, "targets", str(raw / "hexi-2031.txt"), "--format", "csv")
    assert len(head) >= 3 and (work / "data" / "processed" / "hexi-2031" / "targets.csv").is_file()
    assert sorted(p.name for p in raw.iterdir()) == ["hexi-2031.txt"]
