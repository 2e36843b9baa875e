"""How early and how safely the calls come: the official replay and synthetic nights.

    .venv/bin/python benchmarks/live_calls.py [first_seed] [last_seed]

One line per night (official stages, then synthetic seeds, default 1-20): wrong calls,
retractions, whether the final state equals the official result riding by riding, the
stage at which the three ridings that changed hands after election night were called, the
median share of polls reporting when ridings were called, the share of ridings called by
the end of the preliminary count, and when the government calls came.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import seatcast
from seatcast.live.night import LiveNight, replay
from seatcast.live.replay import official_feed
from seatcast.live.status import compare_official, current_status
from seatcast.live.synthetic import synthetic_feed

LATE = (24073, 10007, 35060)


def night(label: str, feed: list, tmp: Path) -> dict:
    path = tmp / f"{label}.db"
    n = LiveNight(path, "2025")
    try:
        replay(n, feed)
    finally:
        n.close()
    st = current_status(path, ridings=False)
    st.update(compare_official(path, seatcast.load("2025")))
    calls = {c["subject"]: c for c in st["calls"]}
    t = st["timing"]
    late = "/".join(calls[str(c)]["stage"][:4] if str(c) in calls else "-" for c in LATE)
    print(f"{label:>9}  wrong {st['wrong_calls']}  retractions {st['retractions']}  "
          f"matches {st['matches_official']!s:5}  late ridings {late}  "
          f"median polls at call {t['median_polls_reporting_at_call']:.1%}  "
          f"called in preliminary {t['called_during_preliminary_count']:.1%}  "
          f"largest {t['largest_party_call_time']}  government {t['government_call_time']}",
          flush=True)
    return st


def main(first: int = 1, last: int = 20) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        night("official", official_feed("2025"), tmp)
        medians, prelim = [], []
        for seed in range(first, last + 1):
            st = night(f"seed {seed}", synthetic_feed("2025", seed), tmp)
            medians.append(st["timing"]["median_polls_reporting_at_call"])
            prelim.append(st["timing"]["called_during_preliminary_count"])
        print(f"synthetic seeds {first}-{last}: median polls reporting at call "
              f"{min(medians):.1%}-{max(medians):.1%} (median {statistics.median(medians):.1%}); "
              f"called in the preliminary count {min(prelim):.1%}-{max(prelim):.1%}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
