"""batch18: the window that says what opening a workspace waits for."""

T = {
    "Opening the workspace": "A abrir o espaço de trabalho",
    "the team server": "o servidor da equipa",
    "{name} ({size})": "{name} ({size})",
    "Checking the workspace before opening it": "A verificar o espaço de trabalho antes de o abrir",
    "{what} changed since SLA Workbench last closed it (it was copied, restored, opened by another program or not closed properly), so every page is read once to make sure it is whole. Cancel closes the program and leaves the file as it is.": "{what} mudou desde que o SLA Workbench o fechou pela última vez (foi copiado, restaurado, aberto por outro programa ou não foi fechado corretamente), por isso cada página é lida uma vez para confirmar que está íntegro. Cancelar fecha o programa e deixa o ficheiro como está.",
    "Backing up the workspace before upgrading it": "A fazer uma cópia de segurança do espaço de trabalho antes de o atualizar",
    "{what} was written by an earlier version of SLA Workbench. A copy is kept beside it before it is upgraded.": "{what} foi escrito por uma versão anterior do SLA Workbench. É guardada uma cópia ao lado dele antes de ser atualizado.",
    "Upgrading the workspace to this version": "A atualizar o espaço de trabalho para esta versão",
    "{what} is upgraded in one transaction: if the upgrade is interrupted, the file stays as it was and the backup beside it is whole.": "{what} é atualizado numa só transação: se a atualização for interrompida, o ficheiro fica como estava e a cópia de segurança ao lado dele está íntegra.",
    "Opening {what}…": "A abrir {what}…",
}
