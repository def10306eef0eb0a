"""slaworkbench.ui.tickets.detail."""
