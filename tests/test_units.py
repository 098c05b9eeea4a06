"""Units: the conversions every stage shares, and file sizes as a person reads them."""

from __future__ import annotations

import pytest

from brochure.units import (
    MM_PER_PT,
    PT_PER_MM,
    SIZE_PATTERN,
    css_px_to_mm,
    format_size,
    format_size_over,
    mm_to_pt,
    mm_to_px,
    parse_file_size,
    pixel_mm,
    ppi_of,
    pt_to_mm,
)


def test_an_inch_is_25_4_mm_72_pt_and_96_css_px():
    assert pt_to_mm(72) == pytest.approx(25.4)
    assert mm_to_pt(25.4) == pytest.approx(72)
    assert css_px_to_mm(96) == pytest.approx(25.4)
    assert pytest.approx(1) == MM_PER_PT * PT_PER_MM
    assert mm_to_px(25.4, 300) == 300
    assert mm_to_px(97, 96) == 367  # a DIN lang panel at a CSS pixel a pixel
    assert pixel_mm(72) == pytest.approx(MM_PER_PT)
    assert ppi_of(3000, 254) == pytest.approx(300)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1 kB"),
        (116_400, "116 kB"),
        (116_500, "116 kB"),  # round half to even: 116.5 is 116
        (256_000, "256 kB"),
        (999_499, "999 kB"),
        (999_500, "1 MB"),
        (1_000_000, "1 MB"),
        (1_040_000, "1.04 MB"),
        (5_000_037, "5 MB"),
        (12_345_678, "12.3 MB"),
        (50_000_000, "50 MB"),
        (460_000_000, "460 MB"),
        (999_400_000, "999 MB"),
        (999_600_000, "1 GB"),
        (12_345_678_901, "12.3 GB"),
    ],
)
def test_a_size_reads_in_decimal_units_with_three_figures_at_most(size: int, shown: str):
    assert format_size(size) == shown


def test_a_size_over_a_limit_never_reads_as_the_limit():
    assert format_size_over(1_040_000, 1_000_000) == "1.04 MB"
    assert format_size_over(1_004_000, 1_000_000) == "more than 1 MB"
    assert format_size_over(256_400, 256_000) == "more than 256 kB"
    assert format_size_over(257_000, 256_000) == "257 kB"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1 MB", 1_000_000),
        ("800 kB", 800_000),
        ("1.5MB", 1_500_000),
        ("1.5 MB", 1_500_000),
        ("500 kB", 500_000),
        ("500 KB", 500_000),
        ("500 kb", 500_000),
        ("500KB", 500_000),
        ("500 KiB", 512_000),
        ("500 kib", 512_000),
        ("1 mb", 1_000_000),
        ("1 MiB", 1_048_576),
        ("1MIB", 1_048_576),
        ("300000", 300_000),
        ("300000 B", 300_000),
        ("300000b", 300_000),
        (" 2 GB ", 2_000_000_000),
    ],
)
def test_a_size_is_read_as_written_in_any_case_with_or_without_a_space(text: str, size: int):
    assert parse_file_size(text) == size


@pytest.mark.parametrize("size", [512, 116_000, 1_040_000, 50_000_000, 1_500_000_000])
def test_a_printed_size_reads_back(size: int):
    assert parse_file_size(format_size(size)) == size


@pytest.mark.parametrize("text", ["lots", "", "MB", "1 M", "1 KBB", "1 kiB B", "-1 MB", "1,5 MB", "1 TB", "1. MB"])
def test_a_size_that_is_not_one_is_none(text: str):
    assert parse_file_size(text) is None


def test_the_editor_pattern_is_the_parser_s():
    # The JSON Schema gets SIZE_PATTERN as it is: it must hold no Python-only syntax.
    assert "(?P" not in SIZE_PATTERN and "(?i" not in SIZE_PATTERN


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1.5 GB", 1_500_000_000),
        ("800 mb", 800_000_000),
        ("2 GiB", 2 * 2**30),
        ("900 MiB", 900 * 2**20),
        ("900000 KB", 900_000_000),
        ("200000000", 200_000_000),
    ],
)
def test_the_memory_limit_takes_every_size_form(text: str, size: int, monkeypatch):
    """Every size brochure takes (an option, a variable, a content field) is read by one parser."""
    from brochure.commands import limits

    monkeypatch.setenv(limits.MEMORY_VARIABLE, text)
    assert limits.memory_limit() == size
