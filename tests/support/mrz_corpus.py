"""A generated corpus of camera frames holding an MRZ: passports (TD3) and ID cards (TD1).

Each sample is a document page drawn at its ICAO size with the MRZ in OCR-B (Debian's
fonts-ocr-b), some printed text, a photo box and a patterned background, then laid
on a textured desk in a 720p or 1080p frame under one condition: clean, perspective,
blur, glare, low light, or a busy texture. Deterministic for a seed, nothing
downloaded: run ``python -m tests.support.mrz_corpus OUT_DIR`` to look at the frames.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from drivers.card.mrz import build_td1, build_td3

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CONDITIONS = ("clean", "perspective", "blur", "glare", "low_light", "texture")
FORMATS = ("td3", "td1")
RESOLUTIONS = ((1280, 720), (1920, 1080))
PX_PER_MM = 10.0
PITCH_MM = 2.54  # 10 characters per inch
LINE_MM = 4.23  # 6 lines per inch

_SURNAMES = [
    "WANG",
    "LI",
    "ZHANG",
    "OUYANG",
    "ERIKSSON",
    "MUELLER",
    "SMITH",
    "NGUYEN",
    "OKAFOR",
    "DE LA CRUZ",
    "KOWALSKA",
    "TANAKA",
    "SILVA",
    "MOHAMMED",
    "O BRIEN",
]
_GIVEN = [
    "XIAOMING",
    "ANNA MARIA",
    "JOHN",
    "MEI",
    "LUCAS",
    "FATIMA",
    "HIROSHI",
    "AMARA",
    "JEAN PAUL",
    "OLGA",
    "PEDRO",
    "SIU MING",
    "YUKI",
]
_STATES = ["CHN", "UTO", "DEU", "FRA", "GBR", "JPN", "USA", "NGA", "POL", "BRA", "HKG"]


@dataclass(frozen=True, slots=True)
class Sample:
    """One frame and the MRZ printed in it."""

    name: str
    kind: str  # td3 / td1
    condition: str
    size: tuple[int, int]
    mrz: str
    frame: npt.NDArray[np.uint8] = field(repr=False)

    @property
    def bac(self) -> tuple[str, str, str]:
        """(document number, birth, expiry) as printed: what BAC needs."""
        lines = self.mrz.split("\n")
        if self.kind == "td3":
            return lines[1][0:9].rstrip("<"), lines[1][13:19], lines[1][21:27]
        return lines[0][5:14].rstrip("<"), lines[1][0:6], lines[1][8:14]


def _date(rnd: random.Random, y0: int, y1: int) -> str:
    return f"{rnd.randint(y0, y1) % 100:02d}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"


def random_mrz(rnd: random.Random, kind: str) -> str:
    """A valid MRZ with random (fictitious) contents."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = rnd.choice(letters) + "".join(rnd.choice("0123456789") for _ in range(8))
    if rnd.random() < 0.3:
        number = number[:2] + rnd.choice(letters) + number[3:]
    common = {
        "state": rnd.choice(_STATES),
        "number": number,
        "surname": rnd.choice(_SURNAMES),
        "given": rnd.choice(_GIVEN),
        "nationality": rnd.choice(_STATES),
        "birth": _date(rnd, 1940, 2010),
        "sex": rnd.choice("MF"),
        "expiry": _date(rnd, 2027, 2036),
    }
    if kind == "td3":
        return build_td3(code="P", personal=rnd.choice(["", "ZE184226B"]), **common)
    return build_td1(code=rnd.choice(["I", "ID", "AC"]), **common)


