"""SLA policy and business-calendar editing: the "Policies & calendars" tab and its dialogs.

``PolicyWorkspaceWidget(workspace, task_runner)`` is the tab the main window shows.
"""

from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget

__all__ = ["PolicyWorkspaceWidget"]
