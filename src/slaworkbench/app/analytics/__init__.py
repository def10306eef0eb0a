"""app.analytics."""
