"""pt_BR of the command line's --help texts and argparse's words where the conversion of
the pt_PT text (tools/i18n/brazil.py) is not how Brazil says it: "login" for "início de
sessão", "idioma", "você"."""

T = {
    "SLA Workbench: track support tickets against their SLAs.": "SLA Workbench: acompanhe os chamados de suporte em relação aos seus SLAs.",
    "a login with a role, and its agent row": "um login com uma função, e a respectiva linha de agente",
    "roles and logins on a team server": "funções e logins em um servidor de equipe",
    "the login name (also the agent's name)": "o nome de login (também o nome do agente)",
    "who imports (default: your login name)": "quem importa (padrão: o seu nome de login)",
    "who re-baselines (default: your login name)": "quem faz o re-baseline (padrão: o seu nome de login)",
    "write it in this language and locale, e.g. pt_BR, pt_PT, en_GB, en_US (default: the command line's, from LANG)": "escrevê-lo neste idioma e região, p. ex. pt_BR, pt_PT, en_GB, en_US (padrão: o da linha de comando, de LANG)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": "opção inválida: %(value)r; você quis dizer %(closest)r? (escolha entre %(choices)s)",
    "how much to log on standard error (default: warning; the log file always gets info and above)": "quanto registrar na saída de erro padrão (padrão: warning; o arquivo de log sempre recebe info e acima)",
    "how much to log on standard error (the log file always gets info and above)": "quanto registrar na saída de erro padrão (o arquivo de log sempre recebe info e acima)",
    "interrupted; nothing was changed by the unfinished step.": "interrompido; a etapa não concluída não alterou nada.",
    "workspace database: a SQLAlchemy URL or a SQLite file path (default: $SLAWORKBENCH_DATABASE, else the user data folder)": "banco de dados do espaço de trabalho: uma URL SQLAlchemy ou o caminho de um arquivo SQLite (padrão: $SLAWORKBENCH_DATABASE, senão a pasta de dados do usuário)",
    "an empty database": "um banco de dados vazio",
    "check the workspace in full: the database's integrity, and every open ticket's clocks against its events (repairing those that differ)": "verificar o espaço de trabalho por completo: a integridade do banco de dados e os cronômetros de cada chamado aberto em relação aos seus eventos (reparando os que diferem)",
    "copy a workspace into an empty database (e.g. to a team server), all or nothing, verified by row counts and a checksum of the clock results": "copiar um espaço de trabalho para um banco de dados vazio (p. ex. para um servidor de equipe), tudo ou nada, verificado pelo número de linhas e por uma soma de verificação dos resultados dos cronômetros",
    "compare every stored clock row instead of trusting the fingerprints (repairs a file edited by hand)": "comparar cada linha de cronômetro salva em vez de confiar nas impressões digitais (repara um arquivo editado à mão)",
}
