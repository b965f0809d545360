"""Stage 5 — directive assembly (spec §4): who must do what, with whom, by when.

The unit is a list item or, in running text, the sentence that carries a task.
Walking the sentences in order we keep the outline context:

* a heading that names a body ("1. Sở Lao động - Thương binh và Xã hội") gives
  its items an assignee; a heading that names a section ("I. ĐÁNH GIÁ CHUNG",
  "II. NHIỆM VỤ ...") switches between assessment and task context;
* a lead-in ending in ":" ("đề nghị các cơ quan, đơn vị, địa phương cần tập
  trung một số nhiệm vụ trọng tâm sau:") gives the items below it an assignee and
  is itself a directive only if it assigns work of its own;
* continuation sentences join their item unless they name another body, as do
  unmarked task lines below a list item;
* a deadline-only line after an item belongs to that item;
* in a decision or resolution articles are rules unless they carry the text out
  ("Tổ chức thực hiện"); an article on a unit's remit or structure holds no task
  but a "Giao ..." sentence.

Assignees are read from the directive itself first ("Giao X ...", "Đề nghị X
...", "X chủ trì ..."), then inherited from the heading, then from the lead-in.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from dataclasses import dataclass, field, replace
from pathlib import Path

from .doc import DEADLINE_TYPES, Deadline, Directive, Document, Sentence, Span
from .models import model_path
from .registry import component
from .sentences import LOWER, UPPER, marker_type

# The modal "cần" (must), not the city: a lower-cased "Ủy ban nhân dân thành phố cần thơ" is no duty
MODAL_CAN = "cần(?! thơ)"
# Verbs that open an imperative task ("Tiếp tục rà soát ...", "Chủ trì, phối hợp ...").
TASK_VERBS = f"""
tiếp tục|tăng cường|đẩy mạnh|chủ động|chủ trì|phối hợp|xây dựng|rà soát|kiểm tra|hướng dẫn|đôn đốc|tổ chức|
triển khai|thực hiện|nâng cao|khẩn trương|hoàn thành|hoàn thiện|hoàn chỉnh|nghiên cứu|tham mưu|báo cáo|tập trung|
quan tâm|bố trí|chỉ đạo|theo dõi|tiếp thu|đề xuất|củng cố|kiện toàn|đảm bảo|bảo đảm|phát huy|lồng ghép|
tuyên truyền|ưu tiên|duy trì|huy động|phát động|mạnh dạn|cung cấp|gửi|ban hành|trình|xử lý|giải quyết|tạo điều kiện|
khuyến khích|phân công|cập nhật|trước hết|thẩm định|phê duyệt|chấn chỉnh|nghiêm túc|quán triệt|
tích cực|thường xuyên|kịp thời|làm tốt|đề nghị|yêu cầu|(?<!ngoại )giao(?! thông| dịch)|chịu trách nhiệm|có trách nhiệm|{MODAL_CAN}|phải|
vận động|giám sát|đánh giá|tổng hợp|chuẩn bị|thành lập|phổ biến|sắp xếp|bổ sung|điều chỉnh|đầu tư|
khắc phục|rút kinh nghiệm|làm việc|liên hệ|tiếp nhận|đối chiếu|thu hồi|nộp|lập|thông báo|(?<!đăng )ký|tăng|giảm|sớm|
ngăn chặn|phòng, chống|phòng chống|phòng ngừa|kiên quyết|nắm|bám sát|căn cứ|trên cơ sở|tham gia|đăng tải|chấp hành|tiến hành|
định kỳ|giữ vững|bảo vệ|phát triển|thúc đẩy|đổi mới|quản lý|sử dụng|thu hút|mở rộng|nâng cấp|cải thiện|đào tạo|
bồi dưỡng|áp dụng|kiểm soát|khảo sát|điều tra|thống kê|phân bổ|giải ngân|xác định|xem xét|tuyên dương|
khen thưởng|đề ra|lựa chọn|xác minh|trao đổi|tổng kết|đăng ký|niêm yết|công khai|tập huấn|hoàn tất|sửa đổi|rà|tính toán|
tố chức|tỗ chức|nghiêm cấm|không để|tránh|hạn chế|ủy quyền|cử|bổ nhiệm|thông tin|phản ánh|kiến nghị|xử phạt|
kết hợp|biên soạn|tranh thủ|cân đối|chú trọng|diễn tập|tuyển chọn|cấp phép|xác nhận|khai thác|bảo tồn|công bố|
nhanh chóng|cấm|chỉ trì|có kế hoạch|có chính sách|chuyển đổi(?! số)|chuyển giao|giải thể|sáp nhập|hợp nhất|nỗ lực|
đổi tên
""".replace("\n", "")
TASK_VERB_RE = re.compile(rf"(?:{TASK_VERBS})\b", re.I)

# Statements about the past or praise: not directives even inside a task section.
ASSESSMENT_RE = re.compile(
    r"^(?:ghi nhận|hoan nghênh|biểu dương|đánh giá cao|bên cạnh|tuy nhiên|nhìn chung|theo báo cáo|"
    r"tham dự|sau khi nghe|sau khi xem|qua \d|kết quả|nhìn lại|trong thời gian qua|"
    r"thời gian qua|năm \d{4},|sáng|chiều|tối|ngày \d|"
    r"thực hiện (?:ý kiến |sự )?(?:chỉ đạo|quyết định|kế hoạch|công văn|chỉ thị|nghị quyết|thông báo|văn bản)\b[^.;]*,)",
    re.I)
# Past-tense report of what was done ("... đã đạt được ..."): an assessment unless it opens with a task verb.
PAST_REPORT_RE = re.compile(r"\b(?:đã đạt được|còn (?:một số )?tồn tại|chưa (?:đạt|thật sự)|vẫn còn|"
                            r"có chuyển biến)\b", re.I)

# Explicit assignment: "Giao X", "Giao trách nhiệm cho X", "Đề nghị X", "Yêu cầu X" (X = up to the first task verb).
# Lower-case "chỉ thị" is the verb ("UBND thành phố chỉ thị Thủ trưởng các sở ..."), "Chỉ thị" a document.
# (not the noun: "Theo đề nghị của Giám đốc Sở ...", "về việc đề nghị ...", nor a right: "có quyền yêu cầu ...",
# nor a briefing meeting: "Hội nghị giao ban biên giới", "họp giao ban")
ASSIGN_CUE_RE = re.compile(r"(?<!\w)(?<![Tt]heo )(?<!việc )(?<!của )(?<!quyền )(?<!xã )(?<![Hh]ội nghị )(?<!họp )"
                           r"((?i:giao(?: trách nhiệm| nhiệm vụ)?(?: cho)?|đề nghị|yêu cầu|điện khẩn)|chỉ thị)\s+"
                           r"(?=(?i:các|mọi|toàn thể|từng|cơ quan|đơn vị|địa phương|thủ trưởng|chủ tịch|giám đốc|lãnh đạo|"
                           rf"phòng|sở|ban|trung tâm|ủy ban|ubnd)\b|[{UPPER}])")
# "X cần/phải ..." anywhere: a body or place told what it must do ("huyện Phong Điền cần tăng cường ...")
MODAL_RE = re.compile(rf"\s+(?:{MODAL_CAN}|phải|có trách nhiệm|chịu trách nhiệm|khẩn trương)\b", re.I)
# "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ X": asks the addressees to report back
REPORT_BACK_RE = re.compile(r"\b(?:nếu|trường hợp)\s+(?:có\s+)?(?:phát sinh\s+)?[^.;]{0,60}?\b(?:vướng mắc|khó khăn)\b"
                            r"[^.;]{0,120}?\b(?:phản ánh|phản ảnh|báo cáo)\b", re.I)
# ... and who reports: "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, tổ chức, cá nhân kịp thời phản ánh ..."
REPORT_BACK_SUBJECT_RE = re.compile(r"\b(?:vướng mắc|khó khăn)(?:\s+phát sinh)?\s*,\s*((?:các|mọi)\s[^;.:]{3,100}?)\s+"
                                    r"(?:kịp thời|cần|phải|phản ánh|phản ảnh|báo cáo|gửi|có trách nhiệm|chủ động)\b",
                                    re.I)
RESPONSIBILITY_RE = re.compile(r"\b(?:chịu trách nhiệm|có trách nhiệm|có nhiệm vụ)\b", re.I)
MODAL_ANYWHERE_RE = re.compile(rf"\b(?:{MODAL_CAN}|phải|cần phải|bắt buộc)\b", re.I)
LEADING_FILLER_RE = re.compile(r"[\s\-–]*(?:đặc biệt là|riêng|trong đó,?|đồng thời,?)\s*", re.I)
RESPONSIBLE_RE = re.compile(rf"\b(chịu trách nhiệm|có trách nhiệm|có nhiệm vụ|chủ trì|{MODAL_CAN}|phải|khẩn trương|tiếp tục|"
                            r"tập trung|tổ chức thực hiện|triển khai|thực hiện)\b", re.I)
COORD_RE = re.compile(r"\bphối hợp(?: chặt chẽ| tốt)?(?: với| cùng)?\s+", re.I)
# "chỉ đạo B", "chỉ đạo, theo dõi, đôn đốc B": the verb run before the directed body B
DIRECT_RE = re.compile(rf"\bchỉ đạo(?:(?:,\s*|\s+và\s+)(?:{TASK_VERBS})\b)*\s+", re.I)
NOUN_DIRECTION_RE = re.compile(r"\b(?:thực hiện|theo|sự|ý kiến|của|các|những)\s+$", re.I)
# "Tăng cường ...; chỉ đạo Thanh tra ..." — a clause that directs without naming who directs
DIRECTING_CLAUSE_RE = re.compile(r"(?:^|[;:]|,)[\s\-–+*•]*(?:tăng cường |trực tiếp |tiếp tục )?chỉ đạo\b|"
                                 r"^[\s\-–+*•]*phối hợp(?: với| cùng)? [^;:]{3,120}?\schỉ đạo\b", re.I)
# what may open the directed body: a named or generic body, a force, a local government, a role
DIRECTED_BODY_RE = re.compile(r"(?:các|UBND|UBMT|Ủy ban|Uỷ ban|lực lượng|chính quyền|cơ quan|đơn vị|"
                              r"Thanh tra|Cảnh sát|Bộ đội|Đội|Tổ|Hạt|Trạm)\b", re.I)

# A section heading that opens or closes the task part of a document ("khiếu nại, tố cáo, kiến nghị,
# phản ánh" are petitions, not recommendations).
TASK_SECTION_RE = re.compile(
    r"\b(?:nhiệm vụ|giải pháp|tổ chức thực hiện|phương hướng|kiến nghị(?!,? phản ánh)|đề xuất|chỉ đạo|kết luận|"
    r"trách nhiệm|phân công|yêu cầu|thời gian tới)\b", re.I)
# A report's sections are named after lines of work ("Công tác chỉ đạo, điều hành", "Về kiểm tra"):
# only its outlook and recommendations hold tasks.
REPORT_TASK_SECTION_RE = re.compile(
    r"\b(?:phương hướng|kiến nghị(?!,? phản ánh)|đề xuất|thời gian tới|giải pháp|nhiệm vụ,? (?:và )?(?:giải pháp|trọng tâm|"
    r"chủ yếu|thời gian tới|năm \d{4}|\d+ tháng cuối))\b", re.I)
# In decisions, resolutions and their annexed regulations most articles are rules, not tasks:
# only these sections hold tasks.
NORMATIVE_TASK_SECTION_RE = re.compile(
    r"\b(?:tổ chức thực hiện|trách nhiệm (?:của|thực hiện|tổ chức)|nhiệm vụ,? (?:và )?giải pháp|"
    r"nhiệm vụ trọng tâm|giải pháp chủ yếu|phân công|giao nhiệm vụ)\b|"
    # the task part of an approved scheme or programme: "II. CÁC NHIỆM VỤ CHỦ YẾU", "III. Giải pháp thực hiện"
    # (not "Chức năng, nhiệm vụ, quyền hạn": the remit of a unit is a rule)
    r"^(?:(?:các|một số|những)\s+)?(?:nhiệm vụ|giải pháp|biện pháp)(?:\s+(?:chính|chủ yếu|cơ bản|cụ thể|thực hiện|trọng tâm|"
    r"trọng yếu|đột phá|ưu tiên|và giải pháp|và nhiệm vụ))?(?:\s+(?:kế hoạch|nghị quyết|đề án|chương trình|quy hoạch)\b[^:.;]{0,60}"
    # "5. Các biện pháp phòng, chống dịch:" of a decision announcing an epidemic or a disaster
    r"|\s+(?:phòng,? chống|xử lý|khắc phục|ngăn chặn|ứng phó)\b[^:.;]{0,60})?"
    r"\s*[:.]?\s*$", re.I)
ARTICLE_MARKERS = ("điều", "chương", "mục", "phần")
ASSESSMENT_SECTION_RE = re.compile(
    r"\b(?:đánh giá|kết quả|tình hình|khó khăn|hạn chế|tồn tại|nguyên nhân|bài học|đặc điểm|"
    r"căn cứ|sự cần thiết|quan điểm|phạm vi|đối tượng|giải thích|định hướng)\b", re.I)
OBJECTIVES_SECTION_RE = re.compile(r"\b(?:mục đích|mục tiêu|chỉ tiêu)\b", re.I)
CONTEXT_OPENER_RE = re.compile(r"\b(?:kết luận|ý kiến|chỉ đạo|yêu cầu|giao(?! dịch| thông)|đề nghị|thống nhất)\b[^:]{0,40}"
                               r"(?:như sau|sau đây|sau)\s*:\s*$", re.I)
LEAD_IN_ONLY_RE = re.compile(
    r"(?:nhiệm vụ|nội dung|giải pháp|công việc|việc|biện pháp|yêu cầu)[^.;:]{0,50}"
    r"(?:sau đây|như sau|sau)\s*:\s*$|^(?:giao|đề nghị|yêu cầu)\s[^.;]{0,120}:\s*$|"
    rf"(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|{MODAL_CAN}|phải|thực hiện)\s*:\s*$", re.I)
# A lead-in of a body's own list that names only its partners or the body it directs: "Sở X chủ trì,
# phối hợp với các sở, ngành:", "Chỉ đạo lực lượng thanh tra trực thuộc Sở:"
PARTNER_LEAD_IN_RE = re.compile(r"\b(?:chủ trì,?\s*)?phối hợp\b[^.;:]{0,120}:\s*$|^chỉ đạo\s[^.;:]{0,120}:\s*$", re.I)
# "... khắc phục tồn tại trong năm 2018; đồng thời tập trung ... nhiệm vụ sau:" assigns work before introducing
OWN_WORK_BEFORE_LEAD_IN_RE = re.compile(rf";\s*(?:đồng thời,?\s*)?(?:{TASK_VERBS})\b", re.I)
# The label that names who carries out a section: "Cơ quan, đơn vị thực hiện: Các Bộ, Ủy ban nhân dân các tỉnh ..."
EXECUTOR_LABEL_RE = re.compile(r"[\s\-–]*(?:cơ quan,? (?:đơn vị )?|đơn vị |cơ quan )(?:thực hiện|báo cáo)\s*:\s*(?=\S)",
                               re.I)
# The deadline of a reporting regime asks for the report: "Thời gian báo cáo: Báo cáo gửi trước ngày 25 hằng tháng."
REPORT_DEADLINE_LABEL_RE = re.compile(r"[\s\-–]*(?:thời gian|thời hạn)(?: nộp| gửi)? báo cáo\s*:\s*\S", re.I)
# A funding line of a resolution or decision: "Các cơ quan, đơn vị chủ động cân đối từ nguồn kinh phí ..."
FUNDING_PROVISION_RE = re.compile(r"[\s\-–]*(?:các|ủy ban nhân dân|ubnd)\b[^.:;]{0,60}?\bchủ động (?:cân đối|huy động|bố trí)\b",
                                  re.I)
# What a resolution or decision settles rather than assigns: an official's power ("Thủ trưởng cơ quan ... được
# quyết định mức chi ..."), who bears a cost ("... chịu trách nhiệm chi toàn bộ chi phí ..."), what may be spent
# ("Cơ quan ... chỉ được chi để tiếp xã giao ..."), accountability ("... phải trực tiếp chịu trách nhiệm nếu để
# xảy ra ..."), a rate ("Đăng ký thay đổi ...: 60.000 đồng/hồ sơ;") or an item of spending ("Chi đón tiếp tại sân bay, ...")
RULE_OF_TEXT_RE = re.compile(
    r"(?<!nhận )\b(?:được|có quyền|có thẩm quyền|chịu trách nhiệm) quyết định\b|"
    r"\bchịu trách nhiệm (?:chi trả|chi|chỉ|thanh toán)\b(?! đạo| tiết)|\bchịu trách nhiệm nếu\b|"
    r"\b(?:chỉ )?được (?:chi|phép chi|tổ chức mời)\b|"
    r":\s*[\d.,]+\s*(?:đồng|đ)\b|^[\s\-–+*•]*(?-i:Chi)\s+(?!cục|nhánh|bộ|hội|đoàn)", re.I)
# A definition ("Hành vi ... được hiểu là ...", "... là hành vi ...", "... được coi là ...") explains a rule; no
# gold directive holds one
DEFINITION_RE = re.compile(r"\b(?:được hiểu là|được coi là|là hành vi|là việc)\b", re.I)
REPORT_DEADLINE_LEAD_IN_RE = re.compile(r"[\s\-–]*(?:thời gian|thời hạn)(?: nộp| gửi)? báo cáo\s*:\s*$", re.I)
TASKS_FOLLOW_RE = re.compile(r"\b(?:nhiệm vụ|giải pháp|biện pháp)\b[^.;:]{0,50}(?:sau đây|như sau|sau)\s*:\s*$", re.I)
CONTENTS_LEAD_IN_RE = re.compile(r"[\s\-–]*(?:các )?nội dung (?:chính |chủ yếu )?(?:của )?(?:báo cáo|kiểm tra|thanh tra|"
                                 r"giám sát)[^:]{0,40}:\s*$", re.I)
CASES_LEAD_IN_RE = re.compile(r"trường hợp (?:sau đây|như sau|sau)\s*:\s*$", re.I)
QUOTED_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
CLOSING_FORMULA_RE = re.compile(
    r"thông báo (?:để|cho)[^.]{0,80}(?:biết|thực hiện)|(?:quyết định|nghị quyết|chỉ thị|thông báo|"
    r"kế hoạch) này có hiệu lực|có hiệu lực (?:thi hành )?(?:kể )?từ|"
    r"(?:chịu|có) trách nhiệm (?:tổ chức )?(?:thi hành|thực hiện)(?: nghiêm(?: túc)?)?\s+"
    r"(?:quyết định|nghị quyết|chỉ thị|thông báo|công văn|thông tư|thông tư liên tịch) này|"
    r"(?:chịu|có) trách nhiệm thi hành\s*\W*$|"          # "... và các cơ quan có liên quan chịu trách nhiệm thi hành."
    # "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở ... căn cứ Quyết định thi hành."
    r"căn cứ (?:quyết định|nghị quyết|chỉ thị)(?: này)? (?:để )?thi hành\W*$|"
    # a request to comply and nothing more: "... đề nghị Thủ trưởng các đơn vị triển khai thực hiện nghiêm túc
    # công văn này" (to organise it, "tổ chức thực hiện nghiêm túc Chỉ thị này", is a task)
    r"(?<!tổ chức )(?<!tổ chức triển khai )(?<!triển khai )(?:triển khai )?thực hiện nghiêm(?: túc)? "
    r"(?:quyết định|nghị quyết|chỉ thị|thông báo|công văn|kế hoạch) này\W*$|"
    # "Nhận được Công văn này đề nghị các Phòng chuyên môn ... triển khai thực hiện./." (OCR: "Nhân được"),
    # "Trên đây là Kế hoạch ..., yêu cầu các phòng ... thực hiện", "Với nội dung trên, yêu cầu các đơn vị ..."
    r"^\W*nh[aâậ]n (?:được )?(?:công văn|thông báo|kế hoạch|công điện|chỉ thị|văn bản|quyết định) này\b|"
    r"^\W*(?:trên đây là|với (?:các |những )?nội dung (?:trên|nêu trên))\b|"
    # the adoption line: "Nghị quyết này đã được Hội đồng nhân dân tỉnh ... thông qua ngày ..."
    r"(?:nghị quyết|quyết định)(?: này)? (?:đã )?được [^.;]{0,160}?thông qua",
    re.I)

# "Sở quản lý ngành, lĩnh vực", "các Bộ, cơ quan quản lý nhà nước chuyên ngành": a kind of body named by its
# remit, whose "quản lý" is no verb
_SECTOR_BODY = r"(?:sở|bộ|cơ quan)(?:,\s*(?:cơ quan|ngành))?\s+quản lý\s+(?:nhà nước\s+)?(?:ngành|chuyên ngành|nhà nước)\b"
SECTOR_BODY_RE = re.compile(rf"(?:(?:các|mọi|từng)\s+)?{_SECTOR_BODY}(?:,\s*lĩnh vực\b)?", re.I)
GENERIC_BODY_RE = re.compile(
    r"^(?:(?:các|mọi|mỗi|toàn thể|tất cả|từng|những)\s+(?:cấp|ngành|cơ quan|đơn vị|địa phương|sở|ban|phòng|bộ|tỉnh|quận|phường|"
    r"tổ chức|hội|đoàn thể|thành viên|xã|huyện|thành phố|doanh nghiệp|trường|cá nhân|hộ|ủy ban|ubnd|trung tâm|trạm|đài|"
    r"(?:tổ )?đại biểu|lực lượng)\b|cơ quan\s|đơn vị\s|(?:tổ )?đại biểu\s|lực lượng\s|"
    rf"cấp (?:tỉnh|huyện|xã|cơ sở)\b|{_SECTOR_BODY})", re.I)
# "tổ chức" the noun, not the verb: "Tổ chức có đăng ký kinh doanh ...", "các tổ chức chính trị - xã hội"
ORGANISATION_NOUN_RE = re.compile(r"tổ chức (?:có|là|được|đủ|chính trị|xã hội|kinh tế|tín dụng|phi chính phủ|"
                                  r"đoàn thể|pháp chế|cá nhân)\b", re.I)
# Generic state bodies that, as the subject of a task verb, owe work even in a decision or circular
# ("Các Bộ, ngành theo dõi tình hình thi hành pháp luật ...")
STATE_BODIES_RE = re.compile(r"^(?:các|mọi|mỗi|từng)\s+(?:bộ|ngành|sở|cơ quan|đơn vị|địa phương|ủy ban|ubnd|cấp)\b", re.I)
# A relative clause inside a generic subject: the bodies a rule applies to, not a task's assignees
DESCRIBED_BODY_RE = re.compile(r"\b(?:có(?! liên quan)|đến|được|nếu|không|đã|khi)\b|\bcông\s*$", re.I)
# A whole sector or level as the subject: "toàn Ngành", "toàn tỉnh", "các cấp, các ngành"
COLLECTIVE_SUBJECT_RE = re.compile(r"^(?:toàn (?:ngành|tỉnh|thành phố|huyện|quân|hệ thống)\b|các cấp,? (?:và )?các ngành\b|"
                                   r"cả hệ thống chính trị\b)", re.I)
CONNECTOR_RE = re.compile(r"\s*(?:,|;| và | hoặc | cùng |\)\s*,?)\s*")
ADVERBIAL_OPENER_RE = re.compile(r"(?:sau khi|theo|trên cơ sở|để|khi|đối với|nhằm|căn cứ|từ nay|"
                                 r"hằng năm|hàng năm|định kỳ|ngoài ra|bên cạnh đó)\b", re.I)
GENERIC_SUBJECT_DUTY_RE = re.compile(
    r"((?:(?:các|mọi|những|từng)\s+)?(?:cơ quan|đơn vị|tổ chức|doanh nghiệp|chủ đầu tư)\s[^,;:.()]{3,80}?)"
    rf"\s+(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|phải|{MODAL_CAN})\b", re.I)
# "Hàng năm, ", "Định kỳ 6 tháng, ", "Hàng năm UBND ...": a short time adverbial before the subject
ADVERBIAL_LEAD_RE = re.compile(r"[\s\-–]*(?:(?:hằng|hàng|định kỳ|mỗi|trước|sau|trong)\b[^,;:]{0,30},\s*|"
                               r"(?:hằng|hàng) (?:năm|quý|tháng)\s+(?-i:(?=[A-ZĐ])))", re.I)     # "Hàng năm UBND ..."
# "Căn cứ chức năng, nhiệm vụ ... được phê duyệt, hằng năm Sở X xây dựng ...": a basis clause before the time
BASIS_LEAD_RE = re.compile(r"[\s\-–]*(?:căn cứ|trên cơ sở)\b[^;:]{0,200}?,\s*(?:hằng|hàng) (?:năm|quý|tháng),?\s*", re.I)
# A condition or time limit before the subject of a duty: "Trong thời hạn 15 ngày kể từ ngày nhận được ..., Cục
# Xuất bản xem xét ...", "Trường hợp cơ sở nhập khẩu không đủ điều kiện ... thì Cục Xuất bản xác nhận ..."
CONDITION_LEAD = (r"[\s\-–]*(?:trong thời hạn|trong vòng|chậm nhất|khi|trường hợp|nếu|sau khi|để|"
                  r"(?:căn cứ|trên cơ sở)(?! (?:vào )?(?:luật|bộ luật|hiến pháp|pháp lệnh|nghị định|thông tư|"
                  r"quyết định|nghị quyết|chỉ thị|công văn|tờ trình|báo cáo)\b))\b[^;:]{0,220}?")
# "... thì" closes the condition wherever it is; else the first comma before a body does
CONDITION_THEN_RE = re.compile(CONDITION_LEAD + r"\s+thì\s+", re.I)
CONDITION_COMMA_RE = re.compile(CONDITION_LEAD + rf",\s*(?=(?-i:[{UPPER}])|(?:các|cơ quan|đơn vị)\s)", re.I)
ADVERBIAL_THEN_TASK_RE = re.compile(rf",\s*(?:{TASK_VERBS})\b", re.I)
# "Thời gian thi: 30 phút", "Cơ sở vật chất: Có bản cam kết ..." — a field of a notice, not a task
# the standing clause on amended references: which text applies, not work for anyone
REFERENCE_UPDATE_RE = re.compile(r"(?:khi|trường hợp|trong trường hợp)\s[^.;]{0,200}?(?:sửa đổi|bổ sung|thay thế)"
                                 r"[^.;]{0,160}?\bthì\s+(?:được\s+)?(?:áp dụng|thực hiện)\s+theo\b", re.I)
LABEL_VALUE_RE = re.compile(r"^(?!(?:giao|đề nghị|yêu cầu)\b)[^:;,.]{2,50}:\s*\S", re.I)
ROLE_SUBJECT_RE = re.compile(r"^(?:Thủ trưởng|Chủ tịch|Tổng [Gg]iám đốc|Giám đốc|Lãnh đạo|Trưởng|Chánh|Bí thư|Bộ trưởng|"
                             r"Tổng cục trưởng|Cục trưởng|Chi cục trưởng|Vụ trưởng|Viện trưởng|Hiệu trưởng)\s+\S")
# "Trách nhiệm của Sở Xây dựng", "Nhiệm vụ của ...", "Đối với ..." — a section about one body
SCOPE_PREFIX_RE = re.compile(r"^(?:(?:trách nhiệm|nhiệm vụ|quyền hạn)(?:,? (?:và )?(?:quyền hạn|trách nhiệm|nhiệm vụ))?"
                             r"\s+(?:của\s+)?|đối với\s+)", re.I)
DUTY_PREFIX_RE = re.compile(r"^(?:trách nhiệm|nhiệm vụ)\b", re.I)     # the prefixes that give tasks even in a decision
# ... but not a unit's remit: "Nhiệm vụ, quyền hạn Sở X", "Phòng X có chức năng tham mưu ..., gồm các nhiệm vụ sau:"
REMIT_RE = re.compile(r"^(?:chức năng|quyền hạn)\b|\bcó chức năng\b|\b(?:nhiệm vụ|chức năng),? (?:và )?quyền hạn\b", re.I)
# An article on a unit's place, remit, structure or leaders ("Điều 1. Vị trí và chức năng", "Điều 2. Nhiệm
# vụ và quyền hạn", "Điều 3. Cơ cấu tổ chức", "Điều 4. Giám đốc Sở, Phó Giám đốc Sở ..."): every item is a
# rule of the unit; only a sentence opening with "Giao ..." assigns work there
STRUCTURE_ARTICLE_RE = re.compile(
    r"vị trí(?:,| và) chức năng|cơ cấu tổ chức|tổ chức bộ máy|"
    r"^(?:giám đốc|lãnh đạo|chánh thanh tra|vụ trưởng|cục trưởng|trưởng ban)\b[^.;:]{0,40}\bphó\b", re.I)
# What a remit or structure article still assigns: "Giao Giám đốc Sở ... ban hành Quy chế ...", also after an
# adverbial ("Trên cơ sở chức năng, nhiệm vụ được phê duyệt, giao ..."), and the staffing duty of the remit
# template ("Giám đốc Sở Tư pháp phối hợp với Giám đốc Sở Nội vụ trình ... quyết định biên chế")
REMIT_DUTY_RE = re.compile(r"^[\s\-–]*giao\b|,\s*giao\s+(?=(?-i:[A-ZĐ]|các\b))|"
                           r"\bphối hợp với (?:Giám đốc )?Sở Nội vụ\b[^.;]{0,120}\bbiên chế\b", re.I)
# People or bodies named by their role in a task list: "Đối với chủ vật nuôi:", "nhân viên thú y cấp xã"
ROLE_HOLDER_RE = re.compile(r"(?:các\s+)?(?:chủ|nhân viên|cán bộ|người|hộ|tổ(?! chức)|đội|lực lượng|doanh nghiệp|cơ sở|"
                            r"chính quyền|ban|hội đồng|ủy ban|UBND)\s+\w", re.I)
# "các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh": a second kind of body after "và"
CONJOINED_BODY_RE = re.compile(r"(?:các|những)\s+\w|(?:các\s+)?(?:đại biểu|Tổ đại biểu)\b|Ủy ban nhân dân\b|"
                               r"(?:Ủy ban|UBND|Sở|Ban|Phòng|Hội đồng|HĐND|Đoàn|Hội|Mặt trận)\s+[A-ZĐ]")
# The council's own bodies in a supervision clause: "Thường trực, các Ban, Tổ đại biểu và đại biểu Hội đồng
# nhân dân tỉnh" names four ("các Sở, Ban, Ngành" stays one)
COUNCIL_BODY_RE = re.compile(r"(?:các\s+)?(?:Tổ đại biểu|đại biểu|Ban(?=\s+(?:của\s+)?(?:Hội đồng|HĐND)\b))\b|"
                             r"các Ban\b(?!,\s*[Nn]gành)|Thường trực\b")
ROLE_LABEL_RE = re.compile(r"^(?:cơ quan|đơn vị|chủ đầu tư)(?: [^\W\d]+){0,3}:\s*(?=\w)", re.I)
# The head word of a body's name, for headings that name one ("Vụ Kế hoạch - Tài chính")
BODY_WORD_RE = re.compile(
    r"(?:Ủy ban|Uỷ ban|UBND|Hội đồng|HĐND|Sở|Ban|Phòng|Văn phòng|Bộ|Cục|Tổng cục|Chi cục|Vụ|Trung tâm|"
    r"Thanh tra|Kho bạc|Công an|Trường|Hội|Đoàn|Liên đoàn|Mặt trận|Bộ Chỉ huy|Báo|Đài|Viện|Tòa án|Công ty|"
    r"Tập đoàn|Tổng công ty|Ngân hàng|Quỹ|Cảng vụ|Chi nhánh)\s+(?=\w)")
# "Thủ trưởng ..., trong phạm vi chức năng, nhiệm vụ của mình có trách nhiệm:" — the adverbial before the duty
SCOPE_ADVERBIAL_RE = re.compile(r"^(?:trong phạm vi|theo (?:chức năng|phạm vi)|căn cứ)[^:;]*?"
                                r"(?=\b(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ)\b)|"
                                # "... trong phạm vi chức năng, nhiệm vụ (của mình) chỉ đạo việc ..."
                                rf"^(?:trong|theo) phạm vi (?:chức năng,? nhiệm vụ|quản lý)(?: (?:của mình|được giao))?,?\s+"
                                rf"(?=(?:{TASK_VERBS})\b)", re.I)
# "Sở Kế hoạch và Đầu tư, ... khi xem xét, cấp giấy chứng nhận ..., phải ...": a clause between subject and duty
_WHEN = r"^(?:khi|sau khi|trước khi|trong quá trình)\b"
WHEN_CLAUSE_RE = re.compile(rf"{_WHEN}[^,;:]{{0,80}},\s*", re.I)                    # ... up to a comma
WHEN_DUTY_RE = re.compile(rf"{_WHEN}[^;:]{{0,160}}?\s(?=(?:phải|{MODAL_CAN}|có trách nhiệm|chịu trách nhiệm)\b)", re.I)
APPOSITIVE_RE = re.compile(r"^(?:là\s+)?cơ quan (?:thường trực|chủ trì|đầu mối)", re.I)
PHRASE_STOP_RE = re.compile(
    rf"\s(?:{TASK_VERBS}|trong|để|nhằm|về|theo|tại|đối với|trên|khi|nghiên cứu|và các|có ý kiến|có nhiệm vụ|"
    r"làm|kiểm|được|giúp|lưu ý|ghi rõ|ghi lại|sửa lại|(?-i:quyết định)|có thể|có quyền)\b|[:;(]|$", re.I)


@dataclass
class Context:
    """What the outline says about the sentences that follow.

    `scopes` is a stack of (level, bodies, source): a heading or a lead-in that names bodies opens
    a scope for the deeper items below it; a heading or item at the same or a higher level closes it.
    Unmarked text sits half a level below the last marker seen (`depth`).
    """
    normative: bool = False            # a decision/resolution/regulation: articles are rules by default
    task: bool | None = None           # inside the task part of the document? None: not yet known
    remit: bool = False                # inside an article on a unit's remit or structure (STRUCTURE_ARTICLE_RE)
    report: bool = False               # a report: sections tell what was done unless they name tasks
    scopes: list[tuple[float, list[str], str]] = field(default_factory=list)
    depth: float = 0

    def enter_level(self, level: int) -> None:
        """A heading or list item at `level` closes the scopes at that level or deeper."""
        while self.scopes and self.scopes[-1][0] >= level:
            self.scopes.pop()
        self.depth = level

    def effective_level(self, sent: Sentence) -> float:
        return sent.level if sent.marker else self.depth + 0.5

    def open_scope(self, level: float, bodies: list[str], source: str) -> None:
        self.scopes.append((level, bodies, source))

    def clear_lead_ins(self) -> None:
        """Close the lead-ins' scopes, except one above the document's first heading (level < 0): "UBND
        tỉnh chỉ thị các sở, ban, ngành ... thực hiện các nội dung sau:" governs every section below it."""
        self.scopes = [s for s in self.scopes if s[2] != "lead-in" or s[0] < 0]

    def inherited(self) -> tuple[list[str], str]:
        return (self.scopes[-1][1], self.scopes[-1][2]) if self.scopes else ([], "none")


