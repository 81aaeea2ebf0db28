"""The text helpers' fast paths give what their reference gives: url_spans what the one URL pattern
finds (an e-mail is looked for around an "@", not at every offset of a Chinese paragraph), halfwidth
what the translation table gives (a long text has only its full-width characters replaced)."""

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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("，：（）；！？ＡＺａ０９\u3000\u00a0中文信息公开 ,.:1a") + [chr(0xFF01), chr(0xFF5E), chr(0xFF5F)]), max_size=120))
def test_halfwidth_long_and_short_is_the_one_table(text):
    # halfwidth replaces only the full-width characters of a long text (faster than translating every
    # character); it must give what the translation table gives.
    from govlint.base.chinese import _FULLWIDTH, halfwidth

    assert halfwidth(text) == text.translate(_FULLWIDTH)