def _paper(rnd: random.Random, w: int, h: int, busy: bool) -> Image.Image:
    base = np.array(
        [rnd.randint(215, 245), rnd.randint(215, 245), rnd.randint(200, 240)], np.float32
    )
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pattern = np.zeros((h, w), np.float32)
    for _ in range(4 if busy else 2):
        fx, fy, ph = rnd.uniform(0.01, 0.05), rnd.uniform(0.01, 0.05), rnd.uniform(0, 6.3)
        pattern += np.sin(xx * fx + np.sin(yy * fy) * 3 + ph)
    amp = 12 if busy else 5
    img = base[None, None, :] + (pattern * amp)[..., None]
    img += np.random.default_rng(rnd.randint(0, 1 << 30)).normal(0, 3, (h, w, 1))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def render_document(rnd: random.Random, kind: str, mrz: str, busy: bool = False) -> Image.Image:
    """The document page (TD3 125×88 mm, TD1 85.6×54 mm) with its MRZ in OCR-B."""
    w_mm, h_mm = (125.0, 88.0) if kind == "td3" else (85.6, 54.0)
    w, h = int(w_mm * PX_PER_MM), int(h_mm * PX_PER_MM)
    page = _paper(rnd, w, h, busy)
    d = ImageDraw.Draw(page)
    sans = ImageFont.truetype(SANS, int(2.6 * PX_PER_MM))
    small = ImageFont.truetype(SANS, int(1.8 * PX_PER_MM))
    # Photo box and a few printed fields: the clutter a real page has above its MRZ.
    px0, py0 = int(5 * PX_PER_MM), int(12 * PX_PER_MM)
    px1, py1 = px0 + int(w_mm * 0.26 * PX_PER_MM), py0 + int(h_mm * 0.45 * PX_PER_MM)
    d.rectangle([px0, py0, px1, py1], fill=(180, 180, 190))
    d.ellipse([px0 + 15, py0 + 20, px1 - 15, py1 - 10], fill=(120, 110, 105))
    d.text(
        (int(w * 0.35), int(3 * PX_PER_MM)),
        "PASSPORT" if kind == "td3" else "IDENTITY CARD",
        fill=(40, 40, 90),
        font=sans,
    )
    y = py0
    for label in ("Surname", "Given names", "Nationality", "Date of birth", "Date of expiry"):
        d.text((px1 + 30, y), label, fill=(90, 90, 120), font=small)
        d.text(
            (px1 + 30, y + int(2 * PX_PER_MM)),
            rnd.choice(_SURNAMES + _GIVEN),
            fill=(20, 20, 20),
            font=sans,
        )
        y += int((h_mm * 0.5 / 5) * PX_PER_MM)
        if y > h * 0.62:
            break
    ocrb = ImageFont.truetype(OCRB, int(PITCH_MM * PX_PER_MM / 0.7229))
    lines = mrz.split("\n")
    left = (w - len(lines[0]) * PITCH_MM * PX_PER_MM) / 2
    bottom = h - 3.5 * PX_PER_MM
    ink = rnd.randint(0, 40)
    for i, line in enumerate(lines):
        base = bottom - (len(lines) - 1 - i) * LINE_MM * PX_PER_MM
        d.text((left, base), line, fill=(ink, ink, ink + 10), font=ocrb, anchor="ls")
    return page