def _org_spans(doc: Document, start: int, end: int) -> list[Span]:
    return [e for e in doc.entities if e.label == "ORG" and e.start >= start and e.end <= end]


# "Sở quản lý ngành, lĩnh vực (quy định tại Phụ lục 01)", "... thị xã (chính quyền cấp cơ sở)": a gloss in
# brackets after a name is not part of it
GLOSS_RE = re.compile(r"\s*\([^()]*\)$")


def _strip_phrase(text: str) -> str:
    return GLOSS_RE.sub("", text.strip(" ,;:.-–")).strip(" ,;:.-–")


def split_bodies(doc: Document, start: int, end: int) -> list[str]:
    """Split a subject phrase into bodies at ", "/" và "/";" — only where an ORG stands on a side.

    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên" -> two bodies;
    "các cơ quan, đơn vị, địa phương" stays one (no named body inside).
    """
    text = doc.text
    orgs = _org_spans(doc, start, end)
    cuts = []
    for m in re.finditer(r"\s*(?:,|;| và | hoặc | cùng )\s*", text[start:end]):
        s, e = start + m.start(), start + m.end()
        if any(o.start < s < o.end for o in orgs):
            continue
        # "Thủ trưởng các đơn vị thuộc Bộ, Tổ chức pháp chế Bộ, ngành": an official or a kind of unit starts a body
        if ";" in m.group(0) or ROLE_SUBJECT_RE.match(text[e:end]) or (
                text[e:e + 1].isupper() and ORGANISATION_NOUN_RE.match(text, e, end)) or (
                m.group(0).strip() == "và" and CONJOINED_BODY_RE.match(text[e:end])) or (
                m.group(0).strip() in (",", "và") and COUNCIL_BODY_RE.match(text[e:end])):
            cuts.append((s, e))
            continue
        left_org = any(o.end == s or text[o.end:s].strip(" )") == "" and o.end <= s for o in orgs
                       if o.end <= s and o.end >= s - 2)
        right_org = any(o.start == e for o in orgs)
        if left_org or right_org:
            cuts.append((s, e))
    parts, pos = [], start
    for s, e in cuts:
        parts.append((pos, s))
        pos = e
    parts.append((pos, end))
    bodies = []
    for s, e in parts:
        phrase = _strip_phrase(text[s:e])
        if phrase and not (bodies and APPOSITIVE_RE.match(phrase)):   # "X, cơ quan thường trực ..." -> X
            bodies.append(phrase)
    return bodies


