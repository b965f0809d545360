"""Directive assembly by the rules on real excerpts (sources in comments), beyond the seeds.

The trained classifier (tests/test_directive_classifier.py) decides on top of these rules."""

import datetime as dt


def directives(rules_nlp, text):
    return [(d.text, d.assignees, d.coordinators, d.deadline.type) for d in rules_nlp(text).directives]


def test_lead_in_with_role_subjects_scopes_its_items(rules_nlp):
    # vn_legal_readability_subset/Difficult_00205353.txt (Chỉ thị, TP. Hồ Chí Minh)
    text = ("Chỉ thị về chấn chỉnh công tác xây dựng văn bản quy phạm pháp luật\n"
            "Ủy ban nhân dân thành phố yêu cầu các ngành, các cấp thực hiện tốt một số nhiệm vụ sau đây:\n"
            "I.\nNâng cao nhận thức về vị trí, tầm quan trọng của công tác xây dựng văn bản\n"
            "Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân quận - huyện có trách nhiệm:\n"
            "1.\nQuan tâm đúng mức đến công tác xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật.\n"
            "2.\nTiếp tục tổ chức tuyên truyền, tập huấn nâng cao nghiệp vụ.\n"
            "II.\nTổ chức thực hiện\n"
            "Giao Sở Tư pháp đôn đốc, kiểm tra việc thực hiện Chỉ thị này.\n")
    found = directives(rules_nlp, text)
    by_start = {t[:20]: (a, kind) for t, a, _, kind in found}
    roles = ["Thủ trưởng các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân quận - huyện"]
    assert by_start["Quan tâm đúng mức đế"][0] == roles
    assert by_start["Tiếp tục tổ chức tuy"][0] == roles
    assert by_start["Giao Sở Tư pháp đôn "][0] == ["Sở Tư pháp"]
    # the lead-in that only introduces items is not itself a directive
    assert not any(t.startswith("Thủ trưởng các sở") for t, *_ in found)


def test_assessment_paragraphs_are_not_directives(rules_nlp):
    # seed 000: praise and the report of last year's results come before the tasks
    text = ("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp tổng kết\n"
            "UBND tỉnh hoan nghênh và ghi nhận các hoạt động Vì sự tiến bộ của phụ nữ trên địa bàn tỉnh.\n"
            "Bên cạnh những kết quả đạt được, vẫn còn một số tồn tại, hạn chế.\n"
            "Giao Sở Y tế chủ trì, phối hợp với UBND các huyện triển khai kế hoạch trong tháng 6/2023.\n")
    found = directives(rules_nlp, text)
    assert [t[:12] for t, *_ in found] == ["Giao Sở Y tế"]
    assert found[0][1] == ["Sở Y tế"] and found[0][2] == ["UBND các huyện"]
    assert found[0][3] == "period"


def test_normative_articles_are_rules_but_assignments_count(rules_nlp):
    # hanoi_qd_ubnd_2024_2025_pdftext: a decision's articles
    text = ("QUYẾT ĐỊNH\nVề việc ban hành đơn giá xây dựng\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành đơn giá xây dựng mới về nhà, nhà ở trên địa bàn thành phố.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày 25 tháng 01 năm 2025.\n"
            "Điều 3. Tổ chức thực hiện\n"
            "Giao Sở Xây dựng chủ trì, hướng dẫn thực hiện Quyết định này.\n")
    found = directives(rules_nlp, text)
    assert [(t[:22], a) for t, a, *_ in found] == [("Giao Sở Xây dựng chủ t", ["Sở Xây dựng"])]


def test_reported_task_in_a_news_item(rules_nlp):
    # seed 003: "X cần ..." after "nhấn mạnh:" — the place is the assignee
    text = ("Kiểm tra hoạt động bình đẳng giới năm 2022\n"
            "Đồng thời, đồng chí Phó Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh nhấn mạnh: trong thời gian "
            "tới huyện Phong Điền cần tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy đảng.\n")
    found = directives(rules_nlp, text)
    assert len(found) == 1 and found[0][1] == ["huyện Phong Điền"]


def test_deadline_line_after_item_and_not_inherited_from_lead_in(rules_nlp):
    text = ("THÔNG BÁO\nKết luận của Chủ tịch UBND huyện\n"
            "Đề nghị các phòng, ban thực hiện tốt các nhiệm vụ sau trong năm 2019:\n"
            "- Phòng Tài chính - Kế hoạch rà soát nguồn vốn.\nHoàn thành trước ngày 15/7/2019.\n"
            "- Khẩn trương kiểm tra hiện trường.\n")
    doc = rules_nlp(text)
    got = [(d.text, d.deadline.type, d.deadline.date) for d in doc.directives]
    assert ("Phòng Tài chính - Kế hoạch rà soát nguồn vốn.", "date", dt.date(2019, 7, 15)) in got
    assert ("Khẩn trương kiểm tra hiện trường.", "urgent", None) in got


