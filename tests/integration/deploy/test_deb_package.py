"""`make deb`'s package installs, configures, runs and purges cleanly on this machine.

The test builds the package (deploy/build-deb.sh, as `make deb` does), installs it
with dpkg, checks what a service centre's IT would look at (the kiosk user and its
groups, units, udev rules, directories and their modes, the configuration check,
the venv importing its native parts from /opt) and purges it, checking nothing is
left. It needs root and dpkg (CI has both); it refuses to touch a machine where the
package is already installed rather than purge someone's kiosk.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = "zhengwu-kiosk"
VENV = Path("/opt/zhengwu-kiosk/venv")


def _run(*argv: str, check: bool = True, **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=900, **kw)  # type: ignore[call-overload]
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def _installed() -> bool:
    proc = _run("dpkg-query", "-W", "-f=${Status}", PACKAGE, check=False)
    return "install ok installed" in proc.stdout or "config-files" in proc.stdout


@pytest.mark.long(50)
@pytest.mark.skipif(os.geteuid() != 0, reason="installing a package needs root (CI runs as root)")
@pytest.mark.skipif(shutil.which("dpkg") is None, reason="not a Debian system")
def test_package_installs_checks_and_purges(tmp_path: Path) -> None:
    if _installed():
        pytest.fail(f"{PACKAGE} is already installed here; not touching it", pytrace=False)
    deb = Path(
        _run("bash", str(ROOT / "deploy" / "build-deb.sh"), str(tmp_path)).stdout.split()[-1]
    )
    assert deb.is_file() and deb.suffix == ".deb"
    fields = _run("dpkg-deb", "-f", str(deb), "Package", "Depends").stdout
    assert "Package: zhengwu-kiosk" in fields and "python3 (>= 3.11)" in fields

    try:
        install = _run("dpkg", "-i", str(deb), check=False)
        assert install.returncode == 0, install.stdout + install.stderr

        # The post-install step checked the configuration and said so.
        assert "/etc/zhengwu-kiosk/kiosk.toml" in install.stdout + install.stderr

        # The kiosk user, in the groups its devices need, without a login shell.
        user = pwd.getpwnam("kiosk")
        assert user.pw_dir == "/var/lib/zhengwu-kiosk"
        assert user.pw_shell in ("/usr/sbin/nologin", "/bin/false")
        for group in ("dialout", "lp", "video"):
            assert "kiosk" in grp.getgrnam(group).gr_mem, group

        # Data and keys apart, each private to the kiosk user.
        data, keys = Path("/var/lib/zhengwu-kiosk"), Path("/etc/zhengwu-kiosk/keys")
        assert stat.S_IMODE(data.stat().st_mode) == 0o750 and data.stat().st_uid == user.pw_uid
        assert stat.S_IMODE(keys.stat().st_mode) == 0o700 and keys.stat().st_uid == user.pw_uid
        config = Path("/etc/zhengwu-kiosk/kiosk.toml").read_text(encoding="utf-8")
        assert 'data_dir = "/var/lib/zhengwu-kiosk"' in config
        assert 'key_file = "/etc/zhengwu-kiosk/keys/' in config

        # Units and udev rules where systemd and udev look for them.
        unit = Path("/lib/systemd/system/zhengwu-kiosk.service").read_text(encoding="utf-8")
        assert "Type=notify" in unit and "WatchdogSec=" in unit
        assert "ExecStart=/usr/lib/zhengwu-kiosk/zhengwu-kiosk-session" in unit
        assert f"ExecStartPre={VENV}/bin/kiosk --check-config" in unit
        for script in ("zhengwu-kiosk-session", "zhengwu-kiosk-x11-session"):
            assert os.access(f"/usr/lib/zhengwu-kiosk/{script}", os.X_OK), script
        assert Path("/usr/share/X11/xorg.conf.d/10-zhengwu-kiosk.conf").is_file()
        assert Path("/lib/systemd/system/zhengwu-kiosk-x11.service").is_file()
        assert Path("/lib/systemd/system/zhengwu-central.service").is_file()
        assert list(Path("/lib/udev/rules.d").glob("60-zhengwu-kiosk*.rules"))
        if shutil.which("systemd-analyze"):
            verify = _run(
                "systemd-analyze",
                "verify",
                "/lib/systemd/system/zhengwu-kiosk.service",
                check=False,
            )
            assert "Unknown key" not in verify.stderr and "Invalid" not in verify.stderr

        # The installed commands run from /opt, with the native parts importable.
        checked = _run(
            "/usr/bin/kiosk", "--check-config", "/etc/zhengwu-kiosk/kiosk.toml", check=False
        )
        assert checked.returncode in (0, 2), checked.stderr
        assert "Traceback" not in checked.stderr
        probe = _run(
            str(VENV / "bin" / "python"),
            "-c",
            "import kiosk, ui, central, cv2, smartcard, zxingcpp, PySide6.QtWidgets; "
            "print(kiosk.__file__)",
            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
            cwd="/",
        )
        assert probe.stdout.startswith(str(VENV)), probe.stdout
        assert not any(VENV.rglob("*.egg-link")), "an editable install points back at the source"
    finally:
        purge = _run("dpkg", "--purge", PACKAGE, check=False)

    assert purge.returncode == 0, purge.stdout + purge.stderr
    assert not _installed()
    for leftover in (
        "/opt/zhengwu-kiosk",
        "/etc/zhengwu-kiosk",
        "/var/lib/zhengwu-kiosk",
        "/usr/bin/kiosk",
        "/lib/systemd/system/zhengwu-kiosk.service",
    ):
        assert not os.path.lexists(leftover), leftover
    with pytest.raises(KeyError):
        pwd.getpwnam("kiosk")
