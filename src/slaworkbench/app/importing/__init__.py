"""app.importing."""
