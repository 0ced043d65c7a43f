"""The pager (ui/widgets/pager.py) on its own: pages turned by taps, nothing jumps."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from tests.ui.helpers import wait_until_tappable
from ui.theme import ASSISTED, NORMAL, Tokens
from ui.widgets.pager import PagedGrid


def _tap(qtbot, w: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert w.isVisible() and w.isEnabled(), w.objectName()
    wait_until_tappable(w)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=w.rect().center())


def _host(qtbot, tokens: Tokens, height: int, **kw):  # type: ignore[no-untyped-def]
    host = QWidget()
    lay = QVBoxLayout(host)
    lay.setContentsMargins(0, 0, 0, 0)
    pager = PagedGrid(tokens, "list", **kw)
    lay.addWidget(pager)
    qtbot.addWidget(host)
    host.resize(800, height)
    host.show()
    qtbot.waitExposed(host)
    return host, pager


def _tiles(n: int, tapped: list[int], height: int = 90) -> list[QPushButton]:
    out = []
    for i in range(n):
        b = QPushButton(f"tile {i}")
        b.setObjectName(f"tile_{i}")
        b.setMinimumHeight(height)
        b.clicked.connect(lambda _=False, i=i: tapped.append(i))
        out.append(b)
    return out


def _rect_in(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, QPoint(0, 0)), w.size())


def _shown(pager: PagedGrid) -> list[str]:
    return [w.objectName() for w in pager.items() if w.isVisible()]


def test_a_citizen_reaches_the_tenth_tile_on_page_three_by_taps(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 600)
    tapped: list[int] = []
    pager.set_items(_tiles(10, tapped))
    per_page = len(_shown(pager))
    assert 2 <= per_page < 10 and pager.page_count() == -(-10 // per_page)
    assert pager.label.text() == f"第 1/{pager.page_count()} 页"
    assert not pager.prev.isEnabled() and pager.next.isEnabled()
    while "tile_9" not in _shown(pager):
        _tap(qtbot, pager.next)
    assert pager.page() == pager.page_count() - 1 and not pager.next.isEnabled()
    assert pager.label.text() == f"第 {pager.page_count()}/{pager.page_count()} 页"
    assert "tile_0" not in _shown(pager)
    # Every tile shown is wholly inside the pager, above its buttons, none overlapping.
    area = _rect_in(pager.area, host)
    shown = [w for w in pager.items() if w.isVisible()]
    for w in shown:
        assert area.contains(_rect_in(w, host)), w.objectName()
        assert _rect_in(w, host).bottom() < _rect_in(pager.next, host).top()
    for a in shown:
        for b in shown:
            assert a is b or not _rect_in(a, host).intersects(_rect_in(b, host))
    _tap(qtbot, pager.items()[9])
    assert tapped == [9]
    _tap(qtbot, pager.prev)
    assert pager.page() == pager.page_count() - 2 and pager.next.isEnabled()
    assert "tile_9" not in _shown(pager)


def test_pages_have_the_same_rows_and_the_buttons_do_not_move(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 600)
    tiles = _tiles(7, [])
    pager.set_items(tiles)
    first = {w.objectName(): _rect_in(w, host) for w in tiles if w.isVisible()}
    nav = _rect_in(pager.next, host)
    _tap(qtbot, pager.next)
    second = [(w, _rect_in(w, host)) for w in tiles if w.isVisible()]
    # The second page's tiles sit exactly where the first page's did.
    assert [r for _w, r in second] == list(first.values())[: len(second)]
    assert _rect_in(pager.next, host) == nav


def test_one_page_hides_the_buttons_but_keeps_their_room(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 600)
    pager.set_items(_tiles(10, []))
    area = _rect_in(pager.area, host)
    assert pager.next.isVisible()
    few = _tiles(2, [])
    pager.set_items(few)
    assert pager.page_count() == 1
    assert not pager.next.isVisible() and not pager.prev.isVisible()
    assert not pager.label.isVisible()
    assert _rect_in(pager.area, host) == area  # a filter that shortens the list moves nothing
    assert all(w.isVisible() for w in few)


def test_a_smaller_window_or_bigger_type_means_more_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 900)
    pager.set_items(_tiles(12, []))
    tall = pager.page_count()
    host.resize(800, 450)
    qtbot.waitUntil(lambda: pager.page_count() > tall)
    _host2, big = _host(qtbot, ASSISTED, 900)
    big.set_items(_tiles(12, [], height=ASSISTED.mm(ASSISTED.target_mm) + 60))
    assert big.page_count() > tall
    # The page buttons meet the mode's touch-target size.
    assert min(big.next.width(), big.next.height()) >= ASSISTED.mm(ASSISTED.target_mm) - 1


def test_columns_language_and_jumping_to_an_item(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 600, columns=2)
    tiles = _tiles(20, [])
    pager.set_items(tiles)
    xs = {_rect_in(w, host).x() for w in tiles if w.isVisible()}
    assert len(xs) == 2
    pager.set_language("en")
    assert pager.label.text() == f"Page 1 of {pager.page_count()}"
    assert pager.next.text() == "Next ▶"
    pager.show_page(pager.page_of(tiles[17]))
    assert tiles[17].isVisible()
    first = next(w for w in tiles if w.isVisible())
    pager.set_columns(1)
    assert first.isVisible()  # turning the panel keeps the page's first tile in view
    assert len({_rect_in(w, host).x() for w in tiles if w.isVisible()}) == 1


def test_a_narrow_column_gets_arrows_and_fewer_columns_never_cut_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, pager = _host(qtbot, NORMAL, 500, columns=3)
    tiles = _tiles(9, [])
    for t in tiles:
        t.setMinimumWidth(300)  # the longest word of a tile
    pager.set_items(tiles)
    xs = {_rect_in(w, host).x() for w in tiles if w.isVisible()}
    assert len(xs) == 2  # 800 px: three columns would squeeze the tiles below 300 px
    assert all(w.width() >= 300 for w in tiles if w.isVisible())
    pager.setStyleSheet("QPushButton { font-size: 40px; padding: 0 30px; }")  # big type
    host.resize(360, 500)
    qtbot.waitUntil(lambda: pager.next.text() == "▶")
    assert pager.prev.text() == "◀" and pager.next.accessibleName() == "下一页 ▶"
    assert pager.next.width() >= pager.next.sizeHint().width()
    host.resize(1000, 500)
    qtbot.waitUntil(lambda: pager.next.text() == "下一页 ▶")


def test_fits_tells_a_screen_when_to_give_up_extras(qtbot) -> None:  # type: ignore[no-untyped-def]
    _host_w, pager = _host(qtbot, NORMAL, 400, keep_nav_room=False)
    tall = _tiles(1, [], height=600)
    pager.set_items(tall)
    assert pager.page_count() == 1 and not pager.fits()  # one page, but cut
    pager.set_items(_tiles(2, []))
    assert pager.fits() and not pager.next.isVisible()
    pager.set_items(_tiles(12, []))
    assert not pager.fits() and pager.next.isVisible()


def test_columns_give_way_before_a_row_is_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Long titles wrapped in a narrow column make a row taller than the room: the pager
    lays the tiles one a row (wider, so shorter) and pages them, never cuts one."""
    from ui.theme import stylesheet
    from ui.widgets.tile import Tile

    host, pager = _host(qtbot, ASSISTED, 330, columns=2)
    host.setStyleSheet(stylesheet(ASSISTED))  # the large type that wraps the titles
    tapped: list[int] = []
    tiles = []
    for i in range(3):
        t = Tile()
        t.setObjectName(f"tile_{i}")
        t.set_texts("Household registration certificate " * 2, "")
        t.clicked.connect(lambda _=False, i=i: tapped.append(i))
        tiles.append(t)
    pager.set_items(tiles)
    qtbot.wait(10)
    area = _rect_in(pager.area, host)
    shown = [w for w in pager.items() if w.isVisible()]
    assert shown and all(area.contains(_rect_in(w, host)) for w in shown)
    assert all(w.width() == pager.area.width() for w in shown)  # one a row
    while "tile_2" not in _shown(pager):
        _tap(qtbot, pager.next)
    _tap(qtbot, tiles[2])
    assert tapped == [2]


def test_fill_mm_gives_rows_one_height_and_a_tall_row_its_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``fill_mm`` (the home screen): rows as tall as asked, whatever their tiles' own
    heights, so they keep their places when the text grows; a row that needs more
    keeps its height, and the others share what is left of a short room."""
    host, pager = _host(qtbot, NORMAL, 700, columns=2, fill=True, keep_nav_room=False, fill_mm=30)
    tapped: list[int] = []
    tiles = _tiles(6, tapped, height=60)
    tiles[2].setMinimumHeight(200)  # the second row needs more than 30 mm
    pager.set_items(tiles)
    even = NORMAL.mm(30)
    assert [t.height() for t in tiles] == [even, even, 200, 200, even, even]
    assert len({t.x() for t in tiles[::2]}) == 1  # two columns, rows in order
    host.resize(800, 400)  # less room than three 30 mm rows and a tall one
    qtbot.waitUntil(lambda: tiles[0].height() < even)
    share = (400 - 200 - 2 * NORMAL.gap()) // 2
    assert [t.height() for t in tiles] == [share, share, 200, 200, share, share]
    assert pager.fits() and tiles[5].geometry().bottom() < 400
    _tap(qtbot, tiles[5])
    assert tapped == [5]
