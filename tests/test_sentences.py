"""Sentence splitting on the seeds' own sentences and on hard tokens."""

import pytest

from pipeline import Pipeline
from pipeline.sentences import marker_type, split_block, split_sentences


@pytest.fixture(scope="module")
def splitter():
    return Pipeline(processors=["clean", "sentences"])


def texts(doc, kind=None):
    return [s.text for s in doc.sentences if kind is None or s.kind == kind]


def test_document_type_line_is_its_own_sentence(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    assert doc.sentences[0].text == "THÔNG BÁO"
    assert doc.sentences[0].kind == "title"
    assert doc.sentences[1].text.startswith("Kết luận của đồng chí Trần Thị Nga")


def test_bold_deadline_is_one_deadline_sentence(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    deadlines = texts(doc, "deadline")
    assert deadlines[:2] == ["Hoàn thành trước ngày 10/02/2018.", "Hoàn thành trước ngày 10/02/2018."]
    assert "Hoàn thành trong Quý I/2018" in deadlines
    assert len(deadlines) == 5


def test_numbered_headings_keep_their_marker(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    headings = [(s.marker, s.text) for s in doc.sentences if s.kind == "heading"]
    assert ("1.", "Sở Lao động - Thương binh và Xã hội") in headings
    assert ("2.", "Các Sở, ngành, đơn vị thành viên của Ban VSTBCPN tỉnh") in headings  # "2.Các" has no space
    assert ("3.", "UBND các huyện, thành phố") in headings


def test_list_items_nest_under_headings(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    heading = next(s for s in doc.sentences if s.text == "Sở Lao động - Thương binh và Xã hội")
    item = doc.sentences[heading.sent_id + 1]
    assert item.kind == "item" and item.marker == "-" and item.level == heading.level + 1


@pytest.mark.parametrize("text", [
    "Ngày 07/02/2023, đồng chí Trần Anh Tuấn chủ trì cuộc họp.",
    "Đ/c Trần Thị Nga -PCT UBND tỉnh (B/cáo);",
    "Ủy ban nhân dân TP. Hà Nội ban hành kế hoạch.",
    "Căn cứ Quyết định số 948/QĐ-UBND ngày 11/6/2018 của UBND tỉnh về việc ban hành kế hoạch.",
    "Thực hiện theo mục 1.1. Nội dung kế hoạch đã nêu.",
    "Các nội dung tại mục II. Nhiệm vụ trọng tâm được giữ nguyên.",
    "Tổng giá khởi điểm của tài sản: 3.817.584.000 đồng.",
    "KT. CHỦ TỊCH",
])
def test_never_splits_inside_dates_abbreviations_and_numbers(text):
    assert split_block(text, 0, len(text)) == [(0, len(text))]


def test_splits_at_sentence_end_before_capital():
    text = "Chủ động phát hiện, tạo nguồn cán bộ nữ. Mạnh dạn đề xuất, đề bạt cán bộ trẻ."
    spans = split_block(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["Chủ động phát hiện, tạo nguồn cán bộ nữ.",
                                             "Mạnh dạn đề xuất, đề bạt cán bộ trẻ."]


def test_closing_block_is_marked(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    closing = texts(doc, "closing")
    assert closing[0] == "Nơi nhận:"
    assert closing[-2:] == ["PHÓ VĂN PHÒNG", "Nguyễn Đình Cầu"]


def test_header_block_of_a_decision(splitter):
    raw = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: 01\n\n/2025/QĐ-UBND\n\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n"
           "Hà Nội, ngày 15 tháng 01 năm 2025\nQUYẾT ĐỊNH\n\nVề việc Ban hành đơn giá xây dựng mới\n"
           "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n")
    doc = splitter(raw)
    kinds = [(s.kind, s.text) for s in doc.sentences]
    assert ("header", "Hà Nội, ngày 15 tháng 01 năm 2025") in kinds
    assert ("title", "QUYẾT ĐỊNH") in kinds
    assert ("title", "Về việc Ban hành đơn giá xây dựng mới") in kinds
    assert kinds[-1][0] == "text"


def test_sentences_cover_text_with_exact_offsets(seed_docs):
    for doc in seed_docs.values():
        prev_end = 0
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text
            assert s.start >= prev_end and s.text == s.text.strip() and s.text
            prev_end = s.end


@pytest.mark.parametrize("marker, family", [("-", "-"), ("+", "+"), ("a)", "alpha"), ("1.", "num"),
                                            ("1.1.", "num2"), ("II.", "roman"), ("Điều 3.", "điều")])
def test_marker_families(marker, family):
    assert marker_type(marker) == family


def test_split_sentences_without_pipeline():
    sents = split_sentences("1. Sở Y tế\n- Chủ trì kiểm tra. Báo cáo kết quả.\n")
    assert [(s.kind, s.marker, s.text) for s in sents] == [
        ("heading", "1.", "Sở Y tế"), ("item", "-", "Chủ trì kiểm tra."), ("text", None, "Báo cáo kết quả.")]


def test_sentence_cased_roman_numerals_are_section_markers(splitter):
    # vn_legal_readability_subset lower-cases headings: "II. CÁC NHIỆM VỤ CHÍNH" became "Ii. các nhiệm vụ chính"
    doc = splitter("Điều 1. Phê duyệt Đề án với nội dung sau:\nI. mục tiêu\n1. Phát triển dịch vụ.\n"
                   "Ii. các nhiệm vụ chính\n1. Xây dựng chính sách.\nIv. tổ chức thực hiện\n"
                   "Vi phạm quy định thì bị xử lý.\n", "t")
    rows = [(s.marker, s.kind, s.text) for s in doc.sentences]
    assert ("Ii.", "heading", "các nhiệm vụ chính") in rows
    assert ("Iv.", "heading", "tổ chức thực hiện") in rows
    assert marker_type("Ii.") == marker_type("II.") == "roman"
    assert (None, "text", "Vi phạm quy định thì bị xử lý.") in rows      # a word, not a numeral
    # Difficult_00244955 writes "II - NHIỆM VỤ:" as "Ii - nhiệm vụ:"; letters with a period ("a.") mark items
    doc = splitter("Điều 1. Thông qua Chương trình với những nội dung sau:\nIi - nhiệm vụ:\n"
                   "a.\nQui hoạch thành 5 vùng phát triển cao su.\nb. Phân kỳ đầu tư.\n", "t")
    rows = [(s.marker, s.kind, s.text) for s in doc.sentences]
    assert ("Ii -", "heading", "nhiệm vụ:") in rows and marker_type("Ii -") == "roman"
    assert ("a.", "item", "Qui hoạch thành 5 vùng phát triển cao su.") in rows
    assert ("b.", "item", "Phân kỳ đầu tư.") in rows


def test_a_second_document_after_the_signature_starts_over():
    # daknong_gov_sites_ocr/krongno__img_3021-QD-UBND (a decision and the regulation it issues) and
    # tuandaknong-dakrlap__img_CV-so-651 (a cover letter and the letter it forwards): the second
    # document's body is body text again, not part of the first one's signature block
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG NÔ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "QUYẾT ĐỊNH\nBan hành Quy định tổ chức và hoạt động của Tổ công tác\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy định tổ chức và hoạt động của Tổ công tác.\n"
            "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n"
            "QUY ĐỊNH\nTổ chức và hoạt động của Tổ công tác\n(Ban hành kèm theo Quyết định số 3021/QĐ-UBND)\n"
            "Điều 5. Tổ công tác có trách nhiệm báo cáo Chủ tịch UBND huyện hằng tháng.\n"
            "CHỦ TỊCH\nNguyễn Văn An\n")
    sents = split_sentences(text)
    kinds = {s.text: s.kind for s in sents}
    assert kinds["Nguyễn Văn An"] == "closing"
    assert kinds["QUY ĐỊNH"] == "title"
    assert kinds["Tổ công tác có trách nhiệm báo cáo Chủ tịch UBND huyện hằng tháng."] == "item"
    assert [s.sent_id for s in sents] == list(range(len(sents)))
    # the second document's own signature closes it
    assert sents[-1].kind == "closing" and sents[-1].text == "Nguyễn Văn An"


def test_a_short_article_title_with_a_period_is_a_heading():
    # 07-nq-hdnd: "Điều 3. Tổ chức thực hiện." heads the article; "Điều 4. Giao UBND tỉnh thực hiện." is a task
    sents = split_sentences("NGHỊ QUYẾT\nVề chính sách\nĐiều 3. Tổ chức thực hiện.\n"
                            "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\n"
                            "Điều 4. Giao UBND tỉnh thực hiện.\n")
    kinds = {s.text: s.kind for s in sents}
    assert kinds["Tổ chức thực hiện."] == "heading"
    assert kinds["Giao UBND tỉnh thực hiện."] == "item"
    # Difficult_00244955: "8. Tổ chức thực hiện." names the section under any marker
    sents = split_sentences("NGHỊ QUYẾT\nVề cao su\n8. Tổ chức thực hiện.\n- Thành lập ban chỉ đạo các cấp.\n")
    assert [(s.kind, s.text) for s in sents][-2:] == [("heading", "Tổ chức thực hiện."),
                                                     ("item", "Thành lập ban chỉ đạo các cấp.")]


def test_capital_letter_parts_and_short_roman_titles_are_headings():
    # Difficult_00247997 ("B. nhiệm vụ và giải pháp" above "1.", "2."), Difficult_00258305 ("I. quan điểm phát
    # triển." in a sentence-cased resolution); "A. Nguyễn" would need the letter alone, so a name is no part
    sents = split_sentences("NGHỊ QUYẾT\nVề công tác đào tạo\nI. quan điểm phát triển.\n"
                            "- Phát triển công nghiệp khai thác phải phù hợp với quy hoạch.\n"
                            "B. nhiệm vụ và giải pháp\n1. Nâng cao nhận thức.\n"
                            "Thống nhất quản lý công tác đào tạo.\n")
    rows = [(s.marker, s.kind, s.text) for s in sents]
    assert ("I.", "heading", "quan điểm phát triển.") in rows
    assert ("B.", "heading", "nhiệm vụ và giải pháp") in rows
    assert marker_type("B.") == "part" and marker_type("b.") == "alpha"


def test_a_line_that_ends_in_a_comma_runs_on():
    # 052019NQ-HDND (OCR): the supervision clause is broken by a blank line after a comma
    text = ("NGHỊ QUYẾT\nVề mức chi tiếp khách\nĐiều 3. Tổ chức thực hiện\n"
            "2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân,\n\n"
            "Tổ đại biểu Hội đồng nhân dân giám sát việc thực hiện.\n"
            "3. Nghị quyết có hiệu lực từ ngày 29/7/2019.\n")
    sents = split_sentences(text)
    clause = next(s for s in sents if s.text.startswith("Giao"))
    assert clause.text.endswith("giám sát việc thực hiện.") and clause.kind == "item" and clause.marker == "2."
    assert text[clause.start:clause.end] == clause.text
    assert [s.text[:12] for s in sents if s.start > clause.start] == ["Nghị quyết c"]
