"""batch25: the dashboard's period without clocks offers the one with them."""

T = {
    "No SLA clock stopped in this period. In this workspace they stopped from {first} to "
    "{last}.": (
        "Nenhum cronómetro SLA parou neste período. Neste espaço de trabalho pararam de "
        "{first} a {last}."
    ),
    "&Show that period": "&Mostrar esse período",
}