def _phrase_end(text: str, start: int, end: int, orgs: list[Span]) -> int:
    """End of the subject phrase at `start`: a run of units (an ORG, a collective such as "các cơ quan,
    đơn vị", a role phrase such as "Thủ trưởng các sở") joined by ",", ";", "và", "cùng"."""
    pos = start
    while True:
        unit_end = _unit_end(text, pos, end, orgs)
        if unit_end is None:
            break
        pos = unit_end
        m = CONNECTOR_RE.match(text, pos, end)
        if not m or _unit_end(text, m.end(), end, orgs) is None:
            break
        pos = m.end()
    if pos > start:
        return pos
    m = PHRASE_STOP_RE.search(text, start + 1, end)
    return m.start() if m else end


def _unit_end(text: str, pos: int, end: int, orgs: list[Span]) -> int | None:
    org = next((o for o in orgs if o.start == pos), None)
    if org is not None:
        return org.end
    sector = SECTOR_BODY_RE.match(text, pos, end)
    if sector:
        return sector.end()
    head = GENERIC_BODY_RE.match(text[pos:end]) or ROLE_SUBJECT_RE.match(text[pos:end])
    if head is None:
        return None
    after_role = pos + head.end() - 1     # ROLE_SUBJECT_RE ends on the first letter of the next word
    if head.re is ROLE_SUBJECT_RE:        # search from the role word's end: "Bộ trưởng có thể ủy quyền ..."
        stop_at = _stop(text, len(text[:after_role].rstrip()), end)
    else:
        stop_at = _stop(text, pos + max(head.end() - 1, 1), end)
    if head.re is ROLE_SUBJECT_RE and not text[after_role].isupper() and TASK_VERB_RE.match(text, after_role, end):
        stop_at = len(text[:after_role].rstrip())   # "Giao Chi cục trưởng xây dựng, ...": the role, then its verb
    elif head.re is ROLE_SUBJECT_RE:
        body = next((o for o in orgs if o.start == after_role), None)
        # "Chủ tịch Ủy ban nhân dân huyện chuyển hồ sơ ...": the role of the body named right after it, when
        # a lower-case word (its verb) follows -- not a qualifier ("- huyện", "các cấp", "nơi có đất")
        if body is not None and stop_at > body.end and re.match(
                rf"\s+(?!(?:các|cấp|tỉnh|huyện|xã|quận|phường|thị|thành|nơi|có liên quan|liên quan|trực thuộc|thuộc|và)\b)"
                rf"[{LOWER}]", text[body.end:end]):
            stop_at = body.end
    if re.fullmatch(r"(?:cơ quan|đơn vị)\s", head.group(0), re.I) and stop_at < pos + head.end() \
            and TASK_VERB_RE.match(text, pos + head.end(), end) \
            and not re.match(rf"(?:có|chịu) trách nhiệm|phải|{MODAL_CAN}", text[pos + head.end():end], re.I):
        # a bare "Cơ quan" before a verb names a kind of body: "Cơ quan đăng ký kinh doanh", "cơ quan chủ
        # trì soạn thảo" ("các cơ quan tăng cường ..." is a subject and its verb)
        stop_at = _stop(text, pos + head.end(), end)
    for o in orgs:                       # a body named inside the phrase is never cut
        if pos < o.start < stop_at < o.end:
            stop_at = _stop(text, o.end, end)
    return stop_at


