"""Design tokens and the stylesheet built from them.

Sizes are given at the reference panel (21.5-inch 1920×1080, ≈4.03 px/mm) and
scaled by the configured panel's density, so "15 mm" is 15 mm on any screen.
The assisted themes override the tokens wholesale; nothing else in ui/ hard-codes
a size or a colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

REFERENCE_PX_PER_MM = ((1920**2 + 1080**2) ** 0.5) / (21.5 * 25.4)

FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans", "sans-serif"]


@dataclass(frozen=True, slots=True)
class Tokens:
    """Everything a screen needs to look right; px values are at the reference density."""

    name: str
    body_px: int
    small_px: int
    heading_px: int
    title_px: int
    # A choice's name (a tile's, a pinyin candidate's) and a fact set out in bold (the
    # people ahead in the queue): answers, not the question.
    tile_px: int
    button_px: int
    line_height: float
    target_mm: float  # minimum touch-target edge
    gap_mm: float  # minimum space between targets
    radius_px: int
    bg: str
    surface: str
    text: str
    text_muted: str
    primary: str
    primary_text: str
    secondary: str
    secondary_text: str
    outline: str
    danger: str
    danger_text: str
    ok: str
    warning_bg: str
    warning_text: str
    focus: str
    # The answer a citizen chose (a form's 遗失, a department, 拼音 on the keyboard): a
    # fill of its own, neither an action's (primary) nor an unchosen answer's
    # (secondary), with a doubled edge and a ✓ (try-out 14, C17/E5).
    chosen: str = "#B5D0F7"
    outline_px: int = 2
    scale: float = 1.0  # panel density relative to the reference

    def px(self, value: float) -> int:
        """A reference-px value at this panel's density."""
        return max(1, round(value * self.scale))

    def mm(self, value: float) -> int:
        """Millimetres on this panel, in px (rounded up: these are minimums)."""
        return max(1, math.ceil(value * REFERENCE_PX_PER_MM * self.scale - 1e-6))

    def gap(self) -> int:
        """The minimum space between touch targets, in px (the layouts' spacing)."""
        return self.mm(self.gap_mm)


NORMAL = Tokens(
    name="normal",
    body_px=22,
    small_px=18,
    heading_px=30,
    title_px=40,
    tile_px=30,
    button_px=24,
    line_height=1.35,
    target_mm=13.0,
    gap_mm=3.0,
    radius_px=12,
    bg="#F2F4F7",
    surface="#FFFFFF",
    text="#161B22",
    text_muted="#414B57",
    primary="#0B4FB3",
    primary_text="#FFFFFF",
    secondary="#E3E8F0",
    secondary_text="#161B22",
    outline="#5B6675",
    danger="#A61B1B",
    danger_text="#FFFFFF",
    ok="#136C34",
    warning_bg="#FFF4CC",
    warning_text="#3D2E00",
    focus="#E07A00",
    chosen="#B5D0F7",
)

# 长辈模式: larger everything, maximum contrast, thicker outlines. Headings and titles
# grow at least as much as body text (34/22, about 1.55x): at 42 and 52 px they grew
# only 1.40x and 1.30x, so a screen's question was barely larger than its answers and
# the hierarchy that tells what is being asked faded (#14). Heading/body and title/body
# are at least the standard mode's 30/22 and 40/22 at every 字号 step
# (tests/ui/test_type_hierarchy.py).
ASSISTED = replace(
    NORMAL,
    name="assisted",
    body_px=34,
    small_px=30,
    heading_px=47,
    title_px=63,
    # The choices below a question (tiles, pinyin candidates) stay where 长辈模式 had them
    # (the old heading size): they are answers, and the question over them is what grew.
    tile_px=42,
    button_px=36,
    line_height=1.45,
    # 16 mm: over the 15 mm floor with room to spare, and small enough that a docked
    # keyboard, its question and the top and bottom bars fit 1080 px in landscape.
    target_mm=16.0,
    gap_mm=5.0,
    bg="#FFFFFF",
    surface="#FFFFFF",
    text="#000000",
    text_muted="#1F1F1F",
    primary="#002F6C",
    primary_text="#FFFFFF",
    secondary="#FFFFFF",
    secondary_text="#000000",
    outline="#000000",
    danger="#7A0000",
    ok="#0A4A22",
    warning_bg="#FFFFFF",
    warning_text="#000000",
    chosen="#CCE0FF",
    outline_px=3,
)

