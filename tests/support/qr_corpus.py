"""Deterministic generator of synthetic camera frames with QR codes (tests and bench).

Every sample is derived from ``(seed, index)`` alone, so a failing case can be
re-rendered exactly. Payloads are Chinese (UTF-8 and GB18030), English and
binary; codes are rendered by segno (``micro=False``: zbar and OpenCV cannot
read Micro QR) in byte mode from the exact payload bytes, then placed on a
textured background with one distortion: rotation, perspective, blur, low
contrast or glare, plus camera noise and JPEG compression on every frame.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np
import segno

SIZES: tuple[tuple[int, int], ...] = ((640, 480), (1280, 720))
DISTORTIONS: tuple[str, ...] = ("rotate", "perspective", "blur", "low_contrast", "glare")
KINDS: tuple[str, ...] = ("zh", "zh_gb18030", "en", "binary")
# The second corpus (variant_corpus): phones in dark mode and Japanese apps.
VARIANT_KINDS: tuple[str, ...] = ("zh_inverted", "en_inverted", "sjis", "sjis_inverted")

_ZH_WORDS = (
    "政务服务",
    "自助终端",
    "办理进度",
    "查询",
    "中华人民共和国",
    "居民身份证",
    "营业执照",
    "社会保障卡",
    "不动产登记",
    "户籍",
    "预约",
    "受理回执",
    "深圳市",
    "福田区",
    "张伟",
    "李娜",
    "王芳",
    "公积金提取",
    "出入境",
    "医保",
    "电子证照",
    "二维码",
    "鑫",
    "龘",
    "𠀀",
    "，",
    "。",
    "：",
    "（",
    "）",
    "【",
    "】",
    "￥",
    "123",
    "ZW",
)
_JA_WORDS = (
    "東京都",
    "港区",
    "住民票",
    "の写し",
    "マイナンバー",
    "カード",
    "受付番号",
    "領収書",
    "山田太郎",
    "様",
    "です。",
    "ありがとう",
    "大阪",
    "123",
    "No.",
)
_EN_WORDS = (
    "receipt",
    "tracking",
    "ZW4403",
    "appointment",
    "https://gov.example.cn/track?id=",
    "service",
    "status",
    "A1B2C3",
    "kiosk",
    "hello world",
    "0123456789",
    "-",
    ".",
    "/",
    ":",
)


@dataclass(frozen=True)
class Sample:
    """One rendered frame and what must be read from it."""

    index: int
    image: np.ndarray = field(repr=False)  # BGR uint8
    payload: bytes = field(repr=False)
    kind: str
    distortion: str  # "clean" or one of DISTORTIONS
    size: tuple[int, int]
    module_px: float
    corners: np.ndarray = field(repr=False)  # 4×2 float32: code corners incl. quiet zone


def make_payload(rng: random.Random, kind: str) -> bytes:
    """A payload of the given kind, as the exact bytes to put in the symbol."""
    if kind == "binary":
        return bytes(rng.randrange(256) for _ in range(rng.randint(8, 60)))
    if kind.startswith("sjis"):
        return "".join(rng.choice(_JA_WORDS) for _ in range(rng.randint(2, 6))).encode("shift_jis")
    kind = kind.removesuffix("_inverted")
    if kind == "en":
        return "".join(rng.choice(_EN_WORDS) for _ in range(rng.randint(2, 8))).encode()
    words = [rng.choice(_ZH_WORDS) for _ in range(rng.randint(2, 8))]
    text = "".join(words)
    if kind == "zh_gb18030":
        return text.encode("gb18030")
    return text.encode("utf-8")


def qr_modules(payload: bytes, border: int = 4) -> np.ndarray:
    """The symbol as a 0/1 array (1 = dark) including the quiet zone."""
    qr = segno.make(payload, micro=False, error="m", boost_error=False)
    m = np.array([list(row) for row in qr.matrix], dtype=np.uint8)
    return np.pad(m, border)


def texture(rng: random.Random, w: int, h: int) -> np.ndarray:
    """A cluttered lobby-like background: gradient, blobs, lines, text, edges."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    small = nrng.integers(40, 220, size=(max(2, h // 40), max(2, w // 40), 3), dtype=np.uint8)
    bg = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    for _ in range(rng.randint(8, 20)):
        color = tuple(int(c) for c in nrng.integers(0, 256, 3))
        p1 = (rng.randrange(w), rng.randrange(h))
        if rng.random() < 0.5:
            p2 = (rng.randrange(w), rng.randrange(h))
            cv2.line(bg, p1, p2, color, rng.randint(1, 4))
        else:
            p2 = (p1[0] + rng.randint(10, w // 4), p1[1] + rng.randint(10, h // 4))
            cv2.rectangle(bg, p1, p2, color, rng.choice((-1, 1, 2)))
    for _ in range(rng.randint(3, 10)):
        txt = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789 ") for _ in range(12))
        cv2.putText(
            bg,
            txt,
            (rng.randrange(w), rng.randrange(h)),
            cv2.FONT_HERSHEY_SIMPLEX,
            rng.uniform(0.4, 1.2),
            tuple(int(c) for c in nrng.integers(0, 256, 3)),
            1,
            cv2.LINE_AA,
        )
    # A checkerboard patch: finder-pattern-like clutter that makes decoders work.
    cs = rng.randint(6, 14)
    x0, y0 = rng.randrange(w // 2), rng.randrange(h // 2)
    for i in range(6):
        for j in range(6):
            if (i + j) % 2 == 0:
                cv2.rectangle(
                    bg,
                    (x0 + i * cs, y0 + j * cs),
                    (x0 + (i + 1) * cs, y0 + (j + 1) * cs),
                    (20, 20, 20),
                    -1,
                )
    return bg


def render(
    payload: bytes,
    size: tuple[int, int],
    rng: random.Random,
    *,
    distortion: str = "clean",
    module_px: float | None = None,
    inverted: bool = False,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Render ``payload`` into a BGR frame of ``size``; returns (frame, corners, module_px)."""
    w, h = size
    mods = qr_modules(payload)
    n = mods.shape[0]
    if module_px is None:
        # Small enough that a code does not fill the frame, large enough to be a
        # realistic hand-held distance (≥ 3 px/module at 480p).
        lo = 3.0 if w <= 640 else 4.0
        hi = min(9.0, 0.8 * min(w, h) / n)
        module_px = rng.uniform(lo, max(lo, hi))
    side = n * module_px
    hi_res = 8
    ink = rng.randint(10, 60)
    paper = rng.randint(200, 250)
    if distortion == "low_contrast":
        mid = rng.randint(110, 170)
        gap = rng.randint(18, 40)
        ink, paper = mid - gap // 2, mid + gap // 2
    if inverted:
        # A phone in dark mode: light modules on a dark screen, dark quiet zone.
        ink, paper = paper, ink
    code = np.where(np.kron(mods, np.ones((hi_res, hi_res), np.uint8)) > 0, ink, paper).astype(
        np.uint8
    )
    # Pre-filter before the big downscale in the warp, as optics would.
    ratio = hi_res / module_px
    code = cv2.GaussianBlur(code, (0, 0), max(0.5, ratio * 0.45))
    src = np.float32(
        [[0, 0], [code.shape[1], 0], [code.shape[1], code.shape[0]], [0, code.shape[0]]]
    )
    cx = rng.uniform(side * 0.75, w - side * 0.75) if w > 1.5 * side else w / 2
    cy = rng.uniform(side * 0.75, h - side * 0.75) if h > 1.5 * side else h / 2
    angle = 0.0
    if distortion == "rotate":
        angle = rng.uniform(10, 80) * rng.choice((-1, 1))
    elif distortion != "clean":
        angle = rng.uniform(-8, 8)
    a = math.radians(angle)
    half = side / 2
    base = [(-half, -half), (half, -half), (half, half), (-half, half)]
    if distortion == "perspective":
        # Tilt: one edge shrinks by up to 45 %, as when a phone is held at an angle.
        k = rng.uniform(0.2, 0.45)
        edge = rng.randrange(4)
        pts = []
        for i, (x, y) in enumerate(base):
            f = 1 - k if i in (edge, (edge + 1) % 4) else 1 + k / 3
            pts.append((x * f, y) if edge % 2 == 0 else (x, y * f))
        base = pts
    dst = np.float32(
        [
            (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
            for x, y in base
        ]
    )
    bg = texture(rng, w, h)
    # Composite only inside the code's bounding box: whole-frame float maths made
    # the corpus slow to generate, and nothing outside the box changes.
    x0 = max(0, int(dst[:, 0].min()) - 2)
    y0 = max(0, int(dst[:, 1].min()) - 2)
    x1 = min(w, int(dst[:, 0].max()) + 3)
    y1 = min(h, int(dst[:, 1].max()) + 3)
    bw, bh = x1 - x0, y1 - y0
    hmat = cv2.getPerspectiveTransform(src, dst - np.float32([x0, y0]))
    warped = cv2.warpPerspective(code, hmat, (bw, bh), flags=cv2.INTER_LINEAR, borderValue=0)
    mask = cv2.warpPerspective(
        np.full(code.shape, 255, np.uint8), hmat, (bw, bh), flags=cv2.INTER_LINEAR
    )
    alpha = (mask.astype(np.float32) / 255.0)[:, :, None]
    box = bg[y0:y1, x0:x1].astype(np.float32) * (1 - alpha)
    box += warped[:, :, None].astype(np.float32) * alpha
    # Uneven lobby lighting across the code.
    gx = np.linspace(rng.uniform(0.8, 1.0), rng.uniform(0.9, 1.1), w, dtype=np.float32)
    box *= gx[None, x0:x1, None]
    if distortion == "glare":
        gx0, gy0 = (
            rng.uniform(dst[:, 0].min(), dst[:, 0].max()) - x0,
            rng.uniform(dst[:, 1].min(), dst[:, 1].max()) - y0,
        )
        rad = side * rng.uniform(0.12, 0.25)
        yy, xx = np.mgrid[0:bh, 0:bw].astype(np.float32)
        blob = np.exp(-((xx - gx0) ** 2 + (yy - gy0) ** 2) / (2 * rad * rad))
        box += (blob * rng.uniform(120, 220))[:, :, None]
    frame_u8 = bg
    frame_u8[y0:y1, x0:x1] = np.clip(box, 0, 255).astype(np.uint8)
    if distortion == "blur":
        sigma = rng.uniform(0.4, 0.75) * module_px
        frame_u8 = cv2.GaussianBlur(frame_u8, (0, 0), sigma)
    # Sensor noise: one cached unit-variance field per size, scaled per sample
    # (drawing fresh Gaussian noise for every 720p frame dominated generation time).
    noisy = cv2.scaleAdd(_unit_noise(w, h), rng.uniform(2, 6), frame_u8.astype(np.float32))
    frame_u8 = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, jpg = cv2.imencode(".jpg", frame_u8, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(75, 92)])
    assert ok
    frame_u8 = cv2.imdecode(jpg, cv2.IMREAD_COLOR)
    return frame_u8, dst, module_px


@functools.cache
def _unit_noise(w: int, h: int) -> np.ndarray:
    return np.random.default_rng(w * h).standard_normal((h, w, 3), dtype=np.float32)


def sample(seed: int, index: int, *, clean: bool | None = None) -> Sample:
    """Sample ``index`` of the corpus with ``seed`` (one block in six is clean unless forced)."""
    rng = random.Random(f"{seed}:{index}")
    # Blocks of 8 consecutive samples cover every kind at both sizes; successive
    # blocks cycle clean, rotate, perspective, blur, low contrast, glare.
    kind = KINDS[index % len(KINDS)]
    size = SIZES[(index // len(KINDS)) % len(SIZES)]
    block = len(KINDS) * len(SIZES)
    mode = (index // block) % (len(DISTORTIONS) + 1)
    is_clean = (mode == 0) if clean is None else clean
    distortion = "clean" if is_clean else DISTORTIONS[(mode - 1) % len(DISTORTIONS)]
    payload = make_payload(rng, kind)
    image, corners, module_px = render(payload, size, rng, distortion=distortion)
    return Sample(index, image, payload, kind, distortion, size, module_px, corners)


def corpus(n: int, seed: int = 20261123) -> Iterator[Sample]:
    """The first ``n`` samples (lazily; each is ~1 MB at 720p)."""
    for i in range(n):
        yield sample(seed, i)


def variant_sample(seed: int, index: int) -> Sample:
    """Sample ``index`` of the variant corpus: light-on-dark and Shift-JIS codes.

    Kinds cycle through :data:`VARIANT_KINDS`; every other block of four is clean,
    the rest take the distortions in turn.
    """
    rng = random.Random(f"variant:{seed}:{index}")
    kind = VARIANT_KINDS[index % len(VARIANT_KINDS)]
    size = SIZES[(index // len(VARIANT_KINDS)) % len(SIZES)]
    mode = (index // len(VARIANT_KINDS)) % (2 * len(DISTORTIONS))
    distortion = "clean" if mode % 2 == 0 else DISTORTIONS[(mode // 2) % len(DISTORTIONS)]
    payload = make_payload(rng, kind)
    inverted = kind.endswith("_inverted")
    image, corners, module_px = render(payload, size, rng, distortion=distortion, inverted=inverted)
    return Sample(index, image, payload, kind, distortion, size, module_px, corners)


def variant_corpus(n: int, seed: int = 20261204) -> Iterator[Sample]:
    """The first ``n`` light-on-dark / Shift-JIS samples (lazily)."""
    for i in range(n):
        yield variant_sample(seed, i)


def blank_frame(size: tuple[int, int], seed: int) -> np.ndarray:
    """A cluttered frame with no code in it (the kiosk's usual view)."""
    rng = random.Random(f"blank:{seed}")
    w, h = size
    bg = texture(rng, w, h)
    noisy = cv2.scaleAdd(_unit_noise(w, h), 4.0, bg.astype(np.float32))
    return np.clip(noisy, 0, 255).astype(np.uint8)
