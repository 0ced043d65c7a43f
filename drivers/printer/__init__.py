"""Receipt printer driver: document model, ESC/POS and PNG renderers, transports, simulator.

Import heavy parts (python-escpos, Pillow) only where used; this package's
``__init__`` re-exports the light types and the model.
"""

from .document import (
    Align,
    Barcode,
    Block,
    Cut,
    Document,
    Feed,
    Image,
    KeyValue,
    QrCode,
    QrErrorLevel,
    Rule,
    Separator,
    Size,
    Text,
    Title,
)
from .protocol import Printer
from .types import (
    PAPER_58MM,
    PAPER_80MM,
    PaperProfile,
    PrinterState,
    PrinterStatus,
    SendOutcome,
    SendResult,
    profile_named,
)

__all__ = [
    "PAPER_58MM",
    "PAPER_80MM",
    "Align",
    "Barcode",
    "Block",
    "Cut",
    "Document",
    "Feed",
    "Image",
    "KeyValue",
    "PaperProfile",
    "Printer",
    "PrinterState",
    "PrinterStatus",
    "QrCode",
    "QrErrorLevel",
    "Rule",
    "SendOutcome",
    "SendResult",
    "Separator",
    "Size",
    "Text",
    "Title",
    "profile_named",
]
