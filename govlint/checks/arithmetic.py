"""GL4xx — arithmetic: the identities (勾稽关系) of the standard tables, and the prose against the tables."""

from __future__ import annotations

import re

from govlint.base.chinese import halfwidth
from govlint.base.hookspecs import hookimpl
from govlint.checks.families import family_rules
from govlint.checks.rule import Rule
from govlint.model import identities


class IdentityRule(Rule):
    """Evaluates the format identities whose `rule` is this class's code."""

    summary = "an arithmetic identity of the format does not hold"
    messages = {
        "identity": ("{detail}，两者应相等", "{detail_en}: the two must be equal"),
        "identity-recovered": ("{detail}，两者应相等（表格数字连写，按唯一可行的拆分读取）",
                               "{detail_en}: the two must be equal (the table's digits ran together; read by their only possible split)"),
    }

    def check(self, report):
        for table in report.standard_tables:
            key = "identity-recovered" if table.recovered else "identity"
            for failure in identities.check(table, self.code):
                yield self.say(failure.at.span, key, detail=failure.describe(), detail_en=failure.describe("en"))


class ApplicationBalance(IdentityRule):
    """New plus carried-over applications do not equal those handled plus those carried forward.

    The note in the header of table 三 says it: “第一项加第二项之和，等于第三项加第四项之和” —
    一 + 二 = （七）总计 + 四, in every column. A break means an application was lost or counted twice;
    it is the first thing evaluators check.

    Fails:  自然人: 一 150 + 二 3 = 153, but （七）总计 144 + 四 6 = 150.
    Passes: 一 151 + 二 3 = 154 = （七）总计 148 + 四 6.
    """

    code, name, summary = "GL401", "application-balance", "一 + 二 ≠ （七）总计 + 四"


class ResultsTotal(IdentityRule):
    """（七）总计 is not the sum of the result rows.

    （七）总计 must equal （一） + （二） + the items of （三） 1–8, （四） 1–3, （五） 1–5 and （六） 1–3
    (in the 2019 format （六）其他处理 is a single row), in every column.

    Fails:  （七）总计·自然人 20 while the results above it add up to 26.
    Passes: the results add up to （七）总计 in every column.
    """

    code, name, summary = "GL402", "results-total", "（七）总计 ≠ the sum of the result rows"


class ApplicantTotal(IdentityRule):
    """A row's 总计 is not the sum of its six applicant columns.

    总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, in every row of table 三.

    Fails:  一、本年新收: 自然人 71, 商业企业 3, others 0, 总计 75.
    Passes: the same row with 总计 74.
    """

    code, name, summary = "GL403", "applicant-total", "总计 ≠ the six applicant columns"


class ReviewLitigationTotal(IdentityRule):
    """In table 四, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 is not the 总计.

    Checked for 行政复议, for 行政诉讼 未经复议直接起诉 and for 行政诉讼 复议后起诉.

    Fails:  行政复议 25 + 3 + 8 + 0 with 总计 35.
    Passes: 行政复议 25 + 3 + 8 + 0 with 总计 36.
    """

    code, name, summary = "GL404", "review-litigation-total", "维持 + 纠正 + 其他 + 尚未审结 ≠ 总计 in 四"


class SubtotalMismatch(IdentityRule):
    """A subtotal row or column a report added is not the sum of its parts.

    Some reports add subtotal rows for （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理, or a
    法人或其他组织 column; the format accepts them, and they must add up.

    Fails:  a （三）不予公开 row of 5 above items that sum to 4.
    Passes: the subtotal equals the sum of its items.
    """

    code, name, summary = "GL406", "subtotal-mismatch", "an added subtotal is not the sum of its parts"


# ---- prose against the tables ----------------------------------------------------------------
_N = r"(?P<n>\d+)\s*(?:件|个|条|份|宗|起|次)"


_GAP = r"[^，。；;,\d]{0,16}?"


