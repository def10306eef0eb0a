"""Service agreements: use cases (one write transaction each) and the statement data."""
