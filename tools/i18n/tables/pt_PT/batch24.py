"""batch24: several tickets changed at once from the row menu."""

T = {
    "Assign {n} ticket to me": ("Atribuir {n} ticket a mim", "Atribuir {n} tickets a mim"),
    "Assign {n} ticket to me ({name})": (
        "Atribuir {n} ticket a mim ({name})",
        "Atribuir {n} tickets a mim ({name})",
    ),
    "Assign to": "Atribuir a",
    "Change several tickets": "Alterar vários tickets",
    "Copy {n} reference": ("Copiar {n} referência", "Copiar {n} referências"),
    "Export {n} ticket…": ("Exportar {n} ticket…", "Exportar {n} tickets…"),
    "Nothing changed: the selected tickets already have that.": (
        "Nada mudou: os tickets selecionados já têm esse valor."
    ),
    "Select the tickets to change first.": "Selecione primeiro os tickets a alterar.",
    "This cannot be undone: ticket #{id} changed since; reload it.": (
        "Não é possível anular: o ticket n.º {id} mudou entretanto; recarregue-o."
    ),
    "Undone: {n} ticket is back as it was.": (
        "Anulado: {n} ticket voltou ao que era.",
        "Anulado: {n} tickets voltaram ao que eram.",
    ),
    "{done}. Undo (Ctrl+Z) within {seconds} seconds.": (
        "{done}. Anular (Ctrl+Z) nos próximos {seconds} segundos."
    ),
    "{n} closed ticket is left out": (
        "{n} ticket fechado fica de fora",
        "{n} tickets fechados ficam de fora",
    ),
    "{n} ticket updated": ("{n} ticket atualizado", "{n} tickets atualizados"),
    "{updated} ({kept} had it already)": "{updated} ({kept} já o tinham)",
    "{tickets} · {n} selected": "{tickets} · {n} selecionados",
    "{review} What changed: {changes}": "{review} O que mudou: {changes}",
}