# High contrast (高对比), the dark variant of the assisted theme (glare, low vision): pure
# black, white and yellow, as accessibility practice has it (no greys, no tints), so it
# can never be mistaken for the softer 深色 theme below. One colour more, for the answer
# chosen only: a strong blue under white text (8.9:1), told apart from yellow (the
# button to press) by lightness, and from the black page (try-out 14, E5).
ASSISTED_DARK = replace(
    ASSISTED,
    name="assisted_dark",
    bg="#000000",
    surface="#000000",
    text="#FFFFFF",
    text_muted="#FFFFFF",
    primary="#FFFF00",
    primary_text="#000000",
    secondary="#000000",
    secondary_text="#FFFFFF",
    outline="#FFFFFF",
    danger="#FF8A80",
    danger_text="#000000",
    ok="#7CFC9A",
    warning_bg="#000000",
    warning_text="#FFFF00",
    focus="#00E5FF",
    chosen="#0033CC",
)

# 深色 (dark): a softer dark grey with tinted controls, easier on the eyes at night; text
# still meets WCAG AA (4.5:1) everywhere. Clearly apart from high contrast: grey, not black.
NORMAL_DARK = replace(
    NORMAL,
    name="dark",
    bg="#24292F",
    surface="#30363D",
    text="#F0F3F6",
    text_muted="#C9D1D9",
    primary="#8CC8FF",
    primary_text="#16191D",
    secondary="#3D444D",
    secondary_text="#F0F3F6",
    outline="#9DA7B3",
    danger="#FF9B94",
    danger_text="#16191D",
    ok="#7EE2A8",
    warning_bg="#4D3D0A",
    warning_text="#FFF1C2",
    focus="#FFB347",
    chosen="#0B4F99",
)

# 深色 in 长辈模式: the same grey, its text and controls lighter so every pair keeps 7:1.
ASSISTED_SOFT_DARK = replace(
    ASSISTED,
    name="assisted_soft_dark",
    **{
        c: getattr(NORMAL_DARK, c)
        for c in ("bg", "surface", "primary_text", "danger_text", "ok", "focus")
    },
    text="#FFFFFF",
    text_muted="#E6EAEF",
    primary="#B3DAFF",
    secondary="#3D444D",
    secondary_text="#FFFFFF",
    outline="#C9D1D9",
    danger="#FFC2BD",
    warning_bg="#3D3000",
    warning_text="#FFF6D6",
    chosen="#0A4C94",
)


def tokens_for(assisted: bool, dark: bool, px_per_mm: float) -> Tokens:
    """The token set for a mode, scaled to the configured panel."""
    base = (ASSISTED_DARK if dark else ASSISTED) if assisted else (NORMAL_DARK if dark else NORMAL)
    return replace(base, scale=px_per_mm / REFERENCE_PX_PER_MM)


# A citizen's own display settings (like VxMark's), reset after each citizen:
# text size in four steps, and contrast themes including a dark high-contrast one.
TEXT_STEPS = (1.0, 1.15, 1.3, 1.5)
# 长辈模式's type already starts about 1.5x the standard mode's (body 34 px against 22),
# and its layouts (docked keypads at 16 mm, one question a page, the bars) reserve room
# for that. Its steps climb in smaller increments and stop at 1.3x, so the largest step
# (body 44 px, twice the standard body) stays within that room: at 1.5x on top of the
# assisted base, fields shrank below their own digits and answers scrolled off at
# 1920x1080. Each step is still visibly larger than the last (tests/ui/test_fit_text_sizes.py).
ASSISTED_TEXT_STEPS = (1.0, 1.1, 1.2, 1.3)
CONTRASTS = ("standard", "dark", "high")
_COLOURS = [
    "bg",
    "surface",
    "text",
    "text_muted",
    "primary",
    "primary_text",
    "secondary",
    "secondary_text",
    "outline",
    "danger",
    "danger_text",
    "ok",
    "warning_bg",
    "warning_text",
    "focus",
    "chosen",
]


