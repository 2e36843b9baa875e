"""The feed format: parsing, the reasons for rejecting a record, and the file readers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast.domain.parties import Party
from seatcast.domain.results import Stage
from seatcast.live.feed import (
    FeedError,
    Update,
    event_results_updates,
    parse_line,
    parse_update,
    read_jsonl,
)

GOOD = {"seq": 5, "time": "2025-04-28T21:47:10-04:00", "riding": 24073, "stage": "preliminary",
        "polls_reporting": 3, "polls_total": 200,
        "candidates": [{"name": "A", "party": "LPC", "votes": 10},
                       {"name": "B", "party": "BQ", "votes": 7}]}


GOOD_CANDIDATES: list[dict[str, object]] = GOOD["candidates"]  # type: ignore[assignment]


def with_(**kw: object) -> dict[str, object]:
    d = dict(GOOD)
    d.update(kw)
    return d


def test_parse_and_round_trip() -> None:
    u = parse_update(GOOD)
    assert u.stage is Stage.PRELIMINARY
    assert u.valid_votes == 17
    assert not u.complete
    assert u.candidates[1].party is Party.BQ
    assert parse_line(u.line()) == u
    assert u.digest() == parse_line(json.dumps(GOOD)).digest()


@pytest.mark.parametrize(("record", "reason"), [
    ("{nope", "not JSON"),
    ("[1, 2]", "a record must be a JSON object, not list"),
    (json.dumps(with_(seq=0)), "'seq' must be positive"),
    (json.dumps(with_(seq="7")), "'seq' must be a whole number, not '7'"),
    (json.dumps(with_(riding=123)), "riding 123 is not a 5-digit district number"),
    (json.dumps(with_(riding=99999)), "riding 99999 is not on this election's map"),
    (json.dumps(with_(time="yesterday")), "'time' 'yesterday' is not an ISO 8601 timestamp"),
    (json.dumps(with_(time="2025-04-28T21:00:00")), "has no UTC offset"),
    (json.dumps(with_(time="0001-01-01T00:00:00+05:00")), "is outside the years 1900-2199"),
    (json.dumps(with_(time="9999-12-31T23:59:59-05:00")), "is outside the years 1900-2199"),
    (json.dumps(with_(time="2025-04-28T21:00:00" + "0" * 60 + "-04:00")),
     "is not an ISO 8601 timestamp"),
    (json.dumps(with_(stage="final")), "unknown stage 'final'"),
    (json.dumps(with_(polls_reporting=300)), "300 polls reporting out of 200"),
    (json.dumps(with_(polls_total=None)), "must both be given or both null"),
    (json.dumps(with_(candidates=[])), "'candidates' must be a non-empty list"),
    (json.dumps(with_(candidates=[{"name": "A", "party": "XYZ", "votes": 1}])),
     "unknown party 'XYZ' for A"),
    (json.dumps(with_(candidates=[{"name": "A", "party": "LPC", "votes": -4}])),
     "'votes' is negative (-4)"),
    (json.dumps(with_(candidates=[{"name": "A", "party": "LPC", "votes": 1},
                                  {"name": "A", "party": "LPC", "votes": 2}])),
     "candidate 'A' (LPC) listed twice"),
    (json.dumps(with_(extra=1)), "unknown field(s) extra"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "time"}), "missing 'time'"),
])
def test_malformed_records_are_rejected_with_their_reason(record: str, reason: str) -> None:
    with pytest.raises(FeedError) as ei:
        parse_line(record, ridings={24073})
    assert reason in str(ei.value)


def test_times_are_instants_whatever_their_offset() -> None:
    """The same moment written -04:00 or Z is the same time, on the same feed day (the
    chunks of a feed split on days: they must not split on how an offset is written)."""
    a = parse_update(with_(time="2025-04-28T23:30:00-04:00"))
    b = parse_update(with_(time="2025-04-29T03:30:00Z"))
    assert a.time == b.time
    assert a.day == b.day == dt.date(2025, 4, 28)
    assert b.line() != a.line()  # each keeps the offset it was written with
    assert parse_update(with_(time="2025-04-29T00:30:00-04:00")).day == dt.date(2025, 4, 29)


def test_two_candidates_may_share_a_name() -> None:
    # Beauce 2019: Maxime Bernier (PPC) and a Rhinoceros candidate of the same name
    u = parse_update(with_(candidates=[{"name": "Maxime Bernier", "party": "PPC", "votes": 5},
                                       {"name": "Maxime Bernier", "party": "OTH", "votes": 1}]))
    assert u.votes_of() == {("Maxime Bernier", Party.PPC): 5, ("Maxime Bernier", Party.OTH): 1}


def test_read_jsonl_leaves_a_half_written_line_for_later(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    line = json.dumps(GOOD)
    p.write_text(line + "\n\n" + line[:20], encoding="utf-8")
    raws, ends = read_jsonl(p)
    assert [r.line for r in raws] == [1]
    assert ends == [len(line) + 1]
    with p.open("a", encoding="utf-8") as f:
        f.write(line[20:] + "\n")
    more, ends2 = read_jsonl(p, ends[0])
    assert [(r.line, r.text) for r in more] == [(3, line)]
    assert ends2 == [p.stat().st_size]


EC_HEADER = ("Electoral district number - Numéro de la circonscription\tElectoral district name\t"
             "Nom de la circonscription\tType of results*\tType de résultats**\tSurname - Nom de "
             "famille\tMiddle name(s) - Autre(s) prénom(s)\tGiven name - Prénom\tPolitical "
             "affiliation\tAppartenance politique\tVotes obtained - Votes obtenus\t% Votes "
             "obtained - Votes obtenus %\tRejected ballots - Bulletins rejetés***\tTotal number "
             "of ballots cast - Nombre total de votes déposés")


def _ec_file(path: Path, stamp: str, rows: list[tuple[str, str, int, int, int]]) -> None:
    lines = [f"These results were downloaded and refreshed on {stamp} ET. / Ces résultats",
             EC_HEADER]
    for stage, name, votes, rejected, total in rows:
        lines.append(f"24073\tTerrebonne\tTerrebonne\t{stage}\t{stage}\t{name}\t\t{name}\t"
                     f"Liberal\tLibéral\t{votes}\t50.0\t{rejected}\t{total}")
    lines.append("* footnote")
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")


def test_event_results_download_becomes_records(tmp_path: Path) -> None:
    p = tmp_path / "ec.tsv"
    _ec_file(p, "April 29, 2025 at 1:05 a.m.", [("preliminary", "Auguste", 100, 0, 100),
                                                 ("validated", "Auguste", 104, 2, 106)])
    ups = event_results_updates(p)
    assert [(u.stage, u.valid_votes, u.polls_total) for u in ups] == [
        (Stage.PRELIMINARY, 100, None), (Stage.VALIDATED, 104, None)]
    assert ups[0].time.isoformat() == "2025-04-29T01:05:00-04:00"
    assert ups[0].seq < ups[1].seq
    # a later download supersedes; the same download again gives the same records
    assert event_results_updates(p) == ups
    _ec_file(p, "May 2, 2025 at 3:56 p.m.", [("validated", "Auguste", 104, 2, 106)])
    assert event_results_updates(p)[0].seq > ups[1].seq


# -- the fast paths: the usual record parsed and written in one pass, the same as the checks --

_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**64 + 3),
                    st.sampled_from([0, 1, 10000, 99999, 24073, 2**63 - 1, 2**63]),
                    st.floats(allow_nan=True), st.text(max_size=8),
                    st.sampled_from(["preliminary", "validated", "judicially certified",
                                     "official", "final", "LPC", "BQ", "XYZ", "",
                                     "2025-04-28T21:47:10-04:00", "2025-04-28T21:47:10Z",
                                     "2025-04-28T21:47:10", "\ud800", " "]),
                    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                        st.integers(), max_size=2))


@st.composite
def near_records(draw: st.DrawFn) -> object:
    """Records like the feed's, with a few fields changed, dropped or added."""
    rec = json.loads(json.dumps(GOOD))
    rec["candidates"] += draw(st.lists(st.fixed_dictionaries(
        {"name": st.text(max_size=6), "party": st.sampled_from(["LPC", "CPC", "NDP", "OTH"]),
         "votes": st.integers(0, 10**6)}), max_size=3))
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["record", "candidate", "candidates"]))
        got = rec.get("candidates")
        cands = [c for c in got if isinstance(c, dict)] if isinstance(got, list) else []
        where = (rec if target == "record"
                 else draw(st.sampled_from(cands)) if target == "candidate" and cands else None)
        if where is None:
            rec["candidates"] = draw(st.sampled_from([[], None, "x", [1], cands * 2]))
            continue
        key = draw(st.sampled_from([*where.keys(), "extra"]))
        if draw(st.booleans()):
            where[key] = draw(_VALUES)
        else:
            where.pop(key, None)
    return draw(st.one_of(st.just(rec), _VALUES)) if draw(st.integers(0, 9)) == 0 else rec