def test_unmarked_lead_in_with_a_collective_subject_scopes_the_list_below(rules_nlp):
    # vn_legal_readability_subset/Difficult_00208822.txt: the lead-in is plain text after deeper items
    text = ("Thông báo kết luận của Bộ trưởng tại Hội nghị tổng kết công tác tư pháp\n"
            "1.\nNhững kết quả tích cực:\n"
            "1.1.\nCông tác hành chính tư pháp tiếp tục đi vào nề nếp.\n"
            "Để hoàn thành kế hoạch công tác năm, toàn Ngành cần tập trung thực hiện tốt các nhiệm vụ trọng tâm sau:\n"
            "1.\nTiếp tục đẩy mạnh công tác quản lý nhà nước về xây dựng và thi hành pháp luật.\n"
            "2.\nTăng cường năng lực cho các cơ quan bổ trợ tư pháp.\n")
    found = {t[:20]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Tiếp tục đẩy mạnh cô"] == ["toàn Ngành"]
    assert found["Tăng cường năng lực "] == ["toàn Ngành"]


def test_doi_voi_line_scopes_the_paragraphs_under_it(rules_nlp):
    # vn_legal_readability_subset/Difficult_00178020.txt (conclusions of a Vice-Minister)
    text = ("Thông báo kết luận của Thứ trưởng về quản lý giống tôm\n"
            "Kết luận hội nghị, Thứ trưởng đã chỉ đạo:\n"
            "1.\nĐối với các tỉnh sản xuất giống Nam Trung bộ:\n"
            "Việc sản xuất tôm giống của các cơ sở phải được quản lý đảm bảo tuân thủ quy định.\n"
            "2.\nĐối với các đơn vị chức năng thuộc Bộ Thủy sản:\n")
    found = directives(rules_nlp, text)
    assert [(t[:16], a) for t, a, _, _ in found] == [("Việc sản xuất tô", ["các tỉnh sản xuất giống Nam Trung bộ"])]


def test_directing_and_second_clause_subjects_are_assignees(rules_nlp):
    # hdnd_nghiquyet_tvpl_md/07-nq-hdnd.md and 42-2017-nq-hdnd.md (HĐND resolutions)
    text = ("Nghị quyết về chế độ đối với giáo viên\n"
            "Điều 2. Tổ chức thực hiện\n"
            "1.\nGiao Ủy ban nhân dân tỉnh:\n"
            "a)\nChỉ đạo Sở Nội vụ rà soát, sắp xếp lại đội ngũ giáo viên.\n"
            "2.\nGiao Ủy ban nhân dân tỉnh tổ chức thực hiện; Ban Kinh tế - Ngân sách và đại biểu "
            "Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết này.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Chỉ đạo Sở N"] == ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"]
    assert found["Giao Ủy ban "] == ["Ủy ban nhân dân tỉnh", "Ban Kinh tế - Ngân sách",
                                     "đại biểu Hội đồng nhân dân tỉnh"]


def test_task_sections_of_an_approved_scheme_and_a_steering_board(rules_nlp):
    # the genre of vn_legal_readability_subset decisions that approve a scheme ("Đề án") or set up a
    # steering board: the scheme's task and solution sections and the members' duties are directives,
    # its objectives, the article that founds the board and the effect clause are not
    text = ("QUYẾT ĐỊNH\nPhê duyệt Đề án phát triển công nghiệp hỗ trợ\nQUYẾT ĐỊNH:\n"
            "Điều 1. Phê duyệt Đề án phát triển công nghiệp hỗ trợ với những nội dung chủ yếu sau:\n"
            "I. MỤC TIÊU\n1. Phát triển công nghiệp hỗ trợ đáp ứng nhu cầu sản xuất trong nước.\n"
            "II. CÁC NHIỆM VỤ CHỦ YẾU\n"
            "1. Rà soát, sửa đổi các quy định về ưu đãi đầu tư.\n"
            "2. Phát triển nguồn nhân lực cho ngành công nghiệp hỗ trợ.\n"
            "III. GIẢI PHÁP THỰC HIỆN\n1. Huy động các nguồn vốn đầu tư.\n"
            "Điều 2. Thành lập Ban Chỉ đạo phát triển công nghiệp hỗ trợ.\n"
            "Các thành viên Ban Chỉ đạo có nhiệm vụ:\n"
            "- Tham gia các hoạt động của Ban Chỉ đạo theo sự phân công của Trưởng ban;\n"
            "Điều 3. Bộ Công Thương chủ trì, phối hợp với các Bộ, ngành tổ chức thực hiện Đề án.\n"
            "Điều 4. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n")
    found = [(t[:12], a) for t, a, _, _ in directives(rules_nlp, text)]
    assert found == [("Rà soát, sửa", []), ("Phát triển n", []), ("Huy động các", []),
                     ("Tham gia các", ["Các thành viên Ban Chỉ đạo"]),
                     ("Bộ Công Thươ", ["Bộ Công Thương"])]


def test_a_directed_body_after_a_verb_run_and_the_scope_that_directs_it(rules_nlp):
    # hdnd_nghiquyet_tvpl_md/27-nq-hdnd.md: "chỉ đạo, theo dõi, đôn đốc B"; Difficult_00254883: a clause
    # "chỉ đạo B" under a lead-in gives the lead-in's body and B; "thực hiện chỉ đạo X" names no assignee
    text = ("Nghị quyết về chương trình giám sát\nĐiều 2. Tổ chức thực hiện\n"
            "1. Giao Ủy ban nhân dân tỉnh chỉ đạo, theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Nghị quyết.\n"
            "2. Ủy ban nhân dân các quận, huyện có trách nhiệm:\n"
            "a) Tăng cường công tác kiểm tra; chỉ đạo lực lượng Thanh tra xử lý vi phạm.\n"
            "b) Tham mưu thực hiện chỉ đạo Thường trực Tỉnh ủy về công tác cán bộ.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Giao Ủy ban "] == ["Ủy ban nhân dân tỉnh", "các cơ quan, đơn vị"]
    assert found["Tăng cường c"] == ["Ủy ban nhân dân các quận, huyện", "lực lượng Thanh tra"]
    assert found["Tham mưu thự"] == ["Ủy ban nhân dân các quận, huyện"]


def test_a_body_as_the_label_of_its_task_and_a_subject_after_a_time_adverbial(rules_nlp):
    # Difficult_00256344 (a plan's task list: "Cục Thống kê: phối hợp ..."), stp__img_41.BC-HND
    # ("Hàng năm, UBND tỉnh xem xét ...")
    text = ("KẾ HOẠCH\nTriển khai kế hoạch phát triển kinh tế - xã hội\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Cục Thống kê: phối hợp với Sở Kế hoạch và Đầu tư xây dựng khung số liệu.\n"
            "2. Hàng năm, UBND tỉnh xem xét cân đối nguồn vốn cho chương trình.\n"
            "3. Thời gian thực hiện: năm 2025.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found == {"Cục Thống kê": ["Cục Thống kê"], "Hàng năm, UB": ["UBND tỉnh"]}


def test_a_described_body_up_to_its_duty_is_the_assignee(rules_nlp):
    # vn_legal_readability_subset/Difficult_00205353.txt: the body is described, not named
    text = ("CHỈ THỊ\nVề công tác xây dựng văn bản quy phạm pháp luật\n"
            "1. Cơ quan được giao chủ trì soạn thảo văn bản có trách nhiệm tuân thủ đúng trình tự soạn thảo.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, _, _ in found] == [
        ("Cơ quan được giao ch", ["Cơ quan được giao chủ trì soạn thảo văn bản"])]


def test_a_body_that_acts_in_a_decision_is_a_directive_but_a_list_of_names_is_not(rules_nlp):
    # 27-nq-hdnd, Difficult_00271261, Difficult_00242987 (a body made responsible, or named and acting,
    # inside a decision's or circular's article), Difficult_00181881 (a list of companies: "xây dựng" is
    # part of a name)
    text = ("QUYẾT ĐỊNH\nVề việc phân cấp quản lý vốn sự nghiệp thủy lợi\nQUYẾT ĐỊNH:\n"
            "Điều 2. Trình tự thực hiện\n"
            "Sở Tài chính có trách nhiệm hướng dẫn lập, tổ chức cấp phát nguồn thu thủy lợi phí theo quy định.\n"
            "Kho bạc Nhà nước tỉnh kiểm soát chi theo quy định.\n"
            "Điều 3. Danh sách các đơn vị thành viên\n"
            "- Tổng công ty Cơ khí xây dựng - COMA;\n"
            "- Công ty cổ phần Sông Đà 1 (Hà Nội);\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, _, _ in found] == [("Sở Tài chính có trác", ["Sở Tài chính"]),
                                                     ("Kho bạc Nhà nước tỉn", ["Kho bạc Nhà nước tỉnh"])]


def test_items_and_labels_that_only_name_bodies_scope_the_text_below(rules_nlp):
    # Difficult_00254883 ("5. Sở Công thương:" over unmarked text), Difficult_00266128 ("Cơ quan quản lý:
    # Sở ...:"), Difficult_00271261 ("2. Các Bộ, ngành, Ủy ban nhân dân các tỉnh ...:")
    text = ("CHỈ THỊ\nVề tăng cường quản lý khai thác khoáng sản\n"
            "5. Sở Công thương:\n"
            "Chỉ đạo lực lượng Quản lý thị trường kiểm tra xử lý các vi phạm kinh doanh vật liệu xây dựng.\n"
            "6. Cơ quan quản lý: Sở Nông nghiệp và Phát triển nông thôn:\n"
            "- Thẩm định hồ sơ giao đất, giao rừng cho các tổ chức.\n"
            "7. Các Bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n"
            "a) Tổ chức chỉ đạo thực hiện các nhiệm vụ, dự án của Chương trình.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Chỉ đạo lực "] == ["Sở Công thương", "lực lượng Quản lý thị trường"]
    assert found["Thẩm định hồ"] == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert found["Tổ chức chỉ "] == ["Các Bộ, ngành", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_lead_in_that_names_partners_only_introduces_its_items(rules_nlp):
    # Difficult_00256344: "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với ...:" is not itself a task;
    # tuandaknong-dakrlap (a plan against swine fever): "Đối với chủ vật nuôi:" names who the items bind
    text = ("KẾ HOẠCH\nXây dựng kế hoạch phát triển kinh tế - xã hội 5 năm\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành và địa phương:\n"
            "a) Xây dựng tiêu chí đánh giá theo mục tiêu thiên niên kỷ.\n"
            "2. Đối với chủ vật nuôi:\n"
            "a) Cung cấp thông tin chính xác về dịch bệnh trên đàn lợn.\n")
    found = directives(rules_nlp, text)
    assert [(t[:12], a) for t, a, _, _ in found] == [("Xây dựng tiê", ["Sở Kế hoạch và Đầu tư"]),
                                                     ("Cung cấp thô", ["chủ vật nuôi"])]


def test_bodies_joined_by_va_and_a_clause_before_the_duty(rules_nlp):
    # hdnd_nghiquyet_tvpl_md/94-nq-hdnd.md ("các Tổ đại biểu và đại biểu ..."), Difficult_00187897
    # ("các cơ quan, tổ chức tiếp tục": a body, not the verb "tổ chức"), Difficult_00254883 ("... khi xem xét, ...")
    text = ("CHỈ THỊ\nVề công tác giám sát\n"
            "1. Các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh căn cứ vào điều kiện thực tế để tổ chức giám sát.\n"
            "2. Ủy ban nhân dân các cấp, các cơ quan, tổ chức tiếp tục quán triệt thực hiện Chỉ thị.\n"
            "3. Sở Kế hoạch và Đầu tư, Ủy ban nhân dân các quận, huyện khi xem xét, cấp giấy chứng nhận đăng ký "
            "kinh doanh phải kiểm tra điều kiện hành nghề.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Các Tổ đại b"] == ["Các Tổ đại biểu", "đại biểu Hội đồng nhân dân tỉnh"]
    assert found["Ủy ban nhân "] == ["Ủy ban nhân dân các cấp", "các cơ quan, tổ chức"]
    assert found["Sở Kế hoạch "] == ["Sở Kế hoạch và Đầu tư", "Ủy ban nhân dân các quận, huyện"]


def test_the_remit_of_a_unit_in_a_decision_is_not_a_task_list(rules_nlp):
    # Difficult_00248492 ("Điều 2. Nhiệm vụ, quyền hạn Sở ..."), Difficult_00255339 ("Phòng X ... có chức
    # năng ..., gồm các nhiệm vụ sau:"): the functions of a body are rules of the decision
    text = ("QUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ, quyền hạn của Sở Tài nguyên và Môi trường\nQuyết định:\n"
            "Điều 2. Nhiệm vụ, quyền hạn Sở Tài nguyên và Môi trường\n"
            "1. Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị về tài nguyên và môi trường.\n"
            "Điều 3. Phòng Song phương trực thuộc Vụ Quan hệ quốc tế có chức năng tham mưu, giúp lãnh đạo Vụ, "
            "gồm các nhiệm vụ sau:\n"
            "1. Xây dựng kế hoạch hợp tác quốc tế dài hạn, trung hạn và ngắn hạn;\n"
            "Điều 4. Tổ chức thực hiện\n"
            "Giao Giám đốc Sở Tài nguyên và Môi trường xây dựng, ban hành Quy chế làm việc của Sở.\n")
    found = directives(rules_nlp, text)
    assert [(t[:12], a) for t, a, _, _ in found] == [("Giao Giám đố", ["Giám đốc Sở Tài nguyên và Môi trường"])]


def test_a_remit_article_holds_no_tasks_but_giao_and_the_staffing_plan_count(rules_nlp):
    # Difficult_00254395 (powers: "Yêu cầu ... cung cấp thông tin", "thẩm định hồ sơ và đề nghị cơ quan ..."),
    # VanBanGoc_QD_17.2025 (leaders' article; "Căn cứ chức năng ..., hằng năm Sở ... xây dựng kế hoạch biên chế")
    text = ("QUYẾT ĐỊNH\nVề việc quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Du lịch\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 2. Nhiệm vụ và quyền hạn\n"
            "1. Yêu cầu cơ quan, đơn vị, cá nhân có liên quan cung cấp thông tin cần thiết phục vụ cho việc thanh tra.\n"
            "2. Tổ chức thẩm định hồ sơ và đề nghị cơ quan nhà nước có thẩm quyền cấp giấy phép.\n"
            "Điều 3. Giám đốc Sở, Phó Giám đốc Sở\n"
            "1. Giám đốc Sở là người đứng đầu Sở, chịu trách nhiệm trước Ủy ban nhân dân Thành phố.\n"
            "2. Giao Giám đốc Sở Du lịch xây dựng, ban hành Quy chế làm việc của Sở.\n"
            "Điều 4. Biên chế công chức\n"
            "Căn cứ chức năng, nhiệm vụ, cơ cấu tổ chức được cấp có thẩm quyền phê duyệt, hằng năm Sở Du lịch "
            "xây dựng kế hoạch biên chế công chức trình Ủy ban nhân dân Thành phố.\n")
    found = directives(rules_nlp, text)
    assert [(t[:12], a) for t, a, _, _ in found] == [("Giao Giám đố", ["Giám đốc Sở Du lịch"]),
                                                     ("Căn cứ chức ", ["Sở Du lịch"])]


def test_nouns_of_request_and_a_company_list_assign_nothing(rules_nlp):
    # VanBanGoc_QD_13.2025 ("Theo đề nghị Giám đốc Sở Nội vụ tại Tờ trình ..."), Difficult_00181881
    # ("Công ty cổ phần Sông Đà 6 (Gia Lai);"), Difficult_00230511 ("đề xuất với" names whom one proposes to)
    text = ("KẾ HOẠCH\nThực hiện Luật Trách nhiệm bồi thường của Nhà nước\n"
            "Theo đề nghị Giám đốc Sở Nội vụ tại Tờ trình số 527/TTr-SNV ngày 28 tháng 02 năm 2025.\n"
            "1. Các công ty thành viên:\n"
            "- Công ty cổ phần Sông Đà 6 (Gia Lai);\n"
            "- Công ty cổ phần Sông Đà 7 (Sơn La);\n"
            "2. Sở Tư pháp:\n"
            "- Tham mưu, đề xuất với Ủy ban nhân dân cấp tỉnh trong việc tổ chức thi hành Luật.\n")
    found = directives(rules_nlp, text)
    assert [(t[:12], a) for t, a, _, _ in found] == [("Tham mưu, đề", ["Sở Tư pháp"])]


def test_a_request_to_report_problems_is_a_directive(rules_nlp):
    # Difficult_00186876, Difficult_00242987, Difficult_00271261: the closing request of a circular
    text = ("THÔNG TƯ\nHướng dẫn chế độ thông tin, báo cáo\n"
            "Điều 5. Hiệu lực thi hành\n"
            "Thông tư này có hiệu lực thi hành sau 45 ngày kể từ ngày ký.\n"
            "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh kịp thời về Bộ Tư pháp để hướng dẫn.\n")
    found = directives(rules_nlp, text)
    assert [t[:25] for t, *_ in found] == ["Trong quá trình thực hiện"]


def test_a_lead_in_that_names_a_line_of_work_only_heads_its_items(rules_nlp):
    # Difficult_00218734 ("Tăng cường các biện pháp phòng, chống tác hại của thuốc lá:"), 05-nq-hdnd
    # ("Hội đồng nhân dân tỉnh giám sát chuyên đề:"); a lead-in that asks for work stays one (seed 001)
    text = ("KẾ HOẠCH\nPhòng, chống tác hại của thuốc lá năm 2010\n"
            "II. Nhiệm vụ\n"
            "Tăng cường các biện pháp phòng, chống tác hại của thuốc lá:\n"
            "- Thực hiện nghiêm các quy định về cấm hút thuốc lá ở nơi làm việc.\n"
            "- Tổ chức treo biển cấm hút thuốc lá tại nơi công cộng.\n"
            "Yêu cầu các đơn vị, địa phương tiếp tục phát huy kết quả đạt được; đồng thời tập trung thực hiện "
            "các nhiệm vụ sau:\n"
            "- Kiểm tra việc thực hiện trong quý III.\n")
    found = directives(rules_nlp, text)
    assert [t[:20] for t, *_ in found] == ["Thực hiện nghiêm các", "Tổ chức treo biển cấ",
                                           "Yêu cầu các đơn vị, ", "Kiểm tra việc thực h"]


def test_unmarked_task_lines_below_an_item_continue_it(rules_nlp):
    # Difficult_00208822: "7.2. Thực hiện tốt ..." / "Tiếp tục rà soát ..." is one directive (spec §4a);
    # a line asking another body starts its own; closing formulas (tuandaknong-dakrlap CV-so-651: "Nhận
    # được Công văn này đề nghị ... triển khai thực hiện./.", thanhtra 3-62_kh: "Trên đây là Kế hoạch ...,
    # yêu cầu ...") and a resolution's adoption line are no tasks
    text = ("KẾ HOẠCH\nCông tác tư pháp năm 2010\n"
            "II. Nhiệm vụ trọng tâm\n"
            "7.2. Thực hiện tốt các nhiệm vụ thuộc Kế hoạch cải cách hành chính của Bộ, Ngành, địa phương.\n"
            "Tiếp tục rà soát, loại bỏ những thủ tục hành chính rườm rà, chồng chéo.\n"
            "Để bảo đảm tiến độ, yêu cầu Phòng Tư pháp báo cáo kết quả trước ngày 30/6/2010.\n"
            "Nhận được Kế hoạch này, đề nghị các đơn vị triển khai thực hiện./.\n"
            "Trên đây là Kế hoạch công tác tư pháp năm 2010, yêu cầu các phòng nghiêm túc thực hiện.\n")
    found = directives(rules_nlp, text)
    assert [t[:20] for t, *_ in found] == ["Thực hiện tốt các nh", "Để bảo đảm tiến độ, "]
    assert found[0][0].endswith("chồng chéo.")
    resolution = ("NGHỊ QUYẾT\nVề chính sách hỗ trợ\nQUYẾT NGHỊ:\n"
                  "Điều 2. Tổ chức thực hiện\n"
                  "1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết này.\n"
                  "Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XIV, kỳ họp thứ 5 thông qua ngày 13 tháng 7 "
                  "năm 2017.\n")
    assert [t for t, *_ in directives(rules_nlp, resolution)] == [
        "Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết này."]


def test_kinds_of_body_and_their_descriptions_stay_whole_in_assignees(rules_nlp):
    # Difficult_00254883 ("Cơ quan đăng ký kinh doanh:", "Thanh tra giao thông"), 05-2017-nq-hdnd
    # ("Các cơ quan chịu sự giám sát"), Difficult_00266128 ("Hạt kiểm lâm hoặc Phòng Nông nghiệp & PTNT"),
    # Difficult_00204308 ("... trong phạm vi chức năng, nhiệm vụ chỉ đạo ...")
    text = ("CHỈ THỊ\nVề tăng cường kiểm tra vật liệu xây dựng\n"
            "II. Nhiệm vụ\n"
            "1. Cơ quan đăng ký kinh doanh:\n"
            "- Rà soát các doanh nghiệp kinh doanh vật liệu xây dựng trên địa bàn.\n"
            "2. Sở Giao thông vận tải:\n"
            "- Chỉ đạo Thanh tra giao thông kiểm tra, xử lý các phương tiện vi phạm.\n"
            "3. Các cơ quan chịu sự giám sát thực hiện đầy đủ các kiến nghị sau giám sát.\n"
            "4. UBND huyện chỉ đạo Phòng Tài nguyên và Môi trường hoặc Phòng Nông nghiệp và PTNT kiểm tra "
            "hiện trường.\n"
            "5. Các Bộ, cơ quan ngang Bộ trong phạm vi chức năng, nhiệm vụ chỉ đạo việc xây dựng Tủ sách "
            "pháp luật.\n")
    found = {t[:12]: a for t, a, _, _ in directives(rules_nlp, text)}
    assert found["Rà soát các "] == ["Cơ quan đăng ký kinh doanh"]
    assert found["Chỉ đạo Than"] == ["Sở Giao thông vận tải", "Thanh tra giao thông"]
    assert found["Các cơ quan "] == ["Các cơ quan chịu sự giám sát"]
    assert found["UBND huyện c"][-2:] == ["Phòng Tài nguyên và Môi trường", "Phòng Nông nghiệp và PTNT"]
    assert found["Các Bộ, cơ q"] == ["Các Bộ, cơ quan ngang Bộ"]


def test_a_report_tells_what_was_done(rules_nlp):
    # tuandaknong-dakrlap__img_filedinhkem_220BCUB_2019: a report's numbered sections are its results,
    # not tasks; its "Kiến nghị, đề xuất" section holds the requests
    text = ("BÁO CÁO\nCông tác tiếp công dân tháng 7 năm 2019\n"
            "1. Công tác tiếp công dân\n"
            "Thực hiện tốt Luật Tiếp công dân số 42/2013/QH13.\n"
            "2. Tiếp nhận, phân loại và xử lý đơn thư\n"
            "Tổ chức có đăng ký kinh doanh được tiếp nhận hồ sơ theo quy định.\n"
            "3. Kiến nghị, đề xuất\n"
            "Đề nghị UBND tỉnh bố trí kinh phí cho công tác tiếp công dân.\n")
    assert [t[:12] for t, *_ in directives(rules_nlp, text)] == ["Đề nghị UBND"]


def test_a_request_to_comply_with_the_text_closes_it_but_organising_it_is_a_task(rules_nlp):
    # Difficult_00218734 ("... triển khai thực hiện nghiêm túc công văn này"), VanBanGoc_QD_03.2025
    # ("... chịu trách nhiệm tổ chức thực hiện Quyết định này"); Difficult_00256344 ("yêu cầu ... tổ chức
    # thực hiện nghiêm túc chỉ thị này") is a directive
    text = ("CHỈ THỊ\nVề phòng, chống tác hại của thuốc lá\n"
            "1. Giao Phòng Y tế chủ trì kiểm tra việc cấm hút thuốc lá tại nơi làm việc.\n"
            "Ủy ban nhân dân quận yêu cầu thủ trưởng các phòng, ban tổ chức thực hiện nghiêm túc chỉ thị này.\n"
            "Ủy ban nhân dân quận đề nghị Thủ trưởng các đơn vị triển khai thực hiện nghiêm túc chỉ thị này.\n"
            "Chánh Văn phòng, Thủ trưởng các cơ quan chịu trách nhiệm tổ chức thực hiện Chỉ thị này.\n")
    assert [t[:22] for t, *_ in directives(rules_nlp, text)] == ["Giao Phòng Y tế chủ tr", "Ủy ban nhân dân quận y"]


def test_a_task_list_label_inside_an_approved_scheme_opens_tasks(rules_nlp):
    # Difficult_00266128 (Quyết định phê duyệt Đề án giao rừng): "c) Nhiệm vụ:" heads imperative items;
    # the objectives above it do not
    text = ("QUYẾT ĐỊNH\nVề việc phê duyệt Đề án giao rừng, cho thuê rừng\nQUYẾT ĐỊNH:\n"
            "Điều 1. Phê duyệt Đề án giao rừng, cho thuê rừng với các nội dung sau:\n"
            "3. Mục tiêu, yêu cầu và nhiệm vụ của Đề án:\n"
            "a) Mục tiêu:\n"
            "Đến năm 2015 cơ bản hoàn thành việc giao, cho thuê rừng.\n"
            "c) Nhiệm vụ:\n"
            "- Rà soát, thống kê, phân loại diện tích rừng và đất lâm nghiệp đã giao.\n"
            "- Tuyên truyền, phổ biến chính sách giao rừng, cho thuê rừng.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Rà soát, thống kê, p", "Tuyên truyền, phổ bi"]


def test_a_partner_before_chi_dao_does_not_direct(rules_nlp):
    # Difficult_00266128: "Phối hợp với Sở Tài nguyên và Môi trường chỉ đạo, hướng dẫn UBND các huyện ..."
    # under "2. Sở Nông nghiệp và PTNT:" — the scope's body directs, the partner is a coordinator
    text = ("KẾ HOẠCH\nGiao rừng, cho thuê rừng\nII. Tổ chức thực hiện\n"
            "2. Sở Nông nghiệp và Phát triển nông thôn:\n"
            "- Phối hợp với Sở Tài nguyên và Môi trường chỉ đạo, hướng dẫn UBND các huyện xây dựng phương án "
            "giao rừng.\n")
    (found,) = directives(rules_nlp, text)
    assert found[1] == ["Sở Nông nghiệp và Phát triển nông thôn", "UBND các huyện"]
    assert found[2] == ["Sở Tài nguyên và Môi trường"]


def test_an_assignment_cue_needs_a_body_after_it(rules_nlp):
    # VanBanGoc_QD_08.2025: "Yêu cầu định mức" labels a table of norms; a lower-case accented word
    # ("định", "đơn") after the cue is not a capitalised name
    text = ("QUYẾT ĐỊNH\nBan hành định mức kinh tế - kỹ thuật\nQUYẾT ĐỊNH:\n"
            "Điều 2. Định mức giống thủy sản\n"
            "Yêu cầu định mức\n"
            "Yêu cầu Sở Nông nghiệp và Phát triển nông thôn hướng dẫn áp dụng định mức.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Yêu cầu Sở Nông nghi"]


def test_a_council_programme_of_its_own_is_not_work_it_assigns(rules_nlp):
    # 05-nq-hdnd (Cao Bằng): "1. Hội đồng nhân dân tỉnh giám sát tại các kỳ họp:" lists the council's
    # own supervision; the article that gives its standing committee the programme is the directive
    text = ("HỘI ĐỒNG NHÂN DÂN\nTỈNH CAO BẰNG\nNGHỊ QUYẾT\nVề chương trình giám sát năm 2017\n"
            "Điều 1. Thông qua Chương trình giám sát năm 2017 của Hội đồng nhân dân tỉnh Cao Bằng.\n"
            "Chương trình giám sát gồm các nội dung sau:\n"
            "1. Hội đồng nhân dân tỉnh giám sát chuyên đề:\n"
            "- Giám sát việc thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới.\n"
            "Điều 2. Giao Thường trực Hội đồng nhân dân tỉnh ban hành kế hoạch thực hiện Chương trình giám sát.\n")
    doc = rules_nlp(text)
    assert doc.fields.issuer == "HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG"
    assert [d.text[:20] for d in doc.directives] == ["Giao Thường trực Hội"]


def test_yeu_cau_without_a_body_is_the_noun(rules_nlp):
    # Difficult_00256344: "Yêu cầu trong xây dựng kế hoạch ..." heads requirements, in a task section too
    text = ("CHỈ THỊ\nVề xây dựng kế hoạch 5 năm\nII. Nhiệm vụ\n"
            "Yêu cầu trong xây dựng kế hoạch phát triển kinh tế - xã hội 5 năm 2011-2015.\n"
            "Yêu cầu các sở, ngành rà soát các chỉ tiêu của kế hoạch.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Yêu cầu các sở, ngàn"]


def test_generic_state_bodies_acting_in_a_circular_owe_work(rules_nlp):
    # Difficult_00242987 (Thông tư, Bộ Tư pháp): "Các Bộ, ngành theo dõi ..." assigns work like "Bộ Tư pháp
    # theo dõi ..."; bodies a rule applies to ("Các đơn vị có nhu cầu ...") and beneficiaries do not
    text = ("THÔNG TƯ\nHướng dẫn công tác theo dõi tình hình thi hành pháp luật\n"
            "Điều 12. Theo dõi tình hình thi hành pháp luật theo ngành, lĩnh vực\n"
            "1. Các Bộ, ngành theo dõi tình hình thi hành pháp luật trong các lĩnh vực thuộc phạm vi quản lý.\n"
            "2. Các đơn vị có nhu cầu nổ mìn thực hiện theo quy định tại Nghị định số 39/2009/NĐ-CP.\n"
            "3. Các đơn vị sự nghiệp công lập sử dụng Quỹ phát triển hoạt động sự nghiệp theo quy định.\n"
            "4. Các tổ chức kinh tế tập thể phát huy nội lực là chính để mở rộng qui mô sản xuất.\n"
            "Điều 13. Chính sách hỗ trợ\n"
            "- Hỗ trợ 100% lãi suất vay vốn mua máy móc, thiết bị phục vụ sản xuất nông nghiệp.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [("Các Bộ, ngành theo d", ["Các Bộ, ngành"])]


def test_task_verbs_labels_and_names(rules_nlp):
    # Difficult_00187897, _00204308, _00244955: "Diễn tập ...", "Biên soạn ...", "Về kỹ thuật: Đẩy mạnh ..." are
    # tasks of a task section; "Thời hạn: ..." states a fact; in "Công ty cổ phần Khai thác và Chế biến
    # khoáng sản Sông Đà (Hà Nội);" (Difficult_00181881) the capitalised "Khai thác" is part of the name
    text = ("KẾ HOẠCH\nCông tác quốc phòng năm 2010\nII. Nhiệm vụ\n"
            "1. Diễn tập phòng chống giảm nhẹ thiên tai, tìm kiếm cứu nạn huyện Đan Phượng.\n"
            "2. Biên soạn các tài liệu pháp luật, tài liệu hướng dẫn nghiệp vụ.\n"
            "3. Về kỹ thuật: Đẩy mạnh công tác khuyến nông để thực hiện đồng bộ các yêu cầu về kỹ thuật.\n"
            "4. Thời hạn: quý III năm 2010.\n"
            "5. Công ty cổ phần Khai thác và Chế biến khoáng sản Sông Đà (Hà Nội);\n")
    assert [t[:12] for t, *_ in directives(rules_nlp, text)] == ["Diễn tập phò", "Biên soạn cá", "Về kỹ thuật:"]


def test_a_time_phrase_before_the_verb_still_opens_a_task(rules_nlp):
    # tuandaknong-dakrlap (dịch tả lợn): "Hàng ngày báo cáo ..."; thanhtra 3-62/KH: "Cuối năm tiến hành kiểm điểm ..."
    text = ("KẾ HOẠCH\nPhòng, chống dịch bệnh\nII. Nhiệm vụ\n"
            "- Hàng ngày báo cáo diễn biến tình hình dịch bệnh về Phòng Nông nghiệp và PTNT trước 15 giờ 00 phút.\n"
            "- Cuối năm tiến hành kiểm điểm, đánh giá tiến độ và chất lượng công tác.\n"
            "- Cuối năm 2018, dịch bệnh đã được khống chế.\n")
    assert [t[:12] for t, *_ in directives(rules_nlp, text)] == ["Hàng ngày bá", "Cuối năm tiế"]


def test_duty_holders_of_a_circular_owe_work_but_a_thing_they_send_does_not(rules_nlp):
    # Difficult_00179422 (Thông tư liên tịch on sending information): a body qualified by its place
    # ("... trực thuộc Trung ương"), a body after a condition ("..., thì cơ quan được yêu cầu có trách nhiệm
    # ..."), and not the list of things "mà cơ quan Thuế có trách nhiệm" send
    text = ("THÔNG TƯ LIÊN TỊCH\nHướng dẫn việc thông báo, gửi, cung cấp thông tin\n"
            "Điều 3. Các loại thông tin, tài liệu được thông báo, gửi, cung cấp\n"
            "1. Các loại thông tin, tài liệu mà cơ quan Hải quan, cơ quan Thuế có trách nhiệm thông báo, gửi, "
            "cung cấp cho Viện kiểm sát nhân dân, gồm:\n"
            "a) Thông tin về bị can;\n"
            "Điều 5. Các đầu mối chịu trách nhiệm thông báo, gửi, cung cấp thông tin\n"
            "1. Cục Hải quan tỉnh, thành phố trực thuộc Trung ương có trách nhiệm thông báo, gửi, cung cấp "
            "thông tin, tài liệu thuộc thẩm quyền giải quyết của mình.\n"
            "2. Đối với trường hợp yêu cầu bằng văn bản thì cơ quan được yêu cầu có trách nhiệm thông báo, gửi, "
            "cung cấp cho cơ quan yêu cầu theo đúng thời hạn.\n"
            "3. Thủ trưởng cơ quan Bộ, Thủ trưởng các đơn vị trực thuộc Bộ chịu trách nhiệm thực hiện thông tư này.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Cục Hải quan tỉnh, t", ["Cục Hải quan tỉnh, thành phố trực thuộc Trung ương"]),
        ("Đối với trường hợp y", ["cơ quan được yêu cầu"])]


def test_a_condition_before_the_body_and_the_duties_of_private_parties(rules_nlp):
    # Difficult_00198989 (a body after "Trong thời hạn ..., " and "Trường hợp ... thì"), Difficult_00197428
    # (the duties of an applicant for a certificate are rules, the issuing body's are tasks; "Căn cứ
    # Thông tư ..." is a preamble line, not a condition)
    text = ("THÔNG TƯ\nHướng dẫn thực hiện Quy tắc xuất xứ\n"
            "Điều 3. Trách nhiệm của người đề nghị cấp C/O\n"
            "Người đề nghị cấp C/O có trách nhiệm:\n"
            "1. Nộp hồ sơ đề nghị cấp C/O cho Tổ chức cấp C/O;\n"
            "Điều 4. Trách nhiệm của Tổ chức cấp C/O\n"
            "Tổ chức cấp C/O có trách nhiệm:\n"
            "1. Xác minh lại xuất xứ của hàng hóa đã xuất khẩu theo yêu cầu của nước nhập khẩu;\n"
            "Điều 5. Xác nhận đăng ký nhập khẩu\n"
            "Trong thời hạn 15 ngày kể từ ngày nhận được giấy đăng ký, Cục Xuất bản xem xét, xác nhận đăng ký "
            "bằng văn bản và gửi trả lại cơ sở kinh doanh nhập khẩu.\n"
            "Trường hợp cơ sở nhập khẩu không đủ điều kiện thẩm định nội dung thì Cục Xuất bản xác nhận đăng ký "
            "nhập khẩu với số lượng xuất bản phẩm tối thiểu.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Xác minh lại xuất xứ", ["Tổ chức cấp C/O"]),
        ("Trong thời hạn 15 ng", ["Cục Xuất bản"]),
        ("Trường hợp cơ sở nhậ", ["Cục Xuất bản"])]


def test_a_duty_over_a_list_of_cases_and_the_solutions_of_a_plan_resolution(rules_nlp):
    # Difficult_00203897: the items are the cases, the duty is the lead-in's own;
    # Difficult_00245453: "Điều 2. Giải pháp thực hiện kế hoạch năm 2009:" holds the resolution's tasks
    text = ("NGHỊ QUYẾT\nVề kế hoạch đầu tư phát triển năm 2009\n"
            "Điều 1. Thông qua kế hoạch đầu tư phát triển năm 2009.\n"
            "Điều 2. Giải pháp thực hiện kế hoạch năm 2009:\n"
            "1. Tăng cường công tác giám sát, kiểm tra, thanh tra các hoạt động xây dựng theo quy định.\n"
            "Điều 3. Trách nhiệm giải quyết tố cáo\n"
            "1. Chánh Thanh tra Bộ có trách nhiệm chủ trì xem xét, kết luận nội dung tố cáo đối với các "
            "trường hợp sau:\n"
            "a) Tố cáo mà Thủ trưởng đơn vị thuộc Bộ đã giải quyết nhưng có vi phạm pháp luật;\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Tăng cường công tác ", []),
        ("Chánh Thanh tra Bộ c", ["Chánh Thanh tra Bộ"])]


def test_the_basic_solutions_of_a_plan_a_resolution_adopts(rules_nlp):
    # 89-nq-hdnd (batch s): "3. Một số giải pháp cơ bản" / "a) Giải pháp về quản lý nhà nước:" holds the
    # plan's imperative solutions (directives without a named body); its targets above do not
    text = ("NGHỊ QUYẾT\nThông qua Quy hoạch tài nguyên nước tỉnh\n"
            "Điều 1. Thông qua Quy hoạch tài nguyên nước tỉnh với các nội dung sau:\n"
            "2. Mục tiêu\n- Đến năm 2025 đảm bảo xử lý 80% tổng lượng nước thải trước khi đổ ra sông suối.\n"
            "3. Một số giải pháp cơ bản\n"
            "a) Giải pháp về quản lý nhà nước:\n"
            "- Ban hành các quy định phục vụ công tác quản lý tài nguyên nước;\n"
            "- Công khai các thông tin về các cơ sở gây ô nhiễm nguồn nước.\n"
            "Điều 2. Nghị quyết này có hiệu lực kể từ ngày thông qua.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [("Ban hành các quy địn", []), ("Công khai các thông ", [])]


def test_giao_trach_nhiem_cho_assigns_like_giao(rules_nlp):
    # Difficult_00263683 (batch s): "Điều 2. Giao trách nhiệm cho Giám đốc Sở ..." is the decision's task
    text = ("QUYẾT ĐỊNH\nBan hành quy định về quản lý nghĩa trang\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý nghĩa trang.\n"
            "Điều 2. Giao trách nhiệm cho Giám đốc Sở Tài nguyên và Môi trường phối hợp với Sở Xây dựng tổ "
            "chức triển khai thực hiện Quyết định này.\n"
            "Điều 3. Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký.\n")
    found = directives(rules_nlp, text)
    assert [(t[:30], a) for t, a, *_ in found] == [
        ("Giao trách nhiệm cho Giám đốc ", ["Giám đốc Sở Tài nguyên và Môi trường"])]


def test_a_briefing_meeting_giao_ban_assigns_nothing():
    # Difficult_00181360, Difficult_00256839: "hội nghị giao ban" is a briefing meeting, not "giao Ban ..."
    from pipeline.directives import _assigns
    assert not _assigns("Các cơ quan, đơn vị tổ chức hội nghị giao ban biên giới thường kỳ được thực hiện theo mức chi")
    assert not _assigns("Căn cứ kết luận Hội nghị giao ban tập thể của Thường trực Tỉnh ủy;")
    assert not _assigns("Lãnh đạo Sở họp giao ban hằng tuần.")
    assert _assigns("Giao Ban Quản lý dự án thực hiện việc thanh toán.")
    assert _assigns("Đề nghị giao Sở Tài chính chủ trì thẩm định.")


def test_viewpoint_sections_of_an_adopted_plan_and_a_lead_in_over_the_whole_document(rules_nlp):
    # Difficult_00258305: viewpoints of the plan a resolution adopts are not tasks, its solutions are;
    # Difficult_00256344: "UBND tỉnh chỉ thị các sở ... như sau:" above the first heading names the
    # assignees of every section, even after an assessment section
    text = ("NGHỊ QUYẾT\nThông qua quy hoạch khoáng sản\nĐiều 1. Thông qua Quy hoạch.\n"
            "Hội đồng nhân dân tỉnh nhấn mạnh một số nội dung sau đây:\n"
            "I. quan điểm phát triển.\n"
            "- Phát triển công nghiệp khai thác, chế biến khoáng sản phải phù hợp với yêu cầu an ninh.\n"
            "II. giải pháp thực hiện.\n"
            "- Tăng cường công tác kiểm tra việc thực hiện các quy định của pháp luật về khoáng sản.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Tăng cường công tác "]
    text = ("CHỈ THỊ\nVề việc xây dựng kế hoạch 5 năm\n"
            "Thực hiện Chỉ thị số 751/CT-TTg ngày 03/6/2009 của Thủ tướng Chính phủ về việc xây dựng kế hoạch.\n"
            "Ủy ban nhân dân tỉnh chỉ thị các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện thực hiện "
            "những nội dung sau:\n"
            "I. Về đánh giá tình hình thực hiện kế hoạch 5 năm 2006-2010\n"
            "1. Tình hình triển khai thực hiện Nghị quyết.\n"
            "II. Về nội dung kế hoạch 5 năm 2011-2015\n"
            "1. Đẩy mạnh chuyển dịch cơ cấu kinh tế theo hướng công nghiệp hóa.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Đẩy mạnh chuyển dịch", ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện"])]


def test_report_contents_repeals_and_measures_sections(rules_nlp):
    # Difficult_00186876 / Difficult_00269781: what a report or an inspection covers is no task, the
    # reporting deadlines are; Difficult_00242479: "III. Biện pháp chủ yếu:" holds the tasks of a budget
    # resolution; a repeal ("Bãi bỏ Quyết định số ...") is the text's own act
    text = ("THÔNG TƯ\nQuy định chế độ báo cáo\nĐiều 5. Báo cáo tháng\n"
            "a) Cơ quan, đơn vị thực hiện: Các Bộ, Ủy ban nhân dân các tỉnh.\n"
            "b) Nội dung báo cáo:\n"
            "- Tổng hợp, đánh giá tình hình thực hiện các chính sách dân tộc.\n"
            "c) Thời gian báo cáo:\n"
            "- Báo cáo năm gửi trước ngày 10 tháng 01 của năm thực hiện kế hoạch.\n"
            "Điều 6. Hiệu lực thi hành\n"
            "1. Bãi bỏ Quyết định số 291/QĐ-UBDT ngày 08 tháng 11 năm 2006 của Bộ trưởng.\n"
            "Điều 7. Biện pháp chủ yếu:\n"
            "1. Tăng cường giám sát, kiểm tra, thanh tra, chống tiêu cực, lãng phí trong chi ngân sách.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Báo cáo năm gửi trướ", ["Các Bộ", "Ủy ban nhân dân các tỉnh"]),
        ("Tăng cường giám sát,", [])]


def test_funding_lines_and_the_preamble_of_a_resolution_assign_nothing(rules_nlp):
    # 24-2017-nq-hdnd, 57-2017-nq-hdnd: how a resolution is funded; tuandaknong-dakrlap 062019NQ: "Xét Tờ
    # trình ... đề nghị ban hành Nghị quyết" is the preamble
    text = ("NGHỊ QUYẾT\nBan hành định mức chi\nHỘI ĐỒNG NHÂN DÂN TỈNH\n"
            "Xét Tờ trình số 2545/TTr-UBND ngày 31 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh đề nghị ban hành "
            "Nghị quyết quy định mức chi;\n"
            "QUYẾT NGHỊ:\nĐiều 1. Nguồn kinh phí\n"
            "Các cơ quan, đơn vị chủ động cân đối từ nguồn kinh phí chi thường xuyên đã được bố trí trong dự toán.\n"
            "Điều 2. Tổ chức thực hiện\n"
            "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Giao Ủy ban nhân dân", ["Ủy ban nhân dân tỉnh"])]


def test_assignees_after_a_purpose_clause_and_under_a_role_heading(rules_nlp):
    # seed 002: the subject after "Để ..., " is the whole list of bodies; Difficult_00203897: "Trách nhiệm
    # của Thủ trưởng các đơn vị trực thuộc Bộ (...):" scopes its items; 01-2017-nq-hdnd: a council's own
    # sentence heading an article is no assignee
    text = ("THÔNG BÁO\nKết luận của đồng chí Phó Chủ tịch UBND tỉnh\nII. NHIỆM VỤ TRỌNG TÂM\n"
            "Để nâng cao hiệu quả công tác bình đẳng giới, các Sở, ban, ngành, địa phương cần tập trung "
            "thực hiện một số nội dung trọng tâm sau đây:\n"
            "1. Tiếp tục đẩy mạnh công tác tuyên truyền, phổ biến, giáo dục pháp luật về bình đẳng giới.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Tiếp tục đẩy mạnh cô", ["các Sở, ban, ngành, địa phương"])]
    text = ("THÔNG TƯ\nQuy định về tiếp công dân\nĐiều 3. Trách nhiệm tiếp công dân\n"
            "4. Trách nhiệm của Thủ trưởng các đơn vị trực thuộc Bộ (trừ các Vụ chức năng):\n"
            "a) Bố trí nơi tiếp công dân tại trụ sở làm việc của đơn vị theo đúng quy định;\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Bố trí nơi tiếp công", ["Thủ trưởng các đơn vị trực thuộc Bộ"])]
    text = ("NGHỊ QUYẾT\nVề nhiệm vụ 6 tháng cuối năm 2017\nQUYẾT NGHỊ:\n"
            "Điều 2. Hội đồng nhân dân tỉnh thống nhất thông qua phương hướng, nhiệm vụ 6 tháng cuối năm 2017, "
            "trong đó cần tập trung một số nhiệm vụ chủ yếu sau:\n"
            "1. Tiếp tục tái cơ cấu ngành nông nghiệp, thủy sản theo hướng phát triển bền vững.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [("Tiếp tục tái cơ cấu ", [])]


def test_a_role_before_its_verb_a_holder_after_an_opening_phrase_and_amended_references(rules_nlp):
    # Difficult_00248970: "Giao Chi cục trưởng xây dựng, ..." -- the role, then its verb;
    # Difficult_00235078: "Kết thúc dự án WB4, Ban quản lý dự án 2 có trách nhiệm ..."; 092019NQ-HDND:
    # the standing clause on amended references assigns nothing
    text = ("QUYẾT ĐỊNH\nVề việc xử lý tài sản\nQUYẾT ĐỊNH:\n"
            "Điều 1. Điều chuyển tài sản\n"
            "Kết thúc dự án WB4, Ban quản lý dự án 2 có trách nhiệm thu hồi và báo cáo Bộ xử lý theo quy định.\n"
            "Điều 2. Tổ chức thực hiện\n"
            "Giao Chi cục trưởng xây dựng, ban hành Quy chế tổ chức và hoạt động của Chi cục.\n"
            "Khi các văn bản được dẫn chiếu để áp dụng tại Quyết định này được sửa đổi, bổ sung hoặc thay thế "
            "bằng văn bản mới thì được áp dụng theo các văn bản sửa đổi, bổ sung hoặc thay thế đó.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Kết thúc dự án WB4, ", ["Ban quản lý dự án 2"]),
        ("Giao Chi cục trưởng ", ["Chi cục trưởng"])]
    # krongno 3021-QD: a comma inside the holder's name keeps the whole holder
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế tiếp công dân\nQUYẾT ĐỊNH:\nĐiều 5. Tiếp công dân\n"
            "Đại diện cơ quan, tổ chức tham gia tiếp công dân tại Trụ sở có trách nhiệm tiếp nhận đơn thư.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [
        ["Đại diện cơ quan, tổ chức tham gia tiếp công dân tại Trụ sở"]]


