"""What the guide says is true (tryout finding 23): 户籍证明 is issued at the police
station (not "completed on the spot"), 办理地点 names this hall as configured, and a
material carries one note, not three."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401


def _guide(r: ApplyRig, service: str, search: str | None = None) -> None:
    r.click("tile_guides")
    r.at(Screen.CATALOG)
    if search is not None:
        r.click("btn_search")
        r.type(search)
    r.click(f"service_{service}")
    r.at(Screen.GUIDE)


def test_hukou_certificate_is_issued_at_the_police_station(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _guide(r, "gongan.hukou_certificate")
    time = r.label("guide_time")
    assert "派出所" in time and "即时办结" not in time
    r.click("btn_lang")
    assert "police station" in r.label("guide_time")
    assert "Completed on the spot" not in r.label("guide_time")


def test_where_names_this_hall(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _guide(r, "gongan.id_card_renewal")
    where = r.label("guide_where")
    k = r.core.settings.kiosk
    assert where.startswith(f"办理地点：{k.centre_zh}二楼") and "{centre}" not in where
    assert "市民服务中心" not in where or "市民服务中心" in k.centre_zh
    r.click("btn_lang")
    assert k.centre_en in r.label("guide_where")


def test_an_optional_photo_has_one_note(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _guide(r, "renshe.ss_card_replace", search="SHBZK")
    [photo] = [r.label("material_2")]  # 1. the ID document, 2. the photo
    assert photo.endswith("近期免冠证件照  （非必需，可在本机拍照上传）"), photo
    assert photo.count("（") == 1
