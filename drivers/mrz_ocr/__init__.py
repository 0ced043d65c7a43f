"""MRZ by the camera: find the machine-readable zone in a frame, read it, check it.

Two engines read the characters: an OCR-B glyph matcher for the 37-character MRZ
alphabet (the default, chosen by measurement: see docs/mrz-ocr.md) and
tesseract. Whatever the engine, a read is accepted only when every check digit
agrees (drivers.card.mrz.parse_mrz); a misread is rejected, never guessed.
"""
