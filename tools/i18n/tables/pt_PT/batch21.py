"""batch21: the built-in calendar's note on the form."""

T = {
    "Built in: every hour of every day, in UTC. It cannot be changed; for other hours, make a new calendar.": (
        "Incorporado: todas as horas de todos os dias, em UTC. Não pode ser alterado; "
        "para outro horário, crie um novo calendário."
    ),
}
