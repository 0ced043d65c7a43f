"""Benchmark: ICAO 9303 reads through pyscard -> pcscd -> vpcd -> emulated chip.

Run: .venv/bin/python bench/card.py [--reads N]   (needs pcscd and vsmartcard-vpcd)
Writes bench/out/card.json with:
  dg1_ms      median, card inserted -> DG1 parsed (includes pcscd noticing the card)
  dg2_ms      median, card inserted -> face image decoded (Pillow)
  apdu_rtt_ms median round trip of a bare APDU (SELECT of the eMRTD application)
  apdus_dg1   APDUs the driver spends to reach DG1 (and EF.SOD, read right after it)
  passive_auth_ms  median, passive authentication of DG1 + DG2 against EF.SOD: CMS
              signature (ECDSA P-256), DSC -> CSCA chain from an ICAO master list, and the
              data-group hashes (drivers.card.passive_auth.verify_sod, in-process)
plus the parts: detect_ms (insert -> CARD_INSERTED event), dg1_read_ms, dg2_read_ms.
Every read is passive-authenticated (the chip is signed by a test CSCA the driver
trusts), so dg1_ms and dg2_ms include reading EF.SOD and verifying it.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from smartcard import scard  # noqa: E402

from drivers.card.icao import FID_DG1, FID_DG2, FID_SOD  # noqa: E402
from drivers.card.passive_auth import TrustList, load_trust_list, verify_sod  # noqa: E402
from drivers.card.pcsc import PyscardCardReader  # noqa: E402
from drivers.card.types import (  # noqa: E402
    BacKeys,
    CardEvent,
    CardEventKind,
    PassiveAuthStatus,
    ReadOutcome,
)
from tests.support.icao_chip import SAMPLE_MRZ, ChipConfig, IcaoChip  # noqa: E402
from tests.support.icao_pki import Csca, write_master_list  # noqa: E402
from tests.support.pcscd import PcscdService, PcscSetupError  # noqa: E402
from tests.support.vpcd_card import VirtualCard  # noqa: E402

KEYS = BacKeys("L898902C3", "740812", "320415")


def portrait(target_bytes: int = 20_000) -> bytes:
    """A noisy 480x640 JPEG near the size of a real DG2 portrait (15-25 KB)."""
    rng = random.Random(7)
    img = Image.new("L", (480, 640))
    img.putdata([128 + rng.randint(-60, 60) for _ in range(480 * 640)])
    img = img.resize((120, 160)).resize((480, 640)).convert("RGB")
    best = b""
    for quality in range(95, 5, -5):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        best = buf.getvalue()
        if len(best) <= target_bytes:
            break
    return best


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 2)


def apdu_rtt(reader_name: str, n: int = 200) -> list[float]:
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hr == 0
    hr, hcard, proto = scard.SCardConnect(
        ctx, reader_name, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1
    )
    assert hr == 0, hex(hr)
    select = list(bytes.fromhex("00A4040C07A0000002471001"))
    times = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            hr, resp = scard.SCardTransmit(hcard, proto, select)
            times.append(time.perf_counter() - t0)
            assert hr == 0 and resp[-2:] == [0x90, 0x00]
    finally:
        scard.SCardDisconnect(hcard, scard.SCARD_RESET_CARD)
        scard.SCardReleaseContext(ctx)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=25, help="reads per figure (>= 20)")
    args = parser.parse_args()
    photo = portrait()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            service = PcscdService(Path(tmp))
            service.start()
        except PcscSetupError as exc:
            print(f"card benchmark: {exc}", file=sys.stderr)
            return 2
        csca = Csca.create()
        trust = load_trust_list(write_master_list(Path(tmp) / "masterlist.ml", [csca]))
        try:
            figures = run(service, photo, args.reads, csca, trust)
        finally:
            service.stop()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "card.json").write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        print(f"{key:>14}: {value}")
    return 0


def passive_auth_times(chip: IcaoChip, trust: TrustList, n: int) -> list[float]:
    """Seconds per verification of DG1 + DG2 against the chip's EF.SOD."""
    files = chip._files
    groups = {1: files[FID_DG1], 2: files[FID_DG2]}
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        verdict = verify_sod(files[FID_SOD], groups, trust)
        times.append(time.perf_counter() - t0)
        if verdict.status is not PassiveAuthStatus.VERIFIED:
            raise RuntimeError(f"passive authentication: {verdict.detail}")
    return times


def run(
    service: PcscdService, photo: bytes, reads: int, csca: Csca, trust: TrustList
) -> dict[str, object]:
    inserted = threading.Event()

    def listener(event: CardEvent) -> None:
        if event.kind is CardEventKind.CARD_INSERTED:
            inserted.set()

    chip = IcaoChip(ChipConfig(mrz=SAMPLE_MRZ, photo=photo, sod_signer=csca.issue_signer()))
    card = VirtualCard(chip, service.port)
    driver = PyscardCardReader(reader_filter=service.reader, trust_list=trust)
    driver.start(listener)
    detect: list[float] = []
    totals: dict[bool, list[float]] = {False: [], True: []}
    read_only: dict[bool, list[float]] = {False: [], True: []}
    apdus_dg1 = 0
    try:
        for _ in range(reads):
            for with_photo in (False, True):
                card.remove()
                service.wait_card(present=False)
                inserted.clear()
                t0 = time.perf_counter()
                card.insert()
                if not inserted.wait(10):
                    raise RuntimeError("card insertion not reported")
                t1 = time.perf_counter()
                result = driver.read(KEYS, include_photo=with_photo)
                if result.outcome is not ReadOutcome.OK or result.document is None:
                    raise RuntimeError(f"read failed: {result.outcome} {result.detail}")
                verdict = result.document.passive_auth
                if verdict.status is not PassiveAuthStatus.VERIFIED:
                    raise RuntimeError(f"passive authentication: {verdict.detail}")
                if with_photo:
                    face = result.document.face
                    assert face is not None
                    Image.open(io.BytesIO(face.data)).load()
                else:
                    apdus_dg1 = result.apdus
                t2 = time.perf_counter()
                detect.append(t1 - t0)
                totals[with_photo].append(t2 - t0)
                read_only[with_photo].append(t2 - t1)
        rtt = apdu_rtt(service.reader)
        pa = passive_auth_times(chip, trust, max(reads, 20))
    finally:
        driver.stop()
        card.remove()
    return {
        "dg1_ms": median_ms(totals[False]),
        "dg2_ms": median_ms(totals[True]),
        "apdu_rtt_ms": median_ms(rtt),
        "apdus_dg1": apdus_dg1,
        "passive_auth_ms": median_ms(pa),
        "detect_ms": median_ms(detect),
        "dg1_read_ms": median_ms(read_only[False]),
        "dg2_read_ms": median_ms(read_only[True]),
        "dg2_bytes": len(photo),
        "reads": reads,
    }


if __name__ == "__main__":
    raise SystemExit(main())
