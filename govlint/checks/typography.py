"""GL6xx — typography: punctuation, paired marks, repeated words, the names of the governing documents.

GL604 is declared as data in rules/packs/typography.yaml; GL601–GL603 are below."""

from __future__ import annotations

import re

from govlint.base.diagnostics import Edit, Severity
from govlint.base.hookspecs import hookimpl
from govlint.base.spans import Span
from govlint.base.urls import in_url, url_spans
from govlint.checks.families import family_rules
from govlint.checks.rule import Option, Rule

# A letter outside ASCII — in these reports, a Chinese character. Written as a negated class because
# Python compiles the explicit CJK ranges into large tables (3 ms a pattern, on every start-up).
CJK_CHAR = r"[^\W\d_A-Za-z]"


CHINESE_NEIGHBOUR = re.compile(rf"{CJK_CHAR}|[\u3000-\u303f\uff01-\uff60\u2018-\u201d]")


FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


_ASCII_MARK = re.compile(r"[,;:?!]")


_ASCII_MARK_PAREN = re.compile(r"[,;:?!()]")


class HalfwidthPunctuation(Rule):
    """ASCII punctuation , ; : ? ! written next to Chinese text.

    Chinese text takes full-width punctuation (，；：？！); a half-width comma between Chinese characters
    (“2020年,我局”) is the mark of text typed with the wrong input mode or converted badly, and evaluators
    list it under 标点不规范. Numbers, times (9:30), URLs, e-mail addresses and Latin text are left alone,
    and so are table cells. `govlint --fix` writes the full-width mark. Option `parentheses` (default
    false): also report half-width ( ) next to Chinese text — off by default because real reports
    write “(一)” everywhere.

    Fails:  “2020年,我局认真贯彻落实区委、区政府工作部署:”
    Passes: “2020年，我局认真贯彻落实区委、区政府工作部署：”
    """

    code, name, summary = "GL601", "halfwidth-punctuation", "ASCII , ; : ? ! next to Chinese text"
    severity = Severity.WARNING
    fixable = True
    requires = "lines"
    options = {"parentheses": Option(bool, False)}
    messages = {"halfwidth": ("中文中使用了半角标点“{mark}”，应为“{right}”", "half-width “{mark}” in Chinese text; write “{right}”")}

    def check(self, report):
        for prose in report.prose:
            text = prose.text
            marks = list((_ASCII_MARK_PAREN if self.parentheses else _ASCII_MARK).finditer(text))
            if not marks:
                continue
            urls = url_spans(text)
            for mark in marks:
                index, char = mark.start(), mark.group(0)
                if in_url(urls, index):
                    continue
                before = text[index - 1] if index else ""
                after = text[index + 1] if index + 1 < len(text) else ""
                if not (CHINESE_NEIGHBOUR.match(before) or CHINESE_NEIGHBOUR.match(after)):
                    continue
                if before.isdigit() and after.isdigit():
                    continue
                span = Span(prose.line, index + 1, prose.line, index + 2)
                yield self.say(span, "halfwidth", edits=[Edit(span, FULLWIDTH[char])], mark=char, right=FULLWIDTH[char])


PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕"}


CLOSERS = {close: open_ for open_, close in PAIRS.items()}


_PAIR_MARK = re.compile(r"[（）《》“”‘’【】〔〕]|\*\*")


_BRACKET = re.compile(r"[（）《》“”‘’【】〔〕]")


class UnbalancedPairs(Rule):
    """A bracket, book-title mark or quotation mark without its partner, or doubled.

    （）《》“”‘’【】〔〕 come in pairs within a paragraph, and so does Markdown's `**`. An unclosed 《 makes a
    document's name run on; “（（” is a slip of the keyboard, and `govlint --fix` removes the extra one.

    Fails:  “根据《中华人民共和国政府信息公开条例（以下简称《条例》）”
    Passes: “根据《中华人民共和国政府信息公开条例》（以下简称《条例》）”
    """

    code, name, summary = "GL602", "unbalanced-pairs", "an unclosed or doubled bracket or quotation mark"
    fixable = True
    requires = "lines"
    messages = {
        "unclosed": ("“{mark}”没有对应的“{partner}”", "“{mark}” has no matching “{partner}”"),
        "doubled": ("“{mark}”重复", "“{mark}” is doubled"),
        "bold": ("Markdown 加粗标记“**”数目为奇数，有一处未配对", "an odd number of Markdown “**”: one is unpaired"),
    }

    def check(self, report):
        # Pairs are balanced within a paragraph: a 《 on one line closed on the next by a PDF wrap or
        # across a page number is no finding; positions are the original lines'.
        for paragraph in report.paragraphs:
            if _PAIR_MARK.search(paragraph.text):
                yield from self._paragraph(paragraph)

    def _paragraph(self, paragraph):
        text = paragraph.text
        urls = url_spans(text)
        stack: list[tuple[str, int]] = []
        counts: dict[str, int] = {}
        for mark in _BRACKET.finditer(text):
            index, char = mark.start(), mark.group(0)
            if in_url(urls, index):
                continue
            counts[char] = counts.get(char, 0) + 1
            if char in PAIRS:
                stack.append((char, index))
            elif char in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[char]:
                    stack.pop()
                else:
                    yield self._report(paragraph, index, counts, CLOSERS[char])
        for char, index in stack:
            yield self._report(paragraph, index, counts, PAIRS[char])
        stripped = text.strip()
        if not re.fullmatch(r"[*\-_ ]{3,}", stripped):
            marks = [m.start() for m in re.finditer(r"\*\*", text)]
            if len(marks) % 2:
                yield self.say(paragraph.span(marks[0], marks[0] + 2), "bold")

    def _report(self, paragraph, index, counts, wanted):
        """A doubled mark (“（（”) whose removal balances the paragraph carries that fix."""
        text = paragraph.text
        char = text[index]
        span = paragraph.span(index, index + 1)
        partner = PAIRS.get(char) or CLOSERS[char]
        doubled = (index + 1 < len(text) and text[index + 1] == char) or (index and text[index - 1] == char)
        if doubled and counts.get(char, 0) == counts.get(partner, 0) + 1:
            return self.say(span, "doubled", edits=[Edit(span, "")], mark=char)
        return self.say(span, "unclosed", mark=char, partner=wanted)


