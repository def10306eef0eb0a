"""batch05: translations written from 05.txt."""

T = {
    "Custom period": "Período personalizado",
    "Last 12 months": "Últimos 12 meses",
    "Last 30 days": "Últimos 30 dias",
    "Last 90 days": "Últimos 90 dias",
    "This year": "Este ano",
    "a whole number": "um número inteiro",
    "empty (null)": "vazio (null)",
}
