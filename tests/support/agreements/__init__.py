"""tests.support.agreements."""
