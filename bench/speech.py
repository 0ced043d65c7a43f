"""Speech benchmark: how soon a prompt starts on a warm cache, and what a cache miss costs.

Run: .venv/bin/python bench/speech.py   → prints figures, writes bench/out/speech.json

- prompt_start_ms: ``VoiceService.say()`` on a warm clip cache → the first audio
  buffer handed to the player (the player's ``on_start`` hook, reported as the
  STARTED event), median. The path measured is the real one: worker wake-up,
  personal-data guard (with a session's six sensitive strings), cache read and
  WAV decode, player process spawn, volume applied to the first 20 ms buffer and
  written to the player's stdin. Two cases, interleaved:
  * idle: nothing playing;
  * interrupting: the previous prompt is still playing into a real-time sink
    (a process consuming PCM at playback speed, like a sound card), so say() must
    also stop it and reap its process.
  The headline is the worse of the two medians. For information, cold: the
  same with an empty cache (each say() renders first). The player process is sox writing
  to /dev/null (there is no sound card on this machine); with aplay the
  device open (~10-30 ms on typical ALSA hardware, not measured here) follows.
- render_ms: ``ClipCache.get`` of a prompt not in the cache (espeak-ng subprocess,
  WAV encode, atomic write with fsync), median over 10 Mandarin and 10 English
  prompts × ROUNDS fresh caches. espeak_ms: the engine alone.
- say_call_ms: time say() blocks its caller (the GUI thread), median and max.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drivers.speech.cache import ClipCache
from drivers.speech.espeak import EspeakEngine
from drivers.speech.player import SubprocessPlayer, SubprocessPlayerOptions
from drivers.speech.types import Language
from kiosk.voice import VoiceEvent, VoiceEventKind, VoiceService
from kiosk.voice_guard import SpeechGuard

OUT = Path(__file__).resolve().parent / "out"
TARGET_PROMPT_START_MS = 150.0
ROUNDS = 5
SAYS_PER_CASE = 60

PROMPTS: dict[str, dict[Language, str]] = {
    "home.welcome": {
        Language.ZH: "欢迎使用政务服务自助终端，请选择您要办理的业务。",
        Language.EN: "Welcome. Please choose the service you need.",
    },
    "identify.card": {
        Language.ZH: "请将身份证放在读卡区，不要移动。",
        Language.EN: "Please place your identity card on the reader and hold it still.",
    },
    "identify.qr": {
        Language.ZH: "请打开电子证照二维码，对准摄像头。",
        Language.EN: "Please show the QR code of your electronic ID to the camera.",
    },
    "form.step": {
        Language.ZH: "第 2 步，共 4 步。请核对您的信息。",
        Language.EN: "Step 2 of 4. Please check your details.",
    },
    "form.confirm": {
        Language.ZH: "提交后不能修改。确认提交吗？",
        Language.EN: "You cannot change this after sending. Send it now?",
    },
    "scan.document": {
        Language.ZH: "请将材料正面朝上放在拍摄区。",
        Language.EN: "Please put the document face up under the camera.",
    },
    "print.receipt": {
        Language.ZH: "正在打印回执，请稍候。",
        Language.EN: "Printing your receipt. Please wait.",
    },
    "print.take": {
        Language.ZH: "请取走回执和身份证。",
        Language.EN: "Please take your receipt and your identity card.",
    },
    "idle.warning": {
        Language.ZH: "您还需要更多时间吗？请点击屏幕。",
        Language.EN: "Do you need more time? Please touch the screen.",
    },
    "staff.called": {
        Language.ZH: "已呼叫工作人员，请在原地稍候。",
        Language.EN: "A member of staff is on the way. Please wait here.",
    },
}
SENSITIVE = {"张伟", "张", "伟", "110105194912310021", "110105********0021", "张*"}

PACED_SINK = """
import sys, time
rate = int(sys.argv[1])
while True:
    chunk = sys.stdin.buffer.read(rate // 50 * 2)
    if not chunk:
        break
    time.sleep(len(chunk) / 2 / rate)
"""


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return round(s[min(len(s) - 1, round(q * (len(s) - 1)))], 3)


def bench_render(engine: EspeakEngine) -> dict[str, float]:
    items = [(t, lang) for texts in PROMPTS.values() for lang, t in texts.items()]
    miss_ms: dict[Language, list[float]] = {Language.ZH: [], Language.EN: []}
    engine_ms: list[float] = []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as d:
            cache = ClipCache(engine, Path(d))
            for text, lang in items:
                t0 = time.perf_counter()
                assert cache.get(text, lang).ok
                miss_ms[lang].append((time.perf_counter() - t0) * 1000)
        for text, lang in items:
            t0 = time.perf_counter()
            engine.render(text, lang)
            engine_ms.append((time.perf_counter() - t0) * 1000)
    every = miss_ms[Language.ZH] + miss_ms[Language.EN]
    return {
        "render_ms": _median(every),
        "render_p90_ms": _pct(every, 0.9),
        "render_zh_ms": _median(miss_ms[Language.ZH]),
        "render_en_ms": _median(miss_ms[Language.EN]),
        "espeak_ms": _median(engine_ms),
        "render_samples": len(every),
    }


class _Starts:
    """Collects STARTED events keyed by the moment say() was called."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.at = 0.0

    def __call__(self, event: VoiceEvent) -> None:
        if event.kind is VoiceEventKind.STARTED:
            self.at = event.at
            self.started.set()


def bench_prompt_start(engine: EspeakEngine, work: Path) -> dict[str, object]:
    sink = work / "sink.py"
    sink.write_text(PACED_SINK)
    null_cmd = ["sox", "-q", "-t", "raw", "-e", "signed", "-b", "16", "-L", "-r", "{rate}"]
    null_cmd += ["-c", "{channels}", "-", "-t", "raw", "/dev/null"]
    paced_cmd = [sys.executable, str(sink), "{rate}"]
    results: dict[str, object] = {}
    cache = ClipCache(engine, work / "cache")
    starts = _Starts()
    keys = list(PROMPTS)
    cases = (("idle", null_cmd), ("interrupting", paced_cmd), ("cold", null_cmd))
    for case, cmd in cases:
        voice = VoiceService(
            cache,
            SubprocessPlayer(SubprocessPlayerOptions(cmd)),
            SpeechGuard(private_audio=False),
            prompts=PROMPTS,
            sensitive=lambda: SENSITIVE,
            listener=starts,
        )
        assert voice.warm_up().wait(60)
        lat: list[float] = []
        call: list[float] = []
        for i in range(SAYS_PER_CASE + 5):
            key, lang = keys[i % len(keys)], (Language.ZH, Language.EN)[i % 2]
            if case in ("idle", "cold"):
                voice.wait_idle(30)
                if case == "cold":
                    cache.clear()  # every say() is a cache miss: render, then play
            else:
                time.sleep(0.15)  # the previous prompt is mid-sentence
                assert i == 0 or voice.busy()
            starts.started.clear()
            t0 = time.monotonic()
            voice.say(key, lang)
            call.append((time.monotonic() - t0) * 1000)
            assert starts.started.wait(10), "prompt never started"
            if i >= 5:  # first few warm the page cache and the interpreter paths
                lat.append((starts.at - t0) * 1000)
        voice.close()
        results[f"prompt_start_{case}_ms"] = _median(lat)
        results[f"prompt_start_{case}_p90_ms"] = _pct(lat, 0.9)
        results[f"prompt_start_{case}_max_ms"] = round(max(lat), 3)
        results[f"say_call_{case}_ms"] = _median(call)
        results[f"say_call_{case}_max_ms"] = round(max(call), 3)
    return results


def main() -> int:
    engine = EspeakEngine()
    if not engine.available() or not shutil.which("sox"):
        print("needs espeak-ng and sox (Debian packages espeak-ng, sox)", file=sys.stderr)
        return 1
    render = bench_render(engine)
    with tempfile.TemporaryDirectory() as d:
        start = bench_prompt_start(engine, Path(d))
    idle = float(start["prompt_start_idle_ms"])  # type: ignore[arg-type]
    interrupting = float(start["prompt_start_interrupting_ms"])  # type: ignore[arg-type]
    headline = max(idle, interrupting)
    result: dict[str, object] = {
        "prompt_start_ms": headline,
        "render_ms": render["render_ms"],
        "target_prompt_start_ms": TARGET_PROMPT_START_MS,
        "meets_target": headline <= TARGET_PROMPT_START_MS,
        **start,
        **render,
        "samples_per_case": SAYS_PER_CASE,
        "engine": f"{engine.name} {engine.version}",
        "voices": {lang.value: engine.voice_id(lang) for lang in Language},
        "player": "sox to /dev/null (idle); real-time PCM sink process (interrupting)",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "speech.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    rows = [
        ("prompt_start_ms (median, warm cache, worse case)", headline, "target <= 150"),
        ("  idle", idle, f"p90 {start['prompt_start_idle_p90_ms']}"),
        ("  interrupting", interrupting, f"p90 {start['prompt_start_interrupting_p90_ms']}"),
        ("  cold cache (render + start)", start["prompt_start_cold_ms"], ""),
        ("render_ms (cache miss, median)", render["render_ms"], f"p90 {render['render_p90_ms']}"),
        ("  zh", render["render_zh_ms"], ""),
        ("  en", render["render_en_ms"], ""),
        ("  espeak-ng alone", render["espeak_ms"], ""),
        ("say() blocks its caller (median)", start["say_call_idle_ms"], ""),
    ]
    for label, value, note in rows:
        print(f"{label:<50} {float(value):8.2f} ms  {note}")  # type: ignore[arg-type]
    print(f"wrote {OUT / 'speech.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
