"""The application's last step is named "Receipt" in English, as 回执 in Chinese, in the
bar's short names too (try-out 15, C7): "Done" stood over receipt pages saying the receipt
did not print or the application is only saved, with a visit to a counter still to come.
Tested where the bar has least room: English, standard mode, 字号 4/4 on 1280x800.
"""

from __future__ import annotations

from tests.ui.test_fit_text_sizes import LARGEST
from ui.a11y import out_of_reach
from ui.clipping import clipped_texts
from ui.tour import SCENES, stage


def test_the_receipt_step_says_receipt_where_the_bar_is_shortest(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    stage(window, {s.name: s for s in SCENES}["submitted"], "en", False, text_step=LARGEST)
    said = [lab.text() for lab in window.step_labels if lab.isVisible()]
    assert said[-1] == "Receipt", said
    assert "Done" not in said
    assert out_of_reach(window) == []
    assert [c for c in clipped_texts(window) if "step_" in c] == []
