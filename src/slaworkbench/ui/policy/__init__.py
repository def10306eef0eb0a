"""SLA policy and business-calendar editing: the "Policies & calendars" tab and its dialogs.

``workspace_widget.PolicyWorkspaceWidget`` is the tab the main window shows.
"""
