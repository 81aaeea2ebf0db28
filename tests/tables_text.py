"""Standard tables written out in each layout the parser reads, for the table tests."""

from __future__ import annotations

APPLICANT_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
APPLICATION_ROWS = [
    ("一、本年新收政府信息公开申请数量",), ("二、上年结转政府信息公开申请数量",),
    ("三、本年度办理结果", "（一）予以公开"), ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("", "（三）不予公开", "1.属于国家秘密"), ("", "", "2.其他法律行政法规禁止公开"), ("", "", "3.危及“三安全一稳定”"),
    ("", "", "4.保护第三方合法权益"), ("", "", "5.属于三类内部事务信息"), ("", "", "6.属于四类过程性信息"),
    ("", "", "7.属于行政执法案卷"), ("", "", "8.属于行政查询事项"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("", "", "2.没有现成信息需要另行制作"), ("", "", "3.补正后申请内容仍不明确"),
    ("", "（五）不予处理", "1.信访举报投诉类申请"), ("", "", "2.重复申请"), ("", "", "3.要求提供公开出版物"),
    ("", "", "4.无正当理由大量反复申请"), ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("", "", "3.其他"),
    ("", "（七）总计"), ("四、结转下年度继续办理",),
]
APPLICATION_KEYS = ["一", "二", "三.一", "三.二"] + [f"三.三.{i}" for i in range(1, 9)] + [f"三.四.{i}" for i in range(1, 4)] + [
    f"三.五.{i}" for i in range(1, 6)] + [f"三.六.{i}" for i in range(1, 4)] + ["三.七", "四"]


def pingtan_2025_applications() -> dict[str, list[int]]:
    """平潭 2025 (corpus 007): 151 new + 3 carried = 148 handled + 6 carried over."""
    rows = {key: [0] * 7 for key in APPLICATION_KEYS}
    rows["一"] = [147, 1, 0, 0, 0, 3, 151]
    rows["二"] = [3, 0, 0, 0, 0, 0, 3]
    rows["三.一"] = [60, 1, 0, 0, 0, 1, 62]
    rows["三.二"] = [10, 0, 0, 0, 0, 0, 10]
    rows["三.三.4"] = [2, 0, 0, 0, 0, 0, 2]
    rows["三.四.1"] = [55, 0, 0, 0, 0, 2, 57]
    rows["三.五.2"] = [9, 0, 0, 0, 0, 0, 9]
    rows["三.六.1"] = [8, 0, 0, 0, 0, 0, 8]
    rows["三.七"] = [144, 1, 0, 0, 0, 3, 148]
    rows["四"] = [6, 0, 0, 0, 0, 0, 6]
    return rows


REVIEW_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"],
    ["", "", "", "", ""] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]


def tab(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def word(rows: list[list[str]]) -> str:
    return "\n".join("".join(f"\t{cell}\n" for cell in row) for row in rows)


def pipe(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    out = ["| " + " | ".join(rows[0] + [""] * (width - len(rows[0]))) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows[1:]]
    return "\n".join(out) + "\n"


def application_rows(values: dict[str, list[int | str]]) -> list[list[str]]:
    header = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况", "", "", "", "", "", "总计"],
        ["", "", "自然人", "法人或其他组织"],
        ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    body = []
    for labels, key in zip(APPLICATION_ROWS, APPLICATION_KEYS):
        cells = list(labels) + ([""] if key in ("一", "二", "四") else [])  # the label spans two columns
        body.append(cells + [str(v) for v in values[key]])
    return header + body


def review_rows(values: list[int | str]) -> list[list[str]]:
    return REVIEW_HEADER + [[str(v) for v in values]]


def wrap_report(tables_text: str, section: str = "三") -> str:
    """A complete, otherwise clean 2025 report holding the given table under its section."""
    parts = [
        "某区政务服务局2025年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。",
        "一、总体情况", "2025年，本机关按要求开展相关工作。",
        "二、主动公开政府信息情况", "", "三、收到和处理政府信息公开申请情况", "",
        "四、政府信息公开行政复议、行政诉讼情况", "", "五、存在的主要问题及改进情况", "培训不足。",
        "六、其他需要报告的事项", "本年度未收取信息处理费。",
    ]
    heading = {"二": 4, "三": 6, "四": 8}[section]
    parts[heading + 1] = "\n" + tables_text
    return "\n".join(parts) + "\n"


def zero_tables() -> dict[str, str]:
    """The 2021-format tables of sections 二, 三 and 四, all zeros, in the tab layout."""
    blocks = (
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n"
        "第二十条第（五）项\t\n信息内容\t本年处理决定数量\n行政许可\t0\n"
        "第二十条第（六）项\t\n信息内容\t本年处理决定数量\n行政处罚\t0\n行政强制\t0\n"
        "第二十条第（八）项\t\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
    )
    zeros = {key: [0] * 7 for key in APPLICATION_KEYS}
    return {"二": blocks.rstrip("\n"), "三": tab(application_rows(zeros)).rstrip("\n"), "四": tab(review_rows([0] * 15)).rstrip("\n")}


def clean_report() -> str:
    """A 2025 report that breaks no rule: all sections, period, fee statement, zero tables."""
    tables = zero_tables()
    text = wrap_report(tables["二"], "二")
    text = text.replace("三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n\n" + tables["三"] + "\n")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议、行政诉讼情况\n\n" + tables["四"] + "\n")
    return text.replace("培训不足。", "工作人员业务培训不足，信息发布还不够及时。")