CLAIMS = (
    # (pattern, what, table role, cells). In the applications table the cells are a row role's
    # total; "received" accepts new or new + carried_in. In the review table they are the totals
    # of the groups of a kind (review: 行政复议; litigation: both kinds of 行政诉讼), summed.
    (re.compile(rf"新收{_GAP}申请{_GAP}{_N}"), "本年新收申请数", "applications", "new"),
    (re.compile(rf"(?:收到|受理|接收){_GAP}(?:申请|依申请公开){_GAP}{_N}"), "收到申请数", "applications", "received"),
    # “全年共办理政府信息公开申请N件”: what was on the desk this year, new or new + carried in.
    (re.compile(rf"(?:全年|全区|全县|全市|本年度?|今年|累计)共?办理{_GAP}(?:申请|依申请公开)(?:共|总计|合计)?\s*{_N}"), "办理申请数", "applications", "received"),
    (re.compile(rf"上年结转{_GAP}{_N}"), "上年结转申请数", "applications", "carried_in"),
    (re.compile(rf"(?:办结|办理完毕|答复){_GAP}{_N}"), "办结申请数", "applications", "results_total"),
    (re.compile(rf"结转(?:至|到)?(?:下一?年度?|下年|20\d\d年(?:度)?){_GAP}(?:办理)?{_GAP}{_N}"), "结转下年度申请数", "applications", "carried_out"),
    (re.compile(rf"行政复议{_GAP}{_N}"), "行政复议案件数", "review", "review"),
    (re.compile(rf"行政诉讼{_GAP}{_N}"), "行政诉讼案件数", "review", "litigation"),
)


# “其中自然人申请151件、法人或其他组织申请3件”: a figure per applicant type, in the sentence that states
# the applications received. The words are the format's column labels (法人或其他组织 also as 法人).
# Between the type and its figure only linking words: “自然人申请较上年增加20件”, “法人或其他组织（商业企业2件…）”
# and “企业法人登记事项的5件” are other figures.
_APPLICANT_GAP = r"\s*(?:提出)?(?:申请)?(?:的|共|为|数)?\s*[:：]?"
_SENTENCE = re.compile(r"[^。；;！？]+")
_OTHER_COUNT = re.compile(r"(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复|(?<!上年)结转|较上年|同比|20\d\d年)")


NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^，。；\d]{0,12}?(?:申请|依申请公开)|无依申请公开")


