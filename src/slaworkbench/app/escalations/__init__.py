"""Escalation rules at work: the plan of instants, firing, and what was fired."""
