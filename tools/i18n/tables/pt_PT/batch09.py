"""batch09: the names of the ticket fields an import refusal names ("tem um campo {what}")."""

T = {
    "id": "id",
    "subject": "assunto",
    "requester": "requerente",
    "customer tier": "nível do cliente",
    "team": "equipa",
    "assignee": "responsável",
    "category": "categoria",
    "channel": "canal",
    "event author": "autor do evento",
    "changed field": "nome do campo alterado",
    "event value": "valor do evento",
    "tag": "etiqueta",
}
