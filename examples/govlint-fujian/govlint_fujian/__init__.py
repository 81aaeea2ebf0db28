"""An example provincial pack: what a province adds to the national format.

Rule codes use the pack's own prefix (FJ); the GL prefix is govlint's.
"""

from __future__ import annotations

import re

from govlint import Rule, Severity, hookimpl


class InnovationReported(Rule):
    """Section 六 does not report 政务公开工作创新情况.

    The province asks every report to say, in 六、其他需要报告的事项, what was new in its 政务公开 work
    this year (政务公开工作创新情况) — even if the answer is that there was nothing new.

    Fails:  六、其他需要报告的事项 — “本年度未收取信息处理费。”
    Passes: 六 — “（四）政务公开工作创新情况。本年度开设了政策问答专栏。”
    """

    code, name, summary = "FJ101", "innovation-reported", "section 六 does not report 政务公开工作创新情况"
    severity = Severity.WARNING
    messages = {"missing": ("第六部分未报告政务公开工作创新情况（本省要求）", "section 六 does not report 政务公开工作创新情况 (a provincial requirement)")}
    MENTION = re.compile(r"创新")

    def check(self, report):
        six = report.sections.get("六")
        if six is None:
            return  # GL101 reports the missing section
        if not any(self.MENTION.search(prose.text, start, stop) for prose, start, stop in report.section_text("六")):
            yield self.say(six.span, "missing")


@hookimpl
def govlint_rules():
    return [InnovationReported]


from govlint.checks.history import HistoryRule  # noqa: E402


class ApplicationsJump(HistoryRule):
    """New applications jumped against the year before, and the report does not say why.

    A cross-report rule (`HistoryRule`): the engine hands it the same body's report of the year just
    before (`consecutive`), found among the files checked and the configured `history`. The province
    asks a body whose 本年新收政府信息公开申请数量 grew more than `factor` times to explain it; the rule
    reads the applications table by its roles, never by a literal key.

    Fails:  “一、本年新收政府信息公开申请数量” of 60 when the year before had 5.
    Passes: “一、本年新收政府信息公开申请数量” of 6 when the year before had 5.
    """

    code, name, summary = "FJ701", "applications-jump", "new applications grew more than `factor` times over last year"
    severity = Severity.WARNING
    needs, consecutive = "previous", True
    options = {"factor": (int, 5)}
    factor = 5
    messages = {"jump": ("本年新收申请{now}件，是{year}年（{other}）{before}件的{times}倍以上，请在报告中说明原因（本省要求）",
                         "{now} new applications, over {times} times the {before} of {year} ({other}): explain it (a provincial requirement)")}

    def facts(self, report):
        table = report.applications
        if table is None:
            return {}
        roles = table.format.roles.tables["applications"]
        cell = table.cell(roles.rows["new"], roles.columns["total"])
        if cell is None or not isinstance(cell.value, int):
            return {}
        span = cell.span
        return {"new": cell.value, "span": [span.line, span.column, span.end_line, span.end_column]}

    def check_history(self, this, other):
        now, before = this.of(self).get("new"), other.of(self).get("new")
        if now is None or before is None or now <= 20 or now <= before * self.factor:
            return
        from govlint.base.spans import Span

        yield self.say(Span(*this.of(self)["span"]), "jump", now=now, before=before, year=other.year,
                       other=other.path, times=self.factor)


@hookimpl
def govlint_history_rules():
    return [ApplicationsJump]
