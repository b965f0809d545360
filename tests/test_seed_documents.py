"""The seeds end to end, against the hand-made gold of spec/examples (data/spec_examples)."""

import datetime as dt

CHROME = ("Tìm kiếm", "TIẾN ĐỘ XỬ LÝ HỒ SƠ TTHC", "Thống kê truy cập", "View Counter", "Chia sẻ",
          "Tin liên quan", "Tin Khác", "Tổng truy cập", "Views Today")

SOCIAL_DEPT = "Sở Lao động - Thương binh và Xã hội"


def by_text(doc, prefix):
    return next(d for d in doc.directives if d.text.startswith(prefix))


def test_seed_001_directives_per_numbered_section(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    assert by_text(doc, "Tiếp thu ý kiến các thành viên dự họp, hoàn chỉnh và").assignees == [SOCIAL_DEPT]
    assert by_text(doc, "Tiếp tục phối hợp với các đơn vị có liên quan tham mưu").assignees == [SOCIAL_DEPT]
    members = "Các Sở, ngành, đơn vị thành viên của Ban VSTBCPN tỉnh"
    assert by_text(doc, "Tiếp tục rà soát, tham gia ý kiến").assignees == [members]
    assert by_text(doc, "Theo chức năng, nhiệm vụ được giao").assignees == [members]
    for prefix in ("Chủ động phát hiện", "Chủ động xây dựng Kế hoạch năm 2018", "Chỉ đạo rà soát",
                   "Tăng cường công tác tuyên truyền", "Tăng cường công tác kiểm tra"):
        assert by_text(doc, prefix).assignees == ["UBND các huyện, thành phố"], prefix
    front = by_text(doc, "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    assert front.assignees[0] == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"


def test_seed_001_deadline_lines_attach_to_their_items(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    dated = [(d.text[:20], d.deadline.type, d.deadline.date) for d in doc.directives
             if d.deadline.type in ("date", "period") and d.assignees == [SOCIAL_DEPT]]
    assert dated == [
        ("Tiếp thu ý kiến các ", "date", dt.date(2018, 2, 10)),
        ("Tiếp thu ý kiến các ", "date", dt.date(2018, 2, 10)),
        ("Chủ trì phối hợp với", "period", dt.date(2018, 3, 31)),
        ("Hướng dẫn, đôn đốc c", "period", dt.date(2018, 3, 31)),
        ("Chủ trì, phối hợp vớ", "period", dt.date(2018, 3, 31)),
    ]
    item = by_text(doc, "Tiếp thu ý kiến các thành viên dự họp, hoàn chỉnh Chương trình")
    assert item.text.endswith("ban hành.")           # the deadline line is not part of the text
    assert item.deadline.text == "trước ngày 10/02/2018"


def test_seed_001_coordinators(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    item = by_text(doc, "Chủ trì, phối hợp với Ban Dân tộc tỉnh")
    assert item.coordinators == ["Ban Dân tộc tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
                                 "UBND các huyện, thành phố"]


def test_seed_001_officials(seed_docs):
    doc = seed_docs["001_dcadee23f926a999"]
    assert doc.fields.chair[0].name == "Trần Thị Nga"
    assert doc.fields.chair[0].title.startswith("Phó Chủ tịch UBND tỉnh")
    assert doc.fields.signer.name == "Nguyễn Đình Cầu"
    assert doc.fields.signer.title == "PHÓ VĂN PHÒNG"
    assert doc.fields.meeting_date == dt.date(2018, 1, 19)
    names = {(p.name, p.title.split(",")[0] if p.title else None) for p in doc.people}
    assert ("Trần Thị Nga", "Phó Chủ tịch UBND tỉnh") in names


def test_portal_pages_come_out_without_chrome(seed_docs):
    for doc_id in ("003_b153c6da8c68613b", "004_a05d4e35d3e1933a", "000_61f4b3783d46edc1"):
        text = seed_docs[doc_id].text
        for chrome in CHROME:
            assert chrome not in text, (doc_id, chrome)
    assert "Khánh Trình (TT VH - TT & TT huyện)" in seed_docs["003_b153c6da8c68613b"].text
    assert seed_docs["003_b153c6da8c68613b"].fields.doc_type == "TIN BÀI"
    assert seed_docs["003_b153c6da8c68613b"].fields.issued_date == dt.date(2022, 10, 25)
