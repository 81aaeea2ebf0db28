"""url_spans finds exactly what the one URL pattern finds, only faster (an e-mail is looked for
around an "@", not at every offset of a Chinese paragraph)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.base.urls import URL, in_url, url_spans

PIECES = ["http://", "https://", "www.", "@", ".", "-", "+", "_", "a", "b1", "gov.cn", "com", "邮箱", "信息公开", "，", " ",
          "xxzx@163.com", "https://www.pingtan.gov.cn/a?b=1,2", "联系", "(", ")", ":"]


def reference(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in URL.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_same_spans_as_the_pattern(pieces):
    text = "".join(pieces)
    assert url_spans(text) == reference(text)


def test_real_sentences():
    cases = [
        "电子邮箱：ptzwgk@163.com，网址：http://www.pingtan.gov.cn/xxgk/index.htm。",
        "可发送邮件至 zfxxgk@pingtan.gov.cn 或登录www.pingtan.gov.cn查询",
        "来信请寄" + "信" * 100 + "@example.com",  # a local part longer than 64 characters
        "a@b a@b.c @x.cn 名字@域名.中国",
        "无地址的一段文字，只有中文。",
    ]
    for text in cases:
        assert url_spans(text) == reference(text)
    spans = url_spans(cases[0])
    assert [cases[0][a:b] for a, b in spans] == ["ptzwgk@163.com", "http://www.pingtan.gov.cn/xxgk/index.htm。"[:-1]]
    assert in_url(spans, spans[0][0]) and not in_url(spans, 0)


def test_a_long_line_of_chinese_with_at_signs_is_linear():
    text = ("政府信息公开" * 2000 + "@") * 20
    assert url_spans(text) == reference(text) == []
