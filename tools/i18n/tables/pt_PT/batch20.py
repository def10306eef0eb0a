"""batch20: File › Export tickets…"""

T = {
    "Export tickets…": "Exportar tickets…",
    "Export tickets": "Exportar tickets",
    "Exporting tickets": "A exportar tickets",
    "The tickets of the view shown, with their SLA results, as a CSV file": (
        "Os tickets da vista mostrada, com os resultados de SLA, num ficheiro CSV"
    ),
}