def _stop(text: str, pos: int, end: int) -> int:
    for m in PHRASE_STOP_RE.finditer(text, pos, end):
        word = m.group(0).strip()
        # "các cơ quan, tổ chức tiếp tục ...": after a comma or "và", "tổ chức" is a body, not a verb;
        # "lực lượng Quản lý thị trường": a capitalised "verb" is part of a name
        if word.lower() == "tổ chức" and re.search(r"(?:,|\bvà)\s*$", text[pos:m.start()]):
            continue
        if re.search(r"\bchịu sự\s*$", text[pos:m.start()]):
            continue                      # "các cơ quan chịu sự giám sát": a verb inside the description
        if word[:1].isupper() and TASK_VERB_RE.fullmatch(word):
            continue
        return m.start()
    return end


def _subject_bodies(doc: Document, start: int, end: int) -> list[str]:
    text = doc.text
    orgs = _org_spans(doc, start, end)
    stop = _phrase_end(text, start, end, orgs)
    phrase = _strip_phrase(text[start:stop])
    if not phrase:
        return []
    # collective phrase followed by a bracketed list of bodies: the list names them
    bracket = re.match(r"[^()]{0,200}\(([^()]+)\)", text[start:end])
    if bracket and not orgs_in(orgs, start, stop) and GENERIC_BODY_RE.match(phrase):
        inner_s = start + bracket.start(1)
        inner = _org_spans(doc, inner_s, start + bracket.end(1))
        if len(inner) >= 2:
            return [o.text for o in inner]
    first_word = phrase.split()[0]
    if not (orgs_in(orgs, start, stop) or GENERIC_BODY_RE.match(phrase) or first_word[:1].isupper()):
        return []
    lead = len(text[start:stop]) - len(text[start:stop].lstrip(" ,;:.-–"))
    return split_bodies(doc, start + lead, start + lead + len(phrase))


def orgs_in(orgs: list[Span], start: int, end: int) -> bool:
    return any(o.start >= start and o.end <= end for o in orgs)


def find_assignees(doc: Document, start: int, end: int, issuer_like: list[str]) -> list[str]:
    """Bodies the sentence text[start:end] itself assigns work to, as written."""
    text = doc.text
    bodies: list[str] = []
    cue = ASSIGN_CUE_RE.search(text, start, end)
    if cue:
        bodies = _subject_bodies(doc, cue.end(), end)
    if not bodies:
        bodies = _subject_first(doc, start, end) or _labelled_body(doc, start, end)
    if not bodies:
        bodies = _duty_holder(doc, start, end) or _modal_subject(doc, start, end)
    if not bodies:
        report_back = REPORT_BACK_SUBJECT_RE.search(text, start, end)
        bodies = [report_back.group(1)] if report_back else []
    # "A chỉ đạo B": B owes work too; A alone drops out when A is the issuer
    direct = DIRECT_RE.search(text, start, end)
    if direct and NOUN_DIRECTION_RE.search(text, max(start, direct.start() - 12), direct.start()):
        direct = None                    # "thực hiện chỉ đạo Thường trực Tỉnh ủy": the noun, not the verb
    if direct:
        after = text[direct.end():end]
        if (DIRECTED_BODY_RE.match(after) or BODY_WORD_RE.match(after) or ROLE_SUBJECT_RE.match(after)
                or any(o.start == direct.end() for o in _org_spans(doc, direct.end(), end))):
            b = _subject_bodies(doc, direct.end(), end)
            if b:
                # the body just before "chỉ đạo", unless it is a partner ("Phối hợp với Sở X chỉ đạo ...")
                director = next((o.text for o in _org_spans(doc, start, direct.start())
                                 if doc.text[o.end:direct.start()].strip(" ,") == ""
                                 and not re.search(r"phối hợp(?: với| cùng)?\s*$", doc.text[start:o.start], re.I)), None)
                if director and not bodies:
                    bodies = [director]      # "Khi ..., Ủy ban nhân dân tỉnh chỉ đạo các sở ..."
                bodies = [x for x in bodies if _norm(x) not in issuer_like] + b
    if bodies:                 # "Giao UBND tỉnh ...; Ban Kinh tế - Ngân sách và đại biểu HĐND giám sát ..."
        for m in re.finditer(r";\s*", doc.text[start:end]):
            bodies += _subject_first(doc, start + m.end(), end)
    return _dedupe(bodies)


def _subject_first(doc: Document, start: int, end: int) -> list[str]:
    """ "Sở Y tế chủ trì ...", "Đặc biệt là các cơ quan ... (Sở A; Sở B) kiểm tra ..." """
    text = doc.text
    orgs = _org_spans(doc, start, end)
    subj = _subject_start(doc, start, end)
    if not (any(o.start == subj for o in orgs) or GENERIC_BODY_RE.match(text[subj:end])
            or ROLE_SUBJECT_RE.match(text[subj:end])):
        return []
    # "Cơ quan được giao chủ trì soạn thảo văn bản có trách nhiệm ...": a described body, up to its duty
    described = GENERIC_SUBJECT_DUTY_RE.match(text, subj, end)
    if described and not orgs_in(orgs, subj, subj + len(described.group(1))):
        return [described.group(1)]
    predicates = _predicates(doc, subj, end, orgs)
    if predicates[0].startswith("("):       # the verb after the bracket, not a bare name: "Công ty X (Gia Lai);"
        close = predicates[0].find(")")
        predicates.append(predicates[0][close + 1:].lstrip(" ,") if close > 0 else "")
    # a capitalised "verb" is part of a name: "Công ty cổ phần Khai thác và Chế biến khoáng sản Sông Đà"
    if any(RESPONSIBLE_RE.match(p) or (TASK_VERB_RE.match(p) and not p[:1].isupper()) for p in predicates):
        return _subject_bodies(doc, subj, end)
    return []


def _subject_start(doc: Document, start: int, end: int) -> int:
    """Where the subject of text[start:end] begins: past "Đặc biệt là", "Hàng năm, " and the like."""
    basis = (BASIS_LEAD_RE.match(doc.text, start, end) or CONDITION_THEN_RE.match(doc.text, start, end)
             or CONDITION_COMMA_RE.match(doc.text, start, end))
    if basis:
        return basis.end()
    lead = LEADING_FILLER_RE.match(doc.text, start, end) or ADVERBIAL_LEAD_RE.match(doc.text, start, end)
    return lead.end() if lead else start


def _predicates(doc: Document, subj: int, end: int, orgs: list[Span]) -> list[str]:
    """What follows the subject phrase at `subj`, and the same past a clause that may stand before
    the duty ("trong phạm vi ... có trách nhiệm", "khi xem xét, cấp giấy ..., phải ...")."""
    rest = doc.text[_phrase_end(doc.text, subj, end, orgs):end].lstrip(" ,")
    found = [rest]
    for pattern in (SCOPE_ADVERBIAL_RE, WHEN_CLAUSE_RE, WHEN_DUTY_RE):
        m = pattern.match(rest)
        if m:
            found.append(rest[m.end():])
    return found


