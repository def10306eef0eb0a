"""app.tickets."""