_EDGES: list[object] = [
    None, True, False, -1, 0, 1, 3, 200, 10000, 24073, 99999, 100000, 2**63 - 1, 2**63, 1.0,
    float("nan"), "", " ", "\t", "A", "LPC", "XYZ", "7", "preliminary", "validated",
    "judicially certified", "official", "final", "2025-04-28T21:47:10-04:00",
    "2025-04-29T01:47:10Z", "2025-04-28T21:47:10", "yesterday", "\ud800", "Zoë", [], [1], {}]


def _single_changes() -> list[object]:
    """GOOD with one field (of the record or of a candidate) set to each edge value, dropped,
    or joined by an unknown field."""
    out: list[object] = []
    for key in [*GOOD, "extra"]:
        out.append({k: v for k, v in GOOD.items() if k != key})
        out += [with_(**{key: v}) for v in _EDGES]
    for key in ["name", "party", "votes", "extra"]:
        for v in [*_EDGES, "missing"]:
            cand = {"name": "C", "party": "NDP", "votes": 4}
            if v == "missing":
                cand.pop(key, None)
            else:
                cand[key] = v
            out.append(with_(candidates=[*GOOD_CANDIDATES, cand]))
    out.append(with_(candidates=GOOD_CANDIDATES * 2))
    return out


def _fast_and_slow(text: str, ridings: frozenset[int] | None) -> tuple[object, object]:
    """The one-pass parse of a line (None: passed on) and what the standard library's
    decoder and the field by field checks make of it (an Update or the rejection)."""
    from seatcast.live.feed import _parse_line, _plain_line

    return _plain_line(text, ridings), _outcome(_parse_line, text, ridings)