def _acting_subject(doc: Document, start: int, end: int) -> bool:
    """Does the sentence open with bodies made responsible for something ("Các cơ quan, đơn vị liên
    quan có trách nhiệm phối hợp ...", "Bộ Tài chính chủ trì, ..."), or with a named body that acts
    ("Bộ Tư pháp theo dõi tình hình thi hành pháp luật ...": in circulars and decisions, the corpus's
    gold counts these)? A bare list item ("Tổng công ty Cơ khí xây dựng - COMA;") is not one: its
    "verb" is part of the name, so a clause must follow the verb."""
    text = doc.text
    subj = _subject_start(doc, start, end)
    orgs = _org_spans(doc, subj, end)
    named = any(o.start == subj for o in orgs)
    role = ROLE_SUBJECT_RE.match(text[subj:end])     # "Chủ tịch Ủy ban nhân dân cấp huyện chủ trì tiếp công dân ..."
    if not (named or role or GENERIC_BODY_RE.match(text[subj:end])):
        return False
    rests = _predicates(doc, subj, end, orgs)
    if any(RESPONSIBILITY_RE.match(r) or r.lower().startswith("chủ trì") for r in rests):
        return True
    if role and re.match(r"(?:có thể|được|có quyền|không|quyết định)\b", rests[0], re.I):
        return False            # "Bộ trưởng có thể ủy quyền ...", "Chủ tịch ... quyết định thành lập ...": powers
    # the verb in lower case (a capitalised one is part of a name: "Công ty cổ phần Đầu tư Phát triển ...");
    # the issuer enacting its own text ("Ủy ban nhân dân Thành phố ban hành Quyết định ...") assigns nothing
    subject = next(o for o in orgs if o.start == subj) if named else None
    if subject is not None and _only_issuer([subject.text], _issuer_like(doc)) \
            and not re.match(r"(?:cử|giao|phân công)\b", rests[0], re.I):
        return False            # "Thanh tra tỉnh cử bà ... tiếp nhận hồ sơ" assigns its own staff
    if subject is None and not role:
        # "Đơn vị thu lệ phí nộp ...", "Các tổ chức kinh tế tập thể phát huy ...": rules; "Các đơn vị có nhu cầu
        # nổ mìn ...", "Các cơ quan ... có liên quan đến việc sử dụng ...": who a rule applies to
        phrase = text[subj:_phrase_end(text, subj, end, orgs)]
        if not STATE_BODIES_RE.match(phrase) or DESCRIBED_BODY_RE.search(phrase) or rests[0].startswith("đã"):
            return False
    return any(TASK_VERB_RE.match(r) and not ORGANISATION_NOUN_RE.match(r) and r[:1].islower()
               and len(r.split()) >= 6 for r in rests)


# The holder of a duty in a normative text: a body or an official heading the clause, made responsible
# for an act ("Cục Hải quan tỉnh, thành phố trực thuộc Trung ương có trách nhiệm thông báo ...", "..., thì cơ
# quan được yêu cầu có trách nhiệm cung cấp ...", "Thủ trưởng đơn vị thụ lý ... phải có trách nhiệm đôn đốc ...")
DUTY_HOLDER_RE = re.compile(
    r"(?:(?:các|mọi|những|từng)\s+)?(?:bộ phận|cơ quan|đơn vị|cán bộ|công chức|người đứng đầu|thủ trưởng|chủ tịch|"
    r"giám đốc|chánh|trưởng|bộ trưởng|tổng cục trưởng|cục trưởng|chi cục trưởng|vụ trưởng|viện trưởng|"
    r"hiệu trưởng|văn phòng|thanh tra|tổng cục|chi cục|cục|vụ|viện|tòa án|sở|ban|phòng|ủy ban|ubnd|hội đồng|"
    r"trung tâm|kho bạc|công an|tổ chức(?! ?,| và| hoặc)|(?:đoàn|tổ) (?:kiểm tra|thanh tra|công tác|giám sát|"
    r"liên ngành|giúp việc)|bộ(?= [A-ZĐ]))\b", re.I)
# who a rule binds rather than who owes the state's work: "Trách nhiệm của người đề nghị cấp C/O", "... của thương nhân"
PRIVATE_PARTY_RE = re.compile(r"(?:người(?! đứng đầu)|thương nhân|doanh nghiệp|cá nhân|tổ chức, cá nhân|hộ gia đình|"
                              r"chủ (?:hộ|sở hữu|phương tiện|xe|tàu)|nhà thầu|thí sinh|học sinh|sinh viên|công dân|"
                              r"người dân|khách hàng|bên (?:mua|bán|thuê)|đối tượng nộp)\b|"
                              # a fee's collector: "Đơn vị thu phí nộp 100% tiền phí ...", "Đơn vị thu: Sở X"
                              r"(?:đơn vị|tổ chức|cơ quan)(?:,? cá nhân)? (?:thu|nộp)(?: (?:lệ )?phí\b|\s*:)", re.I)
DUTY_RE = re.compile(r"\s(?:phải\s+)?(?:có|chịu)\s+trách\s+nhiệm(?:\s+(?!về\b|trước\b|với\b|đối với\b|là\b|của\b|"
                     r"trong\b|cho\b|chung\b|chính\b|pháp lý\b|thi hành\b)(?=\w)|\s*:)", re.I)
THEN_RE = re.compile(r",?\s+thì\s+")
DEFINED_HOLDER_RE = re.compile(r"\bcó trách nhiệm [^,.;:]{1,40}?\s(?:là|được xác định)\s", re.I)
LEADING_CLAUSE_RE = re.compile(r"[^,;:.()]{3,80},\s+")     # a short opening phrase up to its comma
LIST_COMMA_RE = re.compile(r"\b(?:cơ quan|đơn vị|tổ chức|cá nhân|địa phương|sở|ban|ngành)\s*,\s*$", re.I)
# words that make the phrase a clause of its own, not a subject: "Các loại thông tin mà cơ quan Thuế có trách nhiệm"
NOT_A_SUBJECT_RE = re.compile(r"\b(?:mà|nếu|khi|thì|là|đã|sẽ|không)\b|[;:.]")


def _duty_holder(doc: Document, start: int, end: int) -> list[str]:
    """The body or official a clause makes responsible for an act, as written, at the start of the
    sentence or after its condition ("Đối với trường hợp ... thì <holder> có trách nhiệm ...")."""
    text = doc.text
    starts = [_subject_start(doc, start, end)]
    starts += [m.end() for m in THEN_RE.finditer(text, start, min(end, start + 300))]
    lead = LEADING_CLAUSE_RE.match(text, start, end)
    if lead:                    # "Kết thúc dự án WB4, Ban quản lý dự án 2 có trách nhiệm thu hồi ..."
        starts.append(lead.end())
    for subj in starts:
        if not DUTY_HOLDER_RE.match(text, subj, end):
            continue
        if lead and subj == lead.end() and LIST_COMMA_RE.search(lead.group(0)):
            subj = start        # "Đại diện cơ quan, tổ chức tham gia ... có trách nhiệm": one listed holder
        duty = DUTY_RE.search(text, subj, min(end, subj + 220))
        if duty is None:
            continue
        phrase = _strip_phrase(re.sub(r"\s+phải\b.*$", "", text[subj:duty.start()]))   # "... phải trực tiếp chịu ..."
        if 0 < len(phrase.split()) <= 25 and not NOT_A_SUBJECT_RE.search(phrase):
            return [" ".join(phrase.split())]
    return []


def _labelled_body(doc: Document, start: int, end: int) -> list[str]:
    """ "Cục Thống kê: phối hợp với ..." — a body named as the label of its task (plans' task lists)."""
    text = doc.text
    lead = re.match(r"[\s\-–+*•]*", text[start:end])
    subj = start + lead.end()
    org = next((o for o in _org_spans(doc, subj, end) if o.start == subj), None)
    if org is None or not re.match(rf"\s*:\s*(?:{TASK_VERBS})\b", text[org.end:end], re.I):
        return []
    return [org.text]


def _modal_subject(doc: Document, start: int, end: int) -> list[str]:
    """ "... nhấn mạnh: trong thời gian tới huyện Phong Điền cần tăng cường ..." -> the body/place before 'cần'."""
    for m in MODAL_RE.finditer(doc.text, start, end):
        if re.search(r"\bmà\b", doc.text[start:m.start()]):
            break           # "Các loại thông tin, tài liệu mà cơ quan Thuế có trách nhiệm ... gồm:" describes a thing
        ent = next((e for e in reversed(doc.entities) if e.end == m.start() and e.start >= start
                    and e.label in ("ORG", "LOC")), None)
        if ent is not None:
            return [ent.text]
        # "Để nâng cao ..., các Sở, ban, ngành, địa phương, Ban Vì sự tiến bộ phụ nữ từ cấp tỉnh đến cơ sở cần
        # tập trung ...": the whole subject after the purpose clause
        subj = _subject_start(doc, start, m.start())
        phrase = _strip_phrase(doc.text[subj:m.start()])
        if subj > start and 0 < len(phrase.split()) <= 25 and not NOT_A_SUBJECT_RE.search(phrase) and (
                GENERIC_BODY_RE.match(phrase) or any(o.start == subj for o in _org_spans(doc, subj, m.start()))):
            return split_bodies(doc, subj, subj + len(phrase)) or [phrase]
        # "Đối với các xã, thị trấn trong vùng uy hiếp phải chủ động ...": the bodies the clause is about
        about = re.match(r"\s*đối với\s+", doc.text[start:m.start()], re.I)
        if about and ":" not in doc.text[m.end():end]:     # "Đối với các thành viên ... phải đi ...: Khoán ..." is a rate
            phrase = _strip_phrase(doc.text[start + about.end():m.start()])
            if 0 < len(phrase.split()) <= 20 and not NOT_A_SUBJECT_RE.search(phrase) \
                    and not PRIVATE_PARTY_RE.match(re.sub(r"^(?:các|mọi|những|từng)\s+", "", phrase)) and (
                    GENERIC_BODY_RE.match(phrase) or any(o.start == start + about.end()
                                                         for o in _org_spans(doc, start, m.start()))):
                return [phrase]
        # "Để hoàn thành kế hoạch, toàn Ngành cần ...": the subject after the last comma
        clause_start = max(doc.text.rfind(",", start, m.start()), doc.text.rfind(":", start, m.start()))
        clause_start = start if clause_start < 0 else clause_start + 1
        phrase = _strip_phrase(doc.text[clause_start:m.start()])
        if phrase and len(phrase.split()) <= 8 and (COLLECTIVE_SUBJECT_RE.match(phrase)
                                                     or GENERIC_BODY_RE.match(phrase)):
            return [phrase]
    return []


def find_coordinators(doc: Document, start: int, end: int) -> list[str]:
    result: list[str] = []
    for m in COORD_RE.finditer(doc.text, start, end):
        after = doc.text[m.end():end]
        if re.match(rf"(?:{TASK_VERBS})\b", after, re.I) and not re.match(r"(?:các|UBND)\b", after):
            continue                     # "phối hợp chỉ đạo ..." names no partner
        result.extend(_subject_bodies(doc, m.end(), end))
    return _dedupe(result)


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for x in items:
        k = _norm(x)
        if k and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def is_closing_formula(text: str) -> bool:
    """A closing or effect formula, not one quoted in a request ("Đề nghị cơ quan soạn thảo ghi rõ:
    “Nghị quyết này ... có hiệu lực thi hành kể từ ngày ...”")."""
    quoted = [m.span() for m in QUOTED_RE.finditer(text)]
    return any(not any(a <= m.start() < b for a, b in quoted) for m in CLOSING_FORMULA_RE.finditer(text))


def _is_caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("–", "-").split())


