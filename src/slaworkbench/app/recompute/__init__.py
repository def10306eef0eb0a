"""app.recompute."""
