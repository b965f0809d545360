"""Inter-annotator agreement (pipeline/annotation/agreement.py) on hand-built pairs whose
figures are worked out by hand in the comments."""

from __future__ import annotations

import pytest

from pipeline.annotation.agreement import agree, bio_tags, cohen_kappa, format_agreement, token_kappa

# data/raw/vn_legal_readability_subset/Difficult_00184897.txt
TASK = ("Giao Sở Tài chính lập thủ tục cấp phát, hướng dẫn việc phân bổ dự toán và quyết toán kinh phí "
        "theo quy định.")
# data/raw/seeds/001_dcadee23f926a999.txt, line 5 (first words)
MEETING = "Ngày 19/01/2018, tại Hội trường Sở Lao động - Thương binh và Xã hội"
# data/raw/seeds/001_dcadee23f926a999.txt (lines 9, 17) and 000_61f4b3783d46edc1.txt, markup removed
SENTENCES = [
    "Ghi nhận và đánh giá cao những kết quả mà các cấp, các ngành đã đạt được.",
    "Tiếp thu ý kiến các thành viên dự họp, trình Trưởng Ban VSTBCPN tỉnh ban hành. "
    "Hoàn thành trước ngày 10/02/2018.",
    "Trong thời gian tới yêu cầu các đơn vị, địa phương khắc phục tồn tại, hạn chế trong năm 2018.",
    "Khẩn trương xây dựng kế hoạch tổ chức Gặp mặt kỷ niệm ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam.",
]
FIELDS = dict.fromkeys(("doc_type", "title", "number", "issuer", "issued_date", "place", "meeting_date",
                        "chair", "signer"))


def entity(text: str, part: str, label: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "label": label, "text": part}


def doc(doc_id: str, text: str, entities=(), sentences=(), directives=(), **fields) -> dict:
    return {"doc_id": doc_id, "source": "seeds", "split": "dev", "text": text,
            "entities": list(entities), "sentences": list(sentences), "directives": list(directives),
            "document": {**FIELDS, **fields}, "provenance": {}}


def test_bio_tags_mark_every_token_an_entity_overlaps():
    tags = bio_tags(TASK, [entity(TASK, "Sở Tài chính", "ORG")])
    assert tags[:5] == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert len(tags) == 26  # 24 syllables, "," and "."
    # a span cut inside a token still tags that token
    assert bio_tags(TASK, [{"start": 6, "end": 8, "label": "ORG"}])[:3] == ["O", "B-ORG", "O"]


def test_token_kappa_computed_by_hand():
    # A: ORG "Sở Tài chính" -> O B I I O*22;  B: ORG "Tài chính" -> O O B I O*22
    # observed 24/26; expected (23*24 [O] + 1*1 [B] + 2*1 [I]) / 26**2 = 555/676
    # kappa = (624/676 - 555/676) / (1 - 555/676) = 69/121
    a = doc("d", TASK, [entity(TASK, "Sở Tài chính", "ORG")])
    b = doc("d", TASK, [entity(TASK, "Tài chính", "ORG")])
    assert token_kappa([(a, b)]) == pytest.approx(69 / 121)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa(["O", "O", "B"], ["O", "O", "B"]) == 1.0
    assert cohen_kappa(["O", "O"], ["O", "O"]) is None      # one category: undefined
    assert cohen_kappa([], []) is None
    # observed 0, expected 1/2 -> -1
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa(["O"], ["O", "O"])


