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

from seatcast.catalog import Catalog
from seatcast.domain.ridings import RidingCode
from seatcast.forecast.projection import Forecaster
from seatcast.live.calls import RidingSubject
from seatcast.live.night import LiveNight, replay
from seatcast.live.plan import NightPlan, plan_night
from seatcast.live.replay import official_feed
from seatcast.live.status import LiveStatus, compare_official, current_status
from seatcast.live.synthetic import synthetic_feed

LATE = (24073, 10007, 35060)
CAT = Catalog.builtin()
E = CAT.election("2025")


def night(label: str, feed: list, tmp: Path, plan: NightPlan) -> LiveStatus:
    path = tmp / f"{label}.db"
    with LiveNight(path, E, plan=plan) as n:
        replay(n, feed)
    st = current_status(path, E, ridings=False)
    cmp = compare_official(path, E)
    calls = {c.subject.riding: c for c in st.calls if isinstance(c.subject, RidingSubject)}
    t = st.timing
    late = "/".join(str(calls[RidingCode(c)].stage)[:4] if c in calls else "-" for c in LATE)
    med = t.median_polls_reporting_at_call or 0.0
    largest = t.largest_party_call_time.isoformat() if t.largest_party_call_time else None
    gov = t.government_call_time.isoformat() if t.government_call_time else None
    print(f"{label:>9}  wrong {cmp.wrong_calls}  retractions {st.retractions}  "
          f"matches {cmp.matches_official!s:5}  late ridings {late}  "
          f"median polls at call {med:.1%}  "
          f"called in preliminary {t.called_during_preliminary_count:.1%}  "
          f"largest {largest}  government {gov}",
          flush=True)
    return st


def main(first: int = 1, last: int = 20) -> None:
    plan = plan_night(Forecaster(CAT), E, CAT.previous(E))
    snaps = CAT.snapshots(E.id)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        night("official", official_feed(E, snaps), tmp, plan)
        medians, prelim = [], []
        for seed in range(first, last + 1):
            st = night(f"seed {seed}", synthetic_feed(E, seed, snaps), tmp, plan)
            medians.append(st.timing.median_polls_reporting_at_call or 0.0)
            prelim.append(st.timing.called_during_preliminary_count)
        print(f"synthetic seeds {first}-{last}: median polls reporting at call "
              f"{min(medians):.1%}-{max(medians):.1%} (median {statistics.median(medians):.1%}); "
              f"called in the preliminary count {min(prelim):.1%}-{max(prelim):.1%}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
