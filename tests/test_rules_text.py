"""The structure, date, content and typography rules (GL1xx, GL2xx, GL5xx, GL6xx) — failing and passing
cases, the false-positive traps, and what they find in real reports."""

import pytest
from conftest import CORPUS, seed_text
from tables_text import clean_report


def with_text(extra: str, where: str = "培训") -> str:
    """The clean report with `extra` as a paragraph of section 五."""
    text = clean_report()
    line = next(l for l in text.split("\n") if l.startswith("工作人员业务" if where == "培训" else where))
    return text.replace(line, line + "\n" + extra)


def at(text, needle, within=None):
    """(line, column) of `needle`, in the first line that holds `within` (default: the needle)."""
    for number, line in enumerate(text.split("\n"), 1):
        if (within or needle) in line:
            return number, line.index(needle, line.index(within) if within else 0) + 1
    raise AssertionError(needle)


def test_the_clean_report_is_clean(lint):
    assert lint(clean_report()) == []


# GL102 section-order
def test_sections_out_of_order(codes):
    text = clean_report()
    five = "五、存在的主要问题及改进情况\n工作人员业务培训不足，信息发布还不够及时。\n"
    text = text.replace(five, "")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", five + "四、政府信息公开行政复议、行政诉讼情况")
    assert codes(text, "GL102") == [("GL102", at(text, "四、政府信息公开行政复议")[0], 1)]


def test_section_repeated(codes):
    text = clean_report() + "四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n"
    line = len(text.split("\n")) - 2
    assert codes(text, "GL102") == [("GL102", line, 1)]


# GL103 heading-numbering
def test_mixed_numbering_of_sections(codes):
    text = clean_report().replace("五、存在的主要问题", "5、存在的主要问题")
    assert codes(text, "GL103") == [("GL103", *at(text, "5、存在"))]


def test_wrong_ordinal_of_a_section(codes):
    text = clean_report().replace("五、存在的主要问题", "四、存在的主要问题")
    assert codes(text, "GL103") == [("GL103", *at(text, "四、存在"))]


def test_markdown_levels(codes):
    text = clean_report()
    for number, level in zip("一二三四五六", ["##", "##", "###", "##", "##", "##"]):
        line = next(l for l in text.split("\n") if l.startswith(f"{number}、"))
        text = text.replace(line, f"{level} {line}", 1)
    assert codes(text, "GL103") == [("GL103", *at(text, "### 三、"))]


def test_skipped_and_repeated_items(codes):
    items = "（一）主动公开情况。本年公开信息5条。\n（二）依申请公开情况。本年未收到申请。\n（四）政府信息管理情况。制度完善。\n（四）平台建设情况。网站运行平稳。"
    text = clean_report().replace("2025年，本机关按要求开展相关工作。", items)
    found = codes(text, "GL103")
    assert found == [("GL103", *at(text, "（四）政府信息管理")), ("GL103", *at(text, "（四）平台建设"))]


def test_nested_items_restart_numbering(codes):
    items = "（一）主动公开情况。\n1.公开信息5条。\n2.解读政策2篇。\n（二）依申请公开情况。\n1.未收到申请。\n2.无复议。"
    assert codes(clean_report().replace("2025年，本机关按要求开展相关工作。", items), "GL103") == []


# GL104 enumeration-order
def test_enumeration_skips_and_repeats(codes):
    text = with_text("下一步，一是加强培训。三是完善制度。三是强化监督。")
    assert codes(text, "GL104") == [("GL104", *at(text, "三是完善"))]


def test_enumeration_one_then_one(codes):
    text = with_text("一是加强培训，一是完善制度。")
    assert codes(text, "GL104") == [("GL104", *at(text, "一是完善"))]


def test_two_enumerations_and_words_with_yi_shi(codes):
    text = with_text("存在问题：一是培训不足；二是制度不全。改进措施：一是加强培训；二是统一是非标准，唯一是办法。")
    assert codes(text, "GL104") == []


def test_real_report_enumeration(codes):
    text = (CORPUS / "002_pingtan_2023.txt").read_text(encoding="utf-8")
    assert codes(text, "GL104") == [("GL104", 10, 2779)]


# GL105 empty-section
@pytest.mark.parametrize("content", ["无。", "暂无", "", "问题较少。"])
def test_empty_section_five(codes, content):
    text = clean_report().replace("工作人员业务培训不足，信息发布还不够及时。\n", content + ("\n" if content else ""))
    assert codes(text, "GL105") == [("GL105", *at(text, "五、"))]


