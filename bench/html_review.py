"""Local review of a `zjtext run` output folder (not part of the test suite).

Checks the run's index.html and, per folder: a report's index.html + the four notebook pages +
figures/ exist (compare/: the comparison page and its figures; corpus/: the panel-and-series page); no executed
notebook carries an error output; no page has a <script> element or an external resource; the
index page's headline table is non-empty. With ``--browser`` every page is opened in Chromium
(playwright): every image must load (naturalWidth > 0) and no console error may appear; with
``--shots DIR`` full-page screenshots are saved there.

    .venv/bin/python bench/html_review.py /tmp/qa/out [--browser] [--shots /tmp/qa/shots]

Exit status 1 if any problem is found; one line per problem.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PAGES = ("01-load-and-segment", "02-keyword-frequency", "03-metric-extraction", "04-charts")
FIGURES = ("top_keywords", "section_heatmap", "headline_targets", "growth_rates", "word_cloud")
COMPARE_FIGURES = ("target_tracking", "keyness", "slogans")
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!data:)([^)'\"]+)", re.I)
_IMPORT = re.compile(r"@import", re.I)


def notebook_errors(path: Path) -> list[str]:
    """Error outputs (and stderr streams that look like tracebacks) of an executed notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue', '')[:120]}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = "".join(out.get("text", ""))
                if "Traceback" in text or "Warning" in text:
                    found.append(f"cell {i}: stderr: {text.strip().splitlines()[0][:120]}")
    return found


def page_problems(path: Path) -> list[str]:
    """Static problems of one HTML page: scripts, external resources, machine paths."""
    import lxml.html

    text = path.read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(text)
    problems = []
    if doc.xpath("//script"):
        problems.append(f"{len(doc.xpath('//script'))} <script> element(s)")
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("src", "href", "srcset", "poster", "data", "action"):
            v = (el.get(attr) or "").strip()
            if not v or v.startswith("#") or v.startswith("data:"):
                continue
            if re.match(r"^(https?:)?//", v, re.I) and not (el.tag == "a" and attr == "href"):
                problems.append(f"external resource <{el.tag} {attr}={v[:60]}>")
            elif el.tag != "a" and attr in ("src", "srcset", "poster", "data"):
                problems.append(f"non-embedded resource <{el.tag} {attr}={v[:60]}>")
    for style in doc.xpath("//style/text()") + [e.get("style", "") for e in doc.xpath("//*[@style]")]:
        for url in _CSS_URL.findall(style):
            problems.append(f"CSS url({url[:60]})")
        if _IMPORT.search(style):
            problems.append("CSS @import")
    for el in doc.xpath("//style|//script"):
        el.drop_tree()
    visible = doc.text_content()
    for pat in (r"/work/\S+", r"/tmp/\S+", r"/home/\S+", r"[A-Z]:\\\S+"):
        for hit in sorted(set(re.findall(pat, visible)))[:3]:
            problems.append(f"machine path shown: {hit[:80]}")
    sci = len(re.findall(r"\b\d\.\d{6}e[+-]\d\d\b", visible))
    if sci:
        problems.append(f"{sci} number(s) in scientific notation")
    # missing values and tracebacks show in outputs and tables; the story's prose may name None
    outputs = doc.xpath("//*[contains(@class,'jp-OutputArea-output')]|//table")
    shown = "\n".join(o.text_content() for o in outputs) if outputs else visible
    for word in ("NaN", "nan", "None", "Traceback"):
        n = len(re.findall(rf"(?<![A-Za-z]){word}(?![A-Za-z])", shown))
        if n:
            problems.append(f"{n}× '{word}' in visible text")
    return problems


def headline_rows(index: Path) -> int:
    import lxml.html

    doc = lxml.html.document_fromstring(index.read_text(encoding="utf-8"))
    return len(doc.xpath("//table[contains(@class,'headline')]//tbody/tr"))


def headline_sign_problems(index: Path) -> list[str]:
    """Headline rows whose source sentence says 下降/减少 right before the figure the table shows bare."""
    import lxml.html

    doc = lxml.html.document_fromstring(index.read_text(encoding="utf-8"))
    found = []
    for tr in doc.xpath("//table[contains(@class,'headline')]//tbody/tr"):
        cells = [td.text_content().strip() for td in tr.xpath("td")]
        if len(cells) < 3:
            continue
        shown, sentence = cells[2], cells[-1]
        if shown and not re.search(r"下降|减少|降低|回落", shown) and re.search(rf"(下降|减少|降低|回落){re.escape(shown)}", sentence):
            found.append(f"index.html: {cells[0]} shown as {shown} but the report says it fell")
    return found


