"""batch26: "Working as" names nobody until the user picks their name; the agreement's
rules as tables."""

T = {
    "Choose your name": "Escolha o seu nome",
    "{tickets} · choose your name in “Working as” to see yours": (
        "{tickets} · escolha o seu nome em “A trabalhar como” para ver os seus"
    ),
    "% of the fee": "% da mensalidade",
    "Add": "Acrescentar",
    "Add a rule to {table}": "Acrescentar uma regra a {table}",
    "Availability target": "Objetivo de disponibilidade",
    "Credit": "Crédito",
    "Credit below it": "Crédito abaixo dele",
    "Monthly cap": "Limite mensal",
    "Remove": "Remover",
    "Remove the selected rule of {table}": "Remover a regra selecionada de {table}",
    "The credit owed when a month's availability is below a level, as “below = credit”, "
    "several separated by “;”: {example}": (
        "O crédito devido quando a disponibilidade de um mês fica abaixo de um nível, como "
        "“abaixo de = crédito”, vários separados por “;”: {example}"
    ),
    "Unit": "Unidade",
    "e.g. Customer portal": "p. ex. Portal do cliente",
    "in the fee's currency": "na moeda da mensalidade",
    "no cap": "sem limite",
    "write each tier as “availability below = credit”, e.g. {example}.": (
        "escreva cada escalão como “disponibilidade abaixo de = crédito”, p. ex. {example}."
    ),
    "{box}, row {row}: {problem}": "{box}, linha {row}: {problem}",
    "A share of the monthly fee": "Uma parte da mensalidade",
    "Clocks stopped in the day": "Cronómetros parados no dia",
    "Clocks stopped in the week": "Cronómetros parados na semana",
    "Clocks stopped in the month": "Cronómetros parados no mês",
    "Answers given in the day": "Respostas dadas no dia",
    "Answers given in the week": "Respostas dadas na semana",
    "Answers given in the month": "Respostas dadas no mês",
    "give the credit, above 0 (or remove the row).": "indique o crédito, acima de 0 (ou remova a linha).",
    "1 ticket × {per} = {raw}": "1 ticket × {per} = {raw}",
    "{computation}, capped at {cap}": "{computation}, com limite de {cap}",
    "{metric} breached, priority {priority}: {basis} per ticket{cap}": (
        "{metric} incumprida, prioridade {priority}: {basis} por ticket{cap}"
    ),
    "End of report.": "Fim do relatório.",
    "No business time has counted yet.": "Ainda não contou tempo útil.",
    "No events yet.": "Ainda não há eventos.",
    "promoters {p} · passives {a} · detractors {d}": (
        "promotores {p} · passivos {a} · detratores {d}"
    ),
    "running": "a contar",
}