def personalise(t: Tokens, text_step: int, contrast: str) -> Tokens:
    """``t`` with a citizen's text size step (0-3) and contrast theme applied."""
    steps = ASSISTED_TEXT_STEPS if t.name.startswith("assisted") else TEXT_STEPS
    f = steps[max(0, min(text_step, len(steps) - 1))]
    sized = replace(
        t,
        body_px=round(t.body_px * f),
        small_px=round(t.small_px * f),
        heading_px=round(t.heading_px * f),
        title_px=round(t.title_px * f),
        tile_px=round(t.tile_px * f),
        button_px=round(t.button_px * f),
    )
    if contrast == "standard":
        return sized
    assisted = t.name.startswith("assisted")
    # "high" is black, white and yellow in both modes; "dark" the mode's soft dark grey.
    palettes = {
        ("high", True): ASSISTED_DARK,
        ("high", False): ASSISTED_DARK,
        ("dark", True): ASSISTED_SOFT_DARK,
        ("dark", False): NORMAL_DARK,
    }
    palette = palettes[(contrast, assisted)]
    names = {
        ("high", True): "assisted_dark",
        ("high", False): "high_dark",
        ("dark", True): "assisted_soft_dark",
        ("dark", False): "dark",
    }
    name = names[(contrast, assisted)]
    return replace(sized, name=name, **{c: getattr(palette, c) for c in _COLOURS})


# Each home tile's coloured edge: colour helps tell them apart, pictograms and
# words carry the meaning. Light themes: deep tones; dark themes: bright ones.
ACCENTS = {
    "apply": ("#0B4FB3", "#6CB4FF"),
    "track": ("#136C34", "#5EE08C"),
    "appointment": ("#8A4B00", "#FFB85C"),
    "guides": ("#5B2A86", "#C99CFF"),
    "rate": ("#9A6B00", "#FFD400"),
    "feedback": ("#A61B1B", "#FF8A8A"),
    "assisted": ("#002F6C", "#FFFFFF"),
}


def _accents(t: Tokens) -> str:
    dark = t.name.endswith("dark")
    edge = t.px(12)
    return "\n".join(
        f'QPushButton[accent="{name}"] {{ border-left: {edge}px solid {pair[dark]}; }}'
        for name, pair in ACCENTS.items()
    )


# --- pressed and disabled states --------------------------------------------------------
# Pressed: the fill darkens (or, for a fill already near black, lightens) and the label
# sinks a few pixels with an inset edge, so a tap shows under the finger. Disabled: the
# fill fades towards the page, the edge is dashed and flat, the label stays readable
# (it often says why the button waits): at least MIN_DISABLED_CONTRAST against its fill.
PRESS_MIX = 0.28
MIN_LABEL_CONTRAST = 4.5
MIN_DISABLED_CONTRAST = {"normal": 4.5, "assisted": 7.0}  # the modes' text floors


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02X}" for v in rgb)