class NarrativeTableMismatch(Rule):
    """A number in the text disagrees with the table it summarises.

    Evaluators compare the prose with the tables: “收到/新收申请N件” with 一·总计 (or 一 + 二 when the text
    counts carried-over applications as received; “全年办理…申请N件” likewise), 上年结转 with 二·总计, 办结 with （七）总计, 结转 with
    四·总计, “行政复议N件” with the 复议 总计, “行政诉讼N件” with the two 诉讼 总计 together, and
    “未收到申请” with 一·总计 = 0. The finding points at the number in the text and names the cell.

    A figure per applicant type in the sentence that states the applications received (“其中自然人申请
    151件、法人或其他组织申请3件”) is compared with that column of 一 (or 一 + 二, as the received figure
    is); 法人或其他组织 is the sum of its five columns when the table has no such column. A row that
    was not read, or a blank cell, is never compared.

    Fails:  “全年共收到政府信息公开申请154件” with 一·总计 = 140 and 二·总计 = 3.
    Passes: the same sentence with 一·总计 = 151 and 二·总计 = 3.
    """

    code, name, summary = "GL405", "narrative-table-mismatch", "a number in the text disagrees with the table"
    messages = {
        "number": ("正文所述{what}为{stated}，与表格不符：{table}", "the text gives {what} as {stated}, the table says otherwise: {table}"),
        "none-received": ("正文称未收到申请，但表格“{cell}”为{value}",
                          "the text says no application was received, but {cell} is {value}"),
    }

    def check(self, report):
        tables = {"applications": report.applications, "review": report.review_litigation}
        for prose in report.paragraphs:  # a statement split by a wrap is read whole
            text = halfwidth(prose.text)
            for pattern, what, role, cells in CLAIMS:
                table = tables[role]
                if table is None:
                    continue
                for match in pattern.finditer(text):
                    stated = int(match["n"])
                    expected = self._expected(table, role, cells)
                    if expected is None or stated in expected[0]:
                        continue
                    span = prose.span(match.start("n"), match.end("n"))
                    yield self.say(span, "number", what=what, stated=stated, table=expected[1])
            applications = tables["applications"]
            if applications is not None:
                yield from self._applicant_figures(prose, text, applications)
            none = NONE_RECEIVED.search(text)
            if none and applications is not None:
                row, column = _total(applications, "new")
                cell = applications.cell(row, column)
                if cell is not None and cell.valid and cell.value > 0:
                    span = prose.span(none.start(), none.end())
                    yield self.say(span, "none-received", value=cell.value, cell=identities.cell_display(applications, row, column))

    def _applicant_figures(self, prose, text, table):
        """GL405 on “其中自然人申请N件、法人或其他组织申请M件” (see the docstring)."""
        received = [(pattern, cells) for pattern, _, role, cells in CLAIMS if role == "applications" and cells in ("new", "received")]
        types = _applicant_types(table)
        for sentence in _SENTENCE.finditer(text):
            kinds = {cells for pattern, cells in received if pattern.search(sentence.group())}
            if not kinds:
                continue
            rows = ["new", "carried_in"] if "received" in kinds else ["new"]
            # The figures per type follow the received count, up to the next other count (予以公开6件（自然人5件…）).
            start = min(m.end() for pattern, _ in received for m in [pattern.search(text, sentence.start(), sentence.end())] if m)
            other = _OTHER_COUNT.search(text, start, sentence.end())
            stop = other.start() if other else sentence.end()
            for pattern, name, columns in types:
                for match in pattern.finditer(text, start, stop):
                    sums = [_row_sum(table, row, columns) for row in rows]
                    if sums[0] is None:
                        continue  # the row was not read, or a cell is blank: nothing to compare with
                    expected = {sums[0]}
                    shown = f"本年新收·{name} {sums[0]}"
                    if len(sums) > 1 and sums[1]:
                        expected.add(sums[0] + sums[1])
                        shown += f"（含上年结转为 {sums[0] + sums[1]}）"
                    stated = int(match["n"])
                    if stated not in expected:
                        yield self.say(prose.span(match.start("n"), match.end("n")), "number", what=f"{name}申请数", stated=stated, table=shown)

    @staticmethod
    def _expected(table, role, cells):
        """The values the statement may have, and how the table shows them; None when unreadable."""
        if cells == "received":
            new, carried = (table.cell(*_total(table, row)) for row in ("new", "carried_in"))
            if new is None or not new.valid:
                return None
            if carried is not None and carried.valid:
                return {new.value, new.value + carried.value}, f"本年新收 {new.value}（含上年结转为 {new.value + carried.value}）"
            return {new.value}, f"本年新收 {new.value}"
        if role == "applications":
            keys = [_total(table, cells)]
        else:
            roles = table.format.roles.review
            keys = [(roles.row("year"), group.total) for group in roles.groups if group.kind == cells]
        values = []
        for row, column in keys:
            cell = table.cell(row, column)
            if cell is None or not cell.valid:
                return None
            values.append(cell.value)
        if not values:
            return None
        names = " + ".join(identities.cell_display(table, row, column) for row, column in keys)
        return {sum(values)}, f"{names} = {sum(values)}"


def _applicant_types(table) -> list[tuple[re.Pattern, str, tuple[str, ...]]]:
    """(pattern, name, column keys) of the applicant types the prose may give figures for: the natural
    persons' column, and the organisations' (their subtotal column's parts, as the table is written)."""
    roles = table.format.roles.applications
    if not {"natural_persons", "organisations"} <= roles.columns.keys():
        return []  # a format that does not name them (see model/formats.py)
    spec = table.spec
    natural = spec.column(roles.column("natural_persons"))
    organisations = spec.column(roles.column("organisations"))
    present = {column.key for column in table.columns}
    parts = (organisations.key,) if organisations.key in present else tuple(organisations.subtotal_of)
    out = []
    for label, name, columns in ((natural.label, natural.label, (natural.key,)),
                                 (f"{organisations.label}|{organisations.label.split('或')[0]}(?:[和及与]其他组织)?", organisations.label, parts)):
        pattern = re.compile(rf"(?:{label}){_APPLICANT_GAP}{_N}")
        out.append((pattern, name, columns))
    return out


def _row_sum(table, row_role: str, columns: tuple[str, ...]) -> int | None:
    row_key = table.format.roles.applications.row(row_role)
    cells = [table.cell(row_key, column) for column in columns]
    if not cells or any(cell is None or not cell.valid for cell in cells):
        return None
    return sum(cell.value for cell in cells)


def _total(table, row_role: str) -> tuple[str, str]:
    """(row key, column key) of the 总计 of a row of the applications table, in the table's own format."""
    roles = table.format.roles.applications
    return roles.row(row_role), roles.column("total")


@hookimpl
def govlint_rules():
    return family_rules(__name__)
