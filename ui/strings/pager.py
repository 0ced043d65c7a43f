"""Strings of the pager (ui/widgets/pager.py): lists shown as pages instead of scrolling."""

STRINGS: dict[str, tuple[str, str]] = {
    "pager.prev": ("◀ 上一页", "◀ Previous"),
    "pager.next": ("下一页 ▶", "Next ▶"),
    "pager.page": ("第 {n}/{total} 页", "Page {n} of {total}"),
}
