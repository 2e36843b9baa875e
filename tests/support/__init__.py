"""Helpers the tests import (plain modules: no test imports anything from a conftest)."""
