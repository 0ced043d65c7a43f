"""Strings of the pager (ui/widgets/pager.py): lists shown as pages instead of scrolling."""

STRINGS: dict[str, tuple[str, str]] = {
    "pager.prev": ("◀ 上一页", "◀ Previous"),
    "pager.next": ("下一页 ▶", "Next ▶"),
    # The phrases' pages (ui/widgets/text_composer.py) sit over the steps' 上一步/下一步:
    # the same words a row apart meant different things (try-out 9, C9).
    "pager.phrases.prev": ("◀ 前面的常用语", "◀ Earlier phrases"),
    "pager.phrases.next": ("更多常用语 ▶", "More phrases ▶"),
    # The rating's reasons' pages sit over the step's 下一步: in English "Next ▶" and
    # "Next" were two buttons reading the same, one turning a page, one going on (#14).
    "pager.reasons.prev": ("◀ 前面的原因", "◀ Earlier reasons"),
    "pager.reasons.next": ("更多原因 ▶", "More reasons ▶"),
    "pager.page": ("第 {n}/{total} 页", "Page {n} of {total}"),
    # A screen with two paged areas names the area each one turns (try-out: two
    # "Page 1 of 2" side by side on the catalog at the largest text).
    "pager.page_of": ("{what} 第 {n}/{total} 页", "{what}: page {n} of {total}"),
    "pager.short_of": ("{what} {n}/{total} 页", "{what} {n}/{total}"),
}
