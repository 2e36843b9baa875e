"""The domain: parties, places, ridings and results as frozen, typed values. No I/O here."""
