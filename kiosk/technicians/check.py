"""What `kiosk --check-config` refuses about technician access, in one line each."""

from __future__ import annotations

from pathlib import Path

from kiosk.settings import Settings
from kiosk.technicians.pins import is_known, known_pin_in
from kiosk.technicians.store import RegisterError, TechnicianRegister, default_register_path

ADD_HINT = "register technicians with `kiosk technician --config FILE add NUMBER --name NAME`"


def register_for(settings: Settings) -> TechnicianRegister:
    """The register the configuration names (or the per-user default)."""
    return TechnicianRegister(settings.maintenance.technicians_file or default_register_path())


def access_problem(settings: Settings, config: Path) -> str | None:
    """Why this configuration must not run as a kiosk (None: technician access is sound).

    Outside demo mode the kiosk needs registered technicians, none with a known
    PIN, and no demo or shared PIN. Slow (one Argon2 check per technician and
    known PIN): for the command line, not the GUI thread.
    """
    m = settings.maintenance
    if m.pin is not None:
        known = "is a known example PIN, and " if is_known(m.pin) else ""
        return (
            f"{config}: [maintenance] pin = {m.pin!r} {known}a shared PIN is not accepted: "
            + ADD_HINT
        )
    if settings.demo.enabled:
        return None
    if m.demo_technician_pin is not None:
        return f"{config}: [maintenance] demo_technician_pin is for demo mode only: " + ADD_HINT
    register = register_for(settings)
    try:
        techs = register.load()
    except RegisterError as exc:
        return f"{config}: {exc}"
    if not techs:
        return f"{config}: no technicians in {register.path}: " + ADD_HINT
    for t in techs:
        if t.demo_only or known_pin_in(t.pin_hash) is not None:
            return (
                f"{config}: technician {t.id} in {register.path} has a known example PIN: "
                f"`kiosk technician --config FILE remove {t.id}`, then add them with a new PIN"
            )
    return None
