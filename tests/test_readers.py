"""Readers: encodings (Unicode and legacy Vietnamese), HTML, Word and PDF text, sniffing, inputs."""

import unicodedata
from pathlib import Path

import docx
import pytest

from pipeline.cleaning import clean_text
from pipeline.formats.encodings import (decode_bytes, detect_legacy_text, is_vietnamese_syllable,
                                        repair_legacy_text, vietnamese_score)
from pipeline.formats.html import html_to_text
from pipeline.formats.layout import table_lines
from pipeline.readers import iter_input_paths, read_path, sniff_format, unique_doc_ids

from .conftest import RAW
from .fixtures.legacy import to_tcvn3, to_viscii, to_vni, to_windows_1258

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"

# seeds/001 (a meeting-conclusion notice): title and first sentence of the body
NOTICE = ("Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh, Trưởng Ban VSTBCPN tỉnh tại cuộc họp"
          " đánh giá kết quả thực hiện công tác bình đẳng giới và VSTBPN năm 2017\n\nNgày 19/01/2018, tại Hội"
          " trường Sở Lao động - Thương binh và Xã hội, đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh, Trưởng"
          " Ban Vì sự tiến bộ của phụ nữ tỉnh đã chủ trì cuộc họp đánh giá kết quả thực hiện công tác bình"
          " đẳng giới và VSTBPN năm 2017.\n")
# hdnd_nghiquyet_tvpl_md/01-2017-nq-hdnd.txt, its opening (capitals with tone marks included)
RESOLUTION = ("NGHỊ QUYẾT\nVỀ\nTÌNH HÌNH KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH 6 THÁNG ĐẦU NĂM; NHIỆM VỤ,"
              " GIẢI PHÁP 6 THÁNG CUỐI NĂM 2017\nHỘI ĐỒNG NHÂN DÂN TỈNH BẮC GIANG\nKHÓA XVIII, KỲ HỌP THỨ 4\n")


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("word, valid", [
    ("nghĩa", True), ("Quyết", True), ("được", True), ("người", True), ("khuya", True), ("gì", True),
    ("héi", False), ("Vieät", False), ("hoµ", False), ("ngàý", False), ("xyz", False),
])
def test_vietnamese_syllables(word, valid):
    assert is_vietnamese_syllable(word) is valid


def test_vietnamese_score_separates_text_from_mojibake():
    assert vietnamese_score(NOTICE) > 0.3
    assert vietnamese_score(to_tcvn3(NOTICE).decode("cp1252")) < 0
    assert vietnamese_score(to_vni(NOTICE).decode("cp1252")) < 0


@pytest.mark.parametrize("encode, name", [
    (to_tcvn3, "tcvn3"), (to_vni, "vni"), (to_viscii, "viscii"), (to_windows_1258, "windows-1258"),
])
def test_legacy_file_round_trip_is_exact(encode, name):
    for text in (NOTICE, RESOLUTION if name != "tcvn3" else RESOLUTION.lower()):
        decoded = decode_bytes(encode(text))
        assert decoded.encoding == name
        assert decoded.text == text


def test_tcvn3_capitals_follow_the_word_and_the_line():
    # TCVN3 has no codes for capitals with tone marks: .VnTimeH fonts draw the small letters big.
    # A word of such letters only ("VỀ") takes the case of its line; alone on a line it stays small.
    title = RESOLUTION.replace("\nVỀ\n", "\nVỀ ")
    assert decode_bytes(to_tcvn3(title)).text == title
    assert decode_bytes(to_tcvn3(RESOLUTION)).text == RESOLUTION.replace("\nVỀ\n", "\nVề\n")
    assert decode_bytes(b"TH\xa4NG B\xb8O\n\nS\xe8: 42/TB-BQL, ng\xb5y 30").text == "THÔNG BÁO\n\nSố: 42/TB-BQL, ngày 30"


def test_known_legacy_spellings():
    assert repair_legacy_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")[0] == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert repair_legacy_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam")[0] == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert repair_legacy_text("CÃ´ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam")[0] == \
        "Công hòa xã hội chủ nghĩa Việt Nam"
    assert decode_bytes(bytes.fromhex("43f46e672068f2612078e32068b569")).text == "Công hòa xã hội"  # VISCII


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings(encoding):
    assert decode_bytes(NOTICE.encode(encoding)).text == NOTICE


