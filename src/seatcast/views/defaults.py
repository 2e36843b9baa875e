"""Defaults every face shares, defined once (numbers of simulations)."""

#: Simulated elections when a request does not say (CLI and web alike).
DEFAULT_SIMS = 20_000
#: Simulated elections of a backtest, per model.
BACKTEST_SIMS = 20_000
#: Simulated elections of the coalition odds.
COALITION_SIMS = 10_000
