"""clean_text's shortcut for texts that need no cleaning gives what the full cleaning gives."""

import unicodedata

import pytest

from recruitment.text import clean_text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Nguyễn Thị Huế ", "Nguyễn Thị Huế"),  # precomposed: kept as typed, stripped
        (unicodedata.normalize("NFD", "Nguyễn Thị Huế"), "Nguyễn Thị Huế"),  # made NFC
        ("Hà\tNội\nViệt Nam", "Hà Nội Việt Nam"),  # tab and line break made spaces
        ("Đảng viên\u00a0mới", "Đảng viên\u00a0mới"),  # a no-break space is kept
        ("Trần Văn Ơn, Ưng", "Trần Văn Ơn, Ưng"),
    ],
)
def test_cleaned_texts(typed, kept):
    assert clean_text(typed) == (kept, None, None)


def test_invisible_character_in_a_vietnamese_text_is_removed_with_a_warning():
    text, problem, warning = clean_text("Lê\u200b Văn Tám")
    assert (text, problem) == ("Lê Văn Tám", None)
    assert "U+200B" in warning


def test_soft_hyphen_among_latin1_letters_is_removed():
    text, _problem, warning = clean_text("Phạm Thị Hồ\u00adng")
    assert text == "Phạm Thị Hồng"
    assert "U+00AD" in warning


def test_control_character_in_a_vietnamese_text_is_refused():
    text, problem, _warning = clean_text("Lê Văn\x07 Tám")
    assert text == ""
    assert "U+0007" in problem


def test_every_plain_letter_needs_no_cleaning():
    """Each character the shortcut lets through is NFC, printable and at most two marks."""
    ranges = [(0x20, 0x7E), (0xC0, 0xFF), (0x100, 0x1B0), (0x1EA0, 0x1EF9)]
    for first, last in ranges:
        for char in map(chr, range(first, last + 1)):
            marks = [c for c in unicodedata.normalize("NFD", char) if unicodedata.combining(c)]
            assert unicodedata.normalize("NFC", char) == char and char.isprintable()
            assert len(marks) <= 2
