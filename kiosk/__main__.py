"""``python -m kiosk`` does what the ``kiosk`` console script does."""

import sys

from kiosk.cli import main

sys.exit(main())
