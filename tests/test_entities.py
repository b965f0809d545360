"""Entity tagging on real excerpts (quoted from data/raw) with exact expected spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.doc import ENTITY_LABELS, Document, Person
from pipeline.entities import EntityRecognizer, make_entities
from pipeline.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER_DIR = ROOT / "models" / "gazetteer"


@pytest.fixture(scope="module")
def ner() -> EntityRecognizer:
    return EntityRecognizer(Gazetteer.load(GAZETTEER_DIR))


def tag(ner: EntityRecognizer, text: str) -> Document:
    return ner(Document(doc_id="t", text=text))


def pairs(doc: Document) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in doc.entities]


# -- people and their positions (seed 001, 000, 003) ---------------------------------------------

SEED_001_TITLE = (
    "Kết luận của đồng chí Trần Thị Nga - Phó Chủ tịch UBND tỉnh, Trưởng Ban VSTBCPN tỉnh tại cuộc họp "
    "đánh giá kết quả thực hiện công tác bình đẳng giới và VSTBPN năm 2017"
)

SEED_001_SIGNATURE = """Văn phòng UBND tỉnh thông báo để các đơn vị biết, thực hiện./.

Nơi nhận:

- Chủ tịch UBND tỉnh (B/cáo);
- Đ/c Trần Thị Nga -PCT UBND tỉnh (B/cáo);
- UBMTTQVN tỉnh;
- Thành viên và tổ giúp việc Ban VSTBCPN tỉnh;
- Các sở, ban, ngành;
- UBND các huyện, thành phố;
- CVP - PVP phụ trách KGVX;
- Lưu VT, KGVX2.

**KT. CHÁNH VĂN PHÒNG
PHÓ VĂN PHÒNG**



