"""Brazilian Portuguese from European Portuguese, where the two differ by vocabulary and
spelling alone (the translation tables hold pt_PT; ``tables/pt_BR`` overrides any entry
this conversion would not get right).

Word for word, keeping the case of the first letter: ficheiro → arquivo, ecrã → tela,
equipa → equipe, utilizador → usuário, registo → registro, guardar → salvar, eliminar →
excluir, contacto → contato, and the continuous "a carregar" → "carregando".
"""

from __future__ import annotations

import re

WORDS = {
    "pré-visualização": "visualização",
    "num": "em um",
    "numa": "em uma",
    "noutro": "em outro",
    "noutra": "em outra",
    "tem de": "tem que",
    "têm de": "têm que",
    "depois de o abrir": "depois que você o abriu",
    "depois de a abrir": "depois que você a abriu",
    "antes de o criar": "antes de criá-lo",
    "antes de a acrescentar": "antes de adicioná-la",
    "antes de a guardar": "antes de salvá-la",
    "antes de a enviar": "antes de enviá-la",
    "acrescentar": "adicionar",
    "acrescente": "adicione",
    "acrescenta": "adiciona",
    "acrescentado": "adicionado",
    "acrescentada": "adicionada",
    "acrescentados": "adicionados",
    "ticket": "chamado",
    "tickets": "chamados",
    "incumprimento": "descumprimento",
    "incumprimentos": "descumprimentos",
    "incumprido": "descumprido",
    "incumpridos": "descumpridos",
    "incumprida": "descumprida",
    "incumpridas": "descumpridas",
    "incumpriu": "descumpriu",
    "requerente": "solicitante",
    "Acerca do": "Sobre o",
    "percentagem": "porcentagem",
    "percentagens": "porcentagens",
    "monitorizado": "monitorado",
    "planeada": "planejada",
    "planeado": "planejado",
    "planeadas": "planejadas",
    "anular": "desfazer",
    "anulado": "desfeito",
    "anulada": "desfeita",
    "Anulado em": "Desfeito em",
    "submeter": "enviar",
    "Submeta": "Envie",
    "carregue em": "clique em",
    "carregar em": "clicar em",
    "Carregue de novo em": "Clique de novo em",
    "ainda a contar": "ainda contando",
    "cronómetro a contar": "cronômetro contando",
    "cronómetros a contar": "cronômetros contando",
    "dos ficheiros": "dos arquivos",
    "área de transferência": "área de transferência",
    "Restaurar": "Restaurar",
    "ecrã": "tela",
    "ligue": "vincule",
    "Ligue": "Vincule",
    "ligados": "vinculados",
    "ligar ou desligar": "ativar ou desativar",
    "desligar uma": "desativar uma",
    "desligada": "desativada",
    "Desligado.": "Desativado.",
    "Ligado.": "Ativado.",
    "utilização": "uso",
    "inquérito": "pesquisa",
    "inquéritos": "pesquisas",
    "a inquérito": "à pesquisa",
    "a inquéritos": "a pesquisas",
    "em baixo": "fora do ar",
    "Em baixo": "Fora do ar",
    "totalmente em baixo": "totalmente fora do ar",
    "de seguimento": "de acompanhamento",
    "liberte": "libere",
    "Feito com": "Feito com",
    "ficheiro de registo": "arquivo de log",
    "Ficheiro de registo": "Arquivo de log",
    "registo de eventos": "log de eventos",
    "Registo de eventos": "Log de eventos",
    "no ecrã": "na tela",
    "do ecrã": "da tela",
    "o ecrã": "a tela",
    "O ecrã": "A tela",
    "este ecrã": "esta tela",
    "ao ecrã": "à tela",
    "até ao": "até o",
    "até à": "até a",
    "pelo ecrã": "pela tela",
    "num ecrã": "numa tela",
    "um ecrã": "uma tela",
    "nos ecrãs": "nas telas",
    "os ecrãs": "as telas",
    "dos ecrãs": "das telas",
    "ecrã inteiro": "tela cheia",
    "ficheiro": "arquivo",
    "ficheiros": "arquivos",
    "ecrãs": "telas",
    "equipa": "equipe",
    "equipas": "equipes",
    "utilizador": "usuário",
    "utilizadores": "usuários",
    "registo": "registro",
    "registos": "registros",
    "registar": "registrar",
    "registado": "registrado",
    "registada": "registrada",
    "registados": "registrados",
    "registadas": "registradas",
    "regista": "registra",
    "guardar": "salvar",
    "guarda": "salva",
    "guardado": "salvo",
    "guardada": "salva",
    "guardados": "salvos",
    "guardadas": "salvas",
    "guarde": "salve",
    "eliminar": "excluir",
    "elimina": "exclui",
    "eliminado": "excluído",
    "eliminada": "excluída",
    "eliminados": "excluídos",
    "eliminadas": "excluídas",
    "elimine": "exclua",
    "contacto": "contato",
    "contactos": "contatos",
    "facto": "fato",
    "respetivo": "respectivo",
    "respetiva": "respectiva",
    "respetivos": "respectivos",
    "respetivas": "respectivas",
    "por omissão": "padrão",
    "receção": "recepção",
    "secção": "seção",
    "secções": "seções",
    "direção": "direção",
    "atual": "atual",
    "ativo": "ativo",
    "camião": "caminhão",
    "comboio": "trem",
    "telemóvel": "celular",
    "pequeno-almoço": "café da manhã",
    "sítio": "site",
    "rato": "mouse",
    "menu": "menu",
    "palavra-passe": "senha",
    "palavras-passe": "senhas",
    "definições": "configurações",
    "projeto": "projeto",
    "registe": "registre",
    "controlo": "controle",
    "controlos": "controles",
    "descarregar": "baixar",
    "aceder": "acessar",
    "acede": "acessa",
    "acedido": "acessado",
    "partilhar": "compartilhar",
    "partilhado": "compartilhado",
    "partilhada": "compartilhada",
    "ativar": "ativar",
    "gerir": "gerenciar",
    "gestão": "gerenciamento",
    "fuso horário": "fuso horário",
    "autocarro": "ônibus",
    "quilómetro": "quilômetro",
    "económico": "econômico",
    "anónimo": "anônimo",
    "anónimos": "anônimos",
    "génio": "gênio",
    "género": "gênero",
    "António": "Antônio",
    "Antónia": "Antônia",
    "fenómeno": "fenômeno",
    "polémica": "polêmica",
    "académico": "acadêmico",
    "idêntico": "idêntico",
    "topónimo": "topônimo",
    "electrónico": "eletrônico",
    "eletrónico": "eletrônico",
    "eletrónica": "eletrônica",
    "Eletrónico": "Eletrônico",
    "ténis": "tênis",
    "bebé": "bebê",
    "cómodo": "cômodo",
    "cénico": "cênico",
    "crónico": "crônico",
    "crónica": "crônica",
    "cronómetro": "cronômetro",
    "cronómetros": "cronômetros",
    "Cronómetro": "Cronômetro",
    "Cronómetros": "Cronômetros",
    "autónomo": "autônomo",
    "matinal": "matinal",
    "agónico": "agônico",
    "sinónimo": "sinônimo",
    "marcar": "marcar",
    "Anónimo": "Anônimo",
    "quotidiano": "cotidiano",
    "cancelar": "cancelar",
    "excepção": "exceção",
    "detetar": "detectar",
    "detetado": "detectado",
    "detetada": "detectada",
    "detetados": "detectados",
    "detetadas": "detectadas",
    "deteta": "detecta",
    "ótimo": "ótimo",
    "Ótimo": "Ótimo",
    "canadiano": "canadense",
    "canadiana": "canadense",
    "objetivo": "objetivo",
    "objetivos": "objetivos",
}

