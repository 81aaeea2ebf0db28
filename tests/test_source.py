"""Reading bytes: encodings, line endings, and the inputs that are not reports."""

import codecs

import pytest

from govlint.read.source import MAX_BYTES, InputError, decode, encode_like, read_path

REPORT = "政务服务局2023年政府信息公开工作年度报告\n一、总体情况\n本机关2023年未收到申请。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("gbk"), "gb18030"),
        (REPORT.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16-le-bom"),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16-be-bom"),
        (codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"), "utf-32-le-bom"),
        (codecs.BOM_UTF32_BE + REPORT.encode("utf-32-be"), "utf-32-be-bom"),
        ("一、總體情況\n本機關2022年度未收到政府資訊公開申請，行政復議和行政訴訟均為零。\n".encode("big5"), "big5"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    source = decode(data, "r.txt")
    assert source.text == (REPORT if encoding != "big5" else data.decode("big5"))
    assert source.encoding == encoding
    assert encode_like(source.text, encoding) == data  # what --fix writes back: same BOM, same byte order


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_keep_line_numbers(newline):
    source = decode(REPORT.replace("\n", newline).encode(), "r.txt")
    assert source.lines == REPORT.split("\n")[:-1]


def test_a_missing_final_newline_is_supplied():
    assert decode("一、总体情况".encode(), "r.txt").text == "一、总体情况\n"


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\u3000\n".encode(), codecs.BOM_UTF8])
def test_empty_files_are_an_input_error(data):
    with pytest.raises(InputError, match="r.txt: empty file"):
        decode(data, "r.txt")


def test_binary_files_are_an_input_error():
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "r.txt")


def test_undecodable_text_is_an_input_error():
    with pytest.raises(InputError, match="cannot decode as UTF-8, GB18030 or Big5"):
        decode(b"abc \x80\xff\x81\x20 def", "r.txt")


def test_huge_input_is_an_input_error():
    with pytest.raises(InputError, match="file too large"):
        decode(b"a" * (MAX_BYTES + 1), "r.txt")


def test_paths_that_are_not_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)
