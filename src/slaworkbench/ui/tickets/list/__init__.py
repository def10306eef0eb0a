"""slaworkbench.ui.tickets.list."""