GERUND = re.compile(
    r"\b(está|estão|estava|estavam|esteja|continua|continuam|fica|ficam) a (\w+?)(ar|er|ir)\b"
)


PROGRESS = re.compile(r"^([Aa]) (?!qualquer\b)(\w+?)(ar|er|ir)\b")
"""A progress label, "A carregar o painel", "a calcular…": Brazil writes the gerund,
"Carregando o painel", "calculando…"."""
ELLIPSIS = re.compile(r"\b([Aa]) (\w+?)(ar|er|ir)…")
"""A progress phrase ending in an ellipsis inside a sentence, "… a calcular…"."""


def _gerund(match: re.Match[str]) -> str:
    verb = f"{match.group(2)}{match.group(3)[0]}ndo"
    return verb.capitalize() if match.group(1) == "A" else verb


def _case_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def brazilian(text: str) -> str:
    """The pt_BR wording of a pt_PT sentence."""
    if not text:
        return text
    capitalised = {k[:1].upper() + k[1:] for k in WORDS}
    keys = sorted(set(WORDS) | capitalised, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w{-])(" + "|".join(map(re.escape, keys)) + r")(?![\w}])")

    def swap(match: re.Match[str]) -> str:
        found = match.group(1)
        target = WORDS.get(found) or WORDS.get(found[:1].lower() + found[1:], found)
        return _case_like(found, target)

    text = pattern.sub(swap, text)
    text = PROGRESS.sub(_gerund, text)
    text = ELLIPSIS.sub(lambda m: _gerund(m) + "…", text)
    return GERUND.sub(lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)[0]}ndo", text)
