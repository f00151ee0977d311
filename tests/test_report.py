"""Loading reports: formats, encodings, metadata, structure, page chrome and bad input."""
from __future__ import annotations

import re

import pytest

from zjtext import load_report
from zjtext.paths import DEFAULT_REPORT
from zjtext.report import (
    MAX_INPUT_BYTES, BinaryFileError, EmptyReportError, InputTooLargeError, NestingTooDeepError, NoReportBodyError,
    PdfFileError, ReportError, ReportNotFoundError, UnknownEncodingError, decode_bytes,
)

CHROME = re.compile(r"^(下载|打印|全屏|收藏|【|】|来源|时间|相关报道|打印本页|关闭窗口|扫一扫|分享|编辑|责任编辑|主办)")


# ---------------------------------------------------------------- the seed page

def test_seed_metadata(seed):
    m = seed.meta
    assert (m.report_id, m.title, m.year, m.region) == ("zhejiang-2024", "2024年政府工作报告", 2024, "浙江省")
    assert (m.date, m.speaker, m.format, m.source) == ("2024-01-23", "王浩", "html", "zhejiang-2024.html")
    assert m.meeting == "浙江省第十四届人民代表大会第二次会议"


def test_seed_body_from_salutation_to_closing(seed):
    assert seed.paragraphs[0].text == "各位代表："
    assert seed.paragraphs[-1].text.startswith("各位代表！实干成就梦想")
    assert seed.paragraphs[-1].text.endswith("作出新的更大贡献！")
    assert [p.index for p in seed.paragraphs] == list(range(1, len(seed.paragraphs) + 1))
    assert not any(CHROME.match(p.text) for p in seed.paragraphs)
    assert "\u00a0" not in seed.text and "&nbsp;" not in seed.text


def test_seed_top_level_and_sub_sections(seed):
    assert seed.sections() == ["一、2023年工作回顾", "二、2024年目标任务和重点工作"]
    subs = [p.section[1] for p in seed.paragraphs if p.kind == "heading" and len(p.section) == 2]
    assert len(subs) == 10
    assert subs[0] == "（一）聚焦聚力提升政策引导保障成效"
    assert subs[-1] == "（十）聚焦聚力建设更高水平平安浙江法治浙江"


def test_seed_third_level_from_bold_leads_and_items(seed):
    def by_start(prefix):
        return next(p for p in seed.paragraphs if p.text.startswith(prefix))

    p = by_start("迭代升级“8+4")
    assert p.section == ("二、2024年目标任务和重点工作", "（一）聚焦聚力提升政策引导保障成效", "迭代升级“8+4”经济政策体系")
    assert p.lead == "迭代升级“8+4”经济政策体系" and p.kind == "body"
    item = by_start("一是经济运行持续")
    assert item.kind == "list_item"
    assert item.section == ("一、2023年工作回顾", "一是经济运行持续回升向好，全面完成全年主要目标任务")
    health = by_start("1、医疗卫生。")
    assert health.section == ("二、2024年目标任务和重点工作", "1、医疗卫生")
    assert health.kind == "list_item"


def test_salutation_inside_report_closes_the_sub_section(seed):
    p = next(p for p in seed.paragraphs if p.text.startswith("各位代表，民之所盼"))
    assert p.section == ("二、2024年目标任务和重点工作",)


def test_sentences_keep_quotes_balanced(seed):
    for p in seed.paragraphs:
        assert "".join(p.sentences) == p.text.replace(" ", "") or "".join(p.sentences).replace(" ", "") == p.text.replace(" ", "")
        for s in p.sentences:
            assert s.count("“") == s.count("”"), s


# ---------------------------------------------------------------- encodings

def test_gb18030_copy_gives_the_same_report(seed, tmp_path):
    gb = tmp_path / "zhejiang-2024.html"
    gb.write_bytes(DEFAULT_REPORT.read_text(encoding="utf-8").encode("gb18030"))
    other = load_report(gb)
    assert other == seed
    assert other.paragraphs == seed.paragraphs
    assert other.meta.encoding == "gb18030"


