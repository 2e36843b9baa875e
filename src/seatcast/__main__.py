"""`python -m seatcast`: the same command line as the `seatcast` script."""

from seatcast.cli import run

run()