def test_a_report_of_its_issuer_and_its_results_assign_nothing(rules_nlp):
    # tuandaknong-dakrlap 144BCUB (OCR): the issuer reports its own work, its name spelled unlike the header
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐĂK R°LÁP\nBÁO CÁO\nCông tác tiếp công dân tháng 5 năm 2019\n"
            "Ủy ban nhân dân huyện Đăk R” Lắp báo cáo tình hình công tác tiếp công dân trong tháng 5 năm 2019 "
            "như sau:\n"
            "2.2. Kết quả xử lý đơn thư khiếu nại, tố cáo, kiến nghị phản ánh nhận được:\n"
            "Đối với 04 đơn - 04 vụ việc kiến nghị, phản ánh đã được xử lý 100%.\n")
    assert directives(rules_nlp, text) == []


def test_bodies_a_measure_is_about_and_an_effect_clause_quoted_in_a_request(rules_nlp):
    # tuandaknong-dakrlap 1755_QD: "Các biện pháp phòng, chống dịch:" of an epidemic announcement, "Đối với
    # các xã ... phải ..."; stp 42.BC-HND: the effect clause is quoted inside the request
    text = ("QUYẾT ĐỊNH\nVề việc công bố dịch bệnh\nQUYẾT ĐỊNH:\n"
            "Điều 1. Công bố dịch bệnh động vật trên địa bàn huyện với các nội dung như sau:\n"
            "5. Các biện pháp phòng, chống dịch:\n"
            "- Cấm giết mổ, mua bán lợn mắc bệnh trong vùng có dịch;\n"
            "- Đối với các xã, thị trấn chưa có dịch phải chủ động tăng cường công tác phòng dịch.\n"
            "Điều 2. Mức khoán công tác phí\n"
            "Đối với các thành viên Tổ công tác phải thường xuyên đi công tác: Khoán theo mức 400.000 đồng.\n"
            "Điều 3. Tổ chức thực hiện\n"
            "Đề nghị cơ quan soạn thảo ghi rõ: “Nghị quyết này có hiệu lực thi hành kể từ ngày ký”.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Cấm giết mổ, mua bán", []),
        ("Đối với các xã, thị ", ["các xã, thị trấn chưa có dịch"]),
        ("Đề nghị cơ quan soạn", ["cơ quan soạn thảo"])]


