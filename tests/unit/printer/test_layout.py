"""Layout: widths on the printer's cell grid, wrapping, the yuan sign, unprintables."""

from __future__ import annotations

from drivers.printer.document import Document, KeyValue, Size, Text, Title
from drivers.printer.layout import TextLine, layout, normalize_text, text_cells, wrap
from drivers.printer.types import PAPER_58MM, PAPER_80MM, PaperProfile


def _lines(doc: Document, profile: PaperProfile) -> list[TextLine]:
    return [i for i in layout(doc, profile) if isinstance(i, TextLine)]


def test_profiles_have_the_usual_font_a_columns() -> None:
    assert (PAPER_58MM.columns, PAPER_58MM.dots) == (32, 384)
    assert (PAPER_80MM.columns, PAPER_80MM.dots) == (48, 576)


def test_cjk_counts_double() -> None:
    assert text_cells("abc") == 3
    assert text_cells("中文") == 4
    assert text_cells("￥1") == 3


def test_half_width_yuan_becomes_full_width() -> None:
    assert normalize_text("¥12.50") == "￥12.50"


def test_characters_outside_gbk_are_replaced_unless_the_printer_has_them() -> None:
    assert normalize_text("𠮷野家") == "？野家"
    assert normalize_text("𠮷野家", four_byte_ok=True) == "𠮷野家"


def test_control_characters_are_dropped_and_tabs_become_spaces() -> None:
    assert normalize_text("a\x1bb\tc\u200bd") == "ab cd"


def test_wrap_latin_at_spaces_and_cjk_anywhere() -> None:
    assert wrap("hello world again", 11) == ["hello world", "again"]
    assert wrap("一二三四五六", 8) == ["一二三四", "五六"]
    assert wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]


def test_wrap_never_starts_a_line_with_closing_punctuation() -> None:
    lines = wrap("凭本回执或扫描二维码查询办理进度。", 32)
    assert not lines[1].startswith("。")
    assert "".join(lines) == "凭本回执或扫描二维码查询办理进度。"


def test_no_line_is_wider_than_the_paper() -> None:
    text = "办理居住证需要提交户口簿原件及复印件 and two recent passport photos, 近期一寸免冠照片两张。"
    for profile in (PAPER_58MM, PAPER_80MM):
        for size in (Size.NORMAL, Size.DOUBLE):
            for line in _lines(Document((Text(text, size=size),)), profile):
                assert line.cells * size.factors[0] <= profile.columns


def test_key_value_on_one_line_when_it_fits() -> None:
    [line] = _lines(Document((KeyValue("事项", "居住证"),)), PAPER_58MM)
    assert line.text.startswith("事项") and line.text.endswith("居住证")
    assert line.cells == PAPER_58MM.columns


def test_key_value_overflow_puts_value_on_its_own_line() -> None:
    lines = _lines(Document((KeyValue("Tracking no.", "KS0107-20261123-0042-K"),)), PAPER_58MM)
    assert [ln.text for ln in lines] == ["Tracking no.", "KS0107-20261123-0042-K"]


def test_long_title_drops_from_double_to_tall_size() -> None:
    [short] = _lines(Document((Title("回执"),)), PAPER_58MM)
    assert short.size is Size.DOUBLE
    [long] = _lines(Document((Title("Submission Receipt"),)), PAPER_58MM)
    assert long.size is Size.TALL
