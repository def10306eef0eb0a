"""batch22: the ticket list's row menu."""

T = {
    "Assign to me": "Atribuir a mim",
    "Assign to me ({name})": "Atribuir a mim ({name})",
    "Choose who you are working as in the toolbar first": (
        "Escolha primeiro, na barra de ferramentas, como quem está a trabalhar"
    ),
    "Copy {reference}": "Copiar {reference}",
}