def test_a_reports_work_sections_hold_no_tasks_but_its_outlook_does(rules_nlp):
    # stc 99BC_CCHC: "Về xây dựng kế hoạch và tổ chức, chỉ đạo, điều hành CCHC:" names a line of work
    # reported on; tuandaknong-dakrlap 74BCUB: ". Nhiệm vụ trọng tâm trong thời gian tới" (OCR dust
    # before it) opens the tasks
    text = ("SỞ TÀI CHÍNH\nBÁO CÁO\nTình hình thực hiện công tác cải cách hành chính 6 tháng năm 2019\n"
            "I. Công tác chỉ đạo, điều hành CCHC:\n"
            "1. Về xây dựng kế hoạch và tổ chức, chỉ đạo, điều hành CCHC:\n"
            "Tổ chức các cuộc họp định kỳ để kịp thời đánh giá, đôn đốc, nhắc nhở triển khai thực hiện.\n"
            "3. . Nhiệm vụ trọng tâm trong thời gian tới\n"
            "3.1. Tiếp tục phổ biến, quán triệt và triển khai thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Tiếp tục phổ biến, q"]


def test_officials_acting_in_a_regulation_owe_work_but_their_powers_do_not(rules_nlp):
    # krongno 15_qppl (Quy định tiếp công dân): "Chủ tịch Ủy ban nhân dân cấp huyện chủ trì tiếp công dân
    # ..." is a duty; Difficult_00203897 / Difficult_00204308: "Bộ trưởng có thể ủy quyền ...", "Chủ tịch ...
    # quyết định thành lập ..." are powers; Difficult_00256839: "... chịu trách nhiệm thi hành." closes it
    text = ("QUYẾT ĐỊNH\nBan hành Quy định về tiếp công dân\nQUYẾT ĐỊNH:\nĐiều 4. Tiếp công dân cấp huyện\n"
            "Chủ tịch Ủy ban nhân dân cấp huyện chủ trì tiếp công dân định kỳ mỗi tháng 02 ngày tại Trụ sở "
            "tiếp công dân cấp huyện.\n"
            "Bộ trưởng có thể ủy quyền cho Thứ trưởng tiếp công dân theo lịch đã được thông báo trước.\n"
            "Chủ tịch Ủy ban nhân dân xã, phường, thị trấn, cơ quan, đơn vị quyết định thành lập Tủ sách "
            "pháp luật.\n"
            "Tổ chức tư vấn xác định giá đất chịu trách nhiệm trước pháp luật về kết quả tư vấn của mình.\n"
            "Điều 5. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính và các cơ quan, tổ chức, cá nhân có liên "
            "quan chịu trách nhiệm thi hành.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Chủ tịch Ủy ban nhân", ["Chủ tịch Ủy ban nhân dân cấp huyện"])]


