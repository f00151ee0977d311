"""Year over year: what changed between reports, and were last year's targets met.

Report N sets targets for year N; report N+1 reviews year N. :func:`track_targets` lines each
target of the older report up with the result the newer report gives for it and judges it — all of
that is :mod:`zjtext.match`, the one matcher every view uses; this module only builds the two
reports' tables (or takes them ready-made) and hands them over. ``zjtext compare`` computes nothing:
:func:`compare_tables` reads the two reports' processed tables (the producer's).

The year rule: only the report of the next year judges (a 2024 target against the 2025 report).
For any other pair the table lists the targets with empty verdicts and ``reason`` says why
(``zjtext compare`` also prints that as a one-line note on stderr and exits 0).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .match import wording
from .report import Report, ReportError

if TYPE_CHECKING:
    import pandas as pd

    from .processed import ProcessedReport

# ---------------------------------------------------------------- comparisons

#: The reason a GNP target judged on the next report's GDP gives (reason code ``stand_in``).
STAND_IN_REASON = wording("stand_in")


class NotComparableError(ReportError):
    """Two reports whose targets and results cannot be lined up (other region, same year …)."""


def _meta(report):
    """Where a report's region, year and source are: a :class:`Report`'s ``meta``, or a processed
    report (:class:`zjtext.processed.ProcessedReport`) itself."""
    return getattr(report, "meta", report)


def check_pair(old: Report, new: Report) -> None:
    """Raise :class:`NotComparableError` unless ``new`` is a later report of the same region
    (two :class:`Report` or two processed reports)."""
    a, b = _meta(old), _meta(new)
    if a.region and b.region and a.region != b.region:
        raise NotComparableError(b.source, f"a report of {b.region}, not of {a.region}; targets are tracked within one region")
    if a.year and b.year and b.year <= a.year:
        raise NotComparableError(b.source, f"report year {b.year} is not after {a.year}; year N's targets are judged by a later report")


def comparable_series(reports: Sequence[Report]) -> list[list[Report]]:
    """Reports grouped by region, each group sorted by year with one report per year; only groups
    of two or more (the ones a year-over-year comparison makes sense for).

    >>> comparable_series([])
    []
    """
    groups: dict[str, dict[int, Report]] = {}
    for r in order_reports(reports):
        if r.meta.region and r.meta.year:
            groups.setdefault(r.meta.region, {}).setdefault(r.meta.year, r)
    return [list(by_year.values()) for _, by_year in sorted(groups.items()) if len(by_year) >= 2]


def label(report: Report) -> str:
    """A short human label: '2024年浙江省'."""
    m = _meta(report)
    return f"{m.year or ''}{'年' if m.year else ''}{m.region}" or report.report_id


def order_reports(reports: Sequence[Report]) -> list[Report]:
    """Reports (or processed reports) sorted by year (then id); reports with no year go last."""
    return sorted(reports, key=lambda r: (_meta(r).year is None, _meta(r).year or 0, r.report_id))


def keyness_between(old: Report, new: Report, top: int | None = None, tables: tuple | None = None) -> "pd.DataFrame":
    """Terms that rose, fell, appeared or vanished from ``old`` to ``new`` (G² and log ratio).
    ``tables``: the two reports' processed folders (:class:`zjtext.processed.ProcessedReport`), whose
    tokens are read instead of segmenting the reports again."""
    from .keywords import keyness
    from .segment import tokens

    if tables is not None:
        from .process import read_tokens

        a, b = (read_tokens(t.folder) for t in tables)
    else:
        a, b = tokens(old), tokens(new)
    table = keyness(a, b)
    return table.head(top) if top else table


def slogan_changes(old: Report, new: Report, tables: tuple | None = None) -> "pd.DataFrame":
    """Quoted terms (slogans) that are new, kept or dropped, with their counts in each report
    (``tables``: the two reports' processed folders, whose ``slogans.csv`` is read)."""
    import pandas as pd

    from .keywords import slogans

    if tables is not None:
        a, b = (t.table("slogans").set_index("term")["count"] for t in tables)
    else:
        a, b = slogans(old).set_index("term")["count"], slogans(new).set_index("term")["count"]
    rows = []
    for term in sorted(set(a.index) | set(b.index)):
        ca, cb = int(a.get(term, 0)), int(b.get(term, 0))
        status = "kept" if ca and cb else ("new" if cb else "dropped")
        rows.append((term, status, ca, cb))
    df = pd.DataFrame(rows, columns=["term", "status", f"count_{old.report_id}", f"count_{new.report_id}"])
    order = {"new": 0, "dropped": 1, "kept": 2}
    return df.sort_values(["status", "term"], key=lambda s: s.map(order) if s.name == "status" else s, kind="stable").reset_index(drop=True)


def headline_side_by_side(reports: Sequence[Report], tables: dict | None = None) -> "pd.DataFrame":
    """Every report's headline table stacked, with report_id and year, oldest first (``tables``: the
    reports' processed folders by report id, whose ``targets.csv`` is read)."""
    import pandas as pd

    from .metrics import headline

    frames = []
    for r in order_reports(reports):
        df = (tables[r.report_id].table("targets") if tables else headline(r)).copy()
        df.insert(0, "year", _meta(r).year)
        df.insert(0, "report_id", r.report_id)
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _with_change(table: "pd.DataFrame", metrics: "pd.DataFrame") -> "pd.DataFrame":
    """Give headline rows the ``change`` (increase/decrease/none) of the same figure in ``metrics``."""
    if "change" in table.columns:
        return table
    if not {"paragraph", "start"} <= set(table.columns):
        return table.assign(change="none")
    keyed = metrics.set_index(["paragraph", "start"])["change"]
    keys = list(zip(table["paragraph"], table["start"]))
    return table.assign(change=[keyed.get(k, "none") if k in keyed.index else "none" for k in keys])


def why_not_judged(old: Report, new: Report, lang: str = "zh") -> str:
    """Why ``new`` cannot judge ``old``'s targets, in words ('' when it can: the report of year N+1
    reviews year N); :func:`zjtext.match.why_not_judged` gives it as a reason code.

    >>> from zjtext.report import report_from_text
    >>> a = report_from_text("2024年政府工作报告\\n各位代表：\\n过去一年，生产总值增长5%。", path="x-2024.txt")
    >>> b = report_from_text("2026年政府工作报告\\n各位代表：\\n过去一年，生产总值增长5%。", path="x-2026.txt")
    >>> print(why_not_judged(a, b, "en"))
    the 2026 report reviews 2025, not 2024: targets are judged by the next year's report only
    """
    from .match import why_not_judged as why

    v = why(_meta(old).year, _meta(new).year)
    return v.reason(lang) if v is not None else ""


def report_results(report: Report, metrics: "pd.DataFrame | None" = None,
                   head: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The results table of ``report`` (:func:`zjtext.match.result_rows`) as a DataFrame, from its
    metrics and headline tables when they are at hand."""
    import pandas as pd

    from .match import RESULT_COLUMNS, result_rows
    from .metrics import extract_metrics, headline

    metrics = extract_metrics(report) if metrics is None else metrics
    head = headline(report, metrics) if head is None else head
    rows = result_rows(report, metrics.to_dict("records"), head.to_dict("records"))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def track_targets(old: Report, new: Report, scope: str = "headline",
                  tables: "dict[str, tuple[pd.DataFrame, pd.DataFrame]] | None" = None) -> "pd.DataFrame":
    """Each target of ``old`` with the result ``new`` gives for it, a verdict and the reason for it
    (:func:`zjtext.match.track`; columns :data:`zjtext.match.TRACK_COLUMNS`).

    ``scope='headline'`` tracks the main expected targets; ``scope='all'`` every target figure.
    ``tables`` maps a report id to its ``(metrics, headline)`` tables when they are already at hand:
    they are used instead of being extracted again. Only the report of the next year judges: for
    other pairs every verdict is empty and ``reason`` says why.
    """
    from .match import Results, headline_targets, track, why_not_judged as why
    from .metrics import extract_metrics, headline

    def both(report: Report) -> tuple:
        if tables and report.report_id in tables:
            return tables[report.report_id]
        metrics = extract_metrics(report)
        return metrics, headline(report, metrics)

    check_pair(old, new)
    (old_metrics, old_head), (new_metrics, new_head) = both(old), both(new)
    targets = headline_targets(_with_change(old_head, old_metrics) if scope == "headline" else old_metrics)
    not_judged = why(old.meta.year, new.meta.year)
    results = None if not_judged else Results(report_results(new, new_metrics, new_head))
    return track(targets, results, not_judged, scope)



def compare_tables(reports: "Sequence[ProcessedReport]", what: str) -> "pd.DataFrame":
    """The table ``zjtext compare`` prints for ``--what``, read from two processed reports (what the
    one producer, ``zjtext process``, wrote): word tables from ``tokens.csv`` and ``slogans.csv``,
    the headline from ``targets.csv``, and for ``targets`` the newer report's ``tracking.csv`` where
    it judges the older one, else the matcher on the two folders' tables (a pair that is not the
    next year's gets empty verdicts and the reason). Nothing is segmented or extracted again."""
    from .processed import read_tracking, tracking_table

    old, new = order_reports(reports)[:2]
    if what == "keyness":
        return keyness_between(old, new, tables=(old, new))
    if what == "slogans":
        return slogan_changes(old, new, tables=(old, new))
    if what == "headline":
        return headline_side_by_side([old, new], {r.report_id: r for r in (old, new)})
    check_pair(old, new)
    tracked = read_tracking(old, new)
    return tracking_table(old, new) if tracked is None else tracked
