"""GL2xx — dates: the statistics period, the report year, the publication date, impossible dates."""

from __future__ import annotations

import re
from datetime import date

from govlint.base.chinese import find_dates, halfwidth
from govlint.base.diagnostics import Severity
from govlint.base.hookspecs import hookimpl
from govlint.checks.families import family_rules
from govlint.checks.rule import Option, Rule
from govlint.syntax.parser import LABEL_NUMBERING


class MissingStatisticsPeriod(Rule):
    """The report never states its statistics period.

    Almost every report says which period its numbers cover, e.g. “本报告中所列数据的统计期限自2023年1月1日起
    至2023年12月31日止” (统计期限 / 统计时限 / 统计时间 / 统计周期 …); evaluators mark its absence down.

    Fails:  no sentence naming the 统计期限 (or a 1月1日–12月31日 range of the report's data).
    Passes: “本年度报告中所列数据的统计期限为2023年1月1日起至2023年12月31日止。”
    """

    code, name, summary = "GL201", "missing-statistics-period", "no statement of the statistics period"
    messages = {"missing": ("未说明统计期限：应写明“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”",
                            "the statistics period is not stated: write “本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”")}

    def check(self, report):
        if report.statistics_period is None:
            year = report.year or "YYYY"
            yield self.say(report.anchor, "missing", year=year)


class StatisticsPeriodMismatch(Rule):
    """The stated statistics period is not the whole report year.

    The period must run from 1月1日 to 12月31日 of the year in the title. Reported: a period of
    another year than the title's, a start or end other than 1月1日 / 12月31日, and dates that lost
    their 年, 月 or 日 (“统计期限自至。”, “自20241月1 日至202412月31日止”). A whole-year period of the
    wrong year is reported here, not as GL203.

    Fails:  title 2023年…报告, “统计期限自2022年1月1日起至2022年12月31日止”.
    Passes: “统计期限为2023年1月1日至12月31日”.
    """

    code, name, summary = "GL202", "statistics-period-mismatch", "the statistics period is not the whole report year"
    messages = {
        "unreadable": ("统计期限的起止日期不完整或无法识别：“{text}”", "the statistics period has no readable start and end: “{text}”"),
        "not-whole-year": ("统计期限应为报告年度全年：{problems}", "the statistics period must be the whole report year: {problems_en}"),
    }

    def check(self, report):
        period = report.statistics_period
        if period is None:
            return
        start, end = period.start, period.end
        if start is None or end is None or start.year is None:
            yield self.say(period.span, "unreadable", text=period.text.strip())
            return
        expected = report.title.year if report.title and report.title.year else start.year
        problems, problems_en = [], []
        if (start.month, start.day) != (1, 1):
            problems.append(f"起始日期为{start.month}月{start.day}日而非1月1日")
            problems_en.append(f"it starts on {start.month}-{start.day}, not 1-1")
        if (end.month, end.day) != (12, 31):
            problems.append(f"截止日期为{end.month}月{end.day}日而非12月31日")
            problems_en.append(f"it ends on {end.month}-{end.day}, not 12-31")
        if start.year != end.year:
            problems.append(f"起止年份不同（{start.year}年至{end.year}年）")
            problems_en.append(f"it runs from {start.year} to {end.year}")
        elif start.year != expected:
            problems.append(f"统计年份为{start.year}年，而报告年度为{expected}年")
            problems_en.append(f"it covers {start.year}, the report is for {expected}")
        if problems:
            yield self.say(period.span, "not-whole-year", problems="；".join(problems), problems_en="; ".join(problems_en))


_FUTURE = re.compile(r"将|计划|拟|预计|力争|下一步|明年|继续")


_OPENING_YEAR = re.compile(
    # Possessive \s*+ and a label that cannot start with a space keep this linear on a line of spaces.
    r"^\s*+(?:[-*+]\s+|#{1,6}\s+)?"  # a Markdown bullet or heading
    rf"(?:(?:{LABEL_NUMBERING})\s*+)?"  # numbering
    r"(?:\*\*)?(?:[^。\d\s][^。\d]{0,24}?。(?:\*\*)?)?\s*+"  # a run-in label: “（二）依申请公开情况。”
    r"(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月|\s*[一二三四五六七八九十]{1,2}\s*月)"
)