def _same(fast: object, slow: object) -> None:
    assert fast is None or fast == slow, (fast, slow)
    if fast is not None:
        assert isinstance(fast, Update)
        assert isinstance(slow, Update)
        assert (fast.time.isoformat(), fast.day) == (slow.time.isoformat(), slow.day)


def test_the_one_pass_parse_is_the_checks_field_by_field() -> None:
    """Each field of a record set to each edge value: the one-pass parse gives what the
    field by field checks give, or passes the record to them."""
    accepted = 0
    for obj in _single_changes():
        for ridings in (None, frozenset({24073})):
            fast, slow = _fast_and_slow(json.dumps(obj), ridings)
            _same(fast, slow)
            assert fast is not None or isinstance(slow, tuple), obj  # only faults go on
            accepted += fast is not None
    assert accepted > 50


def _outcome(f: object, *args: object) -> object:
    try:
        return f(*args)  # type: ignore[operator]
    except FeedError as e:
        return ("rejected", str(e))


#: Bits of text slipped into a record's line: JSON that Python's decoder and msgspec
#: might read differently (numbers, escapes, control characters, a BOM, repeated keys).
_SNIPPETS = ["", " ", ",", "}", "]", "{", '"', "\\", "NaN", "Infinity", "-", "0", ".0", "e2",
             "E+1", "\\ud800", "\\udc00", "\\u00e9", "\t", "\n", "\x00", "\x7f",
             "\u2028", "\ufeff", "\ud800", '"seq":1,', '"votes":2,', '"x":1,', "null", "true",
             "//", "'", "\xa0", "9" * 25]


