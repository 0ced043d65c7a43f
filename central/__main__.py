"""``python -m central``: the same as the ``kiosk-central`` command."""

from central.cli import main

raise SystemExit(main())
