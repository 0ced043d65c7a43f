"""Demo controls: drive the simulated devices and the embedded platform by hand.

The demo panel and keyboard shortcuts in ``ui/`` call these; each action is one
thing a real device or network could do in a lobby (a document laid on the
reader, a phone held up to the camera, the paper running out, the network
going down), so a demo shows the kiosk coping, not just the happy path.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.backend import Backend
from kiosk.tracking import TrackingNumber, parse_tracking_number

if TYPE_CHECKING:
    from drivers.card.simulator import SampleDocument

log = logging.getLogger(__name__)


class DemoQr(StrEnum):
    """QR codes the demo can hold up to the camera."""

    RECEIPT = "receipt"  # the kiosk's own signed receipt code for the last application
    EID = "eid"  # an e-ID credential issued by the (embedded) platform
    EID_ELDER = "eid_elder"  # the same for a citizen aged 65 or more
    FORGED = "forged"  # a receipt code with a broken signature
    # An e-ID credential whose signature does not verify (forged, or altered on the way):
    # an e-ID the kiosk cannot vouch for, told apart from a code that is no e-ID at all.
    EID_FORGED = "eid_forged"
    GARBAGE = "garbage"  # random text that is nobody's code
    URL = "url"  # a web address (never opened)


class DemoPrinter(StrEnum):
    """Printer conditions."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class SampleCitizen:
    """A fictitious citizen the demo documents and e-ID codes belong to."""

    key: str
    surname: str
    given_names: str
    surname_latin: str
    given_latin: str
    id_number: str  # 18-character resident ID, valid GB 11643 check character
    birth_date: dt.date
    sex: str
    passport_number: str
    passport_expiry: dt.date


def load_sample_citizens() -> tuple[SampleCitizen, ...]:
    """The demo's citizens, from kiosk/data/demo_citizens.json (data, not code)."""
    from importlib import resources

    text = resources.files("kiosk").joinpath("data/demo_citizens.json").read_text("utf-8")
    return tuple(
        SampleCitizen(
            key=c["key"],
            surname=c["surname"],
            given_names=c["given_names"],
            surname_latin=c["surname_latin"],
            given_latin=c["given_latin"],
            id_number=c["id_number"],
            birth_date=dt.date.fromisoformat(c["birth_date"]),
            sex=c["sex"],
            passport_number=c["passport"]["number"],
            passport_expiry=dt.date.fromisoformat(c["passport"]["expiry"]),
        )
        for c in json.loads(text)["citizens"]
    )


SAMPLES = load_sample_citizens()


def sample_citizen(who: str) -> SampleCitizen:
    """The sample citizen called ``who`` ("adult" or "elder")."""
    return next((c for c in SAMPLES if c.key == who), SAMPLES[0])


def sample_document(who: str) -> SampleDocument:
    """A fictitious passport for the demo; "elder" is a citizen born in 1955 (65+)."""
    from drivers.card.mrz import build_td3
    from drivers.card.simulator import SampleDocument, sample_photo

    c = sample_citizen(who)
    mrz = build_td3(
        code="P",
        state="CHN",
        number=c.passport_number,
        surname=c.surname_latin,
        given=c.given_latin,
        nationality="CHN",
        birth=f"{c.birth_date:%y%m%d}",
        sex=c.sex,
        expiry=f"{c.passport_expiry:%y%m%d}",
    )
    return SampleDocument(mrz, sample_photo())


