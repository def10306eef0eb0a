"""ui.tickets."""
