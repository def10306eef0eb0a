"""ui.importing."""
