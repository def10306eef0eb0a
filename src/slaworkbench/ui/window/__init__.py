"""ui.window."""
