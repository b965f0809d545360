"""Gazetteer building, saving and loading on small real excerpts (quoted from data/raw and data/metadata)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.gazetteer import Gazetteer, build_gazetteer, fold, key_of

ROOT = Path(__file__).resolve().parents[1]

# data/raw/seeds/001_dcadee23f926a999.txt, data/raw/seeds/003_b153c6da8c68613b.txt,
# data/raw/daknong_gov_sites_ocr/krongno__img_12-TB_20190530041840169205.txt (excerpts)
DOCS = {
    "seeds/001.txt": (
        "Ngày 19/01/2018, tại Hội trường Sở Lao động - Thương binh và Xã hội, đồng chí Trần Thị Nga - Phó Chủ "
        "tịch UBND tỉnh, Trưởng Ban Vì sự tiến bộ của phụ nữ tỉnh đã chủ trì cuộc họp.\n"
        "- Tăng cường công tác kiểm tra, giám sát, đánh giá việc thực hiện Luật Bình đẳng giới gắn với công "
        "tác thi đua khen thưởng hàng năm.\n"
        "- Chủ trì, phối hợp với Ban Dân tộc tỉnh, Sở Văn hóa, Thể thao và Du lịch và UBND các huyện, thành "
        "phố tổ chức đánh giá.\n"
        "- Chủ tịch UBND tỉnh (B/cáo);\n- UBND các huyện, thành phố;\n\nNguyễn Đình Cầu\n"
    ),
    "seeds/003.txt": (
        "Tham dự buổi làm việc, có đồng chí Phan Minh Nguyệt - Phó Giám đốc Sở Lao động - Thương binh và Xã "
        "hội tỉnh, đồng chí Hoàng Văn Thái - UVTV Huyện ủy - Phó Chủ tịch UBND huyện. Trong 9 tháng đầu năm "
        "2022, hoạt động bình đẳng giới trên địa bàn huyện Phong Điền; triển khai thực hiện Luật Bình đẳng "
        "giới; phối hợp với Sở Văn hóa, Thể thao và Du lịch.\n"
    ),
    "ocr/krongno_12.txt": (
        "Ban quản lý dự án và Phát triển quỹ đất huyện Krông Nô thông báo. Địa chỉ: 07 Phan Bội Châu, thị "
        "trấn Đăk Mâm, huyện Krông Nô, tỉnh Đắk Nông.\n- Sở Tư pháp tỉnh Đắk Nông;\n"
        "- UBND huyện (thay b/c);\n\nPhạm Văn Hải\n"
    ),
}

# data/metadata/sonla_congbao_2026_metadata.jsonl (fields of two records)
METADATA = [
    {"so_hieu": "1182/QĐ-UBND", "co_quan_ban_hanh": "UBND Tỉnh", "nguoi_ky": "Phó Chủ tịch UBND Nguyễn Thành Công",
     "trich_yeu": "Về việc phê duyệt đơn giá khởi điểm cho thuê đất ngắn hạn đối với các khu đất do Trung "
                  "tâm phát triển quỹ đất tỉnh quản lý đợt 4 năm 2026"},
    {"so_hieu": "1303/QĐ-UBND", "co_quan_ban_hanh": "UBND Tỉnh", "nguoi_ky": "Chủ tịch HĐND Lò Minh Hùng",
     "trich_yeu": "Phê duyệt nhiệm vụ quy hoạch chung đô thị Bắc Yên, tỉnh Sơn La đến năm 2045"},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Gazetteer:
    base = tmp_path_factory.mktemp("corpus")
    for rel, text in DOCS.items():
        path = base / "raw" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (base / "metadata").mkdir()
    (base / "metadata" / "sonla.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in METADATA), encoding="utf-8")
    return build_gazetteer(base / "metadata", base / "raw")


def test_fold_unifies_case_tone_placement_and_dashes():
    assert fold("Uỷ ban Hoà Bình – Thuỷ") == "ủy ban hòa bình - thủy"
    assert len(fold("KHOÁ XVIII")) == len("KHOÁ XVIII")
    assert key_of("Sở Lao động – Thương binh") == ("sở", "lao", "động", "-", "thương", "binh")


def test_names_seen_in_two_documents_are_kept(built):
    assert built.org_names == {
        "Sở Lao động - Thương binh và Xã hội": 2,
        "Sở Văn hóa, Thể thao và Du lịch": 2,
    }
    assert built.laws == {"Luật Bình đẳng giới": 2}


def test_places_people_and_abbreviations(built):
    assert built.places["Krông Nô"] == "district"
    assert built.places["Đắk Nông"] == "province"
    assert "Phan Bội Châu" not in built.places          # a road, written without a unit word
    # signers (metadata, last line), names after `đồng chí`, `X Văn/Thị Y`
    assert {"Nguyễn", "Trần", "Phan", "Hoàng", "Phạm", "Lò"} <= set(built.surnames)
    assert "Phó" not in built.surnames and "Chủ" not in built.surnames
    assert "UBND" in built.org_heads and built.org_heads["Sở"] == "named"
    assert built.titles["Phó Chủ tịch"] == 3


def test_save_and_load_round_trip(built, tmp_path):
    built.save(tmp_path / "gaz")
    loaded = Gazetteer.load(tmp_path / "gaz")
    for name in ("org_heads", "org_names", "body_abbreviations", "name_abbreviations", "places", "laws",
                 "titles", "surnames", "words"):
        assert getattr(loaded, name) == getattr(built, name), name
    assert json.loads((tmp_path / "gaz" / "counts.json").read_text())["org_names"] == 2


def test_load_reports_a_missing_gazetteer(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m pipeline.gazetteer"):
        Gazetteer.load(tmp_path)


def test_shipped_gazetteer_is_complete_and_small():
    shipped = ROOT / "models" / "gazetteer"
    gazetteer = Gazetteer.load(shipped)
    sizes = gazetteer.sizes()
    assert all(n > 0 for n in sizes.values()), sizes
    assert {"Sở Tài chính", "Bộ Tư pháp", "Sở Lao động - Thương binh và Xã hội"} <= set(gazetteer.org_names)
    assert {"Hà Nội", "Đắk Nông", "Krông Nô"} <= set(gazetteer.places)
    assert (shipped / "README.md").exists()
    assert sum(f.stat().st_size for f in shipped.iterdir()) < 5 * 2**20
