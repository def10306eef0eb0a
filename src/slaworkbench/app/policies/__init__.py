"""app.policies."""
