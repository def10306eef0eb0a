"""tests.support.policy."""
