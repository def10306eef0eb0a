"""batch20: File › Export tickets…"""

T = {
    "Export tickets…": "Exportar tickets…",
    "Export tickets": "Exportar tickets",
    "Exporting tickets": "A exportar tickets",
    "Every ticket with its SLA results, one row each, as a CSV file": (
        "Todos os tickets com os resultados de SLA, uma linha cada, num ficheiro CSV"
    ),
}