def mix(a: str, b: str, f: float) -> str:
    """``a`` moved a fraction ``f`` of the way towards ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex(tuple(x + (y - x) * f for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""

    def chan(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def pressed_fill(fill: str, label: str, floor: float = MIN_LABEL_CONTRAST) -> str:
    """A clearly different fill under the finger that keeps ``label`` readable (at least
    ``floor`` against it)."""
    for towards in ("#000000", "#FFFFFF") if luminance(fill) > 0.03 else ("#FFFFFF",):
        for f in (PRESS_MIX, PRESS_MIX * 0.75, PRESS_MIX * 0.5):
            out = mix(fill, towards, f)
            if contrast(out, label) >= floor:
                return out
    return mix(fill, label, 0.15)  # never reached with the shipped palettes (tested)


def _floor(t: Tokens) -> float:
    return MIN_DISABLED_CONTRAST["assisted" if t.name.startswith("assisted") else "normal"]


# Dark themes' disabled label: greyed towards the page down to this contrast, no lower
# (try-out 13, E2: in 高对比 a disabled button's label stayed the enabled one's white on
# black, with only a dashed edge to tell, and read as tappable). Over the 7:1 text floor
# with room for the antialiased edges of the glyphs.
DARK_DISABLED_CONTRAST = 8.0


def _dark(t: Tokens) -> bool:
    return t.name.endswith("dark")


def disabled_colours(t: Tokens) -> tuple[str, str, str]:
    """(fill, label, edge) of a disabled button: a faded fill close to the page, a label
    that still meets the mode's contrast floor, a quiet edge. In the dark themes, whose
    enabled labels are already the page's lightest colour on its own black or grey, the
    label is greyed (still over 7:1) so a disabled button never looks like an enabled one."""
    floor = _floor(t)
    fill = t.bg  # the page's own colour: the button recedes
    label = t.text_muted
    f = 0.0
    while contrast(fill, label) < floor and f < 1.0:
        f += 0.1
        label = mix(t.text_muted, t.text, f)
    if _dark(t):
        grey = t.text
        for step in range(1, 10):
            out = mix(t.text, t.bg, step * 0.05)
            if contrast(out, fill) < max(floor, DARK_DISABLED_CONTRAST):
                break
            grey = out
        label = grey
    return fill, label, mix(t.outline, t.bg, 0.35)


def chosen_colours(t: Tokens) -> tuple[str, str]:
    """(fill, label) of the answer a citizen chose, in every theme: a fill of its own
    (``Tokens.chosen``) with the page's text colour, its edge doubled in that colour and
    a ✓ beside the words (ui/widgets/chosen_mark.py). Three looks that never meet:
    an action is filled with the primary colour (下一步), an answer chosen with this one,
    an information chip (the step, a staff call's state) has no fill and no edge.
    High contrast had the chosen answer yellow-outlined on black and the step chip
    filled like 下一步 (try-out 14, C17/E5); standard mode filled both like 下一步."""
    return t.chosen, t.text


def chip_colours(t: Tokens) -> tuple[str, str]:
    """(text, underline) of an information chip (the step, the staff call's state): the
    page's own text on no fill, no edge, underlined: nothing like a button."""
    return t.text, t.text


def _states(t: Tokens) -> str:
    sink = t.px(3)
    pad_v, pad_h = t.px(8), t.px(20)
    fill, label, edge = disabled_colours(t)
    roles = (
        ("", t.secondary, t.secondary_text),
        ('[role="primary"]', t.primary, t.primary_text),
        ('[role="danger"]', t.danger, t.danger_text),
        ('[role="tile"]', t.surface, t.text),
        ('[role="chrome"]', t.surface, t.text),
    )
    pressed = "\n".join(
        f"QPushButton{sel}:pressed {{ background: {pressed_fill(bg, fg, _floor(t))}; }}"
        for sel, bg, fg in roles
    )
    disabled = ", ".join(f"QPushButton{sel}:disabled" for sel, _bg, _fg in roles)
    return f"""
    {pressed}
    QPushButton:pressed {{ border: {t.outline_px + 2}px inset {t.focus};
        padding: {pad_v + sink}px {pad_h - sink}px {max(0, pad_v - sink)}px {pad_h + sink}px; }}
    QWidget[keys] QPushButton:pressed {{ padding: {sink}px 0px 0px {sink}px; }}
    {disabled} {{ color: {label}; background: {fill};
        border: {t.outline_px}px dashed {edge}; }}
    QPushButton[role="primary"] QLabel:disabled {{ color: {label}; font-weight: normal; }}
    QPushButton[role="tile"] QLabel:disabled {{ color: {label}; }}
    {_chosen(t)}
    """


def _chosen(t: Tokens) -> str:
    """A chosen answer (``choice`` property, role primary), in every theme. Its edge is
    doubled inside the same outer size (the padding gives up what the edge takes):
    choosing moves nothing. Every answer keeps room for the ✓ at its right end, chosen
    or not (:data:`MARK_EM` of its type)."""
    fill, label = chosen_colours(t)
    sel = 'QPushButton[choice="true"][role="primary"]'
    edge = t.outline_px * 2
    pad_v, pad_h = max(0, t.px(8) - t.outline_px), max(0, t.px(20) - t.outline_px)
    mark = mark_room(t)
    down = pressed_fill(fill, label, _floor(t))
    return f"""QPushButton[choice="true"] {{ padding-right: {t.px(20) + mark}px; }}
    {sel} {{ background: {fill}; color: {label};
        border: {edge}px solid {label}; padding: {pad_v}px {pad_h + mark}px {pad_v}px {pad_h}px; }}
    {sel}:pressed {{ background: {down}; }}
    {sel} QLabel {{ color: {label}; }}
"""


# The ✓ of a chosen answer: at most this many ems of the button's type, in the room
# every answer keeps for it at its right end (ui/widgets/chosen_mark.py).
MARK_EM = 0.8


def mark_room(t: Tokens) -> int:
    """The px an answer keeps at its right end for the ✓ (chosen or not), over its
    padding: an em in 长辈模式 (its answers are full-width bars); a quarter em in standard
    mode, whose answers stand beside their question at their words' width and wrap (at
    字号 4/4 on 1280x800 half an em took English answers to three lines and off the
    page): there the ✓ shares the padding's room, smaller."""
    return round(t.px(t.button_px) * (1.0 if t.name.startswith("assisted") else 0.25))


def _chips(t: Tokens) -> str:
    """Information chips (``step_now``): the step the citizen is on, a staff call's state.
    No fill and no edge, bold and underlined (the underline takes the bottom padding's
    room, so the chip keeps its size): they look like no button, as they are none."""
    text, line = chip_colours(t)
    under = min(t.outline_px, t.px(4))
    return f"""QLabel[role="step_now"] {{ background: transparent; color: {text};
        font-weight: bold; border: none; border-bottom: {under}px solid {line};
        border-radius: 0px; padding: {t.px(4)}px {t.px(10)}px {t.px(4) - under}px {t.px(10)}px; }}
    QLabel[role="step_now"][empty="true"] {{ border-bottom: none;
        padding: {t.px(4)}px {t.px(10)}px; }}"""


def stylesheet(t: Tokens) -> str:
    """The application stylesheet for one token set."""
    target = t.mm(t.target_mm)
    # Keyboard keys: ten keys and nine full gaps a row must fit a 1024-px panel (and a
    # 1080-px portrait one) in assisted mode, so keys sit at the 15 mm floor the design
    # asks for rather than the roomier target, with no text padding. These rules live
    # here, not on the keyboards: a widget's own stylesheet makes every key inside it
    # cost about twice as much to create and style. Docked keyboards (``keys="fit"``,
    # ui/widgets/fit_keys.py) start at 16 mm, outline included (长辈模式's target), in both
    # modes and grow with the room.
    key_edge = t.mm(min(t.target_mm, 15.0))
    lh = f"{t.line_height}"
    return f"""
    QWidget {{ background: {t.bg}; color: {t.text}; font-size: {t.px(t.body_px)}px;
        font-family: "{FONT_FAMILIES[0]}", "{FONT_FAMILIES[1]}"; }}
    QWidget#chrome, QWidget#statusbar, QWidget#voicebar {{ background: {t.surface}; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: {t.bg}; border: none; }}
    QLabel {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {t.px(t.title_px)}px; font-weight: bold; }}
    QLabel[role="heading"] {{ font-size: {t.px(t.heading_px)}px; font-weight: bold; }}
    QLabel[role="tile_title"], QLabel[role="fact"] {{ font-size: {t.px(t.tile_px)}px;
        font-weight: bold; }}
    QLabel[role="body"] {{ font-size: {t.px(t.body_px)}px; line-height: {lh}; }}
    QLabel[role="muted"] {{ font-size: {t.px(t.small_px)}px; color: {t.text_muted}; }}
    QLabel[role="big"] {{ font-size: {t.px(t.title_px * 2)}px; font-weight: bold; }}
    QLabel[role="warning"] {{ background: {t.warning_bg}; color: {t.warning_text};
        border: {t.outline_px}px solid {t.warning_bg};
        border-left: {t.px(8)}px solid {t.warning_text}; padding: {t.px(12)}px; }}
    QLabel[role="error"] {{ color: {t.danger if t.name.startswith("assisted_dark") else t.text};
        background: {t.warning_bg}; border-left: {t.px(8)}px solid {t.danger};
        border-top: {t.outline_px}px solid {t.warning_bg};
        border-bottom: {t.outline_px}px solid {t.warning_bg};
        padding: {t.px(12)}px; }}
    QFrame[role="card"] {{ background: {t.surface}; border: {t.outline_px}px solid {t.outline};
        border-radius: {t.radius_px}px; }}
    QPushButton {{ min-height: {target}px; min-width: {target}px;
        font-size: {t.px(t.button_px)}px; border-radius: {t.radius_px}px;
        padding: {t.px(8)}px {t.px(20)}px; background: {t.secondary}; color: {t.secondary_text};
        border: {t.outline_px}px solid {t.outline}; }}
    QPushButton[role="primary"] {{ background: {t.primary}; color: {t.primary_text};
        border: {t.outline_px}px solid {t.outline}; font-weight: bold; }}
    QPushButton[role="danger"] {{ background: {t.danger}; color: {t.danger_text}; }}
    QPushButton[role="tile"] {{ background: {t.surface}; color: {t.text}; text-align: left;
        padding: {t.px(16)}px; border: {t.outline_px}px solid {t.outline}; }}
    {_accents(t)}
    {_chips(t)}
    QLabel[role="step_done"] {{ color: {t.text}; padding: {t.px(4)}px; }}
    QLabel[role="step_next"] {{ color: {t.text_muted}; padding: {t.px(4)}px; }}
    QPushButton[role="primary"] QLabel {{ color: {t.primary_text}; font-weight: bold; }}
    QPushButton[role="chrome"] {{ background: {t.surface}; color: {t.text}; }}
    {_states(t)}
    QScrollBar:vertical {{ width: {t.mm(6)}px; background: {t.bg}; }}
    QScrollBar::handle:vertical {{ background: {t.outline}; min-height: {t.mm(12)}px;
        border-radius: {t.mm(3)}px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    QLineEdit, QPlainTextEdit, QComboBox {{ min-height: {target}px;
        font-size: {t.px(t.button_px)}px;
        background: {t.surface}; color: {t.text}; border: {t.outline_px}px solid {t.outline};
        border-radius: {t.px(6)}px; padding: 0 {t.px(10)}px; }}
    QLineEdit:focus, QPlainTextEdit:focus {{ border: {t.outline_px + 1}px solid {t.focus}; }}
    QLineEdit[active="true"] {{ border: {t.outline_px + 2}px solid {t.focus}; margin: 0px; }}
    /* A field not typed into keeps the 2 px its focus outline adds as margin: the
       thicker outline moved the field, its label and its neighbours (try-out 5). */
    QLineEdit[active="false"] {{ margin: 2px; }}
    QLabel[role="field"] {{ font-size: {t.px(t.button_px)}px; background: {t.surface};
        color: {t.text}; border: {t.outline_px + 2}px solid {t.focus};
        border-radius: {t.px(6)}px; padding: {t.px(6)}px {t.px(10)}px; }}
    QWidget[keys="text"] QPushButton {{ padding: 0px {t.px(2)}px; min-width: {key_edge}px;
        min-height: {key_edge}px; }}
    QWidget[keys="tracking"] QPushButton {{ padding: 0px; min-height: {key_edge}px; }}
    QWidget[keys="digits"] QPushButton {{ padding: 0px; min-height: {key_edge}px; }}
    QWidget[keys="fit"] QPushButton {{ padding: 0px {t.px(2)}px; min-width: {key_edge}px;
        min-height: {t.mm(ASSISTED.target_mm) - 2 * t.outline_px}px; }}
    QWidget#cand_bar QLabel {{ font-size: {t.px(t.tile_px)}px; }}
    QWidget#cand_bar QPushButton {{ font-size: {t.px(t.tile_px)}px; padding: 0px;
        min-width: {target}px; min-height: {target}px; }}
    """
