"""Write the OpenAPI document: ``python -m central.openapi > docs/central-openapi.json``."""

from __future__ import annotations

import json
import sys
from typing import Any

from central.app import PlatformConfig, create_app


def document() -> dict[str, Any]:
    """The OpenAPI document of the app as served at /openapi.json.

    The document does not depend on the credentials, so a development app renders it.
    """
    return create_app(PlatformConfig(insecure_dev=True)).openapi()


def render() -> str:
    """The document as committed: sorted keys, 2-space indent, trailing newline."""
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