class DemoControls:
    """What the demo panel can do; every method is safe to call from the GUI thread."""

    def __init__(self, backend: Backend) -> None:
        self._b = backend
        self.network_down = False
        # The devices the demo has made fail (try-out 8, R1: only the printer and the
        # network could be failed, so the camera and card-reader stories could not be
        # shown). Each toggles, like F12.
        self.camera_down = False
        self.card_reader_down = False
        self.idcard_reader_down = False
        # F11 toggles too (try-out 11, R3: pressed again, as F12 is, it failed the printer
        # again where the presenter expected it back); F9 and F10 only set.
        self.printer_offline = False

    # --- card reader ------------------------------------------------------------------

    def insert_document(self, who: str = "adult") -> None:
        """Lay a sample identity document on the (simulated) reader."""
        from drivers.card.simulator import SimulatedCardReader

        card = self._b.card
        if not isinstance(card, SimulatedCardReader):
            log.warning("the card reader is not simulated")
            return
        card.insert_document(sample_document(who))

    def remove_document(self) -> None:
        """Take the document off the reader."""
        from drivers.card.simulator import SimulatedCardReader

        if isinstance(self._b.card, SimulatedCardReader):
            self._b.card.remove_card()

    # --- resident ID (SAM) reader ---------------------------------------------------

    def lay_id_card(self, key: str = "resident") -> None:
        """Lay a sample card on the simulated SAM reader (see drivers/idcard/data/samples.json).

        The previous card is lifted first, as a hand would.
        """
        sim = self._b.idcard_simulator
        if sim is None:
            log.warning("the resident ID reader is not simulated")
            return
        from drivers.idcard.simulator import sample_card

        sim.lift()
        sim.lay(sample_card(key))

    def lift_id_card(self) -> None:
        """Take the card off the simulated SAM reader."""
        if self._b.idcard_simulator is not None:
            self._b.idcard_simulator.lift()

    # --- technician card ----------------------------------------------------------------

    def technician_card(self, present: bool) -> None:
        """Lay the demo technician card (number 1000, PIN 246810) on its reader, or lift it."""
        from drivers.techcard.simulator import SimulatedTechCardReader

        card = self._b.techcard
        if not isinstance(card, SimulatedTechCardReader):
            log.warning("the technician card reader is not simulated")
            return
        if present:
            card.insert()
        else:
            card.remove()

    # --- camera ---------------------------------------------------------------------

    def show_qr(self, kind: DemoQr) -> None:
        """Hold a QR code in front of the (simulated) camera."""
        present = getattr(self._b.scanner, "present", None)
        if present is None:
            log.warning("the scanner is not simulated; nothing to show")
            return
        present(self.qr_text(kind))

    def qr_text(self, kind: DemoQr) -> str:
        """The payload for ``kind``."""
        if kind in (DemoQr.RECEIPT, DemoQr.FORGED):
            tn = self._last_tracking_number()
            code = self._b.receipt_signer.code_for(tn) if tn else "ZWK1.R.NONE"
            if kind == DemoQr.FORGED:
                code = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
            return code
        if kind == DemoQr.EID_FORGED:
            signed, _dot, sig = self._eid_token(sample_citizen("adult")).rpartition(".")
            if not signed:
                return "eid-unavailable"
            return f"{signed}.{'BBBB' if sig.startswith('AAAA') else 'AAAA'}{sig[4:]}"
        if kind in (DemoQr.EID, DemoQr.EID_ELDER):
            return self._eid_token(sample_citizen("elder" if kind == DemoQr.EID_ELDER else "adult"))
        if kind == DemoQr.URL:
            return "https://example.com/promo?utm=kiosk"
        return "这不是任何办事码 #%&*"

    def _last_tracking_number(self) -> TrackingNumber | None:
        for rec in self._b.outbox.list(limit=50):
            if rec.tracking_number:
                tn = parse_tracking_number(rec.tracking_number)
                if tn is not None:
                    return tn
        return None

    def _eid_token(self, who: SampleCitizen) -> str:
        # Signed with the embedded platform's issuer key even while the network is cut
        # (its server stopped): like a phone showing a code issued earlier, and verified
        # offline by the kiosk with the key it was configured with.
        platform = self._b.platform
        issuer = platform.platform.issuer if platform is not None else self._b.embedded_eid_issuer
        if issuer is None:
            return "eid-unavailable"  # no embedded platform was ever started: nothing to sign
        # The claim names the kiosk reads (kiosk.payloads.eid.identity_from_claims).
        claims = {
            "name": who.surname + who.given_names,
            "surname": who.surname,
            "given_names": who.given_names,
            "doc_type": "resident_id",
            "doc_number": who.id_number,
            "birth_date": who.birth_date.isoformat(),
            "sex": who.sex,
            "nationality": "CHN",
        }
        # Issued at the kiosk's time: the hall's, under the demo's simulated hall clock.
        return issuer.issue(claims, ttl_s=300, now=self._b.clock().timestamp())

    # --- device faults ------------------------------------------------------------------
    # Each makes the simulator fail as the real device does (the supervisor then reports
    # it, the screens follow), and restores it: no shortcut around the supervision.

    def set_camera_fault(self, down: bool) -> None:
        """The document camera loses its picture (cable pulled) or gets it back."""
        set_fault = getattr(self._b.scanner, "set_fault", None)
        if set_fault is None:
            log.warning("the camera is not simulated")
            return
        set_fault("scanner.no_camera" if down else None)
        self.camera_down = down
        self._poke()

    def set_card_reader_fault(self, down: bool) -> None:
        """The PC/SC document (passport) reader is unplugged, or plugged back in."""
        from drivers.card.simulator import SimulatedCardReader

        card = self._b.card
        if not isinstance(card, SimulatedCardReader):
            log.warning("the card reader is not simulated")
            return
        if down:
            card.unplug_reader()
        else:
            card.plug_reader()
        self.card_reader_down = down
        self._poke()

    def set_idcard_reader_fault(self, down: bool) -> None:
        """The SAM resident-ID reader stops answering, or answers again."""
        from drivers.idcard.simulator import Fault

        sim = self._b.idcard_simulator
        if sim is None:
            log.warning("the resident ID reader is not simulated")
            return
        if down:
            sim.fault(Fault.SILENCE, times=None)
        else:
            sim.clear_faults()
        self.idcard_reader_down = down
        self._poke()

    def _poke(self) -> None:
        if self._b.supervisor is not None:
            self._b.supervisor.poke()

    # --- printer ----------------------------------------------------------------------

    def set_printer(self, state: DemoPrinter) -> None:
        """Put the simulated printer into ``state``."""
        action = getattr(self._b.printer, state.value, None)
        if action is None:
            log.warning("the printer is not simulated")
            return
        action()
        self.printer_offline = state is DemoPrinter.OFFLINE
        if self._b.supervisor is not None:
            self._b.supervisor.poke()

    # --- network ----------------------------------------------------------------------

    @property
    def network_cuttable(self) -> bool:
        """F12 cuts the link by stopping the embedded platform: a demo kiosk pointed at a
        separate kiosk-central (README, to see a fleet) has nothing here to cut."""
        return self._b.settings.platform.mode == "embedded"

    def set_network(self, down: bool) -> str | None:
        """Cut (or restore) the link: the embedded platform goes away, connections are refused.

        Returns None when done, else why the embedded platform could not start again (for
        example its database is at a newer schema than this code: ``SchemaTooNew``); the
        link then stays down and the demo panel says so in words.
        """
        problem: str | None = None
        if not self.network_cuttable:
            return None  # nothing cut, nothing claimed (the panel says why)
        if down:
            self._b.stop_embedded_platform()
        else:
            try:
                self._b.restart_embedded_platform()
            except Exception as exc:  # whatever stops it, the presenter must be told
                log.error("the embedded platform could not start again: %s", exc, exc_info=True)
                problem = f"{type(exc).__name__}: {exc}"
                down = True
            embedded = self._b.settings.platform.mode == "embedded"
            if problem is None and embedded and self._b.platform is None:
                # It never started (the reason was logged then): nothing came back.
                problem, down = self._b.platform_problem or "not started", True
        self.network_down = down
        if self._b.sync is not None:
            # Like a kiosk noticing its cable: probe now, and the bar follows at once.
            self._b.sync.link_changed()
            self._b.sync.wake()
        return problem
