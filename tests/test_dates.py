"""Vietnamese calendar expressions -> dates (pipeline/dates.py)."""

import datetime as dt

import pytest

from pipeline.dates import find_dates, first_dated_point, parse_date, period_end

REF = dt.date(2019, 5, 1)


@pytest.mark.parametrize(("text", "ref", "expected"), [
    ("ngày 07/02/2023", None, "2023-02-07"),
    ("07/02/2023", None, "2023-02-07"),
    ("ngày 11 tháng 6 năm 2018", None, "2018-06-11"),
    ("NGÀY 15 THÁNG 7 NĂM 2019", None, "2019-07-15"),
    ("11-6-2018", None, "2018-06-11"),
    ("7-8-2015", None, "2015-08-07"),
    ("07.02.2023", None, "2023-02-07"),
    ("ngày 15/7", REF, "2019-07-15"),          # year from the reference date
    ("15/7", REF, "2019-07-15"),
    ("ngày 15 tháng 7", REF, "2019-07-15"),
    ("07/02/23", None, "2023-02-07"),          # two-digit year
    # daknong_gov_sites_ocr/krongno__img_12-TB_20190530041840169205.txt (OCR header)
    ("ngày 30 tháng 5Š năm 2019", None, "2019-05-30"),
    ("ngày28 tháng 02 năm 2025", None, "2025-02-28"),
])
def test_parse_date(text, ref, expected):
    assert parse_date(text, ref) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(("text", "ref"), [
    ("ngày⁄Ÿ tháng 6 năm 2019", None),   # day destroyed by OCR: never guessed
    ("ngày I1 tháng 7 năm 2019", None),  # "I1" may be 11 or 17
    ("31/2/2019", None),                  # not a calendar date
    ("31/2", REF),
    ("29/2/2019", None),
    ("ngày 15/7", None),                  # no year and no reference date
    ("Quý I/2018", None),                 # a period, not a point
    ("25/30", REF),                       # a ratio
])
def test_parse_date_none(text, ref):
    assert parse_date(text, ref) is None


@pytest.mark.parametrize(("text", "ref", "expected"), [
    ("Quý I/2018", None, "2018-03-31"),
    ("quý II năm 2019", None, "2019-06-30"),
    ("quý 3-2019", None, "2019-09-30"),
    ("quý IV", REF, "2019-12-31"),
    ("tháng 6/2019", None, "2019-06-30"),
    ("tháng 6 năm 2019", None, "2019-06-30"),
    ("tháng 02 năm 2020", None, "2020-02-29"),
    ("tháng 12", REF, "2019-12-31"),
    ("năm 2023", None, "2023-12-31"),
    ("6 tháng đầu năm 2019", None, "2019-06-30"),
    ("9 tháng đầu năm 2022", None, "2022-09-30"),
    ("6 tháng cuối năm 2019", None, "2019-12-31"),
    ("đầu năm 2020", None, "2020-03-31"),
    ("giữa năm", REF, "2019-06-30"),
    ("cuối năm 2019", None, "2019-12-31"),
    ("đầu tháng 3 năm 2010", None, "2010-03-31"),
    ("cuối tháng 3 năm 2010", None, "2010-03-31"),
    ("đầu quý I năm 2010", None, "2010-03-31"),
    ("cuối quý I năm 2010", None, "2010-03-31"),
    ("những tháng đầu năm 2010", None, "2010-03-31"),
    ("2016-2020", None, "2020-12-31"),
])
def test_period_end(text, ref, expected):
    assert period_end(text, ref) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(("text", "ref"), [
    ("quý IV", None),             # year unknown
    ("tháng Š năm 2019", None),   # month destroyed
    ("06 tháng", REF),            # a duration, no calendar anchor
    ("ngày 07/02/2023", None),    # a point, not a period
])
def test_period_end_none(text, ref):
    assert period_end(text, ref) is None


def test_find_dates_offsets_kinds_and_values():
    # seeds/001_dcadee23f926a999.txt
    text = ("Tiếp tục phối hợp với các đơn vị có liên quan tham mưu thực hiện hiệu quả Chương trình "
            "số 35-CTr/TU, ngày 27 tháng 8 năm 2007 của Ban Thường vụ Tỉnh ủy Kon Tum; Công văn số "
            "1486/UBND-VX, ngày 14/7/2015 của UBND tỉnh. Hoàn thành trong Quý I/2018")
    found = find_dates(text)
    assert [(m.text, m.kind, m.value) for m in found] == [
        ("ngày 27 tháng 8 năm 2007", "date", dt.date(2007, 8, 27)),
        ("ngày 14/7/2015", "date", dt.date(2015, 7, 14)),
        ("Quý I/2018", "period", dt.date(2018, 3, 31)),
    ]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_find_dates_ignores_numbers_that_are_no_dates():
    # vn_legal_readability_subset/Difficult_00227581.txt, hdnd_nghiquyet_tvpl_md/69-2017-nq-hdnd.txt
    text = ("Nghị định số 77/2008/NĐ-CP quy định 1.000 người; mục 2.3. Tiêu chuẩn; "
            "trong 06 tháng 12 ngày; hằng tháng 3 lần")
    assert find_dates(text) == []


def test_find_dates_keeps_ocr_damaged_dates_without_value():
    # daknong_gov_sites_ocr/tuandaknong-dakrlap__img_filedinhkem_144BCUBsigned_2019.txt and the spec §2a
    found = find_dates("Krông Nô, ngày⁄Ÿ tháng 6 năm 2019. tố cáo trong tháng Š năm 2019 trên")
    assert [(m.text, m.kind, m.value) for m in found] == [
        ("ngày⁄Ÿ tháng 6 năm 2019", "date", None),
        ("tháng Š năm 2019", "period", None),
    ]


def test_first_dated_point_reads_a_damaged_header_date():
    # daknong_gov_sites_ocr/tuandaknong-dakrlap__img_filedinhkem_220BCUB_2019.txt: the header's day is
    # destroyed; the first complete date is a cited decision of 2017
    text = ("Số: #@#O/BC - UBND Đăk R lấp, ngày | tháng 7 năm 2019\nBÁO CÁO\n"
            "Thực hiện Quyết định số 09/2017/QĐ-UBND, ngày 27/3/2017 của Chủ tịch UBND tỉnh")
    assert first_dated_point(text) == dt.date(2019, 7, 1)
    assert first_dated_point("Căn cứ Luật ngày 19 tháng 6 năm 2015;") == dt.date(2015, 6, 19)
    assert first_dated_point("Kế hoạch năm 2018") is None


def test_year_given_tells_a_written_year_from_the_reference_year():
    written, borrowed = find_dates("Hoàn thành trong Quý I/2018, báo cáo trước ngày 15/7", REF)
    assert (written.value, written.year_given) == (dt.date(2018, 3, 31), True)
    assert (borrowed.value, borrowed.year_given) == (dt.date(2019, 7, 15), False)
