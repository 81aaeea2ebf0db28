"""GL9xx — the engine's own findings: a document that cannot be parsed, a rule that failed, suppression comments."""

from __future__ import annotations

from govlint.base.diagnostics import Severity
from govlint.checks.rule import Rule


class EngineRule(Rule):
    """A finding the engine makes itself; listed, selected and documented like any rule."""

    plugin = "engine"


class ParseErrorRule(EngineRule):
    """The document, or a part of it, could not be parsed.

    govlint reads any text, so this means a bug in govlint's grammar rather than in the report:
    please report it with the file. Rules that read single lines still run; rules that need the
    document's structure are skipped for this file.
    """

    code, name, summary = "GL900", "parse-error", "the document could not be parsed"
    messages = {"failed": ("无法解析文档（第{line}行）：{error}", "cannot parse the document (line {line}): {error}")}


class RuleErrorRule(EngineRule):
    """A rule raised an exception while checking this report.

    The finding names the rule and the error; every other rule still ran. It is a bug in that
    rule (or its plugin), not a defect of the report.
    """

    code, name, summary = "GL902", "rule-error", "a rule failed while checking the report"
    messages = {"failed": ("规则 {code} ({name}) 运行出错：{error}", "rule {code} ({name}) failed: {error}")}


class UnusedSuppression(EngineRule):
    """An inline suppression comment that suppressed nothing.

    `<!-- govlint-disable-line GL601 -->` on a line without a GL601 finding — left over after the text
    was fixed, or naming the wrong rule. Remove it so the suppressions that remain mean something.
    """

    code, name, summary = "GL903", "unused-suppression", "a suppression comment that suppresses nothing"
    severity = Severity.WARNING
    messages = {"unused": ("抑制指令“{text}”没有抑制任何问题，可以删除", "the suppression “{text}” suppresses nothing and can be removed")}


class InvalidSuppression(EngineRule):
    """A malformed suppression comment: an unknown directive (govlint-disabel) or an unknown rule.

    The forms are govlint-disable, govlint-enable, govlint-disable-line, govlint-disable-next-line and
    govlint-disable-file, followed by rule codes, prefixes or names, and an optional reason after `--`.
    """

    code, name, summary = "GL904", "invalid-suppression", "a malformed suppression comment"
    severity = Severity.WARNING
    messages = {
        "unknown-directive": ("未知的抑制指令“{directive}”，可用：{known}", "unknown suppression directive “{directive}”; the forms are {known}"),
        "unknown-rule": ("抑制指令中的规则“{rules}”不存在", "the suppression names no known rule: “{rules}”"),
    }


class NotFullyChecked(EngineRule):
    """The report was not fully checked: the rules took longer than the per-file budget.

    govlint bounds the work it spends on one file (a pathological file — a single line of hundreds of
    kilobytes, a table of thousands of run-together digits — must not stall a commit hook or a batch
    of thousands of reports). The rules that did not run are named; the findings of those that did
    are reported as usual. Split the file or report it to govlint with the file attached.
    """

    code, name, summary = "GL905", "not-fully-checked", "the per-file time budget ran out before every rule ran"
    severity = Severity.WARNING
    messages = {"budget": ("本文件未完整检查：检查用时超过{seconds}秒，以下规则未运行：{rules}",
                           "not fully checked: the checks took more than {seconds} s; these rules did not run: {rules}")}


ENGINE_RULES = (ParseErrorRule, RuleErrorRule, UnusedSuppression, InvalidSuppression, NotFullyChecked)
PARSE_ERROR, RULE_ERROR, UNUSED_SUPPRESSION, INVALID_SUPPRESSION, NOT_FULLY_CHECKED = (rule() for rule in ENGINE_RULES)
SUPPRESSION_CODES = frozenset({UnusedSuppression.code, InvalidSuppression.code})
