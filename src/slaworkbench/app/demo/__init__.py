"""app.demo."""
