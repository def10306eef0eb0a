"""pt_BR where the conversion of the pt_PT text (tools/i18n/brazil.py) is not how Brazil
says it."""

T = {
    "The system's language": "O idioma do sistema",
    "The report can be written for a reader abroad, in another language than the window's": (
        "O relatório pode ser escrito para um leitor no exterior, em outro idioma que não o da janela"
    ),
    "Language of the window, the reports and the messages:": (
        "Idioma da janela, dos relatórios e das mensagens:"
    ),
    "About SLA Workbench": "Sobre o SLA Workbench",
    "Print preview": "Visualizar impressão",
    "Preview…": "Visualizar…",
    "Preview": "Visualização",
    "Dashboard": "Painel",
    "Quit": "Sair",
    "Undo": "Desfazer",
    "Undo the last change": "Desfazer a última alteração",
    "Nothing to undo.": "Nada a desfazer.",
    "Nothing to undo: the ticket already has those values.": (
        "Nada a desfazer: o chamado já tem esses valores."
    ),
    "Submit": "Enviar",
    "Submit changes": "Enviar alterações",
    "Nothing to submit: change a field or write a reply first.": (
        "Nada a enviar: altere um campo ou escreva uma resposta primeiro."
    ),
    "Search tickets": "Pesquisar chamados",
    "Search subject, requester or ticket id (Ctrl+F)": (
        "Pesquisar assunto, solicitante ou id do chamado (Ctrl+F)"
    ),
    "Search “{text}”": "Pesquisar “{text}”",
    "Find": "Pesquisar",
    "Tags": "Tags",
    "Tags:": "Tags:",
    "Ta&gs": "Ta&gs",
    "Mine": "Meus",
    "name@example.com": "nome@exemplo.com.br",
    "e.g. Lisbon office": "ex.: Escritório de São Paulo",
    "Type to search, e.g. Lisbon": "Digite para pesquisar, ex.: Sao_Paulo",
    "Pick the time zone the working hours are in, e.g. Europe/Lisbon.": (
        "Escolha o fuso horário do horário de trabalho, ex.: America/Sao_Paulo."
    ),
    "09:00–18:00 Lisbon time": "09:00–18:00, horário de Lisboa",
    "09:00–18:00 Tokyo time": "09:00–18:00, horário de Tóquio",
    "Right-click to delete this filter": "Clique com o botão direito para excluir este filtro",
    (
        "Choose a file and press Check file: the whole file is read and checked, and you see "
        "what would be imported. Nothing is written until you press Import."
    ): (
        "Escolha um arquivo e clique em Verificar arquivo: o arquivo é lido e verificado por "
        "inteiro e você vê o que seria importado. Nada é gravado até você clicar em Importar."
    ),
}