def test_real_corpus_text_is_not_mistaken_for_legacy_text():
    # OCR text full of stray symbols ('‹', '¬', 'œ') included
    files = sorted(RAW.glob("*/*.txt"))
    assert len(files) > 300
    assert [f.name for f in files if detect_legacy_text(f.read_text(encoding="utf-8"))] == []


def test_cleaning_converts_legacy_text_given_as_a_string():
    # the reader converts files; text handed to the pipeline as a string is converted by cleaning
    legacy = to_tcvn3("THÔNG BÁO\n\n" + NOTICE).decode("cp1258")
    assert legacy.startswith("TH¤NG B¸O\n\nKƠt luËn cña ®ång chƯ TrÇn")
    mt = clean_text(legacy)
    assert mt.text == ("THÔNG BÁO\n\n" + NOTICE).strip()
    assert legacy[mt.offsets[mt.text.index("Trần")]:][:4] == "TrÇn"
    vni = clean_text(to_vni(NOTICE).decode("cp1252"))
    assert vni.text == NOTICE.strip()
    assert all(a <= b for a, b in zip(vni.offsets, vni.offsets[1:]))


# --- HTML ------------------------------------------------------------------------------------

def test_portal_page_keeps_the_article_and_drops_the_chrome():
    text = read_path(INPUTS / "portal_notice.html").raw_text
    assert text.startswith("THÔNG BÁO\nKết luận của đồng chí Trần Thị Nga")
    for chrome in ("Trang chủ", "Tìm kiếm", "Tin liên quan", "Lượt truy cập", "Không phải văn bản", "Facebook"):
        assert chrome not in text


def test_html_lists_and_tables_keep_their_lines():
    page = ("<html><body><article><table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NAM</td>"
            "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>"
            "<tr><td>Số: 56/TB-UBND</td><td>Quảng Nam, ngày 10 tháng 02 năm 2023</td></tr></table>"
            "<p>Đề nghị các cơ quan, đơn vị, địa phương cần tập trung một số nhiệm vụ trọng tâm sau:</p>"
            "<ol><li>Sở Lao động - Thương binh và Xã hội tham mưu UBND tỉnh ban hành Kế hoạch.</li>"
            "<li>Các Sở, ban, ngành định kỳ 6 tháng báo cáo kết quả.</li></ol>"
            "<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Thời hạn</th></tr>"
            "<tr><td>1</td><td>Xây dựng kế hoạch</td><td>Tháng 3/2023</td></tr></table></article></body></html>")
    assert html_to_text(page).split("\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "Số: 56/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Nam, ngày 10 tháng 02 năm 2023",
        "Đề nghị các cơ quan, đơn vị, địa phương cần tập trung một số nhiệm vụ trọng tâm sau:",
        "1. Sở Lao động - Thương binh và Xã hội tham mưu UBND tỉnh ban hành Kế hoạch.",
        "2. Các Sở, ban, ngành định kỳ 6 tháng báo cáo kết quả.",
        "STT | Nhiệm vụ | Thời hạn", "1 | Xây dựng kế hoạch | Tháng 3/2023",
    ]


def test_table_lines_keep_other_two_column_tables_in_reading_order():
    rows = [[["Họ và tên"], ["Nguyễn Văn A"]], [["Chức vụ"], ["Chánh Văn phòng"]]]
    assert table_lines(rows) == ["Họ và tên", "Nguyễn Văn A", "Chức vụ", "Chánh Văn phòng"]


def test_page_in_a_legacy_font_is_converted():
    doc = read_path(INPUTS / "portal_notice_vntime_font.htm")
    assert doc.meta["encoding"] == "tcvn3"
    assert doc.raw_text.startswith("THÔNG BÁO\nKết luận của đồng chí Trần Thị Nga")


# --- Word ------------------------------------------------------------------------------------

