"""batch06: translations written from 06.txt."""

T = {
    "As the window": "Como a janela",
    "Language": "Idioma",
    "Language of the window, the reports and the messages:": "Idioma da janela, dos relatórios e das mensagens:",
    "Language…": "Idioma…",
    "The language changes when SLA Workbench is next started.": "O idioma muda quando o SLA Workbench for iniciado de novo.",
    "The new language is used when SLA Workbench is next started.": "O novo idioma é usado quando o SLA Workbench for iniciado de novo.",
    "The report can be written for a reader abroad, in another language than the window's": "O relatório pode ser escrito para um leitor no estrangeiro, noutro idioma que não o da janela",
}