def test_gbk_page_with_meta_charset(tmp_path):
    html = DEFAULT_REPORT.read_text(encoding="utf-8")
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>' + html + "</body></html>"
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gbk", errors="strict"))
    r = load_report(path)
    assert r.meta.region == "浙江省" and r.sections()[0] == "一、2023年工作回顾"


def test_utf8_bom_text(tmp_path, fixtures_dir):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (fixtures_dir / "scraped-2026.txt").read_bytes())
    assert load_report(path).paragraphs == load_report(fixtures_dir / "scraped-2026.txt").paragraphs


def test_decode_bytes_prefers_utf8_then_gb18030():
    assert decode_bytes("浙江".encode("utf-8")) == ("浙江", "utf-8")
    assert decode_bytes("浙江".encode("gb18030")) == ("浙江", "gb18030")


# ---------------------------------------------------------------- other formats

def test_scraped_text_drops_page_chrome_and_keeps_notes(fixtures_dir):
    r = load_report(fixtures_dir / "scraped-2026.txt")
    m = r.meta
    assert (m.title, m.year, m.region, m.date, m.speaker) == ("2026年示例省政府工作报告", 2026, "示例省", "2026-01-20", "张三")
    assert r.body[0].text == "各位代表："
    assert r.body[-1].text.startswith("各位代表！让我们更加紧密地团结起来")
    texts = [p.text for p in r.paragraphs]
    assert not any(CHROME.match(t) for t in texts)
    assert not any("本报记者" in t or "相关报道" in t or "示例省人大会议开幕" in t for t in texts)
    assert sum(t.startswith("各位代表：") for t in texts) == 1  # the repeated start is gone
    assert r.sections() == ["一、2025年工作回顾", "二、“十五五”时期主要目标任务", "三、2026年重点工作"]
    assert [p.kind for p in r.notes] == ["note"] * 5
    assert r.notes[0].text == "名词解释" and all(p.section == ("名词解释",) for p in r.notes)


def test_scraped_text_rejoins_lines_broken_at_markup(fixtures_dir):
    r = load_report(fixtures_dir / "scraped-2026.txt")
    goal = next(p for p in r.body if "年均增长" in p.text)
    assert goal.text == "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，PM2.5平均浓度持续下降。"


def test_scraped_text_item_headings_cover_following_paragraph(fixtures_dir):
    r = load_report(fixtures_dir / "scraped-2026.txt")
    p = next(p for p in r.body if p.text.startswith("新增“小巨人”"))
    assert p.section == ("一、2025年工作回顾", "一是扎实推进“云梯计划”，新动能加快成长")
    lead = next(p for p in r.body if p.text.startswith("深化科技创新。"))
    assert lead.section[-1] == "深化科技创新"


