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
    "A cycle counts for every agent who held the running clock; median and P90 are of the business time each held.": "Um ciclo conta para cada agente que estava com o cronômetro em andamento; a mediana e o P90 são do tempo útil em que cada um ficou com ele.",
    "Against the goals of “{agreement}”: {parts}.": "Em relação aos objetivos de “{agreement}”: {parts}.",
    "Connect": "Conectar",
    "Connect to team server": "Conectar ao servidor da equipe",
    "Connect to team server…": "Conectar ao servidor da equipe…",
    "Database": "Banco de dados",
    "Enter the server's address and the database's name.": "Informe o endereço do servidor e o nome do banco de dados.",
    "No keyring is available: the password will be asked at each start.": "Nenhum chaveiro está disponível: a senha será pedida a cada inicialização.",
    "No team server answers at {host} port {port}; check the address and that the server is running, then try again.": "Nenhum servidor da equipe responde em {host}, porta {port}; verifique o endereço e se o servidor está em execução, depois tente de novo.",
    "Nothing was imported: the {what} of ticket “{case}” has {length} characters, more than the {limit} a workspace keeps; shorten it in the file and import again.": "Nada foi importado: o chamado “{case}” tem um campo {what} com {length} caracteres, mais do que os {limit} que um espaço de trabalho armazena; encurte-o no arquivo e importe de novo.",
    "OLA cycles that stopped in the period: the time a ticket spent with a team, in business time of that team's calendar. Click a Stopped or Breached number to see its tickets.": "Ciclos de OLA que pararam no período: o tempo que um chamado passou com uma equipe, em tempo útil do calendário dessa equipe. Clique em um número de Parados ou Descumpridos para ver os chamados correspondentes.",
    "Remember the password in this computer's keyring": "Lembrar a senha no chaveiro deste computador",
    "Roles and logins live on a PostgreSQL server; a workspace file has one local user with every role.": "Funções e logins ficam em um servidor PostgreSQL; um arquivo de espaço de trabalho tem um único usuário local com todas as funções.",
    "The database {where} holds tables but not an SLA Workbench workspace; choose another database. Nothing was changed.": "O banco de dados {where} contém tabelas, mas não um espaço de trabalho do SLA Workbench; escolha outro banco de dados. Nada foi alterado.",
    "The database {where} is empty: it holds no workspace yet. Initialise it as a new, empty workspace?": "O banco de dados {where} está vazio: ainda não contém nenhum espaço de trabalho. Inicializá-lo como um espaço de trabalho novo e vazio?",
    "The server refused this for your login; ask an admin for a role that may do it. Nothing was changed.": "O servidor recusou esta operação para o seu login; peça a um administrador uma função que a permita. Nada foi alterado.",
    "The server {server} has no database called {database}; check the name, or ask its administrator to create it.": "O servidor {server} não tem nenhum banco de dados chamado {database}; verifique o nome ou peça ao administrador do servidor que o crie.",
    "The team server cannot be reached — retrying; nothing you saved is lost.": "Não é possível acessar o servidor da equipe — tentando de novo; nada do que você salvou foi perdido.",
    "The workspace on {where} was written by a newer SLA Workbench (revision {revision}); install the newer version to connect. Nothing was changed.": "O espaço de trabalho em {where} foi gravado por um SLA Workbench mais recente (revisão {revision}); instale a versão mais recente para se conectar. Nada foi alterado.",
    "{name} can now log in as a {role}.": "{name} agora pode fazer login como {role}.",
    "{what} was changed by someone else since you opened it — reload? Nothing was overwritten.": "Outra pessoa alterou {what} desde que você começou a editar — recarregar? Nada foi sobrescrito.",
    "{what} was changed by {who} at {when} — reload? Nothing was overwritten.": "{who} alterou {what} em {when} — recarregar? Nada foi sobrescrito.",
    "{where} is not empty (it holds {count} tables, e.g. {example}); a workspace is only moved into an empty database. Nothing was changed.": "{where} não está vazio (contém {count} tabelas, p. ex. {example}); um espaço de trabalho só pode ser movido para um banco de dados vazio. Nada foi alterado.",
    "“{name}” cannot be a login name: use letters, digits, dots, dashes and underscores, starting with a letter.": "“{name}” não pode ser um nome de login: use letras, dígitos, pontos, hífens e sublinhados, começando por uma letra.",
    "The time a ticket spends with the team, from its assignment to the team until it leaves the team or is solved, in business time of this calendar; the SLA policy's pause statuses pause it. Targets like 4h or 1d 2h. The calendar's hours are edited in the Calendars tab.": "O tempo que um chamado passa com a equipe, desde que é atribuído a ela até sair da equipe ou ser resolvido, em tempo útil deste calendário; os estados de pausa da política de SLA o pausam. Objetivos como 4h ou 1d 2h. O horário do calendário é editado na aba Calendários.",
    "Why the change (kept with the version)": "Por que a alteração (salvo com a versão)",
    "Nothing was imported: ticket “{case}” has a NUL character in its {what}, which a workspace cannot keep; remove it from the file and import again.": "Nada foi importado: o chamado “{case}” tem um caractere NUL no campo {what}, que um espaço de trabalho não consegue armazenar; remova-o do arquivo e importe de novo.",
    "tag": "tag",
    # Escalation rules, the SLA timeline, reload and re-apply (issue #20)
    "SLA timeline": "Linha do tempo do SLA",
    "White: working time of {calendar}; grey: outside it. Hatched: paused.": (
        "Branco: tempo útil de {calendar}; cinza: fora dele. Hachurado: em pausa."
    ),
    "Working time not drawn: too long a life to show it at this width.": (
        "Tempo útil não desenhado: a vida do chamado é longa demais para mostrá-lo nesta largura."
    ),
    "Show the ticket as it is now with your pending changes staged again on it": (
        "Mostrar o chamado como está agora, com suas alterações pendentes preparadas de novo nele"
    ),
    "Your changes are staged again on the ticket as it is now; Submit (Ctrl+Return) to apply them.": (
        "Suas alterações foram preparadas de novo no chamado como ele está agora; envie "
        "(Ctrl+Return) para aplicá-las."
    ),
    "Your changes are back on the calendar saved now, except {fields}: changed there too, so the saved value is kept. Check and save.": (
        "Suas alterações voltaram para o calendário salvo agora, exceto {fields}: alterados lá "
        "também, então o valor salvo é mantido. Verifique e salve."
    ),
    "Your changes are back on the version saved now, except {fields}: changed there too, so the saved value is kept. Check and save.": (
        "Suas alterações voltaram para a versão salva agora, exceto {fields}: alterados lá "
        "também, então o valor salvo é mantido. Verifique e salve."
    ),
    "{total} escalations fired in the period. Priority: the ticket's priority when the rule fired. Late: the rule was due while no program was running and fired at the next start.": (
        "{total} escalonamentos disparados no período. Prioridade: a prioridade do chamado "
        "quando a regra disparou. Atrasados: a regra venceu quando nenhum programa estava em "
        "execução e disparou na inicialização seguinte."
    ),
    # Who held the SLA clocks, the team OLA's what-if, the timeline's zoom, the agreement
    # editor's "Keep editing" bar, the move's NUL refusal (issue #20)
    "Clocks that stopped in the period, in business time. When it stopped: each clock counts once, for the agent and the team holding the ticket then. While it ran: a clock counts for every agent (team) who held it for some running business time, with the share they held; paused time counts for nobody.": (
        "Cronômetros que pararam no período, em tempo útil. Quando parou: cada cronômetro conta "
        "uma vez, para o agente e a equipe que estavam com o chamado nesse momento. Enquanto "
        "contava: um cronômetro conta para cada agente (equipe) que ficou com ele durante algum "
        "tempo útil em que ele estava contando, com a parte que teve; o tempo em pausa não conta "
        "para ninguém."
    ),
    "Clocks that stopped in the period, in business time. When it stopped: each clock counts once, for whoever held the ticket then. While it ran: a clock counts for everyone who held it for some running time, with their share; paused time counts for nobody. Click a Stopped or Breached number to see its tickets.": (
        "Cronômetros que pararam no período, em tempo útil. Quando parou: cada cronômetro conta "
        "uma vez, para quem estava com o chamado nesse momento. Enquanto contava: um cronômetro "
        "conta para todos que ficaram com ele durante algum tempo em que ele estava contando, "
        "com a respectiva parte; o tempo em pausa não conta para ninguém. Clique em um número "
        "de Parados ou Descumpridos para ver os respectivos chamados."
    ),
    "Show the ticket's whole life again (or double-click the timeline)": (
        "Mostrar de novo toda a vida do chamado (ou clicar duas vezes na linha do tempo)"
    ),
    "Keep editing": "Continuar editando",
    "Keep your changes; saving them is refused until you reload": (
        "Manter suas alterações; salvá-las será recusado até você recarregar"
    ),
    "The workspace could not be moved to {where}: the {column} of {table} ({key}) has a NUL character, which a workspace on a server cannot keep; nothing was kept there. Remove it in the file and move again.": (
        "Não foi possível mover o espaço de trabalho para {where}: o campo {column} da tabela "
        "{table} ({key}) tem um caractere NUL, que um espaço de trabalho em um servidor não "
        "consegue armazenar; nada foi mantido lá. Remova-o no arquivo e mova de novo."
    ),
    "Checking the workspace before opening it": "Verificando o espaço de trabalho antes de abri-lo",
    "Backing up the workspace before upgrading it": (
        "Fazendo uma cópia de segurança do espaço de trabalho antes de atualizá-lo"
    ),
}
