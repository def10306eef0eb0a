"""batch16: a demo's drafting process that ended before the demo was written."""

T = {
    "The demo was not written: the process drawing its tickets ended unexpectedly (exit code {code}); try again.": "Os tickets de demonstração não foram escritos: o processo que os gerava terminou inesperadamente (código de saída {code}); tente de novo.",
}