def test_other_html_page_found_by_content(fixtures_dir):
    r = load_report(fixtures_dir / "other-site-2025.html")
    m = r.meta
    assert (m.title, m.year, m.region, m.date, m.speaker) == ("2025年样例市政府工作报告", 2025, "样例市", "2025-01-15", "王五")
    texts = [p.text for p in r.paragraphs]
    assert texts[0] == "各位代表："
    assert not any(t.startswith(("热点专题", "相关新闻", "主办", "样例市两会")) for t in texts)
    # full-width digits and dots normalised to ASCII; Chinese punctuation kept
    assert "全市地区生产总值增长5.6%，规模以上工业增加值增长7%" in r.text
    sub = next(p for p in r.paragraphs if p.text.startswith("（一）产业升级"))
    assert sub.kind == "heading" and sub.section == ("一、2024年工作回顾", "（一）产业升级迈出新步伐")


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    "content, error, words",
    [
        (b"", EmptyReportError, "empty"),
        (b"  \n\t \r\n ", EmptyReportError, "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryFileError, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PdfFileError, "PDF"),
        (b"\x00\x01\x02binary\x00" * 50, BinaryFileError, "binary"),
        (b"caf\xe9 \x80\x80\xff na\xefve " * 40, UnknownEncodingError, "encoding"),
        ("<html><head><title>404</title></head><body><h1>404 页面不存在</h1><p>抱歉，您访问的页面已删除或不存在，请检查网址是否正确，或返回网站首页继续浏览其他内容。</p></body></html>".encode(), NoReportBodyError, "report"),
        ("各位代表：\n現在，我代表省人民政府，向大會報告工作，請予審議。\n一、2025年工作回顧\n全省生產總值增長5.3%。\n".encode("big5") * 3,
         UnknownEncodingError, "Big5"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "binary", "unknown-encoding", "404-page", "big5"],
)
def test_bad_input_raises_clear_error(tmp_path, content, error, words):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(error) as info:
        load_report(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ") and words.lower() in message.lower()
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReportNotFoundError, match="no such file"):
        load_report(tmp_path / "nope.html")
    with pytest.raises(ReportNotFoundError, match="not a file"):
        load_report(tmp_path)


def test_errors_share_one_base_class():
    for cls in (EmptyReportError, BinaryFileError, PdfFileError, UnknownEncodingError, NoReportBodyError):
        assert issubclass(cls, ReportError)


def test_truncated_page_loads_what_is_there_without_garbling(seed, tmp_path):
    data = DEFAULT_REPORT.read_bytes()
    cut = data[: len(data) // 2]
    while cut[-1] & 0xC0 != 0x80:  # make sure the cut falls inside a multibyte character
        cut = cut[:-1]
    path = tmp_path / "truncated.html"
    path.write_bytes(cut)
    r = load_report(path)
    assert 5 < len(r.paragraphs) < len(seed.paragraphs)
    assert "\ufffd" not in r.text
    assert [p.text for p in r.paragraphs[:-1]] == [p.text for p in seed.paragraphs[: len(r.paragraphs) - 1]]


def test_loading_never_writes_raw_data(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in DEFAULT_REPORT.parent.iterdir()}
    load_report(DEFAULT_REPORT)
    assert {p: p.stat().st_mtime_ns for p in DEFAULT_REPORT.parent.iterdir()} == before


def test_html_with_br_separated_paragraphs_and_gbk_without_meta(tmp_path):
    body = "<br/>\n".join([
        "2023年某某市政府工作报告", "——2023年1月9日在某某市第十届人民代表大会第二次会议上", "某某市市长 李 雷",
        "各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议。", "一、2022年工作回顾",
        "过去一年，全市地区生产总值增长4.5%。", "二、2023年主要目标和重点工作",
        "今年主要预期目标是：地区生产总值增长6%左右。", "各位代表！让我们携手奋进！",
    ])
    page = f"<html><body><div class='menu'>首页 | 新闻中心 | 政务公开</div><div id='text'>{body}</div><div>上一篇：某某市召开全市经济工作会议</div></body></html>"
    path = tmp_path / "br.html"
    path.write_bytes(page.encode("gbk"))
    r = load_report(path)
    assert r.meta.encoding == "gb18030" and r.meta.speaker == "李雷" and r.meta.date == "2023-01-09"
    assert [p.text for p in r.paragraphs][0] == "各位代表："
    assert r.paragraphs[-1].text == "各位代表！让我们携手奋进！"
    assert r.sections() == ["一、2022年工作回顾", "二、2023年主要目标和重点工作"]


# ---------------------------------------------------------------- hostile shapes and sizes

def _page(paragraphs: list[str], wrap: str, head: str = "") -> str:
    """An invented report page whose paragraphs each open *wrap* (a tag the editor never closes)."""
    lines = [f"{wrap}<p>{t}</p>" for t in paragraphs]
    return (f"<html><head>{head}<title>2031年示例省政府工作报告</title></head><body>"
            + "\n".join(lines) + "</body></html>")


def _invented_paragraphs(n: int) -> list[str]:
    middle = [f"第{i}项工作：示例省推进样板工程第{i}批，全年完成投资{i}亿元。" for i in range(1, n + 1)]
    return ["各位代表：", *middle, "各位代表！让我们同心协力，共创示例省美好明天！"]


@pytest.mark.parametrize("wrap, depth", [("<div>", 400), ("<div class='x'><font size='3'>", 1500), ("<strong>", 2500)],
                         ids=["div-400", "div-font-3000", "strong-2500"])
def test_deeply_nested_html_is_read_whole(tmp_path, wrap, depth):
    paragraphs = _invented_paragraphs(depth)
    path = tmp_path / "deep.html"
    path.write_text(_page(paragraphs, wrap), encoding="utf-8")
    r = load_report(path)
    assert [p.text for p in r.paragraphs] == paragraphs


def test_html_nested_beyond_repair_is_a_clear_error(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text("<html><body>" + "".join(f"<h3>{t}" for t in _invented_paragraphs(2500)) + "</body></html>",
                    encoding="utf-8")
    with pytest.raises(NestingTooDeepError) as info:
        load_report(path)
    assert str(info.value).startswith(f"{path}: ") and "too deeply" in str(info.value)


def test_page_saved_as_a_single_file_with_long_inline_prefix(tmp_path):
    inline = ("<style>.logo{background:url(data:image/png;base64," + "iVBORw0KGgo" * 20000 + ")}</style>"
              "<script>var strings = ['" + "中文按钮" * 10 + "'];" + "var pad = 0;" * 20000 + "</script>")
    paragraphs = _invented_paragraphs(5)
    path = tmp_path / "single-file.html"
    path.write_text(_page(paragraphs, "<div>", head=inline), encoding="utf-8")
    assert len(inline) > 400_000
    r = load_report(path)
    assert [p.text for p in r.paragraphs] == paragraphs
    assert r.meta.title == "2031年示例省政府工作报告"


def test_chinese_only_in_scripts_is_not_a_report(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<html><head><script>var menu = ['" + "首页新闻中心政务公开" * 10 + "'];</script></head>"
                    "<body><p>Loading…</p></body></html>", encoding="utf-8")
    with pytest.raises(NoReportBodyError, match="no Chinese report text"):
        load_report(path)


def test_input_over_the_size_limit_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse file: the limit is checked on the size, nothing is read
        f.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputTooLargeError) as info:
        load_report(path)
    message = str(info.value)
    assert message.startswith(f"{path}: the file is 64.0 MB") and f"{MAX_INPUT_BYTES // 2**20} MB" in message
    with pytest.raises(InputTooLargeError):
        load_report(path, b" " * (MAX_INPUT_BYTES + 1))
    from zjtext import cli

    assert cli.main(["clean", str(path)]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"


def test_input_at_the_size_limit_is_read(tmp_path, monkeypatch):
    from zjtext import report as report_module

    data = _page(_invented_paragraphs(3), "<div>").encode("utf-8")
    monkeypatch.setattr(report_module, "MAX_INPUT_BYTES", len(data))
    path = tmp_path / "limit.html"
    path.write_bytes(data)
    assert load_report(path).paragraphs[0].text == "各位代表："
    path.write_bytes(data + b" ")
    with pytest.raises(InputTooLargeError):
        load_report(path)


# ---------------------------------------------------------------- page trailers

CLOSING = "各位代表！让我们同心协力，共创示例省美好明天！"


@pytest.mark.parametrize("trailer", [
    [CLOSING + "（来源：示例日报）"],
    [CLOSING + " 编辑：赵六 审核：钱七", "相关阅读：示例省两会专题"],
    [CLOSING + "【责任编辑：孙八】"],
    [CLOSING, "（来源：示例日报）", "示例省召开座谈会，研究部署春耕工作。"],
    [CLOSING, "编辑：赵六", "示例省召开座谈会，研究部署春耕工作。"],
    [CLOSING, "责任编辑：孙八"],
    [CLOSING, "（完）"],
    [CLOSING, "本作品是示例国的法律文件，属于公有领域。", "Public domain"],
    [CLOSING, "【打印本页】【关闭窗口】"],
    [CLOSING, "[打印] [关闭]"],
], ids=["source-inline", "editor-inline", "chief-editor-inline", "source-line", "editor-line", "chief-editor-line",
        "end-mark", "licence", "page-actions", "page-actions-square"])
def test_page_trailers_after_the_closing_paragraph_are_dropped(tmp_path, trailer):
    lines = ["2031年示例省政府工作报告", "各位代表：", "一、2030年工作回顾", "全省生产总值增长5.2%，样板工程如期完工。", *trailer]
    path = tmp_path / "trailer.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [p.text for p in load_report(path).paragraphs][-1] == CLOSING
    page = tmp_path / "trailer.html"
    page.write_text("<html><body>" + "".join(f"<p>{t}</p>" for t in lines) + "</body></html>", encoding="utf-8")
    assert [p.text for p in load_report(page).paragraphs][-1] == CLOSING


def test_credits_inside_the_report_stay():
    from zjtext.clean import is_chrome_end, strip_trailer

    for text in ("数据来源：示例省统计局年度公报。", "作者群体不断壮大，审核流程更加规范。", "校对工作量增长10%。"):
        assert strip_trailer(text) == text and not is_chrome_end(text)


# ---------------------------------------------------------------- national reports and display titles

NATIONAL_BODY = [
    "各位代表：", "我代表国务院向大会作报告，请各位审阅。", "一、2030年工作回顾",
    "过去一年，国内生产总值增长5.1%，全国各族人民共克时艰。", "二、2031年工作总体部署",
    "今年发展的主要预期目标是：国内生产总值增长5%左右。", "各位代表！让我们携手奋斗，共创示例国更好未来！",
]


def test_national_report_in_title_line_style(tmp_path):
    path = tmp_path / "nation-2031.txt"
    path.write_text("\n".join(["2031年中华人民共和国国务院政府工作报告", *NATIONAL_BODY, "", "本作品是示例国的法律文件",
                               "法律", "、", "注：示例文库社群认为，本作品不总是受保护。", "Public domain"]), encoding="utf-8")
    r = load_report(path)
    assert (r.meta.region, r.meta.year, r.meta.title) == ("全国", 2031, "2031年中华人民共和国国务院政府工作报告")
    assert r.meta.display_title == "2031年国务院政府工作报告"
    assert [p.text for p in r.paragraphs] == NATIONAL_BODY


def test_national_report_with_meeting_line_and_speaker(tmp_path):
    path = tmp_path / "nation.txt"
    path.write_text("\n".join(["政府工作报告", "——2031年3月5日在第十六届全国人民代表大会第二次会议上", "国务院总理 某某某",
                               *NATIONAL_BODY]), encoding="utf-8")
    m = load_report(path).meta
    assert (m.region, m.year, m.date, m.speaker) == ("全国", 2031, "2031-03-05", "某某某")
    assert m.meeting == "第十六届全国人民代表大会第二次会议"


def test_national_report_known_by_its_text_alone(tmp_path):
    body = [t.replace("我代表国务院", "我代表政府") for t in NATIONAL_BODY]
    path = tmp_path / "untitled.txt"
    path.write_text("\n".join(["政府工作报告", *body]), encoding="utf-8")
    assert (load_report(path).meta.region, load_report(path).meta.year) == ("全国", 2031)
    provincial = [t.replace("全国各族人民", "全省人民") for t in body]
    provincial.insert(3, "全省地区生产总值增长5.6%，高于国内生产总值增速，省委坚强领导。")
    path.write_text("\n".join(["政府工作报告", *provincial]), encoding="utf-8")
    assert load_report(path).meta.region != "全国"


@pytest.mark.parametrize("title", ["示例省2031年政府工作报告", "2031年示例省人民政府工作报告", "政府工作报告"])
def test_display_title_is_the_same_whatever_the_page_title(tmp_path, title):
    lines = [title, "——2031年1月20日在示例省第九届人民代表大会第三次会议上", "示例省省长 张三",
             "各位代表：", "一、2030年工作回顾", "全省生产总值增长5.2%，样板工程如期完工。", CLOSING]
    path = tmp_path / "p.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    m = load_report(path).meta
    assert (m.region, m.year, m.display_title) == ("示例省", 2031, "2031年示例省政府工作报告")


@pytest.mark.parametrize("title", ["示例省2031年政府工作报告", "2031年示例省人民政府工作报告（全文）"])
def test_region_and_year_from_the_title_line_alone(tmp_path, title):
    lines = [title, "各位代表：", "一、2030年工作回顾", "全省生产总值增长5.2%，样板工程如期完工。", CLOSING]
    path = tmp_path / "p.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    m = load_report(path).meta
    assert (m.title, m.region, m.year, m.display_title) == (title, "示例省", 2031, "2031年示例省政府工作报告")


def test_year_from_headings_when_no_line_states_it(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("\n".join(["政府工作报告", "各位代表：", "一、2030年工作回顾", "全省生产总值增长5.2%，完成2029年定下的目标。",
                               "二、“十六五”时期主要目标", "全省上下实干争先，示例工程稳步推进。", CLOSING]), encoding="utf-8")
    assert load_report(path).meta.year == 2031


@pytest.mark.parametrize("first, second", [("第一部分 2025年工作回顾", "第二部分 2026年工作安排"),
                                           ("第一部分\n2025年工作回顾", "第二部分\n2026年工作安排"),
                                           ("一、\n2025年工作回顾", "二、\n2026年工作安排")])
def test_part_headings_and_numbers_alone_on_their_line_open_sections(first, second):
    from zjtext.metrics import headline
    from zjtext.report import report_from_text

    r = report_from_text(f"各位代表：\n{first}\n全省生产总值增长5.3%。\n{second}\n"
                         "今年主要预期目标是：地区生产总值增长5%左右。\n", path="parts.txt")
    assert [p.kind for p in r.paragraphs] == ["body", "heading", "body", "heading", "body"]
    assert r.paragraphs[2].section == (first.replace("\n", " " if "部分" in first else ""),)
    hl = headline(r)
    assert hl[["period", "surface"]].values.tolist() == [["target", "5%"], ["actual", "5.3%"]]


def test_bracketed_items_of_a_list_are_items_not_headings():
    from zjtext.report import report_from_text

    r = report_from_text("各位代表：\n二、2026年工作安排\n今年主要预期目标是：\n（一）地区生产总值增长5%左右；\n"
                         "（二）一般公共预算收入增长3%；\n（三）城镇新增就业60万人以上。\n全面完成上述目标。\n"
                         "（一）坚持创新驱动。\n加快发展新质生产力。\n", path="items.txt")
    kinds = [(p.kind, p.section) for p in r.paragraphs]
    assert kinds[3:6] == [("list_item", ("二、2026年工作安排",))] * 3
    assert kinds[6] == ("body", ("二、2026年工作安排",))  # not under an item taken for a heading
    assert kinds[7][0] == "heading" and kinds[8][1] == ("二、2026年工作安排", "（一）坚持创新驱动")


@pytest.mark.parametrize("opening", ["各位代表、同志们：", "各位人大代表：", "尊敬的各位代表："])
def test_other_openings_start_the_report(opening):
    from zjtext.report import report_from_text

    r = report_from_text(f"某某省人民政府门户网站 首页\n政府工作报告\n{opening}\n现在，我代表省人民政府，向大会报告工作。\n"
                         "一、2025年工作回顾\n全省生产总值增长5.3%。\n", path="opening.txt")
    assert r.paragraphs[0].text == opening and len(r.paragraphs) == 4
