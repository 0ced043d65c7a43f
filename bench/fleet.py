"""Fleet reconnection: 1,000 kiosks with backlogs come back after a 10-minute outage.

A discrete-event simulation of the platform's request rate. The platform is down
for the first 600 s; after that it serves up to CAPACITY requests per second and
answers the excess with 503 + ``Retry-After``. Policies compared:

- ``agent``: what kiosk.sync does — exponential backoff with full jitter (base
  1 s, cap 300 s, using kiosk.sync.backoff.full_jitter itself), Retry-After
  honoured plus a little spread, 50-record batches once through;
  ``agent_cap_60s``: the same with a 60 s cap (faster recovery, higher peak);
- ``no_jitter``: the same exponential backoff without jitter (to show why jitter);
- ``naive``: fixed 5-second retries, Retry-After ignored, one record per request.

Writes bench/out/fleet.json with the peak request rate (per 1-s window) of each.
"""

from __future__ import annotations

import heapq
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.sync.backoff import full_jitter

KIOSKS = 1000
OUTAGE_S = 600.0
CAPACITY = 400  # requests the platform serves per second
RETRY_AFTER_S = 10.0
LATENCY_S = 0.05  # one exchange
BACKLOG = (20, 200)  # records per kiosk when the platform comes back
SEED = 1


@dataclass
class Kiosk:
    backlog: int
    failures: int = 0
    done_at: float | None = None


def simulate(policy: str, seed: int = SEED, cap_s: float = 300.0) -> dict[str, Any]:
    rng = random.Random(seed)
    kiosks = [Kiosk(rng.randint(*BACKLOG)) for _ in range(KIOSKS)]
    events: list[tuple[float, int]] = [(rng.uniform(0, 5), i) for i in range(KIOSKS)]
    heapq.heapify(events)
    per_second: Counter[int] = Counter()
    served: Counter[int] = Counter()
    rejected = 0
    while events:
        t, i = heapq.heappop(events)
        k = kiosks[i]
        second = int(t)
        per_second[second] += 1
        up = t >= OUTAGE_S
        accepted = up and served[second] < CAPACITY
        if accepted:
            served[second] += 1
            k.failures = 0
            k.backlog -= min(k.backlog, 1 if policy == "naive" else 50)
            if k.backlog == 0:
                k.done_at = t + LATENCY_S
                continue
            heapq.heappush(events, (t + LATENCY_S, i))
            continue
        if up:
            rejected += 1
        k.failures += 1
        if policy == "naive":
            delay = 5.0
        elif up and policy == "agent":  # a 503 with Retry-After
            delay = RETRY_AFTER_S + rng.uniform(0, 1.0)
        elif up:
            delay = RETRY_AFTER_S
        elif policy == "agent":
            delay = full_jitter(k.failures, 1.0, cap_s, rng)
        else:
            delay = min(cap_s, 2.0 ** (k.failures - 1))
        heapq.heappush(events, (t + LATENCY_S + delay, i))
    after = {s: n for s, n in per_second.items() if s >= OUTAGE_S}
    during = [per_second.get(s, 0) for s in range(int(OUTAGE_S))]
    done = [k.done_at for k in kiosks if k.done_at is not None]
    return {
        "peak_rps_after_recovery": max(after.values()),
        "peak_rps_during_outage_last_minute": max(during[-60:]),
        "mean_rps_during_outage_last_minute": round(sum(during[-60:]) / 60, 1),
        "requests_total": sum(per_second.values()),
        "rejected_after_recovery": rejected,
        "all_delivered_s_after_recovery": round(max(done) - OUTAGE_S, 1),
        "median_kiosk_drained_s_after_recovery": round(sorted(done)[len(done) // 2] - OUTAGE_S, 1),
    }


def main() -> None:
    out = {
        "kiosks": KIOSKS,
        "outage_s": OUTAGE_S,
        "platform_capacity_rps": CAPACITY,
        "backlog_per_kiosk": list(BACKLOG),
        "policies": {
            "agent": simulate("agent"),
            "agent_cap_60s": simulate("agent", cap_s=60.0),
            "no_jitter": simulate("no_jitter"),
            "naive": simulate("naive"),
        },
    }
    print(json.dumps(out, indent=2))
    outdir = Path(__file__).resolve().parent / "out"
    outdir.mkdir(exist_ok=True)
    (outdir / "fleet.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