def _desk(rnd: random.Random, w: int, h: int, busy: bool) -> npt.NDArray[np.uint8]:
    g = np.random.default_rng(rnd.randint(0, 1 << 30))
    noise = g.normal(0, 1, (h // 8 + 1, w // 2 + 1)).astype(np.float32)
    grain = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)
    if busy:  # wood grain and printed clutter
        yy = np.mgrid[0:h, 0:w][0].astype(np.float32)
        grain += 1.5 * np.sin(yy * 0.08 + grain * 2)
    color = np.array([rnd.randint(60, 140), rnd.randint(60, 120), rnd.randint(40, 100)], np.float32)
    img = color[None, None, :] + grain[..., None] * (25 if busy else 10)
    out = np.clip(img, 0, 255).astype(np.uint8)
    if busy:
        for _ in range(12):
            x, y = rnd.randint(0, w - 200), rnd.randint(0, h - 30)
            cv2.putText(
                out,
                "RECEIPT 2026-11-23 TOTAL",
                (x, y),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.6,
                (30, 30, 30),
                1,
                cv2.LINE_AA,
            )
    return out


def make_sample(
    seed: int, kind: str, condition: str, size: tuple[int, int], mrz: str | None = None
) -> Sample:
    """One frame: the document laid on the desk under ``condition`` (``mrz``: given or random)."""
    rnd = random.Random(seed)
    generated = random_mrz(rnd, kind)
    mrz = mrz or generated
    busy = condition == "texture"
    page = np.asarray(render_document(rnd, kind, mrz, busy))[..., ::-1]  # RGB -> BGR
    fw, fh = size
    frame = _desk(rnd, fw, fh, busy)
    ph, pw = page.shape[:2]
    target_w = fw * (rnd.uniform(0.62, 0.8) if kind == "td3" else rnd.uniform(0.5, 0.65))
    s = target_w / pw
    dw, dh = pw * s, ph * s
    cx, cy = fw / 2 + rnd.uniform(-0.06, 0.06) * fw, fh / 2 + rnd.uniform(-0.05, 0.05) * fh
    ang = np.deg2rad(rnd.uniform(-6, 6) if condition != "clean" else rnd.uniform(-2, 2))
    jitter = 0.09 if condition == "perspective" else 0.015
    corners = []
    for ux, uy in ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)):
        x, y = ux * dw, uy * dh
        x += rnd.uniform(-jitter, jitter) * dw
        y += rnd.uniform(-jitter, jitter) * dh
        corners.append(
            (cx + x * np.cos(ang) - y * np.sin(ang), cy + x * np.sin(ang) + y * np.cos(ang))
        )
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    m = cv2.getPerspectiveTransform(src, np.array(corners, np.float32))
    warped = cv2.warpPerspective(page, m, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (fw, fh))
    frame = np.where(mask[..., None] > 127, warped, frame).astype(np.uint8)
    frame = _condition(rnd, frame, condition)
    return Sample(f"{kind}-{condition}-{fh}p-{seed}", kind, condition, size, mrz, frame)


def _condition(
    rnd: random.Random, frame: npt.NDArray[np.uint8], condition: str
) -> npt.NDArray[np.uint8]:
    fh, fw = frame.shape[:2]
    f = frame.astype(np.float32)
    g = np.random.default_rng(rnd.randint(0, 1 << 30))
    if condition == "blur":
        sigma = rnd.uniform(1.0, 1.8) * fh / 720
        f = cv2.GaussianBlur(f, (0, 0), sigma)
    elif condition == "glare":
        yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
        gx, gy = rnd.uniform(0.3, 0.7) * fw, rnd.uniform(0.4, 0.8) * fh
        r = rnd.uniform(0.12, 0.22) * fw
        glow = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * r * r))) * rnd.uniform(110, 170)
        f += glow[..., None]
    elif condition == "low_light":
        f = f * rnd.uniform(0.22, 0.38) + g.normal(0, rnd.uniform(3, 6), f.shape)
    f += g.normal(0, 2.0, f.shape)  # sensor noise in every frame
    out = np.clip(f, 0, 255).astype(np.uint8)
    ok, jpg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 85])  # as a camera delivers
    return cv2.imdecode(jpg, cv2.IMREAD_COLOR) if ok else out  # type: ignore[no-any-return]


def corpus(per_cell: int = 2, seed: int = 1) -> Iterator[Sample]:
    """Every format × condition × resolution, ``per_cell`` samples each."""
    n = 0
    for kind in FORMATS:
        for condition in CONDITIONS:
            for size in RESOLUTIONS:
                for _ in range(per_cell):
                    n += 1
                    yield make_sample(seed * 100_000 + n, kind, condition, size)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "mrz-corpus")
    out.mkdir(parents=True, exist_ok=True)
    for sample in corpus(1):
        cv2.imwrite(str(out / f"{sample.name}.jpg"), sample.frame)
    print(f"frames written to {out}")