_SELF_CITATION = re.compile(r"(?:编制|发布|公布|形成|撰写)了?[^。《]{0,8}《[^》]{0,30}?(?P<year>(?:19|20)\d{2})\s*年度?政府信息公开工作年度报告》")


# The report on how it was written: “结合2022年度工作实际编制本报告” (last year's sentence kept).
_SELF_BASIS = re.compile(r"(?:结合|根据|依据)[^。，；]{0,8}?(?P<year>(?:19|20)\d{2})\s*年度?[^。，；\d]{0,12}?(?:实际|情况)[^。；\d]{0,6}?编制(?:了)?(?:本|此)(?:年度)?报告")


class YearMismatch(Rule):
    """The body reports on a different year than the title names.

    Evaluators mark “年份错误” when a 2023 report opens a paragraph with “2022年，我局…” (often text
    copied from last year's report), or a heading names another year. A signature date in the next
    year is normal, and so is a plan for the next year (“2024年，我局将…”). The statistics period's
    year is checked by GL202.

    The report naming itself with another year (“我镇认真编制了《田黄镇2020年政府信息公开工作年度报告》”
    in a 2021 report), or describing how it was written with another year (“结合2022年度工作实际编制本报告”
    in a 2023 report), is reported too. Without a year in the title, the statistics period's year is
    the reference.

    Fails:  title 2023年…报告, paragraph “（二）依申请公开情况。2022年，本机关收到申请3件。”
    Passes: title 2023年…报告, paragraph “下一步，2024年我局将进一步规范公开流程。”
    """

    code, name, summary = "GL203", "year-mismatch", "the body's year disagrees with the title's"
    messages = {"mismatch": ("正文所述年份为{found}年，与{source}{year}年不一致", "the text speaks of {found}, but {source_en} is {year}")}

    def check(self, report):
        title = report.title
        period = report.statistics_period
        if title is not None and title.year:
            year, source, source_en = title.year, "标题中的报告年度", "the report year in the title"
        elif period is not None and period.start and period.start.year:
            year, source, source_en = period.start.year, "统计期限的年度", "the statistics period's year"
        else:
            return
        skip = set(report.signature_lines)
        if title is not None:
            skip.update(range(title.span.line, title.span.end_line + 1))
        for prose in report.paragraphs:  # a paragraph's opening year, not a wrapped line's
            if prose.line in skip:
                continue
            for span, found in self._evidence(prose):
                if found != year:
                    yield self.say(span, "mismatch", found=found, source=source, source_en=source_en, year=year)

    @staticmethod
    def _evidence(prose):
        """Years the body reports on: a paragraph's opening year, and the report naming itself."""
        match = _OPENING_YEAR.match(prose.text)
        if match:
            found = int(match["year"])
            end = prose.text.find("。", match.end())
            sentence = prose.text[match.end(): end if end >= 0 else len(prose.text)]
            if not _FUTURE.search(halfwidth(sentence)):
                yield prose.span(match.start("year"), match.end()), found
        for pattern in (_SELF_CITATION, _SELF_BASIS):
            for cite in pattern.finditer(prose.text):
                yield prose.span(cite.start("year"), cite.end("year") + 1), int(cite["year"])


def _month_day_problem(value: str) -> str | None:
    month, day = (int(part) for part in value.split("-"))
    try:
        date(2024, month, day)  # a leap year: 02-29 is a possible deadline
    except ValueError:
        return f"{value!r} is not a day of the year (MM-DD)"
    return None


