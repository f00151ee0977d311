"""Draw the README's pictures of the corpus views from the shared corpus (a local step, not a test).

    .venv/bin/python bench/readme_figures.py [--out docs]

The ten 2026 provincial reports give the panel's ranked dot plot; the national reports (1954–2019)
the series chart, those of 2013–2019 the keyword trends. Only figures are written, no report text.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from zjtext import charts, views

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS} not found: nothing drawn")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        provinces, _ = views.processed_reports([CORPUS / "2026"], Path(tmp) / "p")
        national, _ = views.processed_reports([CORPUS / "national"], Path(tmp) / "n")
        recent = [r for r in national if r.year and r.year >= 2013]
        figures = {
            "panel-gdp": charts.panel_dots(views.panel(provinces), "gdp", source="数据来源：2026年各省区市政府工作报告"),
            "series-gdp": charts.series_lines(views.series(national), "gdp", source="数据来源：1954—2019年国务院政府工作报告（缺年份无报告）"),
            "keyword-trends": charts.keyword_trend_lines(
                views.keyword_trends(recent, ["创新", "高质量发展", "供给侧结构性改革", "互联网+"]),
                source="数据来源：2013—2019年国务院政府工作报告"),
        }
        for name, fig in figures.items():
            path = args.out / f"{name}.png"
            fig.savefig(path, dpi=90)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