def test_a_determined_body_heads_its_items_and_an_urgent_cable_assigns(rules_nlp):
    # Difficult_00227024: "4. Các Trung tâm Dự báo ... cấp tỉnh (thuộc ...)" over a), b);
    # tuandaknong-dakrlap 34CD: "Chủ tịch Ủy ban nhân dân huyện điện khẩn <bodies>:"
    text = ("THÔNG TƯ\nHướng dẫn thực hiện Quy chế báo bão, lũ\nII. Trách nhiệm của các cơ quan\n"
            "4. Các Trung tâm Dự báo khí tượng thủy văn cấp tỉnh (thuộc các Đài Khí tượng Thủy văn khu vực)\n"
            "a) Thường xuyên theo dõi tình hình diễn biến của áp thấp nhiệt đới, bão, lũ trong khu vực.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [["Các Trung tâm Dự báo khí tượng thủy văn cấp tỉnh"]]
    text = ("CÔNG ĐIỆN\nVề việc phòng, chống dịch tả lợn châu Phi\n"
            "Thực hiện Công văn số 2171/UBND-KTN ngày 15/5/2019 của UBND tỉnh về phòng, chống dịch bệnh.\n"
            "Chủ tịch Ủy ban nhân dân huyện điện khẩn Thủ trưởng các phòng, ban, đơn vị, đoàn thể; Chủ tịch "
            "UBND các xã, thị trấn:\n"
            "1. Chủ động túc trực 24/24h đối phó với tình hình dịch bệnh.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [
        ["Thủ trưởng các phòng, ban, đơn vị, đoàn thể", "Chủ tịch UBND các xã, thị trấn"]]


def test_an_official_or_a_kind_of_unit_heads_its_items(rules_nlp):
    # Difficult_00181881: "1. Bộ trưởng Bộ Xây dựng:"; Difficult_00230511: "8. Tổ chức pháp chế thuộc Bộ, ..."
    text = ("CHỈ THỊ\nVề công tác bồi thường nhà nước\nIII. Tổ chức thực hiện\n"
            "8. Tổ chức pháp chế thuộc Bộ, cơ quan ngang Bộ và cơ quan thuộc Chính phủ\n"
            "a) Tham mưu, đề xuất với Bộ trưởng về việc giải quyết bồi thường trong hoạt động quản lý hành chính.\n"
            "9. Bộ trưởng Bộ Xây dựng:\n"
            "a) Chịu trách nhiệm chỉ đạo và theo dõi việc thực hiện Chỉ thị này.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [
        ["Tổ chức pháp chế thuộc Bộ, cơ quan ngang Bộ và cơ quan thuộc Chính phủ"], ["Bộ trưởng Bộ Xây dựng"]]


def test_what_a_fee_resolution_settles_is_not_a_task(rules_nlp):
    # 28-2017-nq-hdnd / 08-2017-nq-hdnd / 052019NQ-HDND (batch o): a fee's collector, a rate, an official's power,
    # who bears a cost and the cases a fee is waived for are rules of the text; "Giao ..." still assigns
    text = ("NGHỊ QUYẾT\nQuy định các loại phí trên địa bàn tỉnh\nQUYẾT NGHỊ:\n"
            "Điều 1. Quy định các loại phí, cụ thể:\n"
            "c) Đơn vị thu, kê khai, nộp, quyết toán phí\n"
            "- Đơn vị thu: Sở Tài nguyên và Môi trường\n"
            "+ Đơn vị thu phí nộp 100% tiền phí thu được vào ngân sách Nhà nước.\n"
            "* Không áp dụng thu phí cung cấp thông tin về giao dịch bảo đảm đối với các trường hợp sau đây:\n"
            "- Chấp hành viên yêu cầu cung cấp thông tin về tài sản kê biên;\n"
            "- Đăng ký thay đổi nội dung giao dịch bảo đảm đã đăng ký: 60.000 đồng/hồ sơ;\n"
            "Thủ trưởng cơ quan chủ trì tổ chức điều tra thống kê được quyết định mức khoán cụ thể.\n"
            "Cơ quan, đơn vị chủ trì đón tiếp khách chịu trách nhiệm chi toàn bộ chi phí đưa đón khách.\n"
            # Difficult_00181360, Difficult_00243476 (batch p): what may be spent, an official's power, and which
            # body a rule names
            "Cơ quan, đơn vị có đoàn đến làm việc chỉ được chi để tiếp xã giao các buổi đoàn đến làm việc.\n"
            "Thủ trưởng cơ quan, đơn vị chịu trách nhiệm quyết định mức chi cụ thể trong từng trường hợp.\n"
            "Trường hợp người gây ra thiệt hại là công chức của Tổng cục Thi hành án dân sự thì cơ quan có trách "
            "nhiệm bồi thường là Tổng cục Thi hành án dân sự.\n"
            "Điều 2. Tổ chức thực hiện\n"
            "Giao Ủy ban nhân dân tỉnh quyết định miễn, giảm học phí theo quy định.\n")
    assert [(t[:20], a) for t, a, *_ in directives(rules_nlp, text)] == [
        ("Giao Ủy ban nhân dân", ["Ủy ban nhân dân tỉnh"])]


def test_a_reports_own_account_and_petitions_are_not_tasks(rules_nlp):
    # stc__img_216BC_CCHC_nam_2018 (batch o): what the office's leaders did is the report's account;
    # tuandaknong-dakrlap 144: "khiếu nại, tố cáo, kiến nghị, phản ánh" are petitions, not recommendations
    text = ("BÁO CÁO\nKết quả cải cách hành chính năm 2018\n"
            "I. Công tác chỉ đạo, điều hành cải cách hành chính:\n"
            "Lãnh đạo Sở thường xuyên chỉ đạo các phòng, ban chuyên môn thuộc Sở tiếp tục thực hiện nghiêm túc "
            "chương trình ban hành văn bản.\n"
            "Đảng ủy Sở thường xuyên chấn chỉnh lề lối làm việc và thực thi công vụ của cán bộ, công chức.\n"
            "Trong tháng 5, trụ sở tiếp công dân đã tiếp 19 lượt người đến khiếu nại, tố cáo, kiến nghị, phản ánh, "
            "số vụ việc là:\n"
            "- Kiến nghị, phản ánh: 19 lượt, phát sinh 03 vụ việc.\n"
            "II. Phương hướng nhiệm vụ năm 2019\n"
            "1. Đề nghị các phòng chuyên môn tiếp tục rà soát thủ tục hành chính.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Đề nghị các phòng ch"]


def test_sector_bodies_a_gloss_and_a_line_that_ends_in_a_comma(rules_nlp):
    # VanBanGoc_70.2024 / 052019NQ-HDND (batch o); Difficult_00208822, Difficult_00238558: an official or
    # a kind of unit after a comma starts a body of its own
    text = ("QUYẾT ĐỊNH\nBan hành Quy định quản lý giá\nĐiều 5. Trách nhiệm thực hiện\n"
            "1. Sở quản lý ngành, lĩnh vực và Ủy ban nhân dân cấp huyện có trách nhiệm tổng hợp, báo cáo tình "
            "hình giá.\n"
            "2. Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ (quy định tại Phụ lục 01) có trách nhiệm "
            "trình Ủy ban nhân dân Thành phố phương án giá.\n"
            "3. Thủ trưởng các đơn vị thuộc Bộ, Tổ chức pháp chế Bộ, ngành có trách nhiệm theo dõi việc thi hành "
            "pháp luật.\n"
            "4. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân,\n\n"
            "Tổ đại biểu Hội đồng nhân dân và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [
        ["Sở quản lý ngành, lĩnh vực", "Ủy ban nhân dân cấp huyện"],
        ["Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ"],
        ["Thủ trưởng các đơn vị thuộc Bộ", "Tổ chức pháp chế Bộ, ngành"],
        ["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "Tổ đại biểu Hội đồng nhân dân",
         "đại biểu Hội đồng nhân dân tỉnh"]]


def test_a_definition_is_not_a_task(rules_nlp):
    # Difficult_00183876 (batch r): a circular explaining a decree defines violations, item by item
    text = ("Thông tư hướng dẫn một số điều của Nghị định số 54/2009/NĐ-CP\n"
            "II. Hướng dẫn xác định hành vi vi phạm\n"
            "1. Hành vi sản xuất phương tiện đo khi chưa được phê duyệt mẫu là việc tổ chức, cá nhân sản xuất "
            "phương tiện đo.\n"
            "2. Sử dụng trái phép mã số mã vạch quốc gia được hiểu là việc tổ chức, cá nhân tự ý gắn mã số.\n"
            "VII. Tổ chức thực hiện\n"
            "Trong quá trình thực hiện, nếu có vướng mắc đề nghị các cơ quan, đơn vị phản ánh kịp thời về "
            "Bộ Khoa học và Công nghệ.\n")
    assert [t[:30] for t, *_ in directives(rules_nlp, text)] == ["Trong quá trình thực hiện, nếu"]


def test_can_tho_is_a_city_not_a_modal(rules_nlp):
    # Difficult_00235592 (batch r): the lower-cased enacting line read as "... cần ..." (must)
    text = ("Quyết định về việc quy định chức năng, nhiệm vụ của sở nông nghiệp\n"
            "Ủy ban nhân dân thành phố cần thơ\n"
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;\n"
            "Điều 4. Giao Giám đốc Sở Nông nghiệp và Phát triển nông thôn ban hành Quy chế làm việc.\n")
    assert [t[:20] for t, *_ in directives(rules_nlp, text)] == ["Giao Giám đốc Sở Nôn"]


def test_a_circular_without_articles_is_normative(rules_nlp):
    from pipeline.directives import is_normative
    assert is_normative(rules_nlp("Thông tư hướng dẫn phân loại mặt hàng\nI. Quy định chung\n1. Phạm vi\n"))
    assert not is_normative(rules_nlp("Kế hoạch phòng, chống dịch bệnh\nI. Mục đích\n1. Tuyên truyền\n"))


def test_who_reports_problems_is_the_assignee(rules_nlp):
    # VanBanGoc_70.2024, VanBanGoc_QD_40.2025: the request to report problems names its addressees mid-sentence
    text = ("QUYẾT ĐỊNH\nBan hành quy định\nĐiều 1. Phạm vi điều chỉnh\nĐiều 5. Tổ chức thực hiện\n"
            "Trong quá trình triển khai thực hiện, nếu có vướng mắc, các tổ chức, cá nhân kịp thời phản ánh về "
            "Sở Nông nghiệp và Môi trường.\n")
    assert [a for _, a, *_ in directives(rules_nlp, text)] == [["các tổ chức, cá nhân"]]


def test_an_execution_formula_by_the_decision_is_not_a_directive(rules_nlp):
    # Difficult_00270789, Difficult_00187362 (batch w): "... căn cứ Quyết định thi hành." closes a decision
    from pipeline.directives import is_closing_formula
    assert is_closing_formula("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Xây dựng, Chủ tịch UBND các huyện, "
                              "thị xã căn cứ quyết định thi hành.")
    assert is_closing_formula("Các tổ chức, hộ gia đình và cá nhân có liên quan căn cứ Quyết định này để thi hành.")
    # a task that goes on after the formula words is not the formula
    assert not is_closing_formula("Sở Tài chính căn cứ quyết định thi hành các khoản chi, báo cáo UBND tỉnh.")
    text = ("QUYẾT ĐỊNH\nVề giá bồi thường\n"
            "Điều 1. Ban hành giá bồi thường cây trồng.\n"
            "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính, Chủ tịch UBND các huyện, thị xã căn cứ "
            "quyết định thi hành.\n")
    assert directives(rules_nlp, text) == []


def test_restructuring_items_of_a_transition_article_are_tasks(rules_nlp):
    # VanBanGoc_QD_16.2025 (batch w): "Điều 6. Điều khoản chuyển tiếp" / "1. Chuyển đổi cơ quan chủ quản ..."
    text = ("QUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ của Sở Nông nghiệp và Môi trường\n"
            "Điều 1. Vị trí và chức năng\nSở Nông nghiệp và Môi trường là cơ quan chuyên môn.\n"
            "Điều 6. Điều khoản chuyển tiếp\n"
            "Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Nội vụ thực hiện:\n"
            "1. Chuyển đổi cơ quan chủ quản đối với các đơn vị trực thuộc Sở.\n"
            "2. Giải thể Chi cục Phát triển nông thôn để thành lập phòng Phát triển nông thôn.\n")
    found = directives(rules_nlp, text)
    assert [t[:20] for t, *_ in found] == ["Chuyển đổi cơ quan c", "Giải thể Chi cục Phá"]


def test_the_councils_own_bodies_are_separate_assignees(rules_nlp):
    # 31-2017-nq-hdnd, 80-nq-hdnd: the supervision clause names four bodies; "các Sở, Ban, Ngành" stays one
    text = ("NGHỊ QUYẾT\nQuy định mức hỗ trợ tiền ăn\n"
            "Điều 1. Quy định mức hỗ trợ tiền ăn cho người cai nghiện.\n"
            "Điều 2. Hội đồng nhân dân tỉnh giao Thường trực, các Ban, Tổ đại biểu và đại biểu Hội đồng nhân dân "
            "tỉnh giám sát việc thực hiện Nghị quyết này.\n"
            "Điều 3. Giao Thủ trưởng các Sở, Ban, Ngành tỉnh tổ chức thực hiện Nghị quyết này.\n")
    found = directives(rules_nlp, text)
    assert [a for _, a, *_ in found] == [
        ["Thường trực", "các Ban", "Tổ đại biểu", "đại biểu Hội đồng nhân dân tỉnh"],
        ["Thủ trưởng các Sở, Ban, Ngành tỉnh"]]


def test_a_lead_in_without_bodies_takes_those_the_sentence_before_assigns(rules_nlp):
    # 54-2017-nq-hdnd: "... và yêu cầu Ủy ban nhân dân tỉnh tăng cường chỉ đạo các ngành, các cấp nỗ lực
    # thực hiện ... Cụ thể ... cần phải thực hiện tốt các nhiệm vụ, giải pháp trọng tâm sau:"
    text = ("NGHỊ QUYẾT\nVề nhiệm vụ 6 tháng cuối năm 2017\n"
            "Điều 1. Tán thành Báo cáo của Ủy ban nhân dân tỉnh.\n"
            "II. Về nhiệm vụ, công tác 6 tháng cuối năm 2017\n"
            "Hội đồng nhân dân tỉnh thống nhất với các nhiệm vụ chủ yếu và yêu cầu Ủy ban nhân dân tỉnh tăng "
            "cường chỉ đạo các ngành, các cấp nỗ lực thực hiện thắng lợi kế hoạch năm 2017. Cụ thể trong 6 "
            "tháng cuối năm 2017 cần phải thực hiện tốt các nhiệm vụ, giải pháp trọng tâm sau:\n"
            "1. Tập trung rà soát các chương trình, đề án của từng sở, ngành.\n"
            "2. Đẩy mạnh thực hiện kế hoạch tái cơ cấu ngành nông nghiệp.\n")
    found = directives(rules_nlp, text)
    assert [(t[:20], a) for t, a, *_ in found] == [
        ("Tập trung rà soát cá", ["Ủy ban nhân dân tỉnh", "các ngành, các cấp"]),
        ("Đẩy mạnh thực hiện k", ["Ủy ban nhân dân tỉnh", "các ngành, các cấp"])]
