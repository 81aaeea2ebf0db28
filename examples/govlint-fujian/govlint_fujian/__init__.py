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
