"""WAV encoding and tolerant decoding for 16-bit PCM clips."""

from __future__ import annotations

import io
import wave

from drivers.speech.types import Clip, Language


def clip_to_wav(clip: Clip) -> bytes:
    """Encode a clip as a canonical WAV file."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(clip.channels)
        w.setsampwidth(2)
        w.setframerate(clip.sample_rate)
        w.writeframes(clip.pcm)
    return buf.getvalue()


def wav_to_clip(data: bytes, *, text: str = "", language: Language = Language.ZH) -> Clip | None:
    """Decode 16-bit PCM WAV bytes, or None when they are not a usable clip.

    Tolerates the oversized length fields espeak-ng writes when streaming to
    stdout (it cannot seek back to fix them): only the frames present are read.
    """
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getsampwidth() != 2 or w.getcomptype() != "NONE":
                return None
            channels, rate = w.getnchannels(), w.getframerate()
            pcm = w.readframes(w.getnframes())
    except (wave.Error, EOFError, ValueError):
        return None
    usable = len(pcm) - len(pcm) % (2 * channels)
    if usable <= 0 or rate <= 0:
        return None
    return Clip(pcm=pcm[:usable], sample_rate=rate, channels=channels, text=text, language=language)