class LatePublication(Rule):
    """The signature date is after the deadline of 条例 第四十九条.

    A department (县级以上人民政府部门) publishes its report by 1月31日 of the next year; a government's own
    report (本级人民政府) by 3月31日. The body is a government when its name in the title ends in 人民政府
    (a 人民政府办公室 is a department). A signature date in January of the next year is normal.

    Options: `body-type` (auto | department | government), `department-deadline` and
    `government-deadline` (MM-DD of the next year; defaults 01-31 and 03-31).

    Fails:  “某区教育局2023年政府信息公开工作年度报告” signed “2024年2月20日”.
    Passes: the same report signed “2024年1月20日”.
    """

    code, name, summary = "GL204", "late-publication", "the signature date is after the publication deadline"
    severity = Severity.WARNING
    options = {
        "body-type": Option(str, "auto", choices=("auto", "department", "government")),
        "department-deadline": Option(str, "01-31", pattern=r"\d\d-\d\d", description="MM-DD", validate=_month_day_problem),
        "government-deadline": Option(str, "03-31", pattern=r"\d\d-\d\d", description="MM-DD", validate=_month_day_problem),
    }
    messages = {"late": ("落款日期{signed}晚于{kind}年度报告的发布期限（{deadline}）", "signed {signed}, after the deadline for a {kind_en} ({deadline})")}
    def check(self, report):
        signature, title = report.signature, report.title
        if signature is None or title is None or title.year is None:
            return
        signed = signature.date.as_date()
        if signed is None:
            return
        government = title.body.endswith("人民政府") if self.body_type == "auto" else self.body_type == "government"
        month, day = (int(part) for part in (self.government_deadline if government else self.department_deadline).split("-"))
        deadline = date(title.year + 1, month, day)
        if signed > deadline:
            yield self.say(signature.span, "late", signed=f"{signed.year}年{signed.month}月{signed.day}日",
                           kind="本级人民政府" if government else "政府部门", kind_en="government" if government else "department",
                           deadline=f"{deadline.year}年{month}月{day}日")


_GLUED_YEAR = re.compile(r"(?<![\d年])((?:19|20)\d{2})(\d{1,2})\s*月")  # “20241月”: 年 lost


_GLUED_DAY = re.compile(r"(?<![\d年月./-])(\d{5,8})\s*日")  # “202111日”, “20211230日”: 年 and 月 lost


# “202020年”: a year with digits doubled by a slip or a conversion (five or six digits starting 19/20).
_LONG_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{3,4})\s*年")

_MONTH = re.compile(r"(?<![\d])((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")


class InvalidDate(Rule):
    """A date that cannot exist, or that lost its 年 or 月.

    “2023年2月30日”, “13月”, years with too many digits (“202020年”) and dates whose parts ran together
    (“自202111日起至20211230日止”, “20241月1日”) cannot be read by anyone; in a statistics period they leave
    the report without a valid period. Zero-padded dates (“2024年01月01日”) are dates.

    Fails:  “统计期限自2023年1月1日起至2023年2月30日止”
    Passes: “统计期限自2023年1月1日起至2023年12月31日止”
    """

    code, name, summary = "GL205", "invalid-date", "a date that cannot exist or lost its parts"
    messages = {
        "impossible": ("日期“{date}”不存在", "the date “{date}” does not exist"),
        "month": ("日期“{date}”的月份不存在", "the month of “{date}” does not exist"),
        "glued": ("日期“{date}”缺少“{lost}”，数字连在了一起", "the date “{date}” lost its “{lost}”: the digits ran together"),
        "year-digits": ("年份“{date}”位数不对（{count}位数字）", "the year “{date}” has {count} digits"),
    }
    requires = "lines"

    def check(self, report):
        for prose in report.paragraphs:  # a date split by a wrap is read whole
            text = prose.text
            if "月" not in text and "日" not in text:
                continue
            for found in find_dates(text):
                if found.as_date() is None and not (found.month == 2 and found.day == 29 and found.year % 4 == 0):
                    span = prose.span(found.start, found.end)
                    yield self.say(span, "impossible", date=text[found.start:found.end])
            for match in _MONTH.finditer(text):
                if not 1 <= int(match.group(2)) <= 12:
                    yield self.say(prose.span(match.start(), match.end()), "month", date=match.group(0))
            for match in _LONG_YEAR.finditer(text):
                yield self.say(prose.span(match.start(1), match.end()), "year-digits", date=match.group(0), count=len(match.group(1)))
            for pattern, what in ((_GLUED_YEAR, "年"), (_GLUED_DAY, "年、月")):
                for match in pattern.finditer(text):
                    yield self.say(prose.span(match.start(), match.end()), "glued", date=match.group(0), lost=what)


@hookimpl
def govlint_rules():
    return family_rules(__name__)
