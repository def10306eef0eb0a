"""batch13: the import's reading process (issue #16)."""

T = {
    "Nothing was imported: the process reading the file ended unexpectedly (exit code {code}); try again.": "Nada foi importado: o processo que lia o ficheiro terminou inesperadamente (código de saída {code}); tente de novo.",
}
