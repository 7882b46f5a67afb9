"""Numbers shown through their cell's number format, as Excel displays them."""
from __future__ import annotations

import datetime as dt

import pytest

from perfeditor.io.xlsx.numfmt import format_value, general


@pytest.mark.parametrize("value,fmt,text", [
    (500, "0.00", "500.00"),
    (89.49, "0.00", "89.49"),
    (2.675, "0.00", "2.68"),
    (0.25, "0%", "25%"),
    (1, "0%", "100%"),
    (0.255, "0.00%", "25.50%"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (1234, "#,##0", "1,234"),
    (36.4, "General", "36.4"),
    (130.0, "General", "130"),
    (130, None, "130"),
    (0.1 + 0.2, "General", "0.3"),
    (12, "0", "12"),
    (12.5, "0", "13"),
    (-5, "0.00", "-5.00"),
    (-5, "0.00;[Red]\\(0.00\\)", "(5.00)"),
    (5, '0.00"万元"', "5.00万元"),
    (5, '"¥"#,##0.00', "¥5.00"),
    (5, "[$-804]0.0", "5.0"),
    (7, "@", "7"),
    (3.5, "0.0#", "3.5"),
    (3.456, "0.0#", "3.46"),
])
def test_numbers(value, fmt, text):
    assert format_value(value, fmt) == text


@pytest.mark.parametrize("value,fmt,text", [
    (dt.datetime(2024, 12, 31), 'yyyy"年"m"月"d"日"', "2024年12月31日"),
    (dt.datetime(2024, 3, 5), "yyyy-mm-dd", "2024-03-05"),
    (dt.datetime(2024, 3, 5), "yyyy/m/d", "2024/3/5"),
    (dt.datetime(2024, 3, 5, 14, 7), "yyyy-mm-dd hh:mm", "2024-03-05 14:07"),
    (dt.datetime(2024, 3, 5), "m/d/yyyy", "3/5/2024"),
    (dt.datetime(2022, 12, 31), 'yyyy"年"mm"月"', "2022年12月"),
])
def test_dates(value, fmt, text):
    assert format_value(value, fmt) == text


def test_strings_and_empty():
    assert format_value("≥98%", "0.00") == "≥98%"
    assert format_value(None, "0.00") == ""
    assert format_value(True, "General") == "TRUE"
    assert general(1e20) == "1E+20"


@pytest.mark.parametrize("text", ["500.00", "36.4", "130", "0", "25%", "25.50%", "100%",
                                  "1,234.50", "12,345", "0.5", "-3.25"])
def test_written_numbers_read_back_as_the_same_text(text):
    from perfeditor.io.xlsx.book import number_value

    value, fmt = number_value(text)
    assert format_value(value, fmt) == text


@pytest.mark.parametrize("text", ["007", "1.2.3", "1,23", "-0", "≥98%", "1e5", "", "25 %"])
def test_text_that_is_not_a_plain_number_stays_text(text):
    from perfeditor.io.xlsx.book import number_value

    assert number_value(text) is None


def test_non_ascii_digits_stay_text():
    from perfeditor.io.xlsx.book import number_value

    assert number_value("0.٠") is None and number_value("１２") is None