def test_span_f1_per_label_and_micro():
    a = [doc("task", TASK, [entity(TASK, "Sở Tài chính", "ORG")]),
         doc("meeting", MEETING, [entity(MEETING, "Ngày 19/01/2018", "DATE"),
                                  entity(MEETING, "Sở Lao động - Thương binh và Xã hội", "ORG")])]
    b = [doc("task", TASK, [entity(TASK, "Tài chính", "ORG")]),
         doc("meeting", MEETING, [entity(MEETING, "Ngày 19/01/2018", "DATE"),
                                  entity(MEETING, "Hội trường", "LOC"),
                                  entity(MEETING, "Sở Lao động - Thương binh và Xã hội", "ORG")]),
         doc("only_in_b", TASK)]
    report = agree(a, b)
    assert report["documents"] == 2
    per_label = report["entities"]["per_label"]
    assert list(per_label) == ["ORG", "LOC", "DATE"]
    # ORG: tp 1 (meeting), fp 1 + fn 1 (task) -> P = R = F1 = 0.5
    assert (per_label["ORG"]["precision"], per_label["ORG"]["recall"], per_label["ORG"]["f1"]) == (0.5, 0.5, 0.5)
    assert per_label["DATE"]["f1"] == 1.0
    assert (per_label["LOC"]["fp"], per_label["LOC"]["f1"]) == (1, 0.0)
    # micro: tp 2, fp 2, fn 1 -> P 1/2, R 2/3, F1 4/7
    micro = report["entities"]["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 2, 1)
    assert micro["f1"] == pytest.approx(4 / 7)


def test_deadline_class_agreement_over_sentences_bounded_alike():
    text = "\n".join(SENTENCES)
    bounds = []
    start = 0
    for sentence in SENTENCES:
        bounds.append((start, start + len(sentence)))
        start += len(sentence) + 1

    def sentences(types):
        return [{"start": s, "end": e, "deadline_type": t, "deadline_text": None, "deadline_date": None}
                for (s, e), t in zip(bounds, types, strict=True)]

    a = doc("d", text, sentences=sentences(["none", "date", "none", "urgent"]))
    b = doc("d", text, sentences=sentences(["none", "date", "period", "none"]))
    b["sentences"].append({"start": bounds[3][0], "end": bounds[3][0] + 11, "deadline_type": "urgent",
                           "deadline_text": "Khẩn trương", "deadline_date": None})
    result = agree([a], [b])["sentences"]
    # observed 2/4; A: none 2, date 1, urgent 1; B: none 2, date 1, period 1
    # expected (2*2 + 1*1) / 16 = 5/16; kappa = (8/16 - 5/16) / (11/16) = 3/11
    assert result["n"] == 4 and result["unpaired"] == 1
    assert result["deadline_type_accuracy"] == 0.5
    assert result["deadline_type_kappa"] == pytest.approx(3 / 11)


def test_directive_and_field_agreement():
    text = "\n".join(SENTENCES)
    second, second_end = text.index("Tiếp thu"), text.index(" Hoàn thành")
    third, third_end = text.index("Trong thời gian"), text.index("\nKhẩn trương")

    def directive(start, end, assignees):
        return {"start": start, "end": end, "text": text[start:end], "assignees": assignees,
                "coordinators": [], "deadline_type": "none", "deadline_text": None, "deadline_date": None}

    a = doc("d", text, doc_type="THÔNG BÁO", directives=[
        directive(second, second_end, ["Sở Lao động - Thương binh và Xã hội"]),
        directive(third, third_end, ["các đơn vị, địa phương"])])
    # B ends the third sentence's directive before its full stop and names another assignee
    b = doc("d", text, doc_type="KẾT LUẬN", directives=[
        directive(second, second_end, ["Sở Lao động - Thương binh và Xã hội"]),
        directive(third, third_end - 1, ["các đơn vị"])])
    report = agree([a], [b])
    exact = report["directives"]["exact_spans"]
    assert (exact["tp"], exact["fp"], exact["fn"], exact["f1"]) == (1, 1, 1, 0.5)
    matched = report["directives"]["matched"]
    assert matched["match"]["f1"] == 1.0           # same syllables: both pairs match
    assert matched["assignees"]["f1"] == 0.5        # tp 1, fp 1, fn 1
    assert report["fields"]["per_field"]["doc_type"] == 0.0
    assert report["fields"]["accuracy"] == pytest.approx(8 / 9)
    summary = format_agreement(report)
    assert "DIRECTIVES exact spans F1 0.500; text match F1 1.000, assignees F1 0.500" in summary
    assert "FIELDS agreement 0.889: doc_type 0.000" in summary


def test_agree_refuses_pairs_with_different_texts():
    with pytest.raises(ValueError, match="different texts"):
        agree([doc("d", TASK)], [doc("d", TASK.replace("Giao", "Giao cho"))])
