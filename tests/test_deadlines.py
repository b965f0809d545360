"""Deadline classes (spec §3, §3a) on real sentences (pipeline/deadlines.py).

Sentences are quoted from data/raw with hard line wraps joined (as the cleaned text has them);
the comment above each group names the file.
"""

import datetime as dt

import pytest

from pipeline.deadlines import find_deadline, is_deadline_only, make_deadlines
from pipeline.doc import Document, DocumentFields, Sentence

D001 = dt.date(2018, 1, 19)   # seeds/001: meeting date
D000 = dt.date(2023, 2, 7)    # seeds/000: meeting date

CASES = [
    # --- seeds/001_dcadee23f926a999.txt (gold: data/spec_examples/001_dcadee23f926a999.json)
    ("Hoàn thành trước ngày 10/02/2018.", D001,
     "date", "trước ngày 10/02/2018", "2018-02-10"),
    ("Đặc biệt là các cơ quan chủ trì thực hiện các mục tiêu Chương trình hành động về Bình đẳng giới "
     "kiểm tra các số liệu liên quan đến lĩnh vực ngành, đơn vị mình phụ trách và gửi về Sở Lao "
     "động-Thương binh và Xã hội trước ngày 30/01/2018.", D001,
     "date", "trước ngày 30/01/2018", "2018-01-30"),
    ("Hoàn thành trong Quý I/2018", D001, "period", "trong Quý I/2018", "2018-03-31"),
    ("Trong thời gian tới yêu cầu các đơn vị, địa phương tiếp tục phát huy kết quả đạt được và khắc phục "
     "tồn tại, hạn chế trong năm 2018; đồng thời tập trung triển khai thực hiện tốt một số nhiệm vụ sau:", D001,
     "period", "trong năm 2018", "2018-12-31"),
    ("Sau khi Chương trình công tác năm 2018 của Ban VSTBCPN tỉnh được ban hành, chủ động xây dựng kế hoạch "
     "cụ thể và chỉ đạo lồng ghép nguồn kinh phí có liên quan thuộc ngành, lĩnh vực mình phụ trách để triển "
     "khai thực hiện nhiệm vụ được giao; thực hiện nghiêm túc, kịp thời các chế độ báo cáo định kỳ (06 tháng, "
     "một năm) gửi cơ quan Thường trực của Ban VSTBCPN tỉnh tổng hợp chung báo cáo theo quy định.", D001,
     "recurring", "báo cáo định kỳ (06 tháng, một năm)", None),
    ("Thực hiện nghiêm túc công tác tổng hợp, báo cáo định kỳ theo quy định.", D001,
     "recurring", "báo cáo định kỳ", None),
    # a year naming a topic or horizon; a document's own date; a plan's frequency
    ("Chủ động xây dựng Kế hoạch năm 2018 nhằm thực hiện hiệu quả Kế hoạch triển khai Chương trình hành động "
     "quốc gia bình đẳng giới giai đoạn 2016-2020 và Đề án Phòng ngừa và ứng phó với bạo lực trên cơ sở giới "
     "giai đoạn 2016-2020 và tầm nhìn đến năm 2030; đồng thời quan tâm bố trí kinh phí", D001,
     "none", None, None),
    ("Hướng dẫn, đôn đốc các địa phương thành lập, kiện toàn Ban VSTBCPN cấp xã, phường, thị trấn theo hướng "
     "dẫn số 156/HD-UBQG ngày 26/11/2004 của Ủy ban Quốc gia VSTBPN Việt Nam.", D001, "none", None, None),
    ("có hình thức tổ chức các hoạt động phù hợp, hiệu quả nhằm hưởng ứng Tháng hành động vì bình đẳng giới "
     "và phòng, chống bạo lực trên cơ sở giới năm 2018; .", D001, "none", None, None),
    ("Tăng cường công tác kiểm tra, giám sát, đánh giá việc thực hiện Luật bình đẳng giới gắn với công tác "
     "thi đua khen thưởng hàng năm.", D001, "none", None, None),
    # --- seeds/000_61f4b3783d46edc1.txt (gold: data/spec_examples/000_61f4b3783d46edc1.json)
    ("Đề nghị các cấp, các ngành, địa phương rà soát, bổ sung và xây dựng kế hoạch hoạt động của Ban Vì sự "
     "tiến bộ phụ nữ trong năm 2023 và phân công trách nhiệm cụ thể cho từng thành viên; trong đó, tập trung "
     "giải quyết những vấn đề nổi cộm tồn tại trong năm 2022;", D000, "period", "trong năm 2023", "2023-12-31"),
    # the year of the purpose clause ("để ...") is the aim's horizon
    ("Trước hết, rà soát định khung các nhóm văn bản đã được ban hành để làm cơ sở, cẩm nang tổ chức thực "
     "hiện nhiệm vụ trong năm 2023; phải xác định công tác vì sự tiến bộ phụ nữ và bình đẳng giới làm nhiệm "
     "vụ quan trọng, lâu dài và thường xuyên của từng cấp, từng ngành.", D000, "none", None, None),
    ("Ban Vì sự tiến bộ phụ nữ từ tỉnh đến cơ sở một cách khoa học và có tính chất ưu tiên để tổ chức thực "
     "hiện nhiệm vụ theo từng quý, từng chỉ tiêu, tiêu chí cụ thể:", D000, "recurring", "theo từng quý", None),
    ("Khẩn trương xây dựng kế hoạch tổ chức Gặp mặt kỷ niệm ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam "
     "20/10 đối tượng mở rộng đến nữ cán bộ lãnh đạo cấp phòng thuộc Sở và tương đương.", D000,
     "urgent", "Khẩn trương", None),
    # --- seeds/003_b153c6da8c68613b.txt
    ("trong thời gian tới huyện Phong Điền cần tăng cường sự lãnh đạo; thực hiện lồng ghép các nội dung bình "
     "đẳng giới trong xây dựng chính sách, pháp luật và các chương trình, chiến lược, kế hoạch phát triển "
     "kinh tế - xã hội giai đoạn 5 năm và hàng năm; phối hợp các ngành về kiểm tra", dt.date(2022, 10, 25),
     "none", None, None),
    # --- daknong_gov_sites_ocr/krongno__img_808-UBND-VPsigned.txt
    ("Đề nghị các đơn vị báo cáo kết quả triên khai thực hiện về UBND huyện trước ngày 07/6/2019.",
     dt.date(2019, 6, 7), "date", "trước ngày 07/6/2019", "2019-06-07"),
    ("Với nội dung trên, yêu cầu các đơn vị khẩn trương triển khai thực hiện...", dt.date(2019, 6, 7),
     "urgent", "khẩn trương", None),
    # --- daknong_gov_sites_ocr/tuandaknong-dakrlap__img_filedinhkem_C_v_946signed_2019.txt
    ("Tổng hợp, báo cáo số lượng tổng đàn lợn trên địa bàn các xã, thị trấn gửi về UBND huyện (thông qua "
     "Phòng Nông nghiệp và PTNT) chậm nhất ngày 29/7/2019.", dt.date(2019, 7, 22),
     "date", "chậm nhất ngày 29/7/2019", "2019-07-29"),
    ("Tổ chức tiêu hủy toàn bộ đàn lợn bị bệnh Dịch tả lợn Châu phi trong vòng 24 giờ kê từ khi có kết quả "
     "xét nghiệm khẳng định dương tính với bệnh Dịch tả lợn Châu Phi.", dt.date(2019, 7, 22),
     "relative", "trong vòng 24 giờ", None),
    # --- daknong_gov_sites_ocr/tuandaknong-dakrlap__img_filedinhkem_34CD_2019.txt
    ("vận động đến phụ huynh học sinh nêu phát hiện dịch bệnh kịp thời báo cáo ngay về UBND huyện...",
     dt.date(2019, 5, 16), "urgent", "ngay", None),
    # --- daknong_gov_sites_ocr/tuandaknong-dakrlap__img_filedinhkem_220BCUB_2019.txt: a past month reported
    ("Trong tháng 7 năm 2019, trụ sở tiếp công dân của huyện đã tiếp được 16 lượt, với 28 người đến khiếu "
     "nại, tố cáo, kiến nghị, phản ánh", dt.date(2019, 7, 1), "none", None, None),
    # --- daknong_gov_sites_ocr/krongno__img_15_qppl_ubnd_2-quy_inh_TCD_tren_ia_ban_tinh_ak_Nong.txt
    ("Chậm nhất sau 05 ngày làm việc, cơ quan chủ trì tiếp công dân phải ban hành thông báo kết luận buổi "
     "tiêp công dân", dt.date(2015, 6, 19), "relative", "Chậm nhất sau 05 ngày làm việc", None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_23.2025.txt
    ("Thực hiện chuyển giao, tiếp nhận, sắp xếp, bố trí cán bộ, công chức, viên chức, người lao động, tài "
     "liệu, con dấu, trụ sở làm việc (nếu có) theo quy định, hoàn thành trước ngày 31 tháng 3 năm 2025.",
     dt.date(2025, 2, 28), "date", "trước ngày 31 tháng 3 năm 2025", "2025-03-31"),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_40.2025.txt
    ("Kế hoạch tổ chức phát phiếu lấy ý kiến phải được gửi đến Chủ tịch Ủy ban nhân dân cấp xã chậm nhất 02 "
     "ngày làm việc kể từ ngày ban hành Kế hoạch.", None,
     "relative", "chậm nhất 02 ngày làm việc kể từ ngày ban hành", None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_03.2025.txt: a yearly deadline
    ("1. Trước ngày 30 tháng 6 hằng năm, cơ quan, đơn vị quản lý, sử dụng công trình thực hiện lập, đề xuất "
     "danh mục dự án trong năm kế hoạch tiếp theo", dt.date(2025, 1, 10), "recurring", "hằng năm", None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/35.2024.txt
    ("4. Hằng năm, Sở Nội vụ (Ban Thi đua - Khen thưởng Thành phố) có trách nhiệm ban hành văn bản hướng "
     "dẫn", dt.date(2024, 10, 1), "recurring", "Hằng năm", None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_12.2025.txt: plan horizons, no frequency
    ("b) Dự thảo kế hoạch dài hạn, 05 năm, hàng năm và các đề án, dự án, chương trình", dt.date(2025, 3, 1),
     "none", None, None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_QD_21.2025.txt: "sớm" = early
    ("phát hiện sớm và xử lý các bệnh truyền nhiễm gây dịch; thực hiện thông báo tình hình dịch theo quy "
     "định của pháp luật", dt.date(2025, 3, 1), "none", None, None),
    # --- hanoi_qd_ubnd_2024_2025_pdftext/VanBanGoc_71.2024.txt: validity, not a task deadline
    ("“Điều 1. Quyết định này quy định về Bảng giá đất trên địa thành phố Hà Nội được áp dụng đến hết ngày "
     "31 tháng 12 năm 2025.”", dt.date(2024, 12, 20), "none", None, None),
    # --- vn_legal_readability_subset/Difficult_00205353.txt
    ("Chậm nhất là ngày 30 tháng 6 năm 2010 các cơ quan phải xây dựng xong quy trình và gửi Sở Tư pháp để "
     "theo dõi.", dt.date(2009, 12, 1), "date", "Chậm nhất là ngày 30 tháng 6 năm 2010", "2010-06-30"),
    ("Chậm nhất là cuối quý I năm 2010, những cơ quan, đơn vị đã có trang thông tin điện tử phải đảm bảo",
     dt.date(2009, 12, 1), "period", "Chậm nhất là cuối quý I năm 2010", "2010-03-31"),
    # --- vn_legal_readability_subset/Difficult_00228528.txt
    ("Thời gian thực hiện trong quý I năm 2010.", dt.date(2009, 12, 1),
     "period", "trong quý I năm 2010", "2010-03-31"),
    # --- vn_legal_readability_subset/Difficult_00266128.txt
    ("4. Thời gian thực hiện: Từ năm 2009 đến năm 2015.", dt.date(2009, 1, 1),
     "period", "Từ năm 2009 đến năm 2015", "2015-12-31"),
    # --- vn_legal_readability_subset/Difficult_00186876.txt: a day with no month recurs monthly
    ("c) Thời gian báo cáo: Báo cáo gửi trước ngày 25 hằng tháng.", dt.date(2008, 1, 1),
     "recurring", "hằng tháng", None),
    # --- vn_legal_readability_subset/Difficult_00198989.txt
    ("2. Trong thời hạn 15 ngày kể từ ngày nhận được giấy đăng ký và danh mục xuất bản phẩm nhập khẩu để "
     "kinh doanh, Cục Xuất bản xem xét", None, "relative", "Trong thời hạn 15 ngày kể từ ngày nhận được", None),
    ("3. Tranh, ảnh, bản đồ, áp-phích, tờ rời, tờ gấp có nội dung quy định tại Điều 4 Luật Xuất bản;", None,
     "none", None, None),
    # --- vn_legal_readability_subset/Difficult_00208822.txt
    ("trình Bộ trưởng ký ban hành ngay sau khi kết thúc Hội nghị tổ chức ở khu vực phía Nam;", None,
     "relative", "ngay sau khi kết thúc Hội nghị tổ chức ở khu vực phía Nam", None),
    # --- vn_legal_readability_subset/Difficult_00206870.txt
    ("c) Phát triển hệ thống cảng: Sớm hoàn thiện tổ chức sản xuất kinh doanh các cảng hiện có", None,
     "urgent", "Sớm", None),
    # --- vn_legal_readability_subset/Difficult_00263179.txt: an effect clause
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký và đến hết ngày 31 tháng 12 năm 2010 hết hiệu lực.",
     dt.date(2009, 12, 1), "none", None, None),
    # --- vn_legal_readability_subset/Difficult_00264155.txt: a past condition
    ("- Trường hợp các phương án bồi thường, hỗ trợ và tái định cư (phương án chi tiết) đã được cơ quan Tài "
     "chính thẩm định trước ngày 01 tháng 10 năm 2009, nay tiếp tục thực hiện", None, "none", None, None),
    # --- vn_legal_readability_subset/Difficult_00183876.txt: a data range
    ("Cửa hàng B đã xuất trình được sổ theo dõi nhập - xuất loại xăng RON 92 từ ngày 01/01/2009 đến hết ngày "
     "31/7/2009 (là 07 tháng)", None, "none", None, None),
    # --- vn_legal_readability_subset/Difficult_00208395.txt: "hàng tháng" describing an allowance
    ("1. Hỗ trợ hàng tháng cho đối tượng giữ chức danh Trưởng Ban công tác Mặt trận với mức hỗ trợ là 70.000 "
     "đồng/người/tháng.", None, "none", None, None),
    # --- daknong_gov_sites_ocr/tuandaknong-dakrlap__img_CV-so-651_16-04-2019.txt (OCR)
    ("_ thời định kỳ 06 tháng và hàng năm gửi báo cáo cô: hg tác chấp hành pháp luật tố tụng hành chính",
     dt.date(2019, 4, 16), "recurring", "định kỳ 06 tháng", None),
    # --- vn_legal_readability_subset/Difficult_00178020.txt
    ("giúp cho cơ sở nhận biết và lựa chọn những tôm tốt cho sản xuất giống, gấp rút rà soát điều chỉnh các "
     "Tiêu chuẩn ngành về tôm sú bố mẹ", None, "urgent", "gấp rút", None),
    # --- hdnd_nghiquyet_tvpl_md: durations, not deadlines
    ("Tiền ăn: 25.000 đồng/người/ngày, tối đa không quá 3 ngày.", None, "none", None, None),
]


@pytest.mark.parametrize(("text", "ref", "type_", "deadline_text", "date"), CASES)
def test_find_deadline(text, ref, type_, deadline_text, date):
    deadline = find_deadline(text, ref)
    assert (deadline.type, deadline.text, deadline.date) == (
        type_, deadline_text, dt.date.fromisoformat(date) if date else None)
    if deadline.text is not None:
        assert text[deadline.start:deadline.end] == deadline.text


@pytest.mark.parametrize(("text", "type_", "deadline_text"), [
    # phrasings the spec §3/§3a quotes
    ("Báo cáo kết quả sau 10 ngày làm việc.", "relative", "sau 10 ngày làm việc"),
    ("Trình HĐND tỉnh ngay sau khi Đề án được thông qua.", "relative", "ngay sau khi Đề án được thông qua"),
    ("Tổ chức kiểm tra định kỳ 06 tháng, một năm.", "recurring", "định kỳ 06 tháng, một năm"),
    ("Báo cáo kết quả hằng tháng về Sở.", "recurring", "hằng tháng"),
    ("Tổ chức thực hiện gấp.", "urgent", "gấp"),
    ("Hoàn thiện hồ sơ trong thời gian sớm nhất.", "urgent", "trong thời gian sớm nhất"),
    # seeds/001: an event with no time limit is no relative deadline
    ("Sau khi Chương trình công tác năm 2018 của Ban VSTBCPN tỉnh được ban hành, chủ động xây dựng kế hoạch "
     "cụ thể", "none", None),
    # none (spec §3a)
    ("Thực hiện thường xuyên, liên tục, lâu dài; kịp thời đẩy nhanh tiến độ trong thời gian tới.", "none", None),
])
def test_spec_phrasings(text, type_, deadline_text):
    deadline = find_deadline(text, D001)
    assert (deadline.type, deadline.text) == (type_, deadline_text)


def test_date_before_period_when_both_apply():
    deadline = find_deadline("Triển khai trong quý III/2019, báo cáo kết quả trước ngày 15/7/2019.",
                             dt.date(2019, 6, 1))
    assert (deadline.type, deadline.date) == ("date", dt.date(2019, 7, 15))


def test_year_is_taken_from_the_reference_date():
    assert find_deadline("Xong trước 30/6", dt.date(2019, 5, 2)).date == dt.date(2019, 6, 30)
    assert find_deadline("Hoàn thành trong quý IV", dt.date(2019, 5, 2)).date == dt.date(2019, 12, 31)


def test_past_time_is_no_deadline():
    # seeds/000: "tồn tại trong năm 2022" in a notice of 2023
    assert find_deadline("giải quyết những vấn đề nổi cộm tồn tại trong năm 2022;", D000).type == "none"


@pytest.mark.parametrize(("text", "expected"), [
    ("Hoàn thành trước ngày 10/02/2018.", True),             # seeds/001
    ("**Hoàn thành trong Quý I/2018**", True),               # seeds/001, markup kept
    ("Thời gian thực hiện: trong tháng 6/2019", True),
    ("Thời hạn hoàn thành: trước ngày 15/7/2019.", True),
    ("Xong trước 30/6", True),
    ("Thời gian thực hiện trong quý I năm 2010.", True),      # vn_legal_readability_subset/Difficult_00228528.txt
    ("Thời gian thực hiện: Từ năm 2009 đến năm 2015.", True),  # vn_legal_readability_subset/Difficult_00266128.txt
    ("gửi về Sở Lao động-Thương binh và Xã hội trước ngày 30/01/2018.", False),
    ("Ngày 19/01/2018, UBND tỉnh đã chủ trì cuộc họp.", False),
    ("Khẩn trương xây dựng kế hoạch tổ chức Gặp mặt.", False),
    ("Thời gian thực hiện: Từ ngày 01 tháng 01 năm 2010.", False),   # a start, not a limit
])
def test_is_deadline_only(text, expected):
    assert is_deadline_only(text) is expected


def _doc(text: str, fields: DocumentFields | None = None) -> Document:
    doc = Document(doc_id="t", text=text, fields=fields or DocumentFields())
    start = 0
    for i, line in enumerate(text.split("\n")):
        doc.sentences.append(Sentence(sent_id=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return doc


def test_component_shifts_offsets_into_the_document():
    # seeds/001_dcadee23f926a999.txt
    text = ("- Tiếp thu ý kiến các thành viên dự họp, hoàn chỉnh Chương trình công tác năm 2018.\n"
            "Hoàn thành trước ngày 10/02/2018.\n"
            "Hoàn thành trong Quý I")
    doc = make_deadlines({}, None)(_doc(text, DocumentFields(meeting_date=D001)))
    first, second, third = (s.deadline for s in doc.sentences)
    assert first.type == "none"
    assert (second.type, second.date) == ("date", dt.date(2018, 2, 10))
    assert doc.text[second.start:second.end] == "trước ngày 10/02/2018"
    assert (third.type, third.date) == ("period", dt.date(2018, 3, 31))   # year from meeting_date
    assert doc.text[third.start:third.end] == "trong Quý I"


def test_component_falls_back_to_the_first_date_of_the_text():
    text = "Krông Nô, ngày 13 tháng 6 năm 2019\nGửi báo cáo trước ngày 20/6."
    doc = make_deadlines({}, None)(_doc(text))
    assert doc.sentences[1].deadline.date == dt.date(2019, 6, 20)