@settings(max_examples=400)
@given(near_records(), st.sampled_from([None, frozenset({24073}), frozenset({10001})]),
       st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_SNIPPETS)), max_size=2))
def test_the_one_pass_parse_is_the_checks(obj: object, ridings: frozenset[int] | None,
                                          edits: list[tuple[int, str]]) -> None:
    """Whatever a line holds, the one-pass parse either gives the `Update` the standard
    decoder and the field by field checks give, or passes it to them (it never accepts
    what they reject)."""
    text = json.dumps(obj, ensure_ascii=False)
    for at, bit in edits:
        at = min(at, len(text))
        text = text[:at] + bit + text[at:]
    _same(*_fast_and_slow(text, ridings))


@settings(max_examples=300)
@given(st.lists(st.tuples(st.text(), st.sampled_from(list(Party)), st.integers(0, 2**63 - 1)),
                min_size=1, max_size=4),
       st.integers(1, 2**63 - 1), st.sampled_from([None, (0, 0), (3, 200)]),
       st.sampled_from(["2025-04-28T21:47:10-04:00", "2025-04-29T01:47:10.250000Z",
                        "2025-04-28T21:47:10+05:30"]),
       st.sampled_from(sorted(Stage, key=str)))
def test_the_canonical_line_is_the_encoders(cands: list[tuple[str, Party, int]], seq: int,
                                            polls: tuple[int, int] | None, time: str,
                                            stage: Stage) -> None:
    """The canonical line written field by field is byte for byte the JSON encoder's, for
    any name (quotes, backslashes, control characters, any script)."""
    from seatcast.live.feed import _ENCODER, FeedCandidate

    u = Update(seq, dt.datetime.fromisoformat(time), 24073, stage,  # type: ignore[arg-type]
               polls[0] if polls else None, polls[1] if polls else None,
               tuple(FeedCandidate(n, p, v) for n, p, v in cands))
    assert u.line() == _ENCODER.encode(u.to_json())


@settings(max_examples=300)
@given(near_records(), st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_SNIPPETS)),
                                max_size=2))
def test_a_prepared_record_carries_its_canonical_line_and_digest(
        obj: object, edits: list[tuple[int, str]]) -> None:
    """However a line is written (spacing, escapes, a time in another spelling), the record
    `prepare` makes of it carries the canonical line of its update and that line's digest
    (msgspec writes the usual one; the encoder any other)."""
    from seatcast.live.feed import RawRecord, Record, digest_of, prepare

    text = json.dumps(obj, ensure_ascii=bool(edits))
    for at, bit in edits:
        at = min(at, len(text))
        text = text[:at] + bit + text[at:]
    rec = prepare(RawRecord("t", 1, text), "t")
    if isinstance(rec, Record):
        assert rec.text == rec.update.line()
        assert rec.digest == digest_of(rec.update.line())


def test_msgspec_escapes_every_code_point_as_the_standard_encoder() -> None:
    """The canonical line of the usual record is written by msgspec: it must escape every
    character as ``json``'s encoder with ``ensure_ascii=False`` does (both escape character
    by character, so one string of every code point but the surrogates shows it)."""
    import msgspec

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert msgspec.json.encode(every).decode() == json.encoder.encode_basestring(every)
    assert msgspec.json.encode([0, 1, 2**63 - 1, None]) == b"[0,1,9223372036854775807,null]"