def test_table_sections_are_left_to_gl306(codes):
    text = clean_report()
    start, end = text.index("三、收到"), text.index("四、政府")
    text = text[:start] + "三、收到和处理政府信息公开申请情况\n" + text[end:]
    assert codes(text, "GL105", "GL306") == [("GL306", at(text, "三、收到")[0], 1)]


# GL204 late-publication
@pytest.mark.parametrize("body, signed, late", [
    ("某区教育局", "2026年2月20日", True), ("某区教育局", "2026年1月20日", False),
    ("某区人民政府", "2026年3月20日", False), ("某区人民政府", "2026年4月2日", True),
    ("某区人民政府办公室", "2026年2月2日", True),
])
def test_late_publication(codes, body, signed, late):
    text = clean_report().replace("某区政务服务局", body) + f"{body}\n{signed}\n"
    expected = [("GL204", len(text.split("\n")) - 1, 1)] if late else []
    assert codes(text, "GL204", "GL203") == expected


# GL205 invalid-date
@pytest.mark.parametrize("sentence, needles", [
    ("于2025年2月30日召开会议。", ["2025年2月30日"]), ("2025年13月公开。", ["2025年13月"]),
    ("统计期限自202111日起至20211230日止。", ["202111日", "20211230日"]), ("自20241月1日起。", ["20241月"]),
])
def test_impossible_dates(codes, sentence, needles):
    text = with_text(sentence)
    assert codes(text, "GL205") == [("GL205", *at(text, needle)) for needle in needles]


def test_real_dates_are_fine(codes):
    text = with_text("2024年2月29日、9:30召开会议，电话0537-5770001，邮编255400。")
    assert codes(text, "GL205") == []


# GL502 template-leftover / GL503 conversion-artifact
@pytest.mark.parametrize("code, sentence, needles", [
    ("GL502", "编写说明：此处简要描述本年度工作。", ["编写说明："]), ("GL502", "XX局高度重视。", ["XX"]),
    ("GL502", "（文字描述）", ["（文字描述）"]), ("GL502", "本局××年度工作。", ["××"]),
    ("GL503", "[bookmark: _GoBack]本年度工作。", ["[bookmark: _GoBack]"]), ("GL503", "<!--[if !supportLists]-->7、", ["<!--[if !supportLists]-->"]),
    ("GL503", "公开信息&nbsp;5条<br>", ["&nbsp;", "<br>"]), ("GL503", "当前位置：首页 > 政务公开", ["当前位置："]), ("GL503", "- 4 -", ["- 4 -"]),
])
def test_leftovers_and_debris(codes, code, sentence, needles):
    text = with_text(sentence)
    assert codes(text, code) == [(code, *at(text, needle, within=sentence)) for needle in needles]


def test_suppression_comments_and_urls_are_not_debris(codes):
    text = with_text("<!-- 说明：本段为示例 -->\n详见 http://www.xx.gov.cn/xxgk/index.html 。")
    assert codes(text, "GL502", "GL503") == []


# GL504 self-contradiction
def test_all_done_while_carried_over(codes):
    text = clean_report()
    row = next(l for l in text.split("\n") if l.startswith("四、结转下年度"))
    text = text.replace(row, "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2").replace(
        next(l for l in text.split("\n") if l.startswith("一、本年新收")), "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2")
    text = text.replace("工作人员业务培训不足", "本年度收到的申请均已办结。工作人员业务培训不足")
    assert codes(text, "GL504") == [("GL504", *at(text, "申请均已办结"))]
    assert codes(text.replace("\t2\t0\t0\t0\t0\t0\t2\n\n", "\t0\t0\t0\t0\t0\t0\t0\n\n"), "GL504") == []


