"""ui.alerts."""