def is_task_sentence(doc: Document, sent: Sentence) -> bool:
    """Does the sentence ask someone to do something (rather than report, praise or explain)?"""
    text = sent.text.lstrip(" -–")
    labelled = bool(_labelled_body(doc, sent.start, sent.end))     # "Cục Thống kê: phối hợp ..."
    if REPORT_DEADLINE_LABEL_RE.match(text):
        return True
    if LABEL_VALUE_RE.match(text) and not labelled:
        # "Thời hạn: 30/6/2019" states a fact; "Về kỹ thuật: Đẩy mạnh công tác khuyến nông ..." labels a task
        value_start = sent.end - len(text) + text.index(":") + 1
        value = doc.text[value_start:sent.end].strip()
        if not (TASK_VERB_RE.match(value) or ASSIGN_CUE_RE.match(value)
                or _subject_first(doc, sent.end - len(value), sent.end)):
            return False
        if re.match(r"về\s", text, re.I):
            text = value            # a topic ("Về kỹ thuật:") over the task; other labels must read as one
                                    # themselves ("Phát triển đội tàu biển: Cần khẩn trương ..."), unlike
                                    # "Tiền ngủ: Thực hiện theo quy định hiện hành."
    if ASSESSMENT_RE.search(text) and not ASSIGN_CUE_RE.search(text):
        return False
    if re.match(r"[^,;:]{0,80}?\s(?:là người (?:đứng đầu|chịu trách nhiệm)|làm việc theo chế độ)\b", text):
        return False        # "Vụ trưởng là người chịu trách nhiệm toàn bộ hoạt động của Vụ ...", "Thanh tra X làm
                            # việc theo chế độ Thủ trưởng": how a unit is run, not a task
    lead = LEADING_FILLER_RE.match(text)
    core = text[lead.end():] if lead else text
    # "Hàng năm tổ chức ...", "Hàng ngày báo cáo ...", "Cuối năm tiến hành kiểm điểm ..."
    core = re.sub(r"^(?:(?:hằng|hàng|định kỳ) (?:năm|quý|tháng|tuần|ngày)|(?:đầu|cuối) (?:năm|quý|tháng)),?\s+", "",
                  core, flags=re.I)
    # "Tổ chức có đăng ký kinh doanh ...", "Yêu cầu trong xây dựng kế hoạch ...": the nouns (an organisation,
    # requirements), not the verbs; "Yêu cầu"/"Đề nghị" ask something only of a body ("Yêu cầu Sở X ...")
    if re.match(r"\S[^.;:]{0,80}?\s(?:phải\s+)?chịu trách nhiệm trước\b", core, re.I):
        return False        # "Tổ chức tư vấn ... chịu trách nhiệm trước pháp luật về ...": accountability, not a task
    if _is_caps_line(core):
        return False        # "DỰ KIẾN ĐỂ GIAO ĐẤT, CHO THUÊ ĐẤT ...": the caption of an annexed form
    if DEFINED_HOLDER_RE.search(core):
        return False        # "..., thì cơ quan có trách nhiệm bồi thường là Tổng cục Thi hành án dân sự": which body
                            # a rule names, not a task
    if REFERENCE_UPDATE_RE.match(core):
        return False        # "Khi các văn bản được dẫn chiếu ... được sửa đổi, bổ sung hoặc thay thế thì áp dụng theo ..."
    if re.match(r"(?:xét|theo đề nghị của)\s", core, re.I):
        return False        # the preamble: "Xét Tờ trình số 2545/TTr-UBND ... đề nghị ban hành Nghị quyết ..."
    if PRIVATE_PARTY_RE.match(core):
        return False        # "Chủ bến khách ngang sông có trách nhiệm ...", "Người nghiện ma túy ... phải đóng ...":
                            # the persons a rule binds (0 of 56 such openings start a directive in the gold)
    noun = ORGANISATION_NOUN_RE.match(core) or (
        re.match(r"(?:yêu cầu|đề nghị)\b", core, re.I) and not ASSIGN_CUE_RE.match(core))
    if TASK_VERB_RE.match(core) and not noun:
        return True
    if ADVERBIAL_OPENER_RE.match(core) and ADVERBIAL_THEN_TASK_RE.search(core[:220]):
        return True                 # "Sau khi Chương trình ... được ban hành, chủ động xây dựng ..."
    if PAST_REPORT_RE.search(text):
        return False
    if MODAL_ANYWHERE_RE.search(text) and not re.search(r"\bđã\b", text):
        return True                 # "Công tác quản lý nuôi tôm phải được quan tâm ..."
    return bool(labelled or ASSIGN_CUE_RE.search(text) or REPORT_BACK_RE.search(text)
                or _subject_first(doc, sent.start, sent.end)
                or _modal_subject(doc, sent.start, sent.end)
                or re.search(r"\b(?:chịu trách nhiệm|có trách nhiệm|cần phải|khẩn trương)\b", text, re.I))


def _is_new_assignment(doc: Document, sent: Sentence) -> bool:
    """A continuation sentence that names a body of its own starts a new directive."""
    text = sent.text
    if re.match(r"[\W\d_]*(?:giao|đề nghị|yêu cầu|đặc biệt là|riêng)\b", text, re.I):
        return True
    # "Nhận Công điện này, yêu cầu Thủ trưởng các phòng ...", "Trong quá trình thực hiện, nếu có vướng mắc ..."
    if (ASSIGN_CUE_RE.search(text, 0, 80) and _assigns(text)) or REPORT_BACK_RE.search(text):
        return True
    if _subject_first(doc, sent.start, sent.end):     # "Tổng cục THADS nghiên cứu, kiến nghị ..."
        return True
    orgs = _org_spans(doc, sent.start, sent.end)
    named = bool(orgs and orgs[0].start == sent.start) or bool(GENERIC_BODY_RE.match(text))
    return named and is_task_sentence(doc, sent) and bool(RESPONSIBLE_RE.search(text))


def _best_deadline(deadlines: list[Deadline]) -> Deadline:
    order = {t: i for i, t in enumerate(DEADLINE_TYPES)}
    found = [d for d in deadlines if d.type != "none"]
    return min(found, key=lambda d: order[d.type]) if found else Deadline()


# The title of a text that states rules whatever its outline: "Thông tư hướng dẫn ...", "Nghị định ..."
NORMATIVE_TITLE_RE = re.compile(r"(?:thông tư|nghị định|quy định|quy chế|điều lệ)\b", re.I)


def is_normative(doc: Document) -> bool:
    """Decisions, resolutions, circulars, decrees and texts built of articles ("Điều 1.") state rules,
    not tasks."""
    if doc.fields.doc_type in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT"):
        return True
    if NORMATIVE_TITLE_RE.match(doc.fields.title or ""):
        return True         # "Thông tư hướng dẫn ..." with sections, not articles
    return sum(1 for s in doc.sentences if s.marker and s.marker.lower().startswith("điều")) >= 2


def _only_issuer(bodies: list[str], issuer_like: list[str]) -> bool:
    """Are the bodies the issuing body itself ("Hội đồng nhân dân tỉnh" in a resolution of the "HỘI ĐỒNG
    NHÂN DÂN TỈNH CAO BẰNG")?"""
    return bool(bodies) and all(any(i == _norm(b) or i.startswith(_norm(b) + " ") or _bare(i) == _bare(b)
                                    for i in issuer_like)
                                for b in bodies)