def test_all_upheld_while_pending(codes):
    text = clean_report().replace("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
    text = text.replace("工作人员业务培训不足", "行政复议案件均获维持。工作人员业务培训不足")
    assert codes(text, "GL504") == [("GL504", *at(text, "均获维持"))]


# GL601 halfwidth-punctuation
def test_halfwidth_punctuation_and_its_traps(lint):
    text = with_text("2025年,我局于9:30召开会议:详见http://www.a.gov.cn:8080/x,y 或 mail:a@b.cn。Hello, world; 1,000件")
    found = [d for d in lint(text, full=True) if d.code == "GL601"]
    assert [(d.line, d.column) for d in found] == [at(text, ",我局"), at(text, ":详见")]
    assert [d.edits[0].text for d in found] == ["，", "："]


def test_table_cells_keep_their_punctuation(codes):
    text = clean_report().replace("（区分处理的，只计这一情形，不计其他情形）", "(区分处理的,只计这一情形,不计其他情形)")
    assert codes(text, "GL601") == []


# GL602 unbalanced-pairs
@pytest.mark.parametrize("sentence, needle", [
    ("根据《中华人民共和国政府信息公开条例（以下简称《条例》）", "《中华"), ("公开了“最多跑一次事项。", "“"),
    ("成立了领导小组）。", "）"), ("**加强领导。工作有序。", "**"),
])
def test_unbalanced_pairs(codes, sentence, needle):
    text = with_text(sentence)
    assert codes(text, "GL602") == [("GL602", *at(text, needle, within=sentence))]


def test_doubled_bracket_is_fixable(lint):
    text = with_text("成立了领导小组（（组长由局长担任）。")
    (found,) = [d for d in lint(text, full=True) if d.code == "GL602"]
    assert (found.line, found.column, found.edits[0].text) == (*at(text, "（（"), "")


def test_balanced_pairs_are_fine(codes):
    assert codes(with_text("根据《条例》（以下简称“条例”）和【通知】〔2021〕，**加强**领导。"), "GL602") == []


# GL603 duplicated-word
@pytest.mark.parametrize("sentence, needle", [
    ("进一步规范审核审核发布机制。", "审核审核"), ("统一的的网站界面。", "的的"), ("群众可通过可以通过网站查询。", "可通过可以通过"),
])
def test_duplicated_words(codes, sentence, needle):
    text = with_text(sentence)
    assert codes(text, "GL603") == [("GL603", *at(text, needle))]


def test_reduplication_is_correct_chinese(codes):
    assert codes(with_text("常常看看，一一落实，层层压实，认认真真，的的确确，人人参与。"), "GL603") == []


# GL604 misnamed-document
@pytest.mark.parametrize("sentence, needle, replacement", [
    ("按照国办公开办涵〔2021〕30号要求。", "国办公开办涵", "国办公开办函"),
    ("依据《中华人民共和国政府信息公开工作条例》。", "《中华人民共和国政府信息公开工作条例》", "《中华人民共和国政府信息公开条例》"),
    ("按照国办公开办函〔2020〕30号要求。", "国办公开办函〔2020〕30号", "国办公开办函〔2021〕30号"),
    ("按照国办公开办函[2021]30号要求。", "国办公开办函[2021]30号", "国办公开办函〔2021〕30号"),
])
def test_misnamed_documents(lint, sentence, needle, replacement):
    text = with_text(sentence)
    found = [d for d in lint(text, full=True) if d.code == "GL604"]
    assert [(d.line, d.column, d.edits[0].text) for d in found] == [(*at(text, needle), replacement)]


def test_right_names_are_fine(codes):
    assert codes(with_text("根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号、国办公开办函〔2019〕60号要求。"), "GL604") == []


def test_seeds_have_no_text_defects_but_the_known_ones(codes):
    for number in ("000", "002", "004"):
        assert codes(seed_text(number), "GL102", "GL104", "GL105", "GL204", "GL205", "GL502", "GL503", "GL504", "GL602", "GL603", "GL604") == []


# GL603 tries its patterns only where a character recurs within four; that must find exactly what
# the patterns' own scans find.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["的", "了", "性", "开", "展", "审核", "可通过", "可以通过", "信息", "公开", "，", "1", " ", "认认真真", "层层"]),
                max_size=30))
def test_gl603_finds_what_the_patterns_find(pieces):
    import re

    from govlint.checks import typography

    text = "".join(pieces)
    rule = typography.DuplicatedWord()

    class Paragraph:
        def __init__(self, text):
            self.text = text

        def span(self, start, end):
            return (start, end)

    expected = []
    for match in typography._REPEATED.finditer(text):
        if not rule._allowed(text, match):
            expected.append((match.start(), match.end()))
    near_end = -1
    for candidate in typography._NEAR_REPEAT.finditer(text):
        i = candidate.start()
        if i < near_end:
            continue
        for length in (2, 3, 4):
            first, second = text[i: i + length], text[i + length: i + 2 * length + 1]
            if len(second) != length + 1 or second[0] != first[0] or second[-1] != first[-1] or first == second[:length]:
                continue
            if re.fullmatch(rf"{typography.CJK_CHAR}+", first + second) and any(second[:k] + second[k + 1:] == first for k in range(1, length)):
                near_end = i + 2 * length + 1
                expected.append((i, near_end))
                break

    class Report:
        paragraphs = [Paragraph(text)]

    found = [finding.span for finding in rule.check(Report())]
    assert sorted(found) == sorted(expected)
