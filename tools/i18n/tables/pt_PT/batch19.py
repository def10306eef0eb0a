"""batch19: the trend's points of a day, week or month only partly inside the period."""

T = {
    "Hollow points: a {unit} only partly inside the period.": "Pontos vazios: {unit} que o período só abrange em parte.",
    "(only partly inside the period)": "(só em parte dentro do período)",
    "Only partly in the period": "Só em parte no período",
}
