"""GL5xx — content: the fee statement, drafting leftovers, conversion debris, statements the tables refute.

GL501–GL503 are declared as data in rules/packs/content.yaml; GL504 is below."""

from __future__ import annotations

import re

from govlint.base.hookspecs import hookimpl
from govlint.checks.families import family_rules
from govlint.checks.rule import Rule
from govlint.model.identities import cell_display

_ALL_DONE = re.compile(
    r"(?:所有|全部|各项)?(?:申请)?(?:均已|均|全部|都已|已全部|全部已)(?:按要求|按规定|按时|按期|依法|及时|在法定期限内)?"
    r"(?:办结|办理完毕|办理完成|处理完毕|答复完毕|予以答复|作出答复|答复)"
)
# A sentence about 人大代表建议, 政协提案, letters or consultations: its “均已办结” is not about applications.
_OTHER_BUSINESS = re.compile(r"建议|提案|议案|信访|来信|留言|咨询|诉求|热线")


_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|已被|予以)?维持")


class SelfContradiction(Rule):
    """The text says something the tables refute.

    “所有申请均已办结” while 四、结转下年度继续办理 is above zero; “均获维持” while cases are 尚未审结 or were
    纠正. Evaluators read such statements against the tables and mark them as 自相矛盾.

    Fails:  “本年度收到的申请均已办结。” with 结转下年度继续办理·总计 = 2.
    Passes: the same sentence with 结转下年度继续办理·总计 = 0.
    """

    code, name, summary = "GL504", "self-contradiction", "the text contradicts the tables"
    messages = {
        "all-done": ("正文称“{said}”，但表格“{cell}”为{carried}", "the text says “{said}”, but {cell} is {carried}"),
        "all-upheld": ("正文称“{said}”，但表格显示{cases}", "the text says “{said}”, but the table shows {cases}"),
    }

    def check(self, report):
        applications, review = report.applications, report.review_litigation
        carried = carried_name = None
        if applications is not None:
            roles = applications.format.roles.applications
            row, column = roles.row("carried_out"), roles.column("total")
            carried, carried_name = applications.cell(row, column), cell_display(applications, row, column)
        open_cases = []
        if review is not None:
            roles = review.format.roles.review
            for group in roles.groups:
                for role in ("open", "corrected"):  # 尚未审结, 结果纠正: cases not (yet) upheld
                    key = group.column(role)
                    cell = review.cell(roles.row("year"), key)
                    if cell is not None and cell.valid and cell.value > 0:
                        open_cases.append(f"{group.name}{review.spec.column(key).label} {cell.value} 件")
        carried_over = carried is not None and carried.valid and carried.value > 0
        if not carried_over and not open_cases:
            return  # nothing the text could contradict: its sentences need not be read
        for prose in report.paragraphs:
            for match in _ALL_DONE.finditer(prose.text) if carried_over else ():
                if _about_other_business(prose.text, match.start()):
                    continue
                yield self.say(prose.span(match.start(), match.end()), "all-done", said=match.group(0),
                               carried=carried.value, cell=carried_name)
            for match in _ALL_UPHELD.finditer(prose.text) if open_cases else ():
                yield self.say(prose.span(match.start(), match.end()), "all-upheld", said=match.group(0),
                               cases="、".join(open_cases), cases_en=", ".join(open_cases))


def _about_other_business(text: str, at: int) -> bool:
    start = max(text.rfind(mark, 0, at) for mark in "。；;") + 1
    return bool(_OTHER_BUSINESS.search(text, start, at))


@hookimpl
def govlint_rules():
    return family_rules(__name__)