# Repeats that are correct Chinese (AABB forms and a few verbs used that way).
REDUPLICATION = ("的的确确", "是是非非", "研究研究", "讨论讨论", "和和美美")


# Single characters that never double in these reports except by a slip: function words, and the
# last characters of the words every report uses (过程性性, 公开开, 信息息, 申请请) — unless the second
# starts the next word (公开开展, 管理理念, 答复复议, 我局局长, 收费费用).
_FUNCTION_WORDS = "的了和与及对为在是将把被从向以于并或"
_WORD_ENDS = {"性": "", "开": "展放通设发辟启会工始", "息": "", "府": "", "请": "求示", "务": "实", "告": "知",
              "况": "", "理": "由念论解顺", "复": "议核查印", "议": "题案定事程", "诉": "讼求", "讼": "", "布": "置局",
              "局": "长面势", "委": "员托", "室": "", "费": "用"}
_DOUBLED_WORD_END = "|".join(f"{char}{char}" + (f"(?![{legit}])" if legit else "") for char, legit in _WORD_ENDS.items())
_REPEATED = re.compile(rf"({CJK_CHAR}{{2,4}})\1|([{_FUNCTION_WORDS}])\2|(?=({_DOUBLED_WORD_END}))(?P<single>{CJK_CHAR}){CJK_CHAR}")


class DuplicatedWord(Rule):
    """A word or phrase typed twice: “审核审核”, “的的”, “可通过可以通过”.

    Such slips survive proof-reading more often than any other (平潭 2021: “规范审核审核发布机制”; 2022:
    “统一的的网站界面”). Reduplication that is correct Chinese — 常常, 看看, 一一, 层层, 认认真真 — is not a
    repeat: single characters are only reported for function words (的, 了, 和, 在, 是 …) and the last
    characters of the report's own words, which never double (“过程性性信息”, “主动公开开”, “信息息”).

    Fails:  “进一步规范审核审核发布机制”
    Passes: “进一步规范审核发布机制”, “层层落实责任”
    """

    code, name, summary = "GL603", "duplicated-word", "a word or phrase typed twice"
    messages = {
        "repeated": ("“{unit}”重复：“{text}”", "“{unit}” is typed twice: “{text}”"),
        "near": ("“{first}”与“{second}”重复", "“{first}” and “{second}” say the same twice"),
    }
    severity = Severity.WARNING
    requires = "lines"

    def check(self, report):
        for prose in report.paragraphs:  # “的\n的” split by a wrap is one slip
            text = prose.text
            # A repeat can only start where a character comes again within four: about 1 % of the
            # offsets of a report. The patterns are tried there alone (as their finditer would).
            starts = [candidate.start() for candidate in _RECURS.finditer(text)]
            end = 0
            for start in starts:
                match = _REPEATED.match(text, start) if start >= end else None
                if match is None:
                    continue
                end = match.end()
                if self._allowed(text, match):
                    continue
                unit = match.group(1) or match.group(2) or match.group("single")
                yield self.say(prose.span(match.start(), match.end()), "repeated", unit=unit, text=match.group(0))
            yield from self._near_repeats(prose, text, starts)

    @staticmethod
    def _allowed(text, match) -> bool:
        """AABB reduplication (认认真真) and the listed words."""
        start, end = match.span()
        around = text[max(0, start - 2): end + 2]
        return any(word in around for word in REDUPLICATION)

    def _near_repeats(self, paragraph, text, starts):
        """“可通过可以通过”: a phrase followed by itself with one character more inside."""
        end = -1
        for i in starts:
            if i < end or not _NEAR_REPEAT.match(text, i):
                continue
            for length in (2, 3, 4):
                first, second = text[i: i + length], text[i + length: i + 2 * length + 1]
                if len(second) != length + 1 or second[0] != first[0] or second[-1] != first[-1] or first == second[:length]:
                    continue
                if _is_cjk(first + second) and any(second[:k] + second[k + 1:] == first for k in range(1, length)):
                    end = i + 2 * length + 1
                    yield self.say(paragraph.span(i, end), "near", first=first, second=second)
                    break


_NEAR_REPEAT = re.compile(rf"(?=({CJK_CHAR}){CJK_CHAR}{{1,3}}\1)")
_RECURS = re.compile(r"(?=(.).{0,3}\1)", re.DOTALL)  # where any character comes again within four


_ONLY_CJK = re.compile(rf"{CJK_CHAR}+")


def _is_cjk(text: str) -> bool:
    return bool(_ONLY_CJK.fullmatch(text))


@hookimpl
def govlint_rules():
    return family_rules(__name__)