def compare_problems(page: Path) -> list[str]:
    """The comparison page should set a report against the same region's earlier report."""
    import lxml.html

    doc = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
    tables = doc.xpath("//table")
    if not tables:
        return ["05-compare-reports.html: no tables"]
    heads = [th.text_content().strip() for th in tables[0].xpath(".//thead//th")]
    rows = [[td.text_content().strip() for td in tr.xpath("td")] for tr in tables[0].xpath(".//tbody/tr")]
    if "地区" not in heads or "年份" not in heads or len(rows) < 2:
        return []
    # the data cells come after the index cell (a <th>), so shift by one
    ri, yi = heads.index("地区") - 1, heads.index("年份") - 1
    (y_old, r_old), (y_new, r_new) = (rows[-2][yi], rows[-2][ri]), (rows[-1][yi], rows[-1][ri])
    if r_old != r_new or y_old == y_new:
        return [f"05-compare-reports.html: compares {r_old} {y_old} with {r_new} {y_new} (not one region's consecutive years)"]
    return []


#: The folders of a run that are not one report's: their pages, and the figures they always have
#: (the panel-and-series page draws only the charts its reports allow).
SPECIAL_FOLDERS = {"compare": (["05-compare-reports"], COMPARE_FIGURES), "corpus": (["06-panel-and-series"], ())}


def run_folders(out: Path) -> list[tuple[Path, str]]:
    """Each folder of a run with what it holds (a report id, 'compare' or 'corpus'): with several
    regions compared, ``compare/`` holds one folder per comparison (``compare/<newest id>/``)."""
    found = []
    for p in sorted(q for q in out.iterdir() if q.is_dir()):
        if p.name == "compare" and not (p / "05-compare-reports.html").is_file():
            found += [(q, "compare") for q in sorted(p.iterdir()) if q.is_dir() and not q.name.startswith(".")]
        else:
            found.append((p, p.name))
    return found


def review_folder(folder: Path, kind: str | None = None) -> list[str]:
    problems = []
    kind = kind or folder.name
    is_compare = kind == "compare"
    pages, figures = SPECIAL_FOLDERS.get(kind, (["index", *PAGES], FIGURES))
    for name in pages:
        page = folder / f"{name}.html"
        if not page.is_file():
            problems.append(f"missing {name}.html")
            continue
        problems += [f"{name}.html: {p}" for p in page_problems(page)]
    for name in figures:
        if not (folder / "figures" / f"{name}.png").is_file():
            problems.append(f"missing figures/{name}.png")
    for nb in sorted((folder / "notebooks").glob("*.ipynb")):
        problems += [f"notebooks/{nb.name}: {e}" for e in notebook_errors(nb)]
    if kind not in SPECIAL_FOLDERS and (folder / "index.html").is_file():
        n = headline_rows(folder / "index.html")
        if n == 0:
            problems.append("index.html: headline table empty")
        problems += headline_sign_problems(folder / "index.html")
    if is_compare and (folder / "05-compare-reports.html").is_file():
        problems += compare_problems(folder / "05-compare-reports.html")
    return problems


def browser_check(files: list[Path], shots: Path | None) -> dict[Path, list[str]]:
    """Open each page in system Chromium; report broken images and console errors."""
    from playwright.sync_api import sync_playwright

    out: dict[Path, list[str]] = {}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium",
                               args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for f in files:
            page = b.new_page(viewport={"width": 1280, "height": 900})
            msgs: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m, msgs=msgs: msgs.append(f"console {m.type}: {m.text[:150]}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e, msgs=msgs: msgs.append(f"pageerror: {e}"))
            page.on("request", lambda r, requests=requests: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            page.goto(f.resolve().as_uri(), wait_until="load")
            broken = page.evaluate("""() => Array.from(document.images).map((im, i) => [i, im.naturalWidth, im.alt || ''])
                                              .filter(x => x[1] === 0)""")
            n_img = page.evaluate("() => document.images.length")
            msgs += [f"image {i} did not load ({alt})" for i, _, alt in broken]
            msgs += [f"network request: {u[:80]}" for u in requests]
            # text overflowing its box horizontally (tables wider than the page)
            wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wide > 20:
                msgs.append(f"page scrolls horizontally by {wide}px")
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                name = f"{f.parent.name}__{f.stem}.png"
                page.screenshot(path=str(shots / name), full_page=True)
            out[f] = msgs
            print(f"  {f.parent.name}/{f.name}: {n_img} images, {len(msgs)} problems", file=sys.stderr)
            page.close()
        b.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--shots", type=Path, default=None)
    args = ap.parse_args(argv)
    kinds = run_folders(args.out)
    folders = [f for f, _ in kinds]
    bad = 0
    if (args.out / "index.html").is_file():  # the run's own index
        for p in page_problems(args.out / "index.html"):
            print(f"index.html: {p}")
            bad += 1
    for folder, kind in kinds:
        for p in review_folder(folder, kind):
            print(f"{folder.relative_to(args.out)}: {p}")
            bad += 1
    if args.browser:
        files = sorted(f for d in folders for f in d.glob("*.html"))
        for f, msgs in browser_check(files, args.shots).items():
            for m in msgs:
                print(f"{f.parent.name}/{f.name}: {m}")
                bad += 1
    print(f"{len(folders)} folders, {bad} problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