def test_docx_header_table_numbering_and_signature():
    lines = read_path(INPUTS / "decision.docx").raw_text.split("\n")
    assert lines[:7] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "Số: 05/2025/QĐ-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Hà Nội, ngày 23 tháng 01 năm 2025", "QUYẾT ĐỊNH"]
    assert "1. Sở Tài chính" in lines and "2. Sở Tư pháp" in lines       # Word's automatic numbers
    assert lines[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Minh Hải"]


def test_docx_typed_in_vntime_font_is_converted():
    doc = read_path(INPUTS / "decision_vntime_font.docx")
    assert doc.meta["encoding"] == "tcvn3"
    # 'Ủy' inside a sentence has no TCVN3 code: a .VnTime file can only hold 'ủy'
    assert doc.raw_text == read_path(INPUTS / "decision.docx").raw_text.replace("Ủy ban", "ủy ban")


def test_docx_numbering_follows_the_paragraph_style(tmp_path):
    document = docx.Document()
    for text, style in (("NHIỆM VỤ", "List Number"), ("Giải pháp", "List Number 2"),
                        ("Tuyên truyền", "List Bullet")):
        document.add_paragraph(text, style=style)
    document.save(tmp_path / "plan.docx")
    assert read_path(tmp_path / "plan.docx").raw_text.split("\n") == ["1. NHIỆM VỤ", "1. Giải pháp", "- Tuyên truyền"]


# --- PDF -------------------------------------------------------------------------------------

def test_pdf_two_column_header_and_signature_block_are_separated():
    text = read_path(INPUTS / "decision.pdf").raw_text
    assert text.startswith("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 05/2025/QĐ-UBND\n\n"
                           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                           "Hà Nội, ngày 23 tháng 01 năm 2025\n\nQUYẾT ĐỊNH\n")
    assert ("Nơi nhận:\n- Như Điều 3;\n- Các Bộ: Tài chính, Tư pháp;\n- Thường trực Thành ủy;\n- Lưu: VT, KTTH.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH") in text
    assert "\f" in text                                  # two pages
    assert "Signature Not Verified" in text              # the reader keeps it; cleaning drops it


def test_pdf_through_the_pipeline(nlp):
    doc = nlp(INPUTS / "decision.pdf")
    assert "Signature Not Verified" not in doc.text and "Ngày ký" not in doc.text
    assert "Luật sửa đổi, bổ sung một số điều của Luật tổ chức Chính phủ" in doc.text   # wraps joined
    assert (doc.fields.number, doc.fields.issuer) == ("05/2025/QĐ-UBND", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
    assert doc.fields.signer.name == "Hà Minh Hải"


# --- sniffing and inputs ---------------------------------------------------------------------

@pytest.mark.parametrize("head, fmt", [
    (b"%PDF-1.7\n", "pdf"), (b"PK\x03\x04", "docx"), (b"<!DOCTYPE html><html>", "html"),
    (b"  <?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
    ("THÔNG BÁO\n<b>Kết luận</b>".encode(), "txt"),
])
def test_sniff_format(head, fmt):
    assert sniff_format(head) == fmt


def test_folder_inputs_keep_documents_and_skip_the_rest(tmp_path):
    for name in ("a.txt", "b.pdf", "c.doc", "d.jpg", "e", "notes.json", ".hidden.txt", "sub/f.html",
                 ".git/g.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_input_paths([tmp_path])] == ["a.txt", "b.pdf", "c.doc", "d.jpg", "e", "f.html"]


def test_unique_doc_ids_keep_every_file():
    paths = [Path("b/notice.txt"), Path("a/notice.txt"), Path("a/notice.pdf"), Path("c/notice__2.txt"),
             Path("report.txt")]
    assert unique_doc_ids(paths) == [
        (Path("a/notice.pdf"), "notice"), (Path("a/notice.txt"), "notice__3"), (Path("b/notice.txt"), "notice__4"),
        (Path("c/notice__2.txt"), "notice__2"), (Path("report.txt"), "report"),
    ]


def test_read_path_takes_a_doc_id():
    doc = read_path(INPUTS / "agency_b" / "same_name_notice.txt", doc_id="same_name_notice__2")
    assert doc.doc_id == "same_name_notice__2" and doc.ok


def test_decoded_text_is_nfc_for_windows_1258():
    text = decode_bytes(to_windows_1258(NOTICE)).text
    assert unicodedata.is_normalized("NFC", text)
