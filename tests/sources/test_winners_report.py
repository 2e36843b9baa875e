"""Cross-check: the built-in 2025 results against Elections Canada's separate winners report.

The report names districts (no numbers) and gives winner, runner-up, valid votes and margin;
it is an independent publication, so agreement on all 343 rows checks the importer and the
final-stage rule (judicially certified, else validated).
"""

from __future__ import annotations

from pathlib import Path

import seatcast
from seatcast.sources.affiliations import party_of
from seatcast.sources.elections_canada import read_winners_report


def test_every_riding_agrees_with_the_winners_report(raw_data: Path) -> None:
    rows = read_winners_report(raw_data / "2025/ca_ge45_preliminary_districts_2025-06-13.tsv")
    e = seatcast.load("2025")
    assert len(rows) == 343
    seen = set()
    for row in rows:
        riding = e.map.find(row.name)
        seen.add(riding.code)
        r = e.result(riding.code)
        assert r.runner_up is not None
        got = (r.winner.name, r.winner.party, r.winner.votes, r.runner_up.votes, r.valid_votes, r.margin)
        want = (row.winner, party_of(row.winner_affiliation), row.winner_votes, row.runner_up_votes,
                row.valid_votes, row.margin)
        assert got == want, (row.line, row.name)
        assert (r.stage.value == "judicially certified") == row.recount == row.status.startswith("Judicially")
    assert len(seen) == 343
