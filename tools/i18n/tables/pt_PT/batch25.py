"""batch25: the dashboard's period without clocks offers the one with them; an agreement
with a customer not known yet."""

T = {
    "No SLA clock stopped in this period. In this workspace they stopped from {first} to {last}.": (
        "Nenhum cronómetro SLA parou neste período. Neste espaço de trabalho pararam de "
        "{first} a {last}."
    ),
    "&Show that period": "&Mostrar esse período",
    "Pick or type the customer's name": "Escolha ou escreva o nome do cliente",
    "Did you mean {existing}? Press Save agreement again to add “{name}” as a new customer.": (
        "Queria dizer {existing}? Carregue de novo em Guardar acordo para acrescentar "
        "“{name}” como novo cliente."
    ),
    "“{name}” is not a customer yet. Press Save agreement again to add it as a new customer.": (
        "“{name}” ainda não é cliente. Carregue de novo em Guardar acordo para o acrescentar "
        "como novo cliente."
    ),
    "No agreement yet. Fill in the form beside: pick the customer, or type the name of a "
    "new one, and save.": (
        "Ainda não há acordos. Preencha o formulário ao lado: escolha o cliente, ou escreva o "
        "nome de um novo, e guarde."
    ),
    "Other agent…": "Outro agente…",
    "Other team…": "Outra equipa…",
    "Agent:": "Agente:",
}
