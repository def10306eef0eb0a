"""batch07: translations written from 07.txt."""

T = {
    "Compliance % for a metric over a period = achieved / (achieved + breached) among clocks that stopped in the period; running clocks are listed separately, never silently dropped.": "Cumprimento % de uma métrica num período = cumpridos / (cumpridos + incumpridos) entre os cronómetros que pararam no período; os cronómetros a contar são listados à parte, nunca descartados em silêncio.",
}