def _bare(text: str) -> str:
    """Letters only, without tone marks: "Ủy ban nhân dân huyện Đăk R” Lắp" and the OCR'd header's
    "ỦY BAN NHÂN DÂN HUYỆN ĐĂK R°LÁP" are the same body."""
    decomposed = unicodedata.normalize("NFD", _letters(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _issuer_like(doc: Document) -> list[str]:
    names = [doc.fields.issuer] if doc.fields.issuer else []
    return [_norm(n) for n in names]


@dataclass
class SentenceDecision:
    """What the rules make of one sentence, and the outline context it was read in.

    `tag`: O (not part of a directive), B (opens one), I (continues the one above), D (a
    deadline-only line that belongs to the one above). `inherited` is the assignee scope open at
    the sentence, for a classifier that opens a directive where the rules did not.
    """

    tag: str = "O"
    assignees: list[str] = field(default_factory=list)
    source: str = "none"
    inherited: tuple[list[str], str] = ([], "none")
    task: bool | None = None           # the Context's task flag when the sentence was read
    outline: bool = False              # header, title, heading or closing: never a directive
    lead_in: bool = False              # ends in ":" and introduces the items below
    score: float = 1.0


def rule_decisions(doc: Document) -> list[SentenceDecision]:
    """One `SentenceDecision` per sentence of `doc`, by the outline rules (module docstring)."""
    ctx = Context(normative=is_normative(doc), report=doc.fields.doc_type == "BÁO CÁO")
    if ctx.normative or ctx.report:
        ctx.task = False
    issuer_like = _issuer_like(doc)
    decisions = [SentenceDecision() for _ in doc.sentences]
    is_open = False                      # is there a directive the next sentence may continue?
    opener = previous = None             # the sentence that opened it, and its last sentence

    for i, (sent, decision) in enumerate(zip(doc.sentences, decisions, strict=True)):
        decision.inherited = ctx.inherited()
        decision.task = ctx.task
        if sent.kind in ("header", "title", "closing"):
            decision.outline, is_open = True, False
            continue
        text = sent.text
        if sent.kind == "heading":
            decision.outline, is_open = True, False
            _enter_heading(doc, ctx, sent)
            continue
        if sent.marker:
            ctx.enter_level(sent.level)
            if ctx.normative and marker_type(sent.marker) in ARTICLE_MARKERS:
                # a new article of a decision is a rule again, unless it is about carrying it out
                ctx.task = bool(NORMATIVE_TASK_SECTION_RE.search(text) or TASKS_FOLLOW_RE.search(text))
                ctx.remit = _is_remit_article(text)
                ctx.clear_lead_ins()
            decision.inherited = ctx.inherited()
            bodies = named_bodies(doc, sent) if _opens_sublist(doc, i) else []
            if bodies:                   # "8. Tổ chức pháp chế thuộc Bộ" over items a), b), ...
                is_open = False
                ctx.open_scope(sent.level, bodies, "heading")
                if _scope_holds_tasks(doc, ctx, sent):
                    ctx.task = True
                continue
        executors = EXECUTOR_LABEL_RE.match(text)
        if executors:                    # "a) Cơ quan, đơn vị thực hiện: Các Bộ, ..." over a reporting regime's lines
            is_open = False
            value_start = sent.start + executors.end()
            bodies = split_bodies(doc, value_start, sent.end) or [_strip_phrase(doc.text[value_start:sent.end])]
            ctx.open_scope(ctx.effective_level(sent) - 0.5, bodies, "lead-in")
            continue
        if sent.kind == "deadline":
            if is_open:
                decision.tag = "D"       # the deadline line belongs to the item above
                previous = sent          # and closes it to continuation text
            continue
        if is_closing_formula(text):
            is_open = False
            continue
        if text.rstrip().endswith(":") and sent.kind in ("text", "item"):
            is_open = False
            decision.lead_in = True
            if CONTENTS_LEAD_IN_RE.match(text):
                ctx.task = False         # "Nội dung báo cáo:" lists what a report holds, not tasks
                continue
            if REPORT_DEADLINE_LEAD_IN_RE.match(text):
                ctx.task = True          # "Thời gian báo cáo:" over "- Báo cáo năm gửi trước ngày 10 tháng 01 ..."
                continue
            own = find_assignees(doc, sent.start, sent.end, issuer_like)
            # a line that only names bodies: "Phòng Y tế:", "Đối với các tỉnh ...:", "Trách nhiệm của Sở Y tế:"
            scoped = named_bodies(doc, sent) if not own else []
            if scoped or (own and _letters(text) == _letters("".join(own))):
                ctx.open_scope(_lead_in_level(doc, ctx, i), scoped or own, "lead-in")
                if _scope_holds_tasks(doc, ctx, sent):
                    ctx.task = True
                continue
            carried = _carried_scope(doc, i, issuer_like) if not own else []
            if carried:
                # "... và yêu cầu UBND tỉnh chỉ đạo các ngành, các cấp ... Cụ thể ... các nhiệm vụ sau:": the
                # bodies the sentence before assigned to are whom the items below are for
                ctx.open_scope(_lead_in_level(doc, ctx, i), carried, "lead-in")
            if CASES_LEAD_IN_RE.search(text) and not own and not _lead_in_assigns(doc, sent):
                continue         # "Không áp dụng thu phí ... đối với các trường hợp sau đây:": the items are cases
            if CONTEXT_OPENER_RE.search(text) and not own:
                ctx.task = True
                continue
            if ctx.normative and not own and NORMATIVE_TASK_SECTION_RE.search(text):
                ctx.task = True          # "c) Nhiệm vụ:" of an approved scheme, "3. Tổ chức thực hiện:"
                continue
            if (ctx.normative or ctx.report) and own and _only_issuer(own, issuer_like):
                # "1. Hội đồng nhân dân tỉnh giám sát tại các kỳ họp:" in the council's own resolution: the
                # items are its programme, not work it assigns (a text assigns no work to its own issuer)
                ctx.open_scope(_lead_in_level(doc, ctx, i), own, "issuer")
                continue
            if ctx.normative and (not (ASSIGN_CUE_RE.search(text) or RESPONSIBILITY_RE.search(text))
                                  or REMIT_RE.search(text)):
                # "Các cơ quan ... sử dụng kinh phí ... gồm:" states a rule, but the bodies it names
                # are still who the items below concern, should they turn out to be tasks
                if own:
                    ctx.open_scope(_lead_in_level(doc, ctx, i), own, "lead-in")
                own = []
            # "Kết quả xử lý đơn ... kiến nghị phản ánh ... nhận được:" is a report's results, not a task section
            if own or (_task_section(ctx, text) and not ctx.normative and not ASSESSMENT_RE.search(text)):
                ctx.task = True
                if own:
                    ctx.open_scope(_lead_in_level(doc, ctx, i), own, "lead-in")
                # "Chánh Thanh tra Bộ có trách nhiệm chủ trì xem xét ... đối với các trường hợp sau:": the items are
                # the cases, the duty is the lead-in's own
                assigns_own_work = OWN_WORK_BEFORE_LEAD_IN_RE.search(text) or (
                    RESPONSIBILITY_RE.search(text) and CASES_LEAD_IN_RE.search(text))
                cue = ASSIGN_CUE_RE.search(text)
                only_introduces = (LEAD_IN_ONLY_RE.search(text) or PARTNER_LEAD_IN_RE.search(text)
                                   # "Chủ tịch UBND huyện điện khẩn <bodies>:" names whom the items are for
                                   or (cue and _letters(text[cue.end():]) == _letters("".join(own))))
                if (only_introduces and not assigns_own_work) or ctx.remit or not is_task_sentence(doc, sent):
                    continue
                decision.tag = "B"          # a lead-in that assigns work of its own; items do not join it
                decision.assignees, decision.source = resolve_assignees(sent, own, ctx.inherited())
                continue
        if (sent.kind == "text" and is_open and previous.kind != "deadline"
                and (_same_paragraph(doc, previous, sent) or _continues_item(doc, opener, sent))
                and not _is_new_assignment(doc, sent)):
            decision.tag = "I"
            previous = sent
            continue
        is_open = False
        if text.rstrip().endswith(":") and LEAD_IN_ONLY_RE.search(text) \
                and not OWN_WORK_BEFORE_LEAD_IN_RE.search(text):
            # "... cần tập trung một số nội dung trọng tâm sau đây:"; in a decision, not a unit's remit
            # ("Phòng X có chức năng ..., gồm các nhiệm vụ sau:")
            if not (ctx.normative and (REMIT_RE.search(text) or PRIVATE_PARTY_RE.match(text.lstrip(" -–+*•")))):
                ctx.task = True
            decision.lead_in = True
            continue
        explicit = bool(_assigns(text) or _modal_subject(doc, sent.start, sent.end) or REPORT_BACK_RE.search(text)
                        or REPORT_DEADLINE_LABEL_RE.match(text)
                        # "Điều 3. Bộ Công Thương chủ trì ...": an article that names who acts
                        or (sent.marker and marker_type(sent.marker) in ARTICLE_MARKERS
                            and _subject_first(doc, sent.start, sent.end))
                        # "Các cơ quan, đơn vị liên quan có trách nhiệm ...", "Bộ Tư pháp theo dõi ..."
                        or _acting_subject(doc, sent.start, sent.end) or _duty_holder(doc, sent.start, sent.end))
        if ctx.report and ctx.task is False and not (_assigns(text) or _modal_subject(doc, sent.start, sent.end)
                                                      or REPORT_BACK_RE.search(text)):
            explicit = False    # a report's account of its own work: "Lãnh đạo Sở thường xuyên chỉ đạo ..."
        if ctx.remit:
            allowed = bool(REMIT_DUTY_RE.search(text))
        elif ctx.task is True:
            allowed = True
        elif ctx.task is None:
            allowed = sent.kind == "item" or explicit
        else:                               # assessment, objectives, rules: only explicit assignments
            allowed = explicit
        if not (allowed and is_task_sentence(doc, sent)):
            continue
        if ctx.normative and FUNDING_PROVISION_RE.match(text):
            continue            # "Các địa phương chủ động cân đối ngân sách ...": how a resolution is funded
        if ctx.normative and RULE_OF_TEXT_RE.search(text) and not _assigns(text):
            continue            # "Đơn vị ... chỉ được chi ...", "...: 60.000 đồng/hồ sơ": what the text settles
        if DEFINITION_RE.search(text) and not _assigns(text):
            continue            # "Hành vi ... được hiểu là ...": a circular explaining a rule

        if decision.lead_in and not _lead_in_assigns(doc, sent):
            continue
        own = find_assignees(doc, sent.start, sent.end, issuer_like)
        if not own and ctx.inherited()[1] == "issuer":
            continue        # "1. Hội đồng nhân dân tỉnh giám sát chuyên đề:" / "- Giám sát ...": its own programme
        decision.tag = "B"
        decision.assignees, decision.source = resolve_assignees(sent, own, ctx.inherited())
        is_open, previous, opener = True, sent, sent
    return decisions


def _lead_in_assigns(doc: Document, sent: Sentence) -> bool:
    """A lead-in ("... sau:", "...:") heads the items below it; it is a task of its own only when it
    asks for one ("Yêu cầu các đơn vị ... sau:", "Các Bộ ... có trách nhiệm báo cáo ... sau:"), not
    when it names a line of work ("Tăng cường các biện pháp phòng, chống tác hại của thuốc lá:") or
    says what a body does ("Hội đồng nhân dân tỉnh giám sát chuyên đề:")."""
    text = sent.text
    return bool(_assigns(text) or RESPONSIBILITY_RE.search(text) or REPORT_BACK_RE.search(text)
                or _modal_subject(doc, sent.start, sent.end))


def _is_remit_article(text: str) -> bool:
    return bool(REMIT_RE.search(text) or STRUCTURE_ARTICLE_RE.search(text))


def _assigns(text: str) -> bool:
    """Does the sentence itself assign work? A cue after "và" is part of the duty it describes
    ("thẩm định hồ sơ và đề nghị cơ quan có thẩm quyền cấp ...")."""
    cue = ASSIGN_CUE_RE.search(text)
    return bool(cue and not re.search(r"\bvà\s*$", text[:cue.start()]))


def _scope_holds_tasks(doc: Document, ctx: Context, sent: Sentence) -> bool:
    """Does a line that names bodies open their tasks? Always in plans and notices; in a decision
    only for a named body or "Trách nhiệm của ...": "Giám đốc Sở, Phó Giám đốc Sở:" and "Các phòng
    thuộc Sở:" head its rules and structure, "Nhiệm vụ, quyền hạn Sở X" its remit."""
    if not ctx.normative:
        return True
    text = sent.text.lstrip(" -–+*•")
    if REMIT_RE.search(text):
        return False
    scope = SCOPE_PREFIX_RE.match(text)
    if PRIVATE_PARTY_RE.match(text[scope.end():] if scope else text):
        return False
    return bool(DUTY_PREFIX_RE.match(text) or _org_spans(doc, sent.start, sent.end))


def _lead_in_level(doc: Document, ctx: Context, i: int) -> float:
    """The level of the scope a lead-in opens: just above the list it introduces, even when the
    lead-in is unmarked text after deeper items ("... toàn Ngành cần tập trung ... sau:" then "1.").
    A lead-in that assigns the work above the body's first heading or item ("UBND tỉnh chỉ thị các
    sở, ban, ngành ... thực hiện các nội dung sau:") heads the whole document (level -1)."""
    sents = doc.sentences
    if _assigns(sents[i].text) and not any(s.marker or s.kind == "heading" for s in sents[:i]):
        return -1
    level = ctx.effective_level(sents[i])
    nxt = sents[i + 1] if i + 1 < len(sents) else None
    if nxt is not None and nxt.marker:
        level = min(level, nxt.level - 0.5)
    return level


def _opens_sublist(doc: Document, i: int) -> bool:
    """Is sentence i followed by a list item one level deeper?"""
    sents = doc.sentences
    nxt = sents[i + 1] if i + 1 < len(sents) else None
    return bool(nxt is not None and nxt.marker and nxt.level > sents[i].level)


def own_assignees(doc: Document, sent: Sentence, decision: SentenceDecision) -> tuple[list[str], str]:
    """Assignees of a directive a classifier opens at `sent`: the rules' if they opened one there,
    else the bodies the sentence names, else the scope it sits in."""
    if decision.tag == "B":
        return decision.assignees, decision.source
    own = find_assignees(doc, sent.start, sent.end, _issuer_like(doc))
    if not own and not decision.inherited[0]:
        own = _leading_bodies(doc, sent)
    return resolve_assignees(sent, own, decision.inherited)


def _leading_bodies(doc: Document, sent: Sentence) -> list[str]:
    """The bodies a sentence opens with, whatever its verb ("Hội đồng quản trị Tập đoàn Sông Đà quyết định
    ...", "Tổ chức pháp chế các Bộ, ngành chủ trì ..."): for a directive the rules did not see."""
    text = doc.text
    subj = _subject_start(doc, sent.start, sent.end)
    rest = text[subj:sent.end]
    if TASK_VERB_RE.match(rest) and not ORGANISATION_NOUN_RE.match(rest):
        return []
    named = any(o.start == subj for o in _org_spans(doc, subj, sent.end))
    if not (named or DUTY_HOLDER_RE.match(rest) or GENERIC_BODY_RE.match(rest)):
        return []
    return _subject_bodies(doc, subj, sent.end)


def resolve_assignees(sent: Sentence, own: list[str], inherited: tuple[list[str], str]
                      ) -> tuple[list[str], str]:
    """The bodies the sentence names, else the scope's. "Chỉ đạo Sở X ..." under a scope names
    both: the body in scope directs, Sở X acts."""
    if not own:
        return inherited
    clause = DIRECTING_CLAUSE_RE.search(sent.text)
    # unless the sentence itself names who directs ("..., Sở Y tế chỉ đạo ..."): then it is its own
    if inherited[0] and clause and not any(_norm(b) in _norm(sent.text[:clause.start()]) for b in own):
        return _dedupe(inherited[0] + own), "item"
    return own, "item"


# The title of the article ("Điều 5. Trách nhiệm thi hành", "Điều 2. Đối tượng áp dụng") a sentence stands in
DUTY_ARTICLE_RE = re.compile(r"trách nhiệm|tổ chức thực hiện|thi hành|nhiệm vụ", re.I)
RULE_ARTICLE_RE = re.compile(r"phạm vi|đối tượng|giải thích|nguyên tắc|mức|điều kiện|hồ sơ|thủ tục|quyền hạn|"
                             r"chức năng|cơ cấu", re.I)
CANDIDATE_KINDS = ("item", "text")     # the sentences a classifier decides on; the rest keep the rules' tag
_WORD_RE = re.compile(r"\w+")


def sentence_features(doc: Document, decisions: list[SentenceDecision]) -> list[dict[str, float | str]]:
    """Features of every sentence for the directive classifier: the rules' tag and what they
    saw (outline context, cues), the sentence's neighbours, how much of the document the rules read
    as tasks and what kind of article it stands in. Text n-grams are added by the classifier itself.
    No document type or heading words: with 78 training documents they let the model memorize
    documents (5-fold CV F1 0.804 with them, 0.814 without; heading words still lost at 196)."""
    normative = is_normative(doc)
    issuer_like = _issuer_like(doc)
    sents = doc.sentences
    candidates = [d for s, d in zip(sents, decisions, strict=True) if s.kind in CANDIDATE_KINDS]
    # a notice or a directive is mostly tasks, a regulation mostly rules: the same "Sở X thực hiện
    # ..." means a task in the one and often a rule in the other
    task_share = sum(d.tag == "B" for d in candidates) / max(len(candidates), 1)
    article = ""
    rows: list[dict[str, float | str]] = []
    for i, (sent, decision) in enumerate(zip(sents, decisions, strict=True)):
        if sent.marker and marker_type(sent.marker) == "điều":
            article = sent.text[:120]
        text = sent.text.lstrip(" -–+*•")
        lead = LEADING_FILLER_RE.match(text)
        core = text[lead.end():] if lead else text
        words = [w.lower() for w in _WORD_RE.findall(core)[:3]]
        prev_sent, prev_decision = (sents[i - 1], decisions[i - 1]) if i else (None, None)
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        row: dict[str, float | str] = {
            "rule": decision.tag, "kind": sent.kind, "task": str(decision.task),
            "rule_context": f"{decision.tag}|{normative}|{decision.task}|{sent.kind}",
            "marker": marker_type(sent.marker) if sent.marker else "none",
            "level": str(min(sent.level, 4)),
            "prev_rule": prev_decision.tag if prev_decision else "start",
            "prev_kind": prev_sent.kind if prev_sent else "start",
            "next_kind": nxt.kind if nxt else "end",
            "w1": words[0] if words else "", "w12": " ".join(words[:2]),
            "normative": float(normative), "lead_in": float(decision.lead_in),
            "colon_end": float(sent.text.rstrip().endswith(":")),
            "same_line_as_prev": float(prev_sent is not None and "\n" not in doc.text[prev_sent.end:sent.start]),
            "task_verb_start": float(bool(TASK_VERB_RE.match(core))),
            "assign_cue": float(bool(ASSIGN_CUE_RE.search(text))),
            "modal": float(bool(MODAL_ANYWHERE_RE.search(text))),
            "past": float(bool(re.search(r"\bđã\b", text))),
            "assessment": float(bool(ASSESSMENT_RE.search(text) or PAST_REPORT_RE.search(text))),
            "closing_formula": float(is_closing_formula(text)),
            "inherited_scope": float(bool(decision.inherited[0])),
            "position": i / max(len(sents) - 1, 1),
            "log_length": float(np.log1p(len(sent.text))),
            "doc_task_share": task_share,
            "article_duties": float(bool(DUTY_ARTICLE_RE.search(article))),
            "article_rules": float(bool(RULE_ARTICLE_RE.search(article))),
        }
        if sent.kind in CANDIDATE_KINDS:
            row["is_task"] = float(is_task_sentence(doc, sent))
            row["own_assignees"] = float(bool(find_assignees(doc, sent.start, sent.end, issuer_like)))
        rows.append(row)
    return rows


def apply_classifier(doc: Document, decisions: list[SentenceDecision], classifier) -> list[SentenceDecision]:
    """The rules' decisions with the classifier's tag (and probability) on every item/text sentence;
    a deadline line follows whatever the sentence above it became."""
    candidates = [i for i, s in enumerate(doc.sentences) if s.kind in CANDIDATE_KINDS]
    if not candidates:
        return decisions
    features = sentence_features(doc, decisions)
    texts = [doc.sentences[i].text for i in candidates]
    tags, scores = classifier.predict_tags([features[i] for i in candidates], texts)
    decided = list(decisions)
    # the directive the rules had open at each sentence: a sentence they read as its continuation
    # (I) that the classifier opens anew is still about the same bodies
    opener = [None] * len(decisions)
    current = None
    for i, decision in enumerate(decisions):
        if decision.tag == "B":
            current = decision
        elif decision.tag not in ("I", "D"):
            current = None
        opener[i] = current
    for i, tag, score in zip(candidates, tags, scores, strict=True):
        sent, decision = doc.sentences[i], decisions[i]
        if tag == "I" and _is_new_assignment(doc, sent):
            tag = "B"           # "Giao Thường trực HĐND ..." after "Giao UBND tỉnh ...": spec §4a, its own directive
        # where the rules are all but certain the classifier does not overrule them: a lead-in that only
        # introduces its items ("Giao Giám đốc Sở Tài nguyên và Môi trường:"; 97% O in the gold), a
        # closing formula ("... chịu trách nhiệm thi hành Quyết định này"; 99% O) and a definition
        if tag != "O" and ((decision.tag == "O" and decision.lead_in and sent.text.rstrip().endswith(":"))
                           or is_closing_formula(sent.text) or DEFINITION_RE.search(sent.text)):
            tag = "O"
        if tag == "B" and decision.tag == "I" and opener[i] is not None and opener[i].assignees:
            decision = replace(decision, inherited=(opener[i].assignees, opener[i].source))
        assignees, source = own_assignees(doc, sent, decision) if tag == "B" else ([], "none")
        decided[i] = replace(decision, tag=tag, assignees=assignees, source=source, score=score)
    is_open = False
    for i, (sent, decision) in enumerate(zip(doc.sentences, decided, strict=True)):
        if sent.kind == "deadline":
            decided[i] = replace(decision, tag="D" if is_open else "O")
        else:
            is_open = decision.tag in ("B", "I")
    return decided


def build_directives(doc: Document, decisions: list[SentenceDecision]) -> list[Directive]:
    """Group tagged sentences into directives: B opens one, I and D join the open one."""
    groups: list[tuple[list[Sentence], SentenceDecision]] = []
    current: list[Sentence] | None = None
    for sent, decision in zip(doc.sentences, decisions, strict=True):
        if decision.tag == "B" or (decision.tag == "I" and current is None):
            current = [sent]
            groups.append((current, decision))
        elif decision.tag in ("I", "D") and current is not None:
            current.append(sent)
        else:
            current = None
    directives = []
    for sents, decision in groups:
        body = [s for s in sents if s.kind != "deadline"]
        start, end = body[0].start, body[-1].end
        coordinators = []
        for s in body:
            coordinators.extend(find_coordinators(doc, s.start, s.end))
        directives.append(Directive(
            directive_id=len(directives), start=start, end=end, text=doc.text[start:end],
            assignees=decision.assignees, coordinators=_dedupe(coordinators),
            deadline=_best_deadline([s.deadline for s in sents]),
            sent_ids=[s.sent_id for s in sents], assignee_source=decision.source,
            score=decision.score))
    return directives


def assemble_directives(doc: Document) -> list[Directive]:
    """The directives of `doc` by the rules alone."""
    return build_directives(doc, rule_decisions(doc))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text).lower()


def _continues_item(doc: Document, opener: Sentence, sent: Sentence) -> bool:
    """An unmarked line below a list item that goes on with its work belongs to the item (spec §4a:
    "a list item with its continuation sentences is one directive"): "7.2. Thực hiện tốt các nhiệm vụ
    ..." / "Tiếp tục rà soát, loại bỏ những thủ tục hành chính ...". Not below an article ("Điều 3.
    Giao ..."), whose following lines are the text's own."""
    return bool(opener.marker and not sent.marker and marker_type(opener.marker) not in ARTICLE_MARKERS
                and is_task_sentence(doc, sent))


def _carried_scope(doc: Document, i: int, issuer_like) -> list[str]:
    """The bodies the sentence before lead-in `i`, in the same paragraph, assigns work to."""
    if i == 0:
        return []
    prev = doc.sentences[i - 1]
    if prev.kind != "text" or not _same_paragraph(doc, prev, doc.sentences[i]) \
            or not ASSIGN_CUE_RE.search(prev.text):
        return []
    return find_assignees(doc, prev.start, prev.end, issuer_like)


def _same_paragraph(doc: Document, prev: Sentence, sent: Sentence) -> bool:
    """Continuation = same line, or the next line of an unmarked paragraph run in a list item."""
    between = doc.text[prev.end:sent.start]
    return "\n" not in between


def named_bodies(doc: Document, sent: Sentence) -> list[str]:
    """The bodies a heading-like line consists of: "Vụ Kế hoạch - Tài chính",
    "Trách nhiệm của Sở Xây dựng", "Đối với Ủy ban nhân dân các huyện:"; [] when the line says more."""
    text = doc.text[sent.start:sent.end].rstrip(" :.;")
    text = GLOSS_RE.sub("", text)
    # "Cơ quan quản lý: Sở Nông nghiệp & PTNT tỉnh Bắc Kạn:" — the body after its role
    prefix = SCOPE_PREFIX_RE.match(text) or ROLE_LABEL_RE.match(text)
    start = sent.start + (prefix.end() if prefix else 0)
    end = sent.start + len(text)
    phrase = doc.text[start:end]
    if not phrase or len(phrase) > 160 or re.search(r"\bđã\b|[.;]", phrase):
        return []
    orgs = _org_spans(doc, start, end)
    if orgs and orgs[0].start == start and orgs[-1].end == end:
        return split_bodies(doc, start, end)
    det = re.match(r"(?:các|những|mọi)\s+", phrase, re.I)
    if det and len(orgs) == 1 and orgs[0].start == start + det.end() and orgs[0].end == end:
        return [phrase]         # "4. Các Trung tâm Dự báo khí tượng thủy văn cấp tỉnh (thuộc ...)" over its items
    if orgs and orgs[0].start == start and (
            TASK_VERB_RE.match(doc.text[orgs[0].end:end].lstrip(" ,"))
            or len(doc.text[_phrase_end(doc.text, start, end, orgs):end].split()) >= 4):
        return []       # "Sở Kế hoạch và Đầu tư chủ trì, ...:", "Hội đồng nhân dân tỉnh nhấn mạnh một số nội dung sau:"
    if prefix and (GENERIC_BODY_RE.match(phrase) or ROLE_HOLDER_RE.match(phrase) or ROLE_SUBJECT_RE.match(phrase)) \
            and len(phrase.split()) <= 8:
        return [phrase]              # "Đối với các tỉnh sản xuất giống Nam Trung bộ:", "Trách nhiệm của Thủ trưởng ...:"
    if GENERIC_BODY_RE.match(phrase) and _phrase_end(doc.text, start, end, orgs) >= end:
        return split_bodies(doc, start, end)     # "Các Bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố ...:"
    # "1. Bộ trưởng Bộ Xây dựng:", "8. Tổ chức pháp chế thuộc Bộ, cơ quan ngang Bộ ...": an official or a kind of
    # unit, with no verb of its own
    holder = ROLE_SUBJECT_RE.match(phrase) or ORGANISATION_NOUN_RE.match(phrase)
    if holder and len(phrase.split()) <= 16 and not any(
            m.group(0)[:1].islower() and phrase[m.start() - 1] == " "
            for m in TASK_VERB_RE.finditer(phrase, holder.end() - 1)):
        return [phrase]
    head = BODY_WORD_RE.match(phrase)
    if head is None or (TASK_VERB_RE.match(phrase) and not phrase[head.end()].isupper()):
        return []
    if not phrase[head.end()].isupper() and TASK_VERB_RE.search(phrase, head.end()):
        return []
    if re.search(r"\s(?:là|có)\s", phrase) or any(
            m.group(0)[0].islower() and phrase[m.start() - 1] == " " for m in TASK_VERB_RE.finditer(phrase, head.end())):
        return []           # "Hội đồng có các nhiệm vụ sau:", "Vụ X là cơ quan đầu mối ... thực hiện ...:"
    return split_bodies(doc, start, end)


def _describes(heading: str) -> bool:
    """Does a section title announce assessment, viewpoints or objectives rather than tasks?"""
    return bool(OBJECTIVES_SECTION_RE.search(heading) or (ASSESSMENT_SECTION_RE.search(heading)
                                                           and not TASK_SECTION_RE.search(heading)))


def _enter_heading(doc: Document, ctx: Context, sent: Sentence) -> None:
    ctx.enter_level(sent.level)
    text = sent.text
    if ctx.normative and (sent.level <= 1 or sent.marker and marker_type(sent.marker) in ARTICLE_MARKERS):
        ctx.remit = _is_remit_article(text)
    bodies = find_assignees(doc, sent.start, sent.end, _issuer_like(doc)) or named_bodies(doc, sent)
    if not bodies and len(text.split()) <= 15 and not text.rstrip().endswith(":"):
        # a heading that is a name ("1. Sở Lao động - Thương binh và Xã hội"), not a sentence that
        # starts with one ("Điều 2. Hội đồng nhân dân tỉnh thống nhất thông qua ... sau:")
        orgs = _org_spans(doc, sent.start, sent.end)
        if (orgs and orgs[0].start == sent.start) or GENERIC_BODY_RE.match(text) or ROLE_SUBJECT_RE.match(text):
            bodies = [_strip_phrase(text)] if not orgs or len(orgs) == 1 and orgs[0].end >= sent.end - 1 \
                else split_bodies(doc, sent.start, sent.end)
    if bodies:
        ctx.open_scope(sent.level, bodies, "heading")
        ctx.task = _scope_holds_tasks(doc, ctx, sent) or bool(ctx.task)
    elif ctx.normative:
        article = bool(sent.marker and marker_type(sent.marker) in ARTICLE_MARKERS)
        if sent.level <= 1 or article or NORMATIVE_TASK_SECTION_RE.search(text):
            # "Điều 2. Hội đồng nhân dân tỉnh thống nhất ..., trong đó cần tập trung một số nhiệm vụ chủ yếu sau:"
            ctx.task = bool(NORMATIVE_TASK_SECTION_RE.search(text) or TASKS_FOLLOW_RE.search(text))
            ctx.clear_lead_ins()
        elif _describes(text):       # "I. quan điểm phát triển." inside the plan a resolution adopts
            ctx.task = False
            ctx.clear_lead_ins()
    elif _describes(text):
        ctx.task = False
        ctx.clear_lead_ins()
    elif _task_section(ctx, text) or (sent.level <= 1 and not ctx.report):
        ctx.task = True             # a top-level section that is not assessment or objectives


def _task_section(ctx: Context, text: str) -> bool:
    return bool((REPORT_TASK_SECTION_RE if ctx.report else TASK_SECTION_RE).search(text))


@component("directives")
def make_directive_assembler(config: dict, models_dir: Path):
    path = model_path(config, models_dir)
    classifier = None
    if path:
        from .models.directive_classifier import DirectiveClassifier
        classifier = DirectiveClassifier.load(path)

    def assemble(doc: Document) -> Document:
        decisions = rule_decisions(doc)
        if classifier is not None:
            decisions = apply_classifier(doc, decisions, classifier)
        doc.directives = build_directives(doc, decisions)
        return doc
    return assemble
