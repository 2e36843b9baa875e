"""One answer per question: typed requests in, frozen views out, rendered by every face.

Each module answers one question (an election's result, a riding, the House on a date, a
forecast, a backtest, a what-if, coalitions, election night, a fact-check) with a pure
function from domain objects (a `seatcast.catalog.Catalog`, a `Forecaster`) and a typed
request, validated once, to a frozen dataclass.  The CLI's ``--json`` and the web page's
JSON twin are that dataclass serialized (`seatcast.serialize.to_jsonable`); the Rich table
and the HTML template read its fields.  So a number cannot differ between faces.
"""
