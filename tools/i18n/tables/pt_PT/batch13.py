"""batch13: the import's reading process and the open-ticket recompute (issue #16)."""

T = {
    "Nothing was imported: the process reading the file ended unexpectedly (exit code {code}); try again.": "Nada foi importado: o processo que lia o ficheiro terminou inesperadamente (código de saída {code}); tente de novo.",
    "The clocks of {n} other open ticket were up to date.": (
        "Os cronómetros de mais {n} ticket aberto estavam em dia.",
        "Os cronómetros de mais {n} tickets abertos estavam em dia.",
    ),
}
