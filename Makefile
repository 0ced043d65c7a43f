# Entry points. Each target bootstraps what it needs on a fresh Debian 12 machine:
# system packages (apt-get, when run as root), then .venv with the project installed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Qt (offscreen and X11), CJK fonts, zbar, PC/SC with the virtual reader, speech, Xvfb;
# chromium + chromium-driver drive the platform console's browser test.
SYSTEM_PACKAGES := \
	python3-venv python3-dev gcc swig \
	libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0 \
	fonts-noto-cjk libzbar0 \
	pcscd libpcsclite-dev vsmartcard-vpcd \
	espeak-ng sox alsa-utils \
	xvfb xauth xdotool x11-xserver-utils \
	tesseract-ocr fonts-ocr-b \
	postgresql \
	chromium chromium-driver

.PHONY: help sysdeps venv test lint demo bench tour deb soak clean crawl

help:
	@echo "make demo   - run the kiosk with simulated devices and an embedded platform"
	@echo "make test   - lint, type-check, layer rules and the whole test suite"
	@echo "make venv   - install system packages and .venv only"
	@echo "make bench  - every benchmark (bench/out/*.json); make bench-NAME for one"
	@echo "make tour   - screenshots of every screen into docs/tour/"
	@echo "make crawl  - the UI crawler alone: taps every control, prints states and taps"
	@echo "make deb    - the Debian package (build/zhengwu-kiosk_VERSION_ARCH.deb)"
	@echo "make soak   - 10,000 citizens through the real UI (SOAK_CITIZENS=N for fewer)"

sysdeps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing system packages:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages. Run as root:"; \
			echo "  apt-get install -y $$missing"; \
			exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml constraints-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed ($(PYTHON))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints-dev.txt -e '.[dev]'
	@touch $(STAMP)

# Byte-compile the project as an installed wheel would be. Editable installs skip
# it, and with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every start would
# compile ~100 modules again: ~100 ms of a ~450 ms start-up. Up-to-date files are
# skipped, so this costs nothing when nothing changed.
PACKAGES := kiosk drivers ui offline_cache central

venv: sysdeps $(STAMP)
	@$(PY) -m compileall -q $(PACKAGES)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# One pytest, three workers (pytest-xdist) on CI's two cores: much of the suite waits on
# devices, child processes, browsers and the event loop, and two processes side by side
# left the cores idle a quarter of the time (CPU time ~2,370 s in 1,550 s of wall on two
# cores). The minutes-long tests (marked `long`: the crawler, the clipping sweep, the
# soak, the fleet) are collected first and `--dist load` hands the first tests out one
# each in turn, so each starts at once on a worker of its own while the others share
# the rest (`worksteal` split the list in three, and the clipping sweep started 20
# minutes in); no hand-kept list balances the workers. Each test's services are its own (private pcscd
# socket, free ports, Xvfb -displayfd, throwaway PostgreSQL), so workers do not meet.
TEST_WORKERS ?= 3

test: lint
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load tests

crawl: venv
	$(PY) -m pytest tests/ui/test_crawler.py -q -s

demo: venv
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "No display: serving the kiosk over VNC on port 5900 (connect a VNC viewer to this machine:5900)."; \
		echo "Or run under a virtual X server:  xvfb-run -s '-screen 0 1920x1080x24' make demo"; \
		QT_QPA_PLATFORM=vnc:size=1920x1080:port=5900 $(VENV)/bin/kiosk --demo; \
	else \
		$(VENV)/bin/kiosk --demo; \
	fi

tour: venv
	$(VENV)/bin/kiosk --demo --tour docs/tour

# The application in a venv under /opt/zhengwu-kiosk, units, udev rules, /etc config.
deb: sysdeps
	bash deploy/build-deb.sh build

# soak has its own target (hours, not minutes): not part of `make bench`.
BENCHES := $(patsubst bench/%.py,%,$(filter-out bench/_% bench/soak.py,$(wildcard bench/*.py)))

bench: $(addprefix bench-,$(BENCHES))

bench-%: venv
	@mkdir -p bench/out
	$(PY) bench/$*.py

soak: venv
	@mkdir -p bench/out
	$(PY) bench/soak.py

# The file is resident_id.py; the target name follows the issue's spelling.
bench-resident-id: venv
	@mkdir -p bench/out
	$(PY) bench/resident_id.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache bench/out