Nguyễn Đình Cầu"""


def test_person_with_two_positions(ner):
    assert pairs(tag(ner, SEED_001_TITLE)) == [
        ("PER", "Trần Thị Nga"),
        ("TITLE", "Phó Chủ tịch UBND tỉnh"),
        ("TITLE", "Trưởng Ban VSTBCPN tỉnh"),
        ("DATE", "năm 2017"),
    ]


def test_people_link_titles_and_signer(ner):
    doc = tag(ner, SEED_001_TITLE + "\n\n" + SEED_001_SIGNATURE)
    assert doc.people == [
        Person("Trần Thị Nga", "Phó Chủ tịch UBND tỉnh, Trưởng Ban VSTBCPN tỉnh"),
        Person("Trần Thị Nga", "PCT UBND tỉnh"),
        Person("Nguyễn Đình Cầu", "PHÓ VĂN PHÒNG"),
    ]


def test_signature_block_and_recipients(ner):
    assert pairs(tag(ner, SEED_001_SIGNATURE)) == [
        ("ORG", "Văn phòng UBND tỉnh"),
        ("ORG", "UBND tỉnh"),           # `Chủ tịch UBND tỉnh (B/cáo)`: no name, so only the body
        ("PER", "Trần Thị Nga"),
        ("TITLE", "PCT UBND tỉnh"),
        ("ORG", "UBMTTQVN tỉnh"),
        ("ORG", "tổ giúp việc Ban VSTBCPN tỉnh"),
        ("ORG", "UBND các huyện, thành phố"),
        ("TITLE", "PHÓ VĂN PHÒNG"),     # not the `KT.` line
        ("PER", "Nguyễn Đình Cầu"),
    ]


def test_title_before_name_and_after(ner):
    text = ("Sau khi nghe Sở Lao động - Thương binh và Xã hội - cơ quan thường trực báo cáo; ý kiến của các "
            "thành viên dự họp, Phó Chủ tịch UBND tỉnh Trần Anh Tuấn, Trưởng Ban Vì sự tiến bộ của phụ nữ "
            "tỉnh kết luận và chỉ đạo như sau:")
    doc = tag(ner, text)
    assert pairs(doc) == [
        ("ORG", "Sở Lao động - Thương binh và Xã hội"),
        ("TITLE", "Phó Chủ tịch UBND tỉnh"),
        ("PER", "Trần Anh Tuấn"),
        ("TITLE", "Trưởng Ban Vì sự tiến bộ của phụ nữ tỉnh"),
    ]
    assert doc.people == [
        Person("Trần Anh Tuấn", "Phó Chủ tịch UBND tỉnh, Trưởng Ban Vì sự tiến bộ của phụ nữ tỉnh")]


def test_titles_chained_with_dashes(ner):
    text = ("Tham dự buổi làm việc, có đồng chí Phan Minh Nguyệt - Phó Giám đốc Sở Lao động - Thương binh và "
            "Xã hội tỉnh, đồng chí Hoàng Văn Thái - UVTV Huyện ủy - Phó Chủ tịch UBND huyện, cùng các đồng chí "
            "trong Ban Vì sự tiến bộ phụ nữ huyện.")
    doc = tag(ner, text)
    assert pairs(doc) == [
        ("PER", "Phan Minh Nguyệt"),
        ("TITLE", "Phó Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh"),
        ("PER", "Hoàng Văn Thái"),
        ("TITLE", "UVTV Huyện ủy"),
        ("TITLE", "Phó Chủ tịch UBND huyện"),
        ("ORG", "Ban Vì sự tiến bộ phụ nữ huyện"),
    ]
    assert doc.people[1] == Person("Hoàng Văn Thái", "UVTV Huyện ủy, Phó Chủ tịch UBND huyện")


def test_position_word_with_lower_case_body(ner):
    # data/raw/daknong_gov_sites_ocr/stp__img_04.TTr-HDND.txt
    doc = tag(ner, "của ông Nguyễn Đình Trung- UVBTV, Phó bí thư Tỉnh ủy, Trưởng ban Pháp chế HĐND tỉnh. Lý do")
    assert doc.people == [Person("Nguyễn Đình Trung", "UVBTV, Phó bí thư Tỉnh ủy, Trưởng ban Pháp chế HĐND tỉnh")]


def test_position_without_a_name_gives_only_its_body(ner):
    assert pairs(tag(ner, "ý kiến của các đại biểu dự họp. Đồng chí Phó Chủ tịch UBND tỉnh có ý kiến như sau:")) \
        == [("ORG", "UBND tỉnh")]
    assert pairs(tag(ner, "Đồng thời, đồng chí Phó Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh nhấn mạnh")) \
        == [("ORG", "Sở Lao động - Thương binh và Xã hội tỉnh")]


def test_honorific_name_that_opens_like_a_body(ner):
    # `Đoàn` is also a head word (`Đoàn Thanh niên`); after `đồng chí` it is a surname
    text = "đồng chí Đoàn Hồng Vũ - Giám đốc Sở Lao động – Thương binh và Xã hội, đồng chí Nguyễn Thị Quỳnh Hoa"
    assert pairs(tag(ner, text)) == [
        ("PER", "Đoàn Hồng Vũ"),
        ("TITLE", "Giám đốc Sở Lao động – Thương binh và Xã hội"),
        ("PER", "Nguyễn Thị Quỳnh Hoa"),
    ]


def test_positions_ending_in_truong_and_standing_qualifiers(ner):
    # vn_legal_readability_subset/Difficult_00178020.txt, Difficult_00208822.txt: `Thứ trưởng`,
    # `Bộ trưởng` are whole positions (only a bare `Trưởng` needs its body); `Thường trực` is part of one
    text = ("Thứ trưởng Nguyễn Việt Thắng chủ trì hội nghị. Kết luận của Bộ trưởng Hà Hùng Cường. "
            "Phó Thủ tướng Thường trực Nguyễn Sinh Hùng đã chủ trì.")
    assert pairs(tag(ner, text)) == [
        ("TITLE", "Thứ trưởng"), ("PER", "Nguyễn Việt Thắng"),
        ("TITLE", "Bộ trưởng"), ("PER", "Hà Hùng Cường"),
        ("TITLE", "Phó Thủ tướng Thường trực"), ("PER", "Nguyễn Sinh Hùng"),
    ]


def test_lower_case_position_and_name_in_a_sentence_cased_title(ner):
    # vn_legal_readability_subset/Difficult_00178020.txt: the source lower-cases its title lines
    text = "Thông báo kết luận của thứ trưởng nguyễn việt thắng tại hội nghị bàn biện pháp giải quyết tôm giống"
    assert pairs(tag(ner, text)) == [("TITLE", "thứ trưởng"), ("PER", "nguyễn việt thắng")]
    assert pairs(tag(ner, "kết luận của chủ tịch ủy ban nhân dân tỉnh tại cuộc họp")) == [
        ("ORG", "ủy ban nhân dân tỉnh")]      # a position with no name is no person


# -- bodies ------------------------------------------------------------------------------------

def test_company_names_run_over_their_lower_case_trade(ner):
    # vn_legal_readability_subset/Difficult_00181881.txt: the trade in lower case, then the proper name
    assert pairs(tag(ner, "Giao Công ty Tài chính cổ phần Sông Đà thực hiện.")) == [
        ("ORG", "Công ty Tài chính cổ phần Sông Đà")]
    assert pairs(tag(ner, "Tổng công ty Lắp máy Việt Nam - LILAMA chủ trì.")) == [
        ("ORG", "Tổng công ty Lắp máy Việt Nam - LILAMA")]
    # a management board named after its zone: a lower-case word between capitalised ones
    # (vn_legal_readability_subset/Difficult_00189279.txt)
    assert pairs(tag(ner, "Giao Ban quản lý Khu kinh tế Đông Nam Nghệ An trực tiếp tổ chức thực hiện.")) == [
        ("ORG", "Ban quản lý Khu kinh tế Đông Nam Nghệ An")]
    assert pairs(tag(ner, "Ban Chỉ đạo phát triển Khu công nghệ cao Hòa Lạc")) == [("ORG", "Ban Chỉ đạo")]
    # ... but not over the verb that follows a short name
    assert pairs(tag(ner, "Sở Tài chính hướng dẫn Công ty Điện lực thực hiện.")) == [
        ("ORG", "Sở Tài chính"), ("ORG", "Công ty Điện lực")]


def test_role_words_stay_outside_and_lists_split(ner):
    text = ("Sau khi nghe Lãnh đạo Sở Lao động - Thương binh và Xã hội (*cơ quan thường trực Ban VSTBCPN tỉnh*) "
            "thông qua dự thảo. Đặc biệt là các cơ quan chủ trì (*Ban Tổ chức Tỉnh ủy; Sở Nội vụ; Sở Kế hoạch- "
            "Đầu tư; Hội Liên hiệp Phụ nữ tỉnh*) kiểm tra các số liệu")
    assert pairs(tag(ner, text)) == [
        ("ORG", "Sở Lao động - Thương binh và Xã hội"),
        ("ORG", "Ban VSTBCPN tỉnh"),
        ("ORG", "Ban Tổ chức Tỉnh ủy"),
        ("ORG", "Sở Nội vụ"),
        ("ORG", "Sở Kế hoạch- Đầu tư"),
        ("ORG", "Hội Liên hiệp Phụ nữ tỉnh"),
    ]


def test_generic_collectives_are_not_bodies(ner):
    text = "Tăng cường phối hợp giữa các sở, ban, ngành và địa phương, đơn vị, xác định rõ nhiệm vụ"
    assert pairs(tag(ner, text)) == []


def test_comma_name_from_gazetteer_and_collective_qualifier(ner):
    text = ("- Chủ trì, phối hợp với Ban Dân tộc tỉnh, Sở Văn hóa, Thể thao và Du lịch và UBND các huyện, "
            "thành phố tổ chức đánh giá kết quả")
    assert pairs(tag(ner, text)) == [
        ("ORG", "Ban Dân tộc tỉnh"),
        ("ORG", "Sở Văn hóa, Thể thao và Du lịch"),
        ("ORG", "UBND các huyện, thành phố"),
    ]


def test_list_with_shared_head_word(ner):
    text = "Nơi nhận:\n- Văn phòng Chính phủ;\n- Các Bộ: TC, TN&MT;\n- Thường trực: Thành ủy, HĐND Thành phố;"
    assert pairs(tag(ner, text)) == [
        ("ORG", "Văn phòng Chính phủ"),
        ("ORG", "TC"),
        ("ORG", "TN&MT"),
        ("ORG", "Thành ủy"),
        ("ORG", "HĐND Thành phố"),
    ]


def test_term_qualifier_and_hall_is_no_body(ner):
    text = ("Nghị quyết này đã được Hội đồng nhân dân tỉnh Bắc Giang khoá XVIII, kỳ họp thứ 3 thông qua. "
            "Ngày 19/01/2018, tại Hội trường Sở Lao động - Thương binh và Xã hội, đồng chí Trần Thị Nga")
    assert pairs(tag(ner, text)) == [
        ("ORG", "Hội đồng nhân dân tỉnh Bắc Giang khoá XVIII"),
        ("DATE", "Ngày 19/01/2018"),
        ("ORG", "Sở Lao động - Thương binh và Xã hội"),
        ("PER", "Trần Thị Nga"),
    ]


def test_sentence_case_name_closed_by_place(ner):
    text = ("Địa điểm nộp hồ sơ tại: Ban quản lý dự án và Phát triển quỹ đất huyện Krông Nô; số 07 Phan Bội Châu, "
            "thị trấn Đăk Mâm")
    assert pairs(tag(ner, text)) == [
        ("ORG", "Ban quản lý dự án và Phát triển quỹ đất huyện Krông Nô"),
        ("LOC", "thị trấn Đăk Mâm"),   # `Phan Bội Châu` after a house number is a road
    ]


def test_institution_type_then_proper_name(ner):
    # data/raw/hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_11.2025.txt
    assert pairs(tag(ner, "68\n\nTrường Trung học phổ thông Phan Huy Chú - Quốc Oai\n\n69")) == [
        ("ORG", "Trường Trung học phổ thông Phan Huy Chú - Quốc Oai")]


def test_lower_cased_title_line_place(ner):
    # data/raw/vn_legal_readability_subset: the first line is lower-cased, places too
    assert pairs(tag(ner, "Ủy ban nhân dân tỉnh nghệ an\nCăn cứ Luật NSNN số 01/2002/QH11 ngày 16/12/2002;")) == [
        ("ORG", "Ủy ban nhân dân tỉnh nghệ an"),
        ("DOC", "Luật NSNN số 01/2002/QH11"),
        ("DATE", "ngày 16/12/2002"),
    ]


# -- headers: two-column layout, motto, OCR ------------------------------------------------------

def test_header_left_column_whole_and_split_number(ner):
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 67\n\n/2024/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
            "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 21 tháng 11 năm 2024\nQUYẾT ĐỊNH")
    assert pairs(tag(ner, text)) == [
        ("ORG", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"),
        ("DOC", "/2024/QĐ-UBND"),
        ("LOC", "Hà Nội"),
        ("DATE", "ngày 21 tháng 11 năm 2024"),
    ]


def test_interleaved_ocr_header(ner):
    text = ("UBND HUYỆN KRÔNGNÔ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBAN QLDA VÀ PT QUỸ ĐẮT Độc lập - Tự do - "
            "Hạnh phúc\nSố:42 /TB-BQL Krông Nó, ngày 30 tháng 5Š năm 2019\nTHÔNG BÁO")
    assert pairs(tag(ner, text)) == [
        ("ORG", "UBND HUYỆN KRÔNGNÔ"),
        ("DOC", "42 /TB-BQL"),
        ("LOC", "Krông Nó"),
        ("DATE", "ngày 30 tháng 5Š năm 2019"),
    ]


# -- dates and documents -----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Theo báo cáo, trong 9 tháng đầu năm 2022, hoạt động", [("DATE", "9 tháng đầu năm 2022")]),
    ("Kiểm tra hoạt động năm 2022\nNgày cập nhật 25/10/2022", [("DATE", "năm 2022"), ("DATE", "25/10/2022")]),
    ("kỷ niệm 92 năm ngày thành lập (20/10/1930 – 20/10/2022)", [("DATE", "20/10/1930"), ("DATE", "20/10/2022")]),
    ("**Hoàn thành trong Quý I/2018.**", [("DATE", "Quý I/2018")]),
    ("giai đoạn 2016-2020 và tầm nhìn đến năm 2030", [("DATE", "2016-2020"), ("DATE", "năm 2030")]),
    ("từ 7h00 phút ngày 30/5/2019 đến 8h00", [("DATE", "ngày 30/5/2019")]),
    ("Ngày 11 tháng 6 năm 2018, UBND tỉnh", [("DATE", "Ngày 11 tháng 6 năm 2018"), ("ORG", "UBND tỉnh")]),
    ("các chế độ báo cáo định kỳ (*06 tháng, một năm*) gửi", []),
])
def test_dates(ner, text, expected):
    assert pairs(tag(ner, text)) == expected


def test_document_references(ner):
    text = ("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật Nhà ở số 27/2023/QH15;\n"
            "Căn cứ các Nghị định của Chính phủ: Số 71/2024/NĐ-CP ngày 27 tháng 6 năm 2024;\n"
            "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 6254/TTr-STC ngày 08/10/2024 và báo cáo "
            "thẩm định của Sở Tư pháp số 277/BC-STP")
    assert pairs(tag(ner, text)) == [
        ("DOC", "Luật Đất đai"),
        ("DATE", "ngày 18 tháng 01 năm 2024"),
        ("DOC", "Luật Nhà ở số 27/2023/QH15"),
        ("ORG", "Chính phủ"),
        ("DOC", "71/2024/NĐ-CP"),
        ("DATE", "ngày 27 tháng 6 năm 2024"),
        ("ORG", "Sở Tài chính"),
        ("DOC", "Tờ trình số 6254/TTr-STC"),
        ("DATE", "ngày 08/10/2024"),
        ("ORG", "Sở Tư pháp"),
        ("DOC", "277/BC-STP"),
    ]


def test_doc_with_issuer_and_date(ner):
    text = ("theo hướng dẫn số 156/HD-UBQG ngày 26/11/2004 của Ủy ban Quốc gia VSTBPN Việt Nam. Tiếp tục thực "
            "hiện Chương trình số 35-CTr/TU, ngày 27 tháng 8 năm 2007 của Ban Thường vụ Tỉnh ủy Kon Tum")
    assert pairs(tag(ner, text)) == [
        ("DOC", "hướng dẫn số 156/HD-UBQG"),
        ("DATE", "ngày 26/11/2004"),
        ("ORG", "Ủy ban Quốc gia VSTBPN Việt Nam"),
        ("DOC", "Chương trình số 35-CTr/TU"),
        ("DATE", "ngày 27 tháng 8 năm 2007"),
        ("ORG", "Ban Thường vụ Tỉnh ủy Kon Tum"),
    ]


def test_places(ner):
    text = ("Sáng ngày 25/10, Ban Vì sự tiến bộ phụ nữ tỉnh Thừa Thiên Huế có buổi làm việc tại huyện Phong "
            "Điền. Địa chỉ: 07 Phan Bội Châu, thị trấn Đăk Mâm, huyện Krông Nô, tỉnh Đắk Nông.")
    assert pairs(tag(ner, text)) == [
        ("DATE", "ngày 25/10"),
        ("ORG", "Ban Vì sự tiến bộ phụ nữ tỉnh Thừa Thiên Huế"),
        ("LOC", "huyện Phong Điền"),
        ("LOC", "thị trấn Đăk Mâm"),
        ("LOC", "huyện Krông Nô"),
        ("LOC", "tỉnh Đắk Nông"),
    ]


# -- invariants over whole documents ------------------------------------------------------------

RAW_SAMPLES = sorted((ROOT / "data" / "raw" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "data" / "raw" / "daknong_gov_sites_ocr").glob("krongno__img_1*.txt"))


@pytest.mark.parametrize("path", RAW_SAMPLES, ids=lambda p: p.stem)
def test_spans_are_exact_sorted_and_flat(ner, path):
    text = path.read_text(encoding="utf-8")
    doc = tag(ner, text)
    assert doc.entities, "a real document has entities"
    previous_end = 0
    for span in doc.entities:
        assert doc.text[span.start:span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert span.start >= previous_end
        assert span.label in ENTITY_LABELS
        assert span.source in ("rules", "gazetteer")
        assert 0.0 <= span.score <= 1.0
        previous_end = span.end


def test_component_loads_gazetteer_from_models_dir():
    tagger = make_entities({"gazetteer": "gazetteer"}, ROOT / "models")
    doc = tagger(Document(doc_id="t", text="Thủ tướng Chính phủ chỉ đạo"))
    assert [(e.label, e.text) for e in doc.entities] == [("ORG", "Chính phủ")]
