<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>  {id} | {subject} | {priority} | {status} | {events}</source>
        <translation>  {id} | {subject} | {priority} | {status} | {events}</translation>
    </message>
    <message>
        <source>  {rows} × {reason} (line {lines}{more})</source>
        <translation>  {rows} × {reason} (linha {lines}{more})</translation>
    </message>
    <message>
        <source>  {table}: {rows} rows</source>
        <translation>  {table}: {rows} linhas</translation>
    </message>
    <message>
        <source>  … and {count} more.</source>
        <translation>  … e mais {count}.</translation>
    </message>
    <message>
        <source> (ahead)</source>
        <translation> (à frente)</translation>
    </message>
    <message>
        <source> (first: {reason})</source>
        <translation> (primeiro: {reason})</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> e mais {count}</translation>
    </message>
    <message>
        <source> in the calendar “{name}” ({zone})</source>
        <translation> no calendário “{name}” ({zone})</translation>
    </message>
    <message>
        <source>&quot;24:00&quot; can only end an interval; start the day at &quot;00:00&quot;.</source>
        <translation>&quot;24:00&quot; só pode terminar um intervalo; comece o dia às &quot;00:00&quot;.</translation>
    </message>
    <message>
        <source>&quot;active&quot; must be true or false.</source>
        <translation>&quot;active&quot; tem que ser true ou false.</translation>
    </message>
    <message>
        <source>&quot;{country}&quot; is not a country the holiday list knows; pick one from the list.</source>
        <translation>&quot;{country}&quot; não é um país que a lista de feriados conheça; escolha um da lista.</translation>
    </message>
    <message>
        <source>&quot;{sub}&quot; is not a region of {country}; pick one from the list.</source>
        <translation>&quot;{sub}&quot; não é uma região de {country}; escolha uma da lista.</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a valid time; write times as HH:MM, 00:00 to 24:00.</source>
        <translation>&quot;{text}&quot; não é uma hora válida; escreva as horas como HH:MM, de 00:00 a 24:00.</translation>
    </message>
    <message>
        <source>% of target</source>
        <translation>% do objetivo</translation>
    </message>
    <message>
        <source>% of the fee</source>
        <translation>% da mensalidade</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: erro: %(message)s
</translation>
    </message>
    <message>
        <source>%(prog)s: warning: %(message)s
</source>
        <translation>%(prog)s: aviso: %(message)s
</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Responsável</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Descrição</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Métrica:</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Prioridade</translation>
    </message>
    <message>
        <source>&amp;Requester</source>
        <translation>&amp;Solicitante</translation>
    </message>
    <message>
        <source>&amp;Show that period</source>
        <translation>&amp;Mostrar esse período</translation>
    </message>
    <message>
        <source>&amp;Subject</source>
        <translation>&amp;Assunto</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Equipe</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>Ferramen&amp;tas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&apos;{field}&apos; is not a condition; use one of {known}.</source>
        <translation>&apos;{field}&apos; não é uma condição; use uma de {known}.</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a known key (did you mean &apos;{close}&apos;?)</source>
        <translation>&apos;{key}&apos; não é uma chave conhecida (queria dizer &apos;{close}&apos;?)</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a known key; the known ones here are {known}</source>
        <translation>&apos;{key}&apos; não é uma chave conhecida; as conhecidas aqui são {known}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is required</source>
        <translation>&apos;{key}&apos; é obrigatório</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be one of {expected}, not {found!r}</source>
        <translation>&apos;{key}&apos; tem que ser um de {expected}, não {found!r}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be {expected}, not {found}</source>
        <translation>&apos;{key}&apos; tem que ser {expected}, não {found}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must not be empty</source>
        <translation>&apos;{key}&apos; não pode estar vazio</translation>
    </message>
    <message>
        <source>&apos;{key}&apos;: {problem}</source>
        <translation>&apos;{key}&apos;: {problem}</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a duration: write it like 30m, 4h or 1d 2h.</source>
        <translation>&apos;{text}&apos; não é uma duração: escreva-a como 30m, 4h ou 1d 2h.</translation>
    </message>
    <message>
        <source>&apos;{tz}&apos; is not a known time zone; use a name such as Europe/Lisbon.</source>
        <translation>&apos;{tz}&apos; não é um fuso horário conhecido; use um nome como Europe/Lisbon.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; cannot be notified; use assignee, team_lead or managers.</source>
        <translation>&apos;{value}&apos; não pode ser notificado; use assignee, team_lead ou managers.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; cannot pause a clock; use new, open, pending or on_hold.</source>
        <translation>&apos;{value}&apos; não pode pausar um cronômetro; use new, open, pending ou on_hold.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is before the ticket was created</source>
        <translation>&apos;{value}&apos; é anterior à criação do chamado</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date and time (use ISO 8601, e.g. {example})</source>
        <translation>&apos;{value}&apos; não é uma data e hora (use ISO 8601, p. ex. {example})</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date and time in the format {formats}</source>
        <translation>&apos;{value}&apos; não é uma data e hora no formato {formats}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a metric; use {known}.</source>
        <translation>&apos;{value}&apos; não é uma métrica; use {known}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority (urgent, high, normal or low)</source>
        <translation>&apos;{value}&apos; não é uma prioridade (urgent, high, normal ou low)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority; use one of: {choices}.</source>
        <translation>&apos;{value}&apos; não é uma prioridade; use uma de: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority; use urgent, high, normal or low.</source>
        <translation>&apos;{value}&apos; não é uma prioridade; use urgent, high, normal ou low.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority; use {known}.</source>
        <translation>&apos;{value}&apos; não é uma prioridade; use {known}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a status (new, open, pending, on_hold, solved or closed)</source>
        <translation>&apos;{value}&apos; não é um estado (new, open, pending, on_hold, solved ou closed)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a status; use {known}.</source>
        <translation>&apos;{value}&apos; não é um estado; use {known}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a threshold; use share, before_due or after_due.</source>
        <translation>&apos;{value}&apos; não é um limiar; use share, before_due ou after_due.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an escalation action; use {known}.</source>
        <translation>&apos;{value}&apos; não é uma ação de escalonamento; use {known}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is outside the dates SLA clocks can count in ({low} to {high})</source>
        <translation>&apos;{value}&apos; está fora das datas em que os cronômetros SLA podem contar ({low} a {high})</translation>
    </message>
    <message>
        <source>&apos;{zone}&apos; is not a known time zone; use an IANA name such as Europe/Lisbon.</source>
        <translation>&apos;{zone}&apos; não é um fuso horário conhecido; use um nome IANA como Europe/Lisbon.</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(atual)</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(inativa)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sem assunto)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>(only partly inside the period)</source>
        <translation>(só em parte dentro do período)</translation>
    </message>
    <message>
        <source>(whole row)</source>
        <translation>(linha inteira)</translation>
    </message>
    <message>
        <source>({count} more problems.)</source>
        <translation>(mais {count} problemas.)</translation>
    </message>
    <message>
        <source>({cycles} cycles in {tickets} tickets replayed): {open} at the save, {kept} only at a re-baseline.</source>
        <translation>({cycles} ciclos em {tickets} chamados reproduzidos): {open} ao salvar, {kept} só em um re-baseline.</translation>
    </message>
    <message>
        <source>+1 d</source>
        <translation>+1 d</translation>
    </message>
    <message>
        <source>+{days} d</source>
        <translation>+{days} d</translation>
    </message>
    <message>
        <source>, column &apos;{column}&apos;</source>
        <translation>, coluna &apos;{column}&apos;</translation>
    </message>
    <message>
        <source>, monthly cap {cap}</source>
        <translation>, limite mensal de {cap}</translation>
    </message>
    <message>
        <source>, which came with the file</source>
        <translation>, que veio com o arquivo</translation>
    </message>
    <message>
        <source>, {count} pages</source>
        <translation>, {count} páginas</translation>
    </message>
    <message>
        <source>--demo-if-empty only applies when the window opens; drop it or the command.</source>
        <translation>--demo-if-empty só se aplica quando a janela abre; retire-o ou retire o comando.</translation>
    </message>
    <message>
        <source>--from {start} is after --to {end}; the period must start before it ends.</source>
        <translation>--from {start} é posterior a --to {end}; o período tem que começar antes de acabar.</translation>
    </message>
    <message>
        <source>--language {value} is not a language; write a locale such as pt_PT, pt_BR, en_GB or en_US.</source>
        <translation>--language {value} não é uma língua; indique uma região como pt_PT, pt_BR, en_GB ou en_US.</translation>
    </message>
    <message>
        <source>--out {path} is a folder; name a file, e.g. {path}/report.{fmt}.</source>
        <translation>--out {path} é uma pasta; indique um arquivo, p. ex. {path}/report.{fmt}.</translation>
    </message>
    <message>
        <source>--statement needs --customer: name the customer it is for.</source>
        <translation>--statement precisa de --customer: indique o cliente a que se destina.</translation>
    </message>
    <message>
        <source>--tickets must be at least 1.</source>
        <translation>--tickets tem que ser pelo menos 1.</translation>
    </message>
    <message>
        <source>09:00–18:00 Lisbon time</source>
        <translation>09:00–18:00, horário de Lisboa</translation>
    </message>
    <message>
        <source>09:00–18:00 Tokyo time</source>
        <translation>09:00–18:00, horário de Tóquio</translation>
    </message>
    <message>
        <source>1 ticket × {per} = {raw}</source>
        <translation>1 chamado × {per} = {raw}</translation>
    </message>
    <message>
        <source>75 or 2h</source>
        <translation>75 ou 2h</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>Percentil 90</translation>
    </message>
    <message>
        <source>&lt; {edge}</source>
        <translation>&lt; {edge}</translation>
    </message>
    <message>
        <source>&lt;1m</source>
        <translation>&lt;1 min</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Scope:&lt;/b&gt; first- and second-line support for {customer}&apos;s users of our hosted services.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Channels:&lt;/b&gt; e-mail, web portal, phone.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Support hours:&lt;/b&gt; working days, {hours}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Âmbito:&lt;/b&gt; suporte de primeira e segunda linha aos usuários dos nossos serviços alojados em {customer}.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Canais:&lt;/b&gt; e-mail, portal web, telefone.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Horário de suporte:&lt;/b&gt; dias úteis, {hours}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A .csv or .csv.gz file</source>
        <translation>Um arquivo .csv ou .csv.gz</translation>
    </message>
    <message>
        <source>A business duration cannot be negative (got {seconds} seconds); use 0 or more.</source>
        <translation>Uma duração útil não pode ser negativa (recebido: {seconds} segundos); use 0 ou mais.</translation>
    </message>
    <message>
        <source>A business duration cannot be negative; every duration must be 0 or more.</source>
        <translation>Uma duração útil não pode ser negativa; todas as durações têm que ser 0 ou mais.</translation>
    </message>
    <message>
        <source>A calendar must be an object with &quot;name&quot;, &quot;timezone&quot;, &quot;hours&quot; and &quot;holidays&quot;.</source>
        <translation>Um calendário tem que ser um objeto com &quot;name&quot;, &quot;timezone&quot;, &quot;hours&quot; e &quot;holidays&quot;.</translation>
    </message>
    <message>
        <source>A calendar named “{name}” already exists; choose another name.</source>
        <translation>Já existe um calendário chamado “{name}”; escolha outro nome.</translation>
    </message>
    <message>
        <source>A compliance credit</source>
        <translation>Um crédito de cumprimento</translation>
    </message>
    <message>
        <source>A compliance goal</source>
        <translation>Um objetivo de cumprimento</translation>
    </message>
    <message>
        <source>A compliance goal is a percentage from 0 to 100.</source>
        <translation>Um objetivo de cumprimento é uma porcentagem de 0 a 100.</translation>
    </message>
    <message>
        <source>A cycle counts for every agent who held the running clock; median and P90 are of the business time each held.</source>
        <translation>Um ciclo conta para cada agente que estava com o cronômetro em andamento; a mediana e o P90 são do tempo útil em que cada um ficou com ele.</translation>
    </message>
    <message>
        <source>A demo needs at least one ticket.</source>
        <translation>Uma demonstração precisa de pelo menos um chamado.</translation>
    </message>
    <message>
        <source>A field</source>
        <translation>Um campo</translation>
    </message>
    <message>
        <source>A file could not be read or written ({reason}); nothing was changed.</source>
        <translation>Não foi possível ler ou escrever um arquivo ({reason}); nada foi alterado.</translation>
    </message>
    <message>
        <source>A message already added to the ticket&apos;s history cannot be undone.</source>
        <translation>Uma mensagem já adicionada ao histórico do chamado não pode ser desfeita.</translation>
    </message>
    <message>
        <source>A month with fewer than {count} judged tickets is reported as “not enough tickets” and owes no compliance credit.</source>
        <translation>Um mês com menos de {count} chamados avaliados é indicado como “chamados insuficientes” e não dá lugar a crédito de cumprimento.</translation>
    </message>
    <message>
        <source>A monthly cap</source>
        <translation>Um limite mensal</translation>
    </message>
    <message>
        <source>A new policy, tried after every existing one.</source>
        <translation>Uma nova política, experimentada depois de todas as existentes.</translation>
    </message>
    <message>
        <source>A new policy, tried in position {n}.</source>
        <translation>Uma nova política, experimentada na posição {n}.</translation>
    </message>
    <message>
        <source>A note only agents see; it stops no clock</source>
        <translation>Uma nota que só os agentes veem; não para nenhum cronômetro</translation>
    </message>
    <message>
        <source>A policy must be an object with a name, targets and a calendar.</source>
        <translation>Uma política tem que ser um objeto com nome, objetivos e calendário.</translation>
    </message>
    <message>
        <source>A policy named “{name}” already exists; choose another name.</source>
        <translation>Já existe uma política chamada “{name}”; escolha outro nome.</translation>
    </message>
    <message>
        <source>A policy needs a name: add a non-empty &quot;name&quot;.</source>
        <translation>Uma política precisa de nome: adicione um &quot;name&quot; não vazio.</translation>
    </message>
    <message>
        <source>A policy&apos;s escalations must be a list of rules.</source>
        <translation>Os escalonamentos de uma política têm que ser uma lista de regras.</translation>
    </message>
    <message>
        <source>A re-baseline re-judges closed tickets: say why with --reason &quot;...&quot;.</source>
        <translation>Um re-baseline volta a avaliar chamados fechados: diga porquê com --reason &quot;...&quot;.</translation>
    </message>
    <message>
        <source>A reassignment names either a team or an agent, not both.</source>
        <translation>Uma reatribuição indica uma equipe ou um agente, não ambos.</translation>
    </message>
    <message>
        <source>A reply cannot be undone: it was sent to the requester.</source>
        <translation>Uma resposta não pode ser desfeita: já foi enviada ao solicitante.</translation>
    </message>
    <message>
        <source>A review names who reviewed and what the outcome was.</source>
        <translation>Uma revisão indica quem reviu e qual foi o resultado.</translation>
    </message>
    <message>
        <source>A score</source>
        <translation>Uma pontuação</translation>
    </message>
    <message>
        <source>A service named “{name}” already exists; choose another name.</source>
        <translation>Já existe um serviço chamado “{name}”; escolha outro nome.</translation>
    </message>
    <message>
        <source>A service needs a name.</source>
        <translation>Um serviço precisa de nome.</translation>
    </message>
    <message>
        <source>A share of the monthly fee</source>
        <translation>Uma parte da mensalidade</translation>
    </message>
    <message>
        <source>A share of the target is a whole percentage such as 75.</source>
        <translation>Uma proporção do objetivo é uma porcentagem inteira, como 75.</translation>
    </message>
    <message>
        <source>A share of the target is from 1 % to {most} %.</source>
        <translation>Uma proporção do objetivo vai de 1 % a {most} %.</translation>
    </message>
    <message>
        <source>A statement covers all of a customer&apos;s tickets; drop --team.</source>
        <translation>Um extrato abrange todos os chamados de um cliente; retire --team.</translation>
    </message>
    <message>
        <source>A survey answer is “csat” or “nps”, not “{kind}”.</source>
        <translation>Uma resposta à pesquisa é “csat” ou “nps”, não “{kind}”.</translation>
    </message>
    <message>
        <source>A tag is one word without spaces or commas.</source>
        <translation>Uma etiqueta é uma só palavra, sem espaços nem vírgulas.</translation>
    </message>
    <message>
        <source>A ticket cannot go back to new; choose open, pending or on hold.</source>
        <translation>Um chamado não pode voltar a novo; escolha aberto, pendente ou em espera.</translation>
    </message>
    <message>
        <source>A ticket credit is either an amount or a percentage of the fee, not both.</source>
        <translation>Um crédito por chamado é um valor ou uma porcentagem da mensalidade, não ambos.</translation>
    </message>
    <message>
        <source>A ticket credit&apos;s amount</source>
        <translation>O valor de um crédito por chamado</translation>
    </message>
    <message>
        <source>A ticket credit&apos;s percentage</source>
        <translation>A porcentagem de um crédito por chamado</translation>
    </message>
    <message>
        <source>A ticket number</source>
        <translation>Um número de chamado</translation>
    </message>
    <message>
        <source>A ticket with the external id {id} already exists; open that one.</source>
        <translation>Já existe um chamado com o id externo {id}; abra esse.</translation>
    </message>
    <message>
        <source>A tier&apos;s availability threshold</source>
        <translation>O limiar de disponibilidade de um escalão</translation>
    </message>
    <message>
        <source>A tier&apos;s credit</source>
        <translation>O crédito de um escalão</translation>
    </message>
    <message>
        <source>A {name} score is a whole number from {low} to {high}; {score} is not.</source>
        <translation>Uma pontuação {name} é um número inteiro de {low} a {high}; {score} não é.</translation>
    </message>
    <message>
        <source>About SLA Workbench</source>
        <translation>Sobre o SLA Workbench</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Cumpridos</translation>
    </message>
    <message>
        <source>Achieved / judged (now → draft)</source>
        <translation>Cumpridos / avaliados (agora → rascunho)</translation>
    </message>
    <message>
        <source>Achieved: stopped {stop} with {left} to spare.</source>
        <translation>Cumprido: parou {stop} com {left} de folga.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Add a rule to {table}</source>
        <translation>Adicionar uma regra a {table}</translation>
    </message>
    <message numerus="yes">
        <source>Add {n} holiday</source>
        <comment>Add {n} holidays</comment>
        <translation>
            <numerusform>Adicionar {n} feriado</numerusform>
            <numerusform>Adicionar {n} feriados</numerusform>
        </translation>
    </message>
    <message>
        <source>Added the calendar “{name}” ({zone}) from {path}.</source>
        <translation>Adicionado o calendário “{name}” ({zone}) a partir de {path}.</translation>
    </message>
    <message>
        <source>Added the policy “{name}” from {path}.</source>
        <translation>Adicionada a política “{name}” a partir de {path}.</translation>
    </message>
    <message>
        <source>Against the goals of “{agreement}”: {parts}.</source>
        <translation>Em relação aos objetivos de “{agreement}”: {parts}.</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation>Agente:</translation>
    </message>
    <message>
        <source>Agreement #{id} no longer exists; reload the list.</source>
        <translation>O acordo n.º {id} já não existe; recarregue a lista.</translation>
    </message>
    <message>
        <source>Agreement “{name}”</source>
        <translation>o acordo “{name}”</translation>
    </message>
    <message>
        <source>Agreement “{name}”, version {version}; generated {when}.</source>
        <translation>Acordo “{name}”, versão {version}; gerado {when}.</translation>
    </message>
    <message>
        <source>Agreement&apos;s goal</source>
        <translation>Objetivo do acordo</translation>
    </message>
    <message>
        <source>Agreement&apos;s goal {goal}</source>
        <translation>Objetivo do acordo {goal}</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Acordos</translation>
    </message>
    <message>
        <source>Alert settings…</source>
        <translation>Configurações de alertas…</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Todos os clientes</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Todos os abertos</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Todas as prioridades</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Todas as equipes</translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation>Todos os chamados</translation>
    </message>
    <message>
        <source>An OLA cycle is the time a ticket spent with one team, judged against that team&apos;s target in its own calendar; compliance counts the cycles that stopped in the period, business time.</source>
        <translation>Um ciclo de OLA é o tempo que um chamado passou com uma equipe, avaliado face ao objetivo dessa equipe no seu próprio calendário; o cumprimento conta os ciclos que pararam no período, em tempo útil.</translation>
    </message>
    <message>
        <source>An agreement needs a customer.</source>
        <translation>Um acordo precisa de um cliente.</translation>
    </message>
    <message>
        <source>An agreement needs a name.</source>
        <translation>Um acordo precisa de nome.</translation>
    </message>
    <message>
        <source>An agreement stays with its customer; make a new agreement for another.</source>
        <translation>Um acordo fica com o seu cliente; crie um novo acordo para outro.</translation>
    </message>
    <message>
        <source>An availability target is a fraction from 0 to 1.</source>
        <translation>Um objetivo de disponibilidade é uma fração de 0 a 1.</translation>
    </message>
    <message>
        <source>An availability target is above 0 % and at most 100 %.</source>
        <translation>Um objetivo de disponibilidade é superior a 0 % e no máximo 100 %.</translation>
    </message>
    <message>
        <source>An escalation action must be an object such as {&quot;do&quot;: &quot;notify&quot;}.</source>
        <translation>Uma ação de escalonamento tem que ser um objeto como {&quot;do&quot;: &quot;notify&quot;}.</translation>
    </message>
    <message>
        <source>An escalation level is a whole number from 1 to 9.</source>
        <translation>Um nível de escalonamento é um número inteiro de 1 a 9.</translation>
    </message>
    <message>
        <source>An escalation rule does at least one thing: add an action.</source>
        <translation>Uma regra de escalonamento faz pelo menos uma coisa: adicione uma ação.</translation>
    </message>
    <message>
        <source>An escalation rule must be an object with a metric and a threshold.</source>
        <translation>Uma regra de escalonamento tem que ser um objeto com uma métrica e um limiar.</translation>
    </message>
    <message>
        <source>An escalation rule reassigns at most once.</source>
        <translation>Uma regra de escalonamento reatribui no máximo uma vez.</translation>
    </message>
    <message>
        <source>An outage must end after it starts.</source>
        <translation>Uma interrupção tem que terminar depois de começar.</translation>
    </message>
    <message>
        <source>An outage&apos;s weight is a number from 0 to 1 (1 = fully down); {weight} is not.</source>
        <translation>O peso de uma interrupção é um número de 0 a 1 (1 = totalmente fora do ar); {weight} não é.</translation>
    </message>
    <message>
        <source>An unexpected error stopped the last action ({what}); you can keep working.</source>
        <translation>Um erro inesperado interrompeu a última ação ({what}); pode continuar a trabalhar.</translation>
    </message>
    <message>
        <source>Answers given in the day</source>
        <translation>Respostas dadas no dia</translation>
    </message>
    <message>
        <source>Answers given in the month</source>
        <translation>Respostas dadas no mês</translation>
    </message>
    <message>
        <source>Answers given in the week</source>
        <translation>Respostas dadas na semana</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Qualquer prioridade</translation>
    </message>
    <message>
        <source>Apply the pending changes as one update; with none, send the reply (Ctrl+Return)</source>
        <translation>Aplicar as alterações pendentes em uma só atualização; sem nenhuma, enviar a resposta (Ctrl+Return)</translation>
    </message>
    <message>
        <source>As of {time}</source>
        <translation>À data de {time}</translation>
    </message>
    <message>
        <source>As the window</source>
        <translation>Como a janela</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Atribuir</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Atribuir a</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Atribuir a mim</translation>
    </message>
    <message>
        <source>Assign to me ({name})</source>
        <translation>Atribuir a mim ({name})</translation>
    </message>
    <message numerus="yes">
        <source>Assign {n} ticket to me</source>
        <comment>Assign {n} tickets to me</comment>
        <translation>
            <numerusform>Atribuir {n} chamado a mim</numerusform>
            <numerusform>Atribuir {n} chamados a mim</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assign {n} ticket to me ({name})</source>
        <comment>Assign {n} tickets to me ({name})</comment>
        <translation>
            <numerusform>Atribuir {n} chamado a mim ({name})</numerusform>
            <numerusform>Atribuir {n} chamados a mim ({name})</numerusform>
        </translation>
    </message>
    <message>
        <source>Assigned to {name}</source>
        <translation>Atribuído a {name}</translation>
    </message>
    <message>
        <source>Assigned to {name} (by {by})</source>
        <translation>Atribuído a {name} (por {by})</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsável</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Atribuições</translation>
    </message>
    <message>
        <source>At any time</source>
        <translation>A qualquer hora</translation>
    </message>
    <message>
        <source>At period end</source>
        <translation>No fim do período</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Em risco</translation>
    </message>
    <message>
        <source>At risk when left</source>
        <translation>Em risco quando faltar</translation>
    </message>
    <message>
        <source>At risk: {t} of business time left</source>
        <translation>Em risco: {t} de tempo útil restante</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilidade</translation>
    </message>
    <message>
        <source>Availability = 1 − weighted unplanned downtime ÷ the month&apos;s length; overlapping outages count once, at the largest weight. {planned}</source>
        <translation>Disponibilidade = 1 − indisponibilidade não planejada ponderada ÷ duração do mês; interrupções sobrepostas contam uma vez, com o maior peso. {planned}</translation>
    </message>
    <message>
        <source>Availability commitments</source>
        <translation>Compromissos de disponibilidade</translation>
    </message>
    <message>
        <source>Availability of {service}</source>
        <translation>Disponibilidade de {service}</translation>
    </message>
    <message>
        <source>Availability per service</source>
        <translation>Disponibilidade por serviço</translation>
    </message>
    <message>
        <source>Availability target</source>
        <translation>Objetivo de disponibilidade</translation>
    </message>
    <message>
        <source>Backing up the workspace before upgrading it</source>
        <translation>Fazendo uma cópia de segurança do espaço de trabalho antes de atualizá-lo</translation>
    </message>
    <message>
        <source>Backups are taken before every upgrade of the workspace and once a day while the window is open. Restoring one replaces the workspace with it; the workspace as it is now is backed up first, so a restore can be undone.</source>
        <translation>São feitas cópias de segurança antes de cada atualização do espaço de trabalho e uma vez por dia enquanto a janela está aberta. Restaurar uma substitui o espaço de trabalho por ela; antes disso é feita uma cópia do espaço de trabalho tal como está agora, para que o restauro possa ser desfeito.</translation>
    </message>
    <message>
        <source>Behind it</source>
        <translation>Atrás dele</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Descumpridos</translation>
    </message>
    <message>
        <source>Breached clocks (count)</source>
        <translation>Cronômetros descumpridos (contagem)</translation>
    </message>
    <message>
        <source>Breached: stopped {stop}, {late} after its due time.</source>
        <translation>Descumprido: parou {stop}, {late} depois do prazo.</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>Descumprimentos</translation>
    </message>
    <message>
        <source>Breaches ahead if nobody acts</source>
        <translation>Descumprimentos previstos se ninguém agir</translation>
    </message>
    <message>
        <source>Built with Qt for Python (PySide6) {version}.</source>
        <translation>Feito com Qt for Python (PySide6) {version}.</translation>
    </message>
    <message>
        <source>Business time left before the target, or how late the clock is</source>
        <translation>Tempo útil que falta até o objetivo, ou o atraso do cronômetro</translation>
    </message>
    <message>
        <source>Business time left on the OLA of the team the ticket is with now</source>
        <translation>Tempo útil restante no OLA da equipe que tem o chamado neste momento</translation>
    </message>
    <message>
        <source>Business time left on the ticket&apos;s most urgent clock (its name in small text); sorted by it, the most urgent (or most overdue) first</source>
        <translation>Tempo útil restante no cronômetro mais urgente do chamado (o seu nome em letra pequena); ordenado por ele, primeiro o mais urgente (ou o mais atrasado)</translation>
    </message>
    <message>
        <source>Business time of clocks that stopped in the period.</source>
        <translation>Tempo útil dos cronômetros que pararam no período.</translation>
    </message>
    <message>
        <source>Business time to {metric}</source>
        <translation>Tempo útil até {metric}</translation>
    </message>
    <message>
        <source>Business time; the longest overrun first.</source>
        <translation>Tempo útil; o maior excesso primeiro.</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>Por agente</translation>
    </message>
    <message>
        <source>By customer</source>
        <translation>Por cliente</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Por dia</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Por mês</translation>
    </message>
    <message>
        <source>By priority</source>
        <translation>Por prioridade</translation>
    </message>
    <message>
        <source>By team</source>
        <translation>Por equipe</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Por semana</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>C&amp;ategoria</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>Ca&amp;nal</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>CSAT = the share of answers of 4 or 5 (scale 1–5). NPS = % promoters (9–10) − % detractors (0–6), scale 0–10. Both count the answers given in the period on the customer&apos;s tickets.</source>
        <translation>CSAT = a proporção de respostas de 4 ou 5 (escala 1–5). NPS = % promotores (9–10) − % detratores (0–6), escala 0–10. Ambos contam as respostas dadas no período aos chamados do cliente.</translation>
    </message>
    <message>
        <source>CSAT answers</source>
        <translation>Respostas CSAT</translation>
    </message>
    <message>
        <source>CSAT goal {goal} %</source>
        <translation>Objetivo de CSAT {goal} %</translation>
    </message>
    <message>
        <source>CSAT goal {goal} satisfied: {value}, {verdict}</source>
        <translation>Objetivo de CSAT {goal} satisfeitos: {value}, {verdict}</translation>
    </message>
    <message>
        <source>CSAT mean</source>
        <translation>Média CSAT</translation>
    </message>
    <message>
        <source>CSAT {csat} from {csat_n} answers (1–5); NPS {nps} from {nps_n} answers.</source>
        <translation>CSAT {csat} de {csat_n} respostas (1–5); NPS {nps} de {nps_n} respostas.</translation>
    </message>
    <message>
        <source>CSAT {goal} % satisfied</source>
        <translation>CSAT {goal} % satisfeitos</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.csv.gz);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendário</translation>
    </message>
    <message>
        <source>Calendar &quot;{name}&quot; has no working time in the five years after {when}, so this due date would be never. Check the calendar&apos;s holidays and hours.</source>
        <translation>O calendário &quot;{name}&quot; não tem tempo de trabalho nos cinco anos depois de {when}, por isso este prazo nunca chegaria. Verifique os feriados e o horário do calendário.</translation>
    </message>
    <message>
        <source>Calendar &quot;{name}&quot; has no working time: every day of the week is empty. Add at least one interval, for example Monday 09:00–17:00.</source>
        <translation>O calendário &quot;{name}&quot; não tem tempo de trabalho: todos os dias da semana estão vazios. Adicione pelo menos um intervalo, por exemplo segunda-feira 09:00–17:00.</translation>
    </message>
    <message>
        <source>Calendar “{name}”</source>
        <translation>o calendário “{name}”</translation>
    </message>
    <message>
        <source>Calendar: {old} → {new}.</source>
        <translation>Calendário: {old} → {new}.</translation>
    </message>
    <message>
        <source>Calendars</source>
        <translation>Calendários</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cannot write {path} ({reason}).</source>
        <translation>Não é possível escrever {path} ({reason}).</translation>
    </message>
    <message>
        <source>Cannot write {path} ({reason}); choose another place. Nothing was written.</source>
        <translation>Não é possível escrever {path} ({reason}); escolha outro local. Nada foi escrito.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Categoria:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
    <message>
        <source>Change priority</source>
        <translation>Alterar prioridade</translation>
    </message>
    <message>
        <source>Change several tickets</source>
        <translation>Alterar vários chamados</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Alterar estado</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Quando muda</translation>
    </message>
    <message>
        <source>Changes applied to {ticket}</source>
        <translation>Alterações aplicadas a {ticket}</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Canal:</translation>
    </message>
    <message>
        <source>Charts can be saved as PNG or SVG; choose a file name ending in .png or .svg.</source>
        <translation>Os gráficos podem ser salvos como PNG ou SVG; escolha um nome de arquivo terminado em .png ou .svg.</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Check SLA policies</source>
        <translation>Verificar políticas SLA</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>Verificar arquivo</translation>
    </message>
    <message>
        <source>Check the team server</source>
        <translation>Verificar o servidor da equipe</translation>
    </message>
    <message>
        <source>Check workspace</source>
        <translation>Verificar espaço de trabalho</translation>
    </message>
    <message>
        <source>Check {file}</source>
        <translation>Verificar {file}</translation>
    </message>
    <message>
        <source>Checked in {seconds} s.</source>
        <translation>Verificado em {seconds} s.</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Verificando</translation>
    </message>
    <message>
        <source>Checking review dates</source>
        <translation>Verificando as datas de revisão</translation>
    </message>
    <message>
        <source>Checking the server…</source>
        <translation>Verificando o servidor…</translation>
    </message>
    <message>
        <source>Checking the workspace</source>
        <translation>Verificando o espaço de trabalho</translation>
    </message>
    <message>
        <source>Checking the workspace before opening it</source>
        <translation>Verificando o espaço de trabalho antes de abri-lo</translation>
    </message>
    <message>
        <source>Choose a backup to restore.</source>
        <translation>Escolha uma cópia de segurança para restaurar.</translation>
    </message>
    <message>
        <source>Choose a file and press Check file: the whole file is read and checked, and you see what would be imported. Nothing is written until you press Import.</source>
        <translation>Escolha um arquivo e clique em Verificar arquivo: o arquivo é lido e verificado por inteiro e você vê o que seria importado. Nada é gravado até você clicar em Importar.</translation>
    </message>
    <message>
        <source>Choose a preset file</source>
        <translation>Escolher um arquivo de predefinição</translation>
    </message>
    <message>
        <source>Choose the SLA policy that judges this customer&apos;s tickets.</source>
        <translation>Escolha a política SLA que avalia os chamados deste cliente.</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Escolher o arquivo a importar</translation>
    </message>
    <message>
        <source>Choose the preset that maps the event log&apos;s columns.</source>
        <translation>Escolha a predefinição que mapeia as colunas do log de eventos.</translation>
    </message>
    <message>
        <source>Choose who you are working as in the toolbar first</source>
        <translation>Escolha primeiro, na barra de ferramentas, como quem está trabalhando</translation>
    </message>
    <message>
        <source>Choose your name</source>
        <translation>Escolha o seu nome</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <source>Click to list these tickets.</source>
        <translation>Clique para listar estes chamados.</translation>
    </message>
    <message>
        <source>Clock change</source>
        <translation>Alteração de cronômetro</translation>
    </message>
    <message>
        <source>Clocks</source>
        <translation>Cronômetros</translation>
    </message>
    <message>
        <source>Clocks falling due (count)</source>
        <translation>Cronômetros a vencer (contagem)</translation>
    </message>
    <message>
        <source>Clocks judged</source>
        <translation>Cronômetros avaliados</translation>
    </message>
    <message>
        <source>Clocks paused</source>
        <translation>Cronômetros em pausa</translation>
    </message>
    <message>
        <source>Clocks still running</source>
        <translation>Cronômetros ainda contando</translation>
    </message>
    <message>
        <source>Clocks stopped from {first} to {last} only: the chart shows that span</source>
        <translation>Cronômetros parados só de {first} a {last}: o gráfico mostra esse intervalo</translation>
    </message>
    <message>
        <source>Clocks stopped in the day</source>
        <translation>Cronômetros parados no dia</translation>
    </message>
    <message>
        <source>Clocks stopped in the month</source>
        <translation>Cronômetros parados no mês</translation>
    </message>
    <message>
        <source>Clocks stopped in the week</source>
        <translation>Cronômetros parados na semana</translation>
    </message>
    <message>
        <source>Clocks that stopped in the period, in business time. When it stopped: each clock counts once, for the agent and the team holding the ticket then. While it ran: a clock counts for every agent (team) who held it for some running business time, with the share they held; paused time counts for nobody.</source>
        <translation>Cronômetros que pararam no período, em tempo útil. Quando parou: cada cronômetro conta uma vez, para o agente e a equipe que estavam com o chamado nesse momento. Enquanto contava: um cronômetro conta para cada agente (equipe) que ficou com ele durante algum tempo útil em que ele estava contando, com a parte que teve; o tempo em pausa não conta para ninguém.</translation>
    </message>
    <message>
        <source>Clocks that stopped in the period, in business time. When it stopped: each clock counts once, for whoever held the ticket then. While it ran: a clock counts for everyone who held it for some running time, with their share; paused time counts for nobody. Click a Stopped or Breached number to see its tickets.</source>
        <translation>Cronômetros que pararam no período, em tempo útil. Quando parou: cada cronômetro conta uma vez, para quem estava com o chamado nesse momento. Enquanto contava: um cronômetro conta para todos que ficaram com ele durante algum tempo em que ele estava contando, com a respectiva parte; o tempo em pausa não conta para ninguém. Clique em um número de Parados ou Descumpridos para ver os respectivos chamados.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Close SLA Workbench</source>
        <translation>Fechar o SLA Workbench</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fechado</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Coluna</translation>
    </message>
    <message>
        <source>Column {position} of the header has no name; name every column.</source>
        <translation>A coluna {position} do cabeçalho não tem nome; dê nome a todas as colunas.</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>Compromisso</translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation>Compromissos</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Cumprimento</translation>
    </message>
    <message>
        <source>Compliance % for a metric over a period = achieved / (achieved + breached) among clocks that stopped in the period; running clocks are listed separately, never silently dropped.</source>
        <translation>Cumprimento % de uma métrica em um período = cumpridos / (cumpridos + descumpridos) entre os cronômetros que pararam no período; os cronômetros contando são listados à parte, nunca descartados em silêncio.</translation>
    </message>
    <message>
        <source>Compliance (%)</source>
        <translation>Cumprimento (%)</translation>
    </message>
    <message>
        <source>Compliance against the agreement&apos;s goals</source>
        <translation>Cumprimento face aos objetivos do acordo</translation>
    </message>
    <message>
        <source>Compliance against the goal of {goal}</source>
        <translation>Cumprimento face ao objetivo de {goal}</translation>
    </message>
    <message>
        <source>Compliance against the goals of “{agreement}”</source>
        <translation>Cumprimento face aos objetivos de “{agreement}”</translation>
    </message>
    <message>
        <source>Compliance goals</source>
        <translation>Objetivos de cumprimento</translation>
    </message>
    <message>
        <source>Compliance per {unit}, by metric; the dashed line is the goal.</source>
        <translation>Cumprimento por {unit}, por métrica; a linha tracejada é o objetivo.</translation>
    </message>
    <message>
        <source>Compliance per {unit}, by metric; the dashed line is the lowest goal ({goals}).</source>
        <translation>Cumprimento por {unit}, por métrica; a linha tracejada é o objetivo mais baixo ({goals}).</translation>
    </message>
    <message>
        <source>Compliance report</source>
        <translation>Relatório de cumprimento</translation>
    </message>
    <message>
        <source>Compliance report…</source>
        <translation>Relatório de cumprimento…</translation>
    </message>
    <message>
        <source>Compliance trend</source>
        <translation>Evolução do cumprimento</translation>
    </message>
    <message>
        <source>Computation</source>
        <translation>Cálculo</translation>
    </message>
    <message>
        <source>Computing the SLA clocks of the new tickets…</source>
        <translation>Calculando os cronômetros SLA dos novos chamados…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Connect to team server</source>
        <translation>Conectar ao servidor da equipe</translation>
    </message>
    <message>
        <source>Connect to team server…</source>
        <translation>Conectar ao servidor da equipe…</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Conteúdo</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Copies the technical details to the clipboard, for a bug report</source>
        <translation>Copia os detalhes técnicos para a área de transferência, para um relatório de erro</translation>
    </message>
    <message>
        <source>Copies the version and these paths to the clipboard</source>
        <translation>Copia a versão e estes caminhos para a área de transferência</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalhes</translation>
    </message>
    <message numerus="yes">
        <source>Copy {n} reference</source>
        <comment>Copy {n} references</comment>
        <translation>
            <numerusform>Copiar {n} referência</numerusform>
            <numerusform>Copiar {n} referências</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy {reference}</source>
        <translation>Copiar {reference}</translation>
    </message>
    <message>
        <source>Could not read {path}: {error}.</source>
        <translation>Não foi possível ler {path}: {error}.</translation>
    </message>
    <message>
        <source>Could not write {path} ({reason}); choose another file.</source>
        <translation>Não foi possível escrever {path} ({reason}); escolha outro arquivo.</translation>
    </message>
    <message>
        <source>Count tickets</source>
        <translation>Contar chamados</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <source>Counted: clocks that stopped from {start} to {end} inclusive ({tz}). {count} clocks had not stopped by the end of the period; they are not in these figures and are listed under “Clocks still running”.</source>
        <translation>Contados: cronômetros que pararam de {start} a {end}, inclusive ({tz}). {count} cronômetros não tinham parado no fim do período; não entram nestes números e estão listados em “Cronômetros ainda contando”.</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>Criar chamado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criado</translation>
    </message>
    <message>
        <source>Created {tickets} demo tickets with {events} events in {seconds} s (seed {seed}, as of instant {now}).</source>
        <translation>Criados {tickets} chamados de demonstração com {events} eventos em {seconds} s (semente {seed}, no instante {now}).</translation>
    </message>
    <message>
        <source>Creating demo tickets</source>
        <translation>Criando chamados de demonstração</translation>
    </message>
    <message>
        <source>Creating the demo workspace</source>
        <translation>Criando o espaço de trabalho de demonstração</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédito</translation>
    </message>
    <message>
        <source>Credit below it</source>
        <translation>Crédito abaixo dele</translation>
    </message>
    <message>
        <source>Credit per breached ticket</source>
        <translation>Crédito por chamado descumprido</translation>
    </message>
    <message>
        <source>Credit tiers overlap: a lower availability must owe more (“&lt; {b} %” owes {cb} %, not more than {ca} %).</source>
        <translation>Os escalões de crédito sobrepõem-se: uma disponibilidade menor tem que dever mais (“&lt; {b} %” deve {cb} %, não mais do que {ca} %).</translation>
    </message>
    <message>
        <source>Credit tiers overlap: list them from the highest threshold down, each below the one before (“&lt; {a} %” then “&lt; {b} %” is not).</source>
        <translation>Os escalões de crédito sobrepõem-se: liste-os do limiar mais alto para baixo, cada um abaixo do anterior (“&lt; {a} %” e depois “&lt; {b} %” não está).</translation>
    </message>
    <message>
        <source>Credit when compliance is low</source>
        <translation>Crédito quando o cumprimento é baixo</translation>
    </message>
    <message>
        <source>Credits: a rule per breached ticket owes its amount (or its percentage of the monthly fee) per ticket, up to its monthly cap. Availability tiers owe the percentage of the fee of the lowest tier the month&apos;s availability is below (tiers do not add up). A compliance credit is owed when a month&apos;s compliance is below its goal with at least the minimum number of judged tickets.</source>
        <translation>Créditos: uma regra por chamado descumprido deve o seu valor (ou a sua porcentagem da mensalidade) por chamado, até o seu limite mensal. Os escalões de disponibilidade devem a porcentagem da mensalidade do escalão mais baixo abaixo do qual fica a disponibilidade do mês (os escalões não se somam). Um crédito de cumprimento é devido quando o cumprimento de um mês fica abaixo do seu objetivo com pelo menos o número mínimo de chamados avaliados.</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>Período personalizado</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer replied</source>
        <translation>O cliente respondeu</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>Satisfação do cliente</translation>
    </message>
    <message>
        <source>Customer tier:</source>
        <translation>Nível do cliente:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Cópia de segurança diária</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Dashboard: {filter}</source>
        <translation>Painel: {filter}</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Pasta de dados</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Banco de dados</translation>
    </message>
    <message>
        <source>Demo team agreements</source>
        <translation>Acordos de equipe de demonstração</translation>
    </message>
    <message>
        <source>Demo workspace</source>
        <translation>Espaço de trabalho de demonstração</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Did you mean {existing}? Press Create ticket again to add “{name}” as a new customer.</source>
        <translation>Queria dizer {existing}? Clique de novo em Criar chamado para adicionar “{name}” como novo cliente.</translation>
    </message>
    <message>
        <source>Dry run of {source}: nothing was written. {tickets} tickets with {events} events would be imported ({rows} rows read).</source>
        <translation>Simulação de {source}: nada foi escrito. Seriam importados {tickets} chamados com {events} eventos ({rows} linhas lidas).</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <source>Due (local)</source>
        <translation>Prazo (hora local)</translation>
    </message>
    <message>
        <source>Due at {t}</source>
        <translation>Vence às {t}</translation>
    </message>
    <message>
        <source>Due at {t}; at risk</source>
        <translation>Vence às {t}; em risco</translation>
    </message>
    <message>
        <source>During working time of “{name}”</source>
        <translation>Durante o horário de trabalho de “{name}”</translation>
    </message>
    <message>
        <source>Each cell: compliance (clocks stopped in the period).</source>
        <translation>Cada célula: cumprimento (cronômetros parados no período).</translation>
    </message>
    <message>
        <source>Each cycle counts once, for whoever held the ticket when it stopped.</source>
        <translation>Cada ciclo conta uma vez, para quem tinha o chamado quando ele parou.</translation>
    </message>
    <message>
        <source>Each service is committed to once per agreement.</source>
        <translation>Cada serviço é objeto de um só compromisso por acordo.</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Decorrido</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>End of report.</source>
        <translation>Fim do relatório.</translation>
    </message>
    <message>
        <source>Enter a subject: it tells agents what the ticket is about.</source>
        <translation>Escreva um assunto: diz aos agentes de que trata o chamado.</translation>
    </message>
    <message>
        <source>Enter the requester&apos;s e-mail address or the name of a known contact.</source>
        <translation>Escreva o endereço de e-mail do solicitante ou o nome de um contato conhecido.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and the database&apos;s name.</source>
        <translation>Informe o endereço do servidor e o nome do banco de dados.</translation>
    </message>
    <message>
        <source>Escalation rules</source>
        <translation>Regras de escalonamento</translation>
    </message>
    <message>
        <source>Escalation {rule} duplicates level {level}: both fire at the same instant.</source>
        <translation>O escalonamento {rule} duplica o nível {level}: ambos disparam no mesmo instante.</translation>
    </message>
    <message>
        <source>Escalation {rule} never fires in practice: it waits more than a year of business time.</source>
        <translation>O escalonamento {rule} nunca dispara na prática: espera mais de um ano de tempo útil.</translation>
    </message>
    <message>
        <source>Escalation {rule} never fires: no priority measures {metric}.</source>
        <translation>O escalonamento {rule} nunca dispara: nenhuma prioridade mede {metric}.</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Escalonamentos</translation>
    </message>
    <message>
        <source>Evaluation order: {names}.</source>
        <translation>Ordem de avaliação: {names}.</translation>
    </message>
    <message>
        <source>Event log, one row per change, read with preset</source>
        <translation>Log de eventos, uma linha por alteração, lido com a predefinição</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Every team</source>
        <translation>Todas as equipes</translation>
    </message>
    <message>
        <source>Every ticket</source>
        <translation>Todos os chamados</translation>
    </message>
    <message>
        <source>Every ticket in {file} is already in the workspace; there is nothing to import.</source>
        <translation>Todos os chamados de {file} já estão no espaço de trabalho; não há nada a importar.</translation>
    </message>
    <message>
        <source>Expected a date and time, got {value!r}.</source>
        <translation>Esperava-se uma data e hora; recebido {value!r}.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Exportar como PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>Exportar como SVG…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Exportar gráfico</translation>
    </message>
    <message>
        <source>Export tickets</source>
        <translation>Exportar chamados</translation>
    </message>
    <message>
        <source>Export tickets…</source>
        <translation>Exportar chamados…</translation>
    </message>
    <message numerus="yes">
        <source>Export {n} ticket…</source>
        <comment>Export {n} tickets…</comment>
        <translation>
            <numerusform>Exportar {n} chamado…</numerusform>
            <numerusform>Exportar {n} chamados…</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported the calendar “{name}” to {path}.</source>
        <translation>Exportado o calendário “{name}” para {path}.</translation>
    </message>
    <message>
        <source>Exported the policy “{name}” version {version} and its calendar to {path}.</source>
        <translation>Exportada a política “{name}”, versão {version}, e o seu calendário para {path}.</translation>
    </message>
    <message>
        <source>Exported {count} tickets to {path}.</source>
        <translation>Exportados {count} chamados para {path}.</translation>
    </message>
    <message>
        <source>Exporting tickets</source>
        <translation>Exportando chamados</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Filter “{name}” saved</source>
        <translation>Filtro “{name}” salvo</translation>
    </message>
    <message>
        <source>Filtered by:</source>
        <translation>Filtrado por:</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Pesquisar</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primeira resposta</translation>
    </message>
    <message>
        <source>First response {bucket}
CSAT: {satisfied} % satisfied, mean {mean} of 5
{count} answers</source>
        <translation>Primeira resposta {bucket}
CSAT: {satisfied} % satisfeitos, média {mean} em 5
{count} respostas</translation>
    </message>
    <message>
        <source>First response {bucket}
NPS {nps}: {promoters} promoters, {detractors} detractors
{count} answers</source>
        <translation>Primeira resposta {bucket}
NPS {nps}: {promoters} promotores, {detractors} detratores
{count} respostas</translation>
    </message>
    <message>
        <source>First-response time</source>
        <translation>Tempo de primeira resposta</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>For example {tickets}.</source>
        <translation>Por exemplo {tickets}.</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Sexta-feira</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Gathering the figures…</source>
        <translation>Reunindo os números…</translation>
    </message>
    <message>
        <source>Generated {when}</source>
        <translation>Gerado {when}</translation>
    </message>
    <message>
        <source>Give the ticket a subject before creating it.</source>
        <translation>Dê um assunto ao chamado antes de criá-lo.</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Goal {goal}</source>
        <translation>Objetivo {goal}</translation>
    </message>
    <message>
        <source>Goals kept; resolution goal to be raised next year.</source>
        <translation>Objetivos mantidos; o objetivo de resolução será aumentado no próximo ano.</translation>
    </message>
    <message>
        <source>Goals of {customer}&apos;s agreement “{agreement}”: {goals}.</source>
        <translation>Objetivos do acordo “{agreement}” de {customer}: {goals}.</translation>
    </message>
    <message>
        <source>Group roles ready: {groups}.</source>
        <translation>Funções de grupo prontas: {groups}.</translation>
    </message>
    <message>
        <source>Hide {column}</source>
        <translation>Ocultar {column}</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Feriado</translation>
    </message>
    <message>
        <source>Holiday {number} ({raw!r}): {problem}</source>
        <translation>Feriado {number} ({raw!r}): {problem}</translation>
    </message>
    <message>
        <source>Holiday: {name}</source>
        <translation>Feriado: {name}</translation>
    </message>
    <message>
        <source>Holidays in the period</source>
        <translation>Feriados no período</translation>
    </message>
    <message>
        <source>Hollow points: a {unit} only partly inside the period.</source>
        <translation>Pontos vazios: {unit} que o período só abrange em parte.</translation>
    </message>
    <message>
        <source>How long each point of the trend is</source>
        <translation>A duração de cada ponto da evolução</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Ignored {count} rows whose status the preset maps to ignore.</source>
        <translation>Ignoradas {count} linhas cujo estado a predefinição manda ignorar.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import at most {count} years at a time.</source>
        <translation>Importe no máximo {count} anos de cada vez.</translation>
    </message>
    <message>
        <source>Import holidays</source>
        <translation>Importar feriados</translation>
    </message>
    <message>
        <source>Import holidays from an iCalendar file</source>
        <translation>Importar feriados de um arquivo iCalendar</translation>
    </message>
    <message>
        <source>Import tickets</source>
        <translation>Importar chamados</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>Importar {file}</translation>
    </message>
    <message>
        <source>Imported from {file}</source>
        <translation>Importado de {file}</translation>
    </message>
    <message>
        <source>Imported {tickets} tickets with {events} events from {file}.</source>
        <translation>Importados {tickets} chamados com {events} eventos de {file}.</translation>
    </message>
    <message>
        <source>Imported {tickets} tickets with {events} events from {file}; {rejected} rejected rows were left out.</source>
        <translation>Importados {tickets} chamados com {events} eventos de {file}; ficaram de fora {rejected} linhas rejeitadas.</translation>
    </message>
    <message>
        <source>Imported {tickets} tickets with {events} events from {file}; {skipped} tickets already in the workspace were left unchanged and {rejected} rejected rows were left out.</source>
        <translation>Importados {tickets} chamados com {events} eventos de {file}; {skipped} chamados que já estavam no espaço de trabalho ficaram inalterados e ficaram de fora {rejected} linhas rejeitadas.</translation>
    </message>
    <message>
        <source>Imported {tickets} tickets with {events} events from {file}; {skipped} tickets already in the workspace were left unchanged.</source>
        <translation>Importados {tickets} chamados com {events} eventos de {file}; {skipped} chamados que já estavam no espaço de trabalho ficaram inalterados.</translation>
    </message>
    <message>
        <source>Imported {tickets} tickets with {events} events from {source} ({rows} rows read).</source>
        <translation>Importados {tickets} chamados com {events} eventos de {source} ({rows} linhas lidas).</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>In between</source>
        <translation>Entre os dois</translation>
    </message>
    <message>
        <source>Integrity check: left to the database server (not a SQLite file).</source>
        <translation>Verificação de integridade: a cargo do servidor de base de dados (não é um arquivo SQLite).</translation>
    </message>
    <message>
        <source>Integrity check: ok (every page, table and index).</source>
        <translation>Verificação de integridade: ok (todas as páginas, tabelas e índices).</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Nota interna</translation>
    </message>
    <message>
        <source>It counts in the calendar “{calendar}” ({zone}){carried}.</source>
        <translation>Conta no calendário “{calendar}” ({zone}){carried}.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Landscape pages</source>
        <translation>Páginas na horizontal</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Language of the window, the reports and the messages:</source>
        <translation>Idioma da janela, dos relatórios e das mensagens:</translation>
    </message>
    <message>
        <source>Language…</source>
        <translation>Idioma…</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 dias</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Atrasados</translation>
    </message>
    <message>
        <source>Late by</source>
        <translation>Atrasado</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Restante</translation>
    </message>
    <message>
        <source>Left out {count} tickets whole because of their rejected rows (their clocks would be wrong with a hole in their history; &quot;on_row_error&quot;: &quot;skip_row&quot; in the preset imports them without those rows):</source>
        <translation>Deixados de fora {count} chamados inteiros por causa das suas linhas rejeitadas (os seus cronômetros ficariam errados com uma falha no histórico; &quot;on_row_error&quot;: &quot;skip_row&quot; na predefinição importa-os sem essas linhas):</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <source>Line {line}, column {column}: {message}</source>
        <translation>Linha {line}, coluna {column}: {message}</translation>
    </message>
    <message>
        <source>Load the charts again from the workspace</source>
        <translation>Carregar de novo os gráficos a partir do espaço de trabalho</translation>
    </message>
    <message>
        <source>Load workspace</source>
        <translation>Carregar espaço de trabalho</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Carregando</translation>
    </message>
    <message>
        <source>Loading the dashboard</source>
        <translation>Carregando o painel</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Carregando o histórico…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Log customer reply</source>
        <translation>Registrar resposta do cliente</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Arquivo de log</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Mediana</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Métodos</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meus</translation>
    </message>
    <message>
        <source>Missed target</source>
        <translation>Objetivo falhado</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Segunda-feira</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <source>Monthly cap</source>
        <translation>Limite mensal</translation>
    </message>
    <message>
        <source>Months are calendar months in the time zone {zone}. Compliance and the credits per breached ticket count the clocks of {customer}&apos;s tickets that stopped in the month, by the ticket&apos;s current priority; a ticket counts once per rule and month however many of its cycles were breached. Durations are business time in the calendar that judged the clock (the agreement&apos;s calendar when it names one).</source>
        <translation>Os meses são meses de calendário no fuso horário {zone}. O cumprimento e os créditos por chamado descumprido contam os cronômetros dos chamados de {customer} que pararam no mês, pela prioridade atual do chamado; um chamado conta uma vez por regra e por mês, por muitos que sejam os seus ciclos descumpridos. As durações são tempo útil no calendário que avaliou o cronômetro (o calendário do acordo, quando este indica um).</translation>
    </message>
    <message>
        <source>Move the ticket to another team</source>
        <translation>Mover o chamado para outra equipe</translation>
    </message>
    <message>
        <source>Move “{column}” left</source>
        <translation>Mover “{column}” para a esquerda</translation>
    </message>
    <message>
        <source>Move “{column}” right</source>
        <translation>Mover “{column}” para a direita</translation>
    </message>
    <message>
        <source>Moved the workspace to {where}: {tables} tables, {rows} rows, verified (row counts per table and clock checksum {checksum}) in {seconds} s.</source>
        <translation>O espaço de trabalho foi movido para {where}: {tables} tabelas, {rows} linhas, verificado (contagem de linhas por tabela e soma de controle dos cronômetros {checksum}) em {seconds} s.</translation>
    </message>
    <message>
        <source>Moved to team {team}</source>
        <translation>Movido para a equipe {team}</translation>
    </message>
    <message>
        <source>Muted alerts still appear in the Alerts list of the window.</source>
        <translation>Os alertas silenciados continuam aparecendo na lista de Alertas da janela.</translation>
    </message>
    <message>
        <source>My tickets and unassigned ones</source>
        <translation>Os meus chamados e os não atribuídos</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>NPS (answers given in the bucket)</source>
        <translation>NPS (respostas dadas no intervalo)</translation>
    </message>
    <message>
        <source>NPS (points, −100 to 100)</source>
        <translation>NPS (pontos, −100 a 100)</translation>
    </message>
    <message>
        <source>NPS (−100 to 100)</source>
        <translation>NPS (−100 a 100)</translation>
    </message>
    <message>
        <source>NPS answers</source>
        <translation>Respostas NPS</translation>
    </message>
    <message>
        <source>NPS goal {goal}: {value}, {verdict}</source>
        <translation>Objetivo de NPS {goal}: {value}, {verdict}</translation>
    </message>
    <message>
        <source>NPS {goal}</source>
        <translation>NPS {goal}</translation>
    </message>
    <message>
        <source>Name of this filter (view, search and narrowing):</source>
        <translation>Nome deste filtro (vista, pesquisa e restrições):</translation>
    </message>
    <message>
        <source>Name the agent to reassign to.</source>
        <translation>Indique o agente a quem reatribuir.</translation>
    </message>
    <message>
        <source>Name the tag to add.</source>
        <translation>Indique a etiqueta a adicionar.</translation>
    </message>
    <message>
        <source>Name the team to reassign to.</source>
        <translation>Indique a equipe a quem reatribuir.</translation>
    </message>
    <message>
        <source>Needs the columns {required}; may also have {optional}.</source>
        <translation>Precisa das colunas {required}; pode também ter {optional}.</translation>
    </message>
    <message>
        <source>Net promoter score</source>
        <translation>Net Promoter Score</translation>
    </message>
    <message>
        <source>Net promoter score per period of answer.</source>
        <translation>Net Promoter Score por período de resposta.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Novo chamado</translation>
    </message>
    <message>
        <source>Newest event</source>
        <translation>Evento mais recente</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Próximo prazo</translation>
    </message>
    <message>
        <source>Next response</source>
        <translation>Próxima resposta</translation>
    </message>
    <message>
        <source>No NPS answer was given in this period.</source>
        <translation>Nenhuma resposta NPS foi dada neste período.</translation>
    </message>
    <message>
        <source>No OLA cycle stopped in the period.</source>
        <translation>Nenhum ciclo de OLA parou no período.</translation>
    </message>
    <message>
        <source>No SLA clock stopped in this period. In this workspace they stopped from {first} to {last}.</source>
        <translation>Nenhum cronômetro SLA parou neste período. Neste espaço de trabalho pararam de {first} a {last}.</translation>
    </message>
    <message>
        <source>No SLA clock stopped in this period; widen the period or clear a filter.</source>
        <translation>Nenhum cronômetro SLA parou neste período; alargue o período ou retire um filtro.</translation>
    </message>
    <message>
        <source>No SLA policy applies to this ticket</source>
        <translation>Nenhuma política SLA se aplica a este chamado</translation>
    </message>
    <message>
        <source>No SLA policy applies to ticket #{id}: no active policy matches its attributes.</source>
        <translation>Nenhuma política SLA se aplica ao chamado n.º {id}: nenhuma política ativa corresponde aos seus atributos.</translation>
    </message>
    <message>
        <source>No breach among the clocks that stopped in the period.</source>
        <translation>Nenhum descumprimento entre os cronômetros que pararam no período.</translation>
    </message>
    <message>
        <source>No business time has counted yet.</source>
        <translation>Ainda não contou tempo útil.</translation>
    </message>
    <message>
        <source>No calendar is in use.</source>
        <translation>Nenhum calendário está em uso.</translation>
    </message>
    <message>
        <source>No clock measures this ticket</source>
        <translation>Nenhum cronômetro mede este chamado</translation>
    </message>
    <message>
        <source>No clock of this metric stopped in the period.</source>
        <translation>Nenhum cronômetro desta métrica parou no período.</translation>
    </message>
    <message>
        <source>No clock stopped in the period.</source>
        <translation>Nenhum cronômetro parou no período.</translation>
    </message>
    <message>
        <source>No commitment recorded.</source>
        <translation>Nenhum compromisso registrado.</translation>
    </message>
    <message>
        <source>No escalation rule fired in the period.</source>
        <translation>Nenhuma regra de escalonamento disparou no período.</translation>
    </message>
    <message>
        <source>No events yet.</source>
        <translation>Ainda não há eventos.</translation>
    </message>
    <message>
        <source>No explanation is available for this clock.</source>
        <translation>Não há explicação disponível para este cronômetro.</translation>
    </message>
    <message>
        <source>No first response</source>
        <translation>Sem primeira resposta</translation>
    </message>
    <message>
        <source>No keyring is available: the password will be asked at each start.</source>
        <translation>Nenhum chaveiro está disponível: a senha será pedida a cada inicialização.</translation>
    </message>
    <message>
        <source>No new tickets</source>
        <translation>Nenhum chamado novo</translation>
    </message>
    <message>
        <source>No open ticket matches these filters.</source>
        <translation>Nenhum chamado aberto corresponde a estes filtros.</translation>
    </message>
    <message>
        <source>No outage in the period.</source>
        <translation>Nenhuma interrupção no período.</translation>
    </message>
    <message>
        <source>No policy version is recorded.</source>
        <translation>Nenhuma versão de política está registrada.</translation>
    </message>
    <message>
        <source>No running clock</source>
        <translation>Nenhum cronômetro contando</translation>
    </message>
    <message>
        <source>No running clock falls due in the next 7 days.</source>
        <translation>Nenhum cronômetro contando vence nos próximos 7 dias.</translation>
    </message>
    <message>
        <source>No service description recorded.</source>
        <translation>Nenhuma descrição do serviço registrada.</translation>
    </message>
    <message>
        <source>No service is monitored in this workspace.</source>
        <translation>Nenhum serviço é monitorado neste espaço de trabalho.</translation>
    </message>
    <message>
        <source>No service is monitored, or the period lies in the future.</source>
        <translation>Nenhum serviço é monitorado, ou o período está no futuro.</translation>
    </message>
    <message>
        <source>No survey answer was given in this period.</source>
        <translation>Nenhuma resposta à pesquisa foi dada neste período.</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Sem equipe</translation>
    </message>
    <message>
        <source>No team has an OLA yet: set team targets in Policies › Team OLAs.</source>
        <translation>Nenhuma equipe tem ainda um OLA: defina os objetivos das equipes em Políticas › OLAs das equipes.</translation>
    </message>
    <message>
        <source>No team server answers at {host} port {port}; check the address and that the server is running, then try again.</source>
        <translation>Nenhum servidor da equipe responde em {host}, porta {port}; verifique o endereço e se o servidor está em execução, depois tente de novo.</translation>
    </message>
    <message>
        <source>No ticket in {file} can be imported: correct the rejected rows, then check the file again.</source>
        <translation>Nenhum chamado de {file} pode ser importado: corrija as linhas rejeitadas e verifique de novo o arquivo.</translation>
    </message>
    <message>
        <source>No {metric} clock stopped in this period.</source>
        <translation>Nenhum cronômetro de {metric} parou neste período.</translation>
    </message>
    <message>
        <source>Non-working days</source>
        <translation>Dias não úteis</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Nenhum.</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Not measured by this policy</source>
        <translation>Não medido por esta política</translation>
    </message>
    <message>
        <source>Not stopped</source>
        <translation>Não parado</translation>
    </message>
    <message>
        <source>Note: the active policy “{other}” comes first and matches every ticket, so “{name}” judges none; import it again with --first, or reorder the policies in the window.</source>
        <translation>Nota: a política ativa “{other}” vem primeiro e corresponde a todos os chamados, por isso “{name}” não avalia nenhum; importe-a de novo com --first ou reordene as políticas na janela.</translation>
    </message>
    <message>
        <source>Nothing changed: pick a new status, priority, assignee or team first.</source>
        <translation>Nada mudou: escolha primeiro um novo estado, prioridade, responsável ou equipe.</translation>
    </message>
    <message>
        <source>Nothing changed: the selected tickets already have that.</source>
        <translation>Nada mudou: os chamados selecionados já têm esse valor.</translation>
    </message>
    <message>
        <source>Nothing is written yet: Import adds {tickets} tickets with {events} events and leaves out the {rejected} rejected rows.</source>
        <translation>Ainda nada foi escrito: Importar adiciona {tickets} chamados com {events} eventos e deixa de fora as {rejected} linhas rejeitadas.</translation>
    </message>
    <message>
        <source>Nothing is written yet: Import adds {tickets} tickets with {events} events.</source>
        <translation>Ainda nada foi escrito: Importar adiciona {tickets} chamados com {events} eventos.</translation>
    </message>
    <message>
        <source>Nothing to submit: change a field or write a reply first.</source>
        <translation>Nada a enviar: altere um campo ou escreva uma resposta primeiro.</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nada a desfazer.</translation>
    </message>
    <message>
        <source>Nothing to undo: the ticket already has those values.</source>
        <translation>Nada a desfazer: o chamado já tem esses valores.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nada foi alterado.</translation>
    </message>
    <message>
        <source>Nothing was imported. {problem}</source>
        <translation>Nada foi importado. {problem}</translation>
    </message>
    <message>
        <source>Nothing was imported: another program was writing to the workspace. Try again in a moment.</source>
        <translation>Nada foi importado: outro programa estava escrevendo no espaço de trabalho. Tente de novo daqui a pouco.</translation>
    </message>
    <message>
        <source>Nothing was imported: the preset ignores the status of all {rows} rows; check its &quot;ignore&quot; list and import again.</source>
        <translation>Nada foi importado: a predefinição ignora o estado de todas as {rows} linhas; verifique a sua lista &quot;ignore&quot; e importe de novo.</translation>
    </message>
    <message>
        <source>Nothing was imported: the process reading the file ended unexpectedly (exit code {code}); try again.</source>
        <translation>Nada foi importado: o processo que lia o arquivo terminou inesperadamente (código de saída {code}); tente de novo.</translation>
    </message>
    <message>
        <source>Nothing was imported: the workspace could not be written ({reason}). Check the free disk space and the database, then try again.</source>
        <translation>Nada foi importado: não foi possível escrever no espaço de trabalho ({reason}). Verifique o espaço livre no disco e a base de dados e tente de novo.</translation>
    </message>
    <message>
        <source>Nothing was imported: the {what} of ticket “{case}” has {length} characters, more than the {limit} a workspace keeps; shorten it in the file and import again.</source>
        <translation>Nada foi importado: o chamado “{case}” tem um campo {what} com {length} caracteres, mais do que os {limit} que um espaço de trabalho armazena; encurte-o no arquivo e importe de novo.</translation>
    </message>
    <message>
        <source>Nothing was imported: ticket “{case}” has a NUL character in its {what}, which a workspace cannot keep; remove it from the file and import again.</source>
        <translation>Nada foi importado: o chamado “{case}” tem um caractere NUL no campo {what}, que um espaço de trabalho não consegue armazenar; remova-o do arquivo e importe de novo.</translation>
    </message>
    <message>
        <source>Nothing was imported: {count} of the {rows} rows were rejected and none gave a ticket (first: {first}); fix the file or the preset and import again.</source>
        <translation>Nada foi importado: {count} das {rows} linhas foram rejeitadas e nenhuma deu um chamado (primeira: {first}); corrija o arquivo ou a predefinição e importe de novo.</translation>
    </message>
    <message>
        <source>Nothing would be imported: none of the {rows} rows gave a ticket{first}; fix the file or the preset and try again.</source>
        <translation>Nada seria importado: nenhuma das {rows} linhas deu um chamado{first}; corrija o arquivo ou a predefinição e tente de novo.</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Notificar</translation>
    </message>
    <message>
        <source>Notify for</source>
        <translation>Notificar para</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <source>OLA</source>
        <translation>OLA</translation>
    </message>
    <message>
        <source>OLA compliance per team</source>
        <translation>Cumprimento do OLA por equipe</translation>
    </message>
    <message>
        <source>OLA compliance per team (the team whose cycle it is)</source>
        <translation>Cumprimento do OLA por equipe (a equipe a que pertence o ciclo)</translation>
    </message>
    <message>
        <source>OLA cycles</source>
        <translation>Ciclos de OLA</translation>
    </message>
    <message>
        <source>OLA cycles that stopped in the period: the time a ticket spent with a team, in business time of that team&apos;s calendar. Click a Stopped or Breached number to see its tickets.</source>
        <translation>Ciclos de OLA que pararam no período: o tempo que um chamado passou com uma equipe, em tempo útil do calendário dessa equipe. Clique em um número de Parados ou Descumpridos para ver os chamados correspondentes.</translation>
    </message>
    <message>
        <source>OLA met</source>
        <translation>OLA cumprido</translation>
    </message>
    <message>
        <source>OLA of {team}: {tooltip}</source>
        <translation>OLA de {team}: {tooltip}</translation>
    </message>
    <message>
        <source>OLA {team} #{n}</source>
        <translation>OLA {team} n.º {n}</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Em espera</translation>
    </message>
    <message>
        <source>Only a workspace file can be restored from a backup.</source>
        <translation>Só um arquivo de espaço de trabalho pode ser restaurado a partir de uma cópia de segurança.</translation>
    </message>
    <message>
        <source>Only my tickets</source>
        <translation>Só os meus chamados</translation>
    </message>
    <message>
        <source>Only partly in the period</source>
        <translation>Só em parte no período</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aberto</translation>
    </message>
    <message>
        <source>Open the local workspace</source>
        <translation>Abrir o espaço de trabalho local</translation>
    </message>
    <message>
        <source>Open the team workspace</source>
        <translation>Abrir o espaço de trabalho da equipe</translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation>Abrir chamado</translation>
    </message>
    <message>
        <source>Open tickets (count)</source>
        <translation>Chamados abertos (contagem)</translation>
    </message>
    <message>
        <source>Open tickets breached and at risk now (the sidebar&apos;s Breached and At risk)</source>
        <translation>Chamados abertos descumpridos e em risco agora (Descumpridos e Em risco da barra lateral)</translation>
    </message>
    <message>
        <source>Open tickets by time left</source>
        <translation>Chamados abertos por tempo restante</translation>
    </message>
    <message>
        <source>Opening the workspace</source>
        <translation>Abrindo o espaço de trabalho</translation>
    </message>
    <message>
        <source>Opening the workspace on the server…</source>
        <translation>Abrindo o espaço de trabalho no servidor…</translation>
    </message>
    <message>
        <source>Opening {what}…</source>
        <translation>Abrindo {what}…</translation>
    </message>
    <message>
        <source>Organisation (a new name is added)</source>
        <translation>Organização (um nome novo é adicionado)</translation>
    </message>
    <message>
        <source>Other agent…</source>
        <translation>Outro agente…</translation>
    </message>
    <message>
        <source>Other conditions: the draft applies to other tickets.</source>
        <translation>Outras condições: o rascunho aplica-se a outros chamados.</translation>
    </message>
    <message>
        <source>Other preset file…</source>
        <translation>Outro arquivo de predefinição…</translation>
    </message>
    <message>
        <source>Other team…</source>
        <translation>Outra equipe…</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Outros</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>Interrupções</translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation>Fora do horário de trabalho</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Em atraso</translation>
    </message>
    <message>
        <source>Overdue by {late}: it was due {due}.</source>
        <translation>Atrasado {late}: o prazo era {due}.</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Devido</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsável</translation>
    </message>
    <message>
        <source>P50 (median)</source>
        <translation>P50 (mediana)</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Página {number} de {count}</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>Senha de {name}: </translation>
    </message>
    <message>
        <source>Password for {where}:</source>
        <translation>Senha de {where}:</translation>
    </message>
    <message>
        <source>Past its due time by {t} of business time</source>
        <translation>Passou do prazo há {t} de tempo útil</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Em pausa</translation>
    </message>
    <message>
        <source>Paused ({status})</source>
        <translation>Em pausa ({status})</translation>
    </message>
    <message>
        <source>Paused after its due time</source>
        <translation>Em pausa depois do prazo</translation>
    </message>
    <message>
        <source>Paused while</source>
        <translation>Em pausa enquanto</translation>
    </message>
    <message>
        <source>Paused while: {old} → {new}.</source>
        <translation>Em pausa enquanto: {old} → {new}.</translation>
    </message>
    <message>
        <source>Paused with {left} left; it does not count while paused.</source>
        <translation>Em pausa com {left} restantes; não conta enquanto está em pausa.</translation>
    </message>
    <message>
        <source>Paused, {late} past its target; it does not count while paused.</source>
        <translation>Em pausa, {late} depois do objetivo; não conta enquanto está em pausa.</translation>
    </message>
    <message>
        <source>Paused: {t} of business time left, frozen while the ticket waits</source>
        <translation>Em pausa: {t} de tempo útil restante, congelado enquanto o chamado espera</translation>
    </message>
    <message>
        <source>Pauses on</source>
        <translation>Pausa em</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Alterações pendentes</translation>
    </message>
    <message>
        <source>Pending changes: {changes}. Submit (Ctrl+Return) to apply.</source>
        <translation>Alterações pendentes: {changes}. Envie (Ctrl+Return) para aplicar.</translation>
    </message>
    <message>
        <source>Per agent, by the assignee when the cycle stopped</source>
        <translation>Por agente, pelo responsável quando o ciclo parou</translation>
    </message>
    <message>
        <source>Per agent, by the assignees while the clock ran</source>
        <translation>Por agente, pelos responsáveis enquanto o cronômetro contava</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Periodic update</source>
        <translation>Atualização periódica</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Pick a clock above to see why it is due when it is.</source>
        <translation>Escolha um cronômetro acima para ver porque vence quando vence.</translation>
    </message>
    <message>
        <source>Planned maintenance counts as downtime.</source>
        <translation>A manutenção planejada conta como indisponibilidade.</translation>
    </message>
    <message>
        <source>Planned maintenance is excluded.</source>
        <translation>A manutenção planejada é excluída.</translation>
    </message>
    <message>
        <source>Planned maintenance of {service}</source>
        <translation>Manutenção planejada de {service}</translation>
    </message>
    <message>
        <source>Policies and calendars</source>
        <translation>Políticas e calendários</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <source>Policy #{id} no longer exists; reload the list of policies.</source>
        <translation>A política n.º {id} já não existe; recarregue a lista de políticas.</translation>
    </message>
    <message>
        <source>Policy &apos;{name}&apos; cannot be used: {problem}</source>
        <translation>A política &apos;{name}&apos; não pode ser usada: {problem}</translation>
    </message>
    <message>
        <source>Policy version #{id} does not exist; reload and try again.</source>
        <translation>A versão de política n.º {id} não existe; recarregue e tente de novo.</translation>
    </message>
    <message>
        <source>Policy versions in force</source>
        <translation>Versões de política em vigor</translation>
    </message>
    <message>
        <source>Policy “{name}”</source>
        <translation>a política “{name}”</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Preset {name} reads the columns {columns}.</source>
        <translation>A predefinição {name} lê as colunas {columns}.</translation>
    </message>
    <message>
        <source>Presets (*.json)</source>
        <translation>Predefinições (*.json)</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Visualizar…</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Visualizar impressão</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Filtro de prioridade</translation>
    </message>
    <message>
        <source>Priority → {priority}</source>
        <translation>Prioridade → {priority}</translation>
    </message>
    <message>
        <source>Priority: {priority}</source>
        <translation>Prioridade: {priority}</translation>
    </message>
    <message>
        <source>Public reply</source>
        <translation>Resposta pública</translation>
    </message>
    <message>
        <source>Quiet hours from</source>
        <translation>Horas de silêncio das</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>Re-baseline every ticket</source>
        <translation>Re-baseline de todos os chamados</translation>
    </message>
    <message>
        <source>Re-baseline every ticket…</source>
        <translation>Re-baseline de todos os chamados…</translation>
    </message>
    <message>
        <source>Re-baselining every ticket</source>
        <translation>Refazendo a baseline de todos os chamados</translation>
    </message>
    <message>
        <source>Re-judging history recomputes closed tickets under the current policies.
Why? (recorded with your name)</source>
        <translation>Voltar a avaliar o histórico recalcula os chamados fechados com as políticas atuais.
Porquê? (registrado com o seu nome)</translation>
    </message>
    <message>
        <source>Read contacts</source>
        <translation>Ler contatos</translation>
    </message>
    <message>
        <source>Read the whole file and show what would be imported</source>
        <translation>Ler o arquivo inteiro e mostrar o que seria importado</translation>
    </message>
    <message>
        <source>Reading and checking {file}…</source>
        <translation>Lendo e verificar {file}…</translation>
    </message>
    <message>
        <source>Reading the backups</source>
        <translation>Lendo as cópias de segurança</translation>
    </message>
    <message>
        <source>Reading the backups…</source>
        <translation>Lendo as cópias de segurança…</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Lendo {file}…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Rebuilt the daily figures the dashboard and reports read: {count} of their rows did not match the SLA clocks.</source>
        <translation>Foram reconstruídos os números diários que o painel e os relatórios leem: {count} das suas linhas não correspondiam aos cronômetros SLA.</translation>
    </message>
    <message>
        <source>Recompute SLA clocks</source>
        <translation>Recalcular cronômetros SLA</translation>
    </message>
    <message>
        <source>Recompute cancelled; tickets not reached keep their previous clocks.</source>
        <translation>Recálculo cancelado; os chamados não alcançados mantêm os cronômetros anteriores.</translation>
    </message>
    <message numerus="yes">
        <source>Recomputed the SLA clocks of {n} ticket in {seconds} s.</source>
        <comment>Recomputed the SLA clocks of {n} tickets in {seconds} s.</comment>
        <translation>
            <numerusform>Foram recalculados os cronômetros SLA de {n} chamado em {seconds} s.</numerusform>
            <numerusform>Foram recalculados os cronômetros SLA de {n} chamados em {seconds} s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recomputing</source>
        <translation>Recalculando</translation>
    </message>
    <message>
        <source>Recomputing SLA clocks</source>
        <translation>Recalculando os cronômetros SLA</translation>
    </message>
    <message>
        <source>Record a reply the customer sent another way</source>
        <translation>Registrar uma resposta que o cliente enviou por outra via</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Rejected rows ({count}), left out of the import</source>
        <translation>Linhas rejeitadas ({count}), deixadas de fora da importação</translation>
    </message>
    <message>
        <source>Rejected {count} rows:</source>
        <translation>Rejeitadas {count} linhas:</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <source>Reload and re-apply my changes</source>
        <translation>Recarregar e reaplicar as minhas alterações</translation>
    </message>
    <message>
        <source>Reload ticket</source>
        <translation>Recarregar chamado</translation>
    </message>
    <message>
        <source>Remember the password in this computer&apos;s keyring</source>
        <translation>Lembrar a senha no chaveiro deste computador</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Remove filter: {filter}</source>
        <translation>Retirar filtro: {filter}</translation>
    </message>
    <message>
        <source>Remove the selected rule of {table}</source>
        <translation>Remover a regra selecionada de {table}</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Retirar este filtro</translation>
    </message>
    <message>
        <source>Reopened: {status}</source>
        <translation>Reaberto: {status}</translation>
    </message>
    <message>
        <source>Repaired the clocks of {count} tickets that did not match their events (ids {ids}{more}).</source>
        <translation>Reparados os cronômetros de {count} chamados que não correspondiam aos seus eventos (ids {ids}{more}).</translation>
    </message>
    <message>
        <source>Repaired the team agreement (OLA) cycles of {count} open tickets that did not match their events (ids {ids}{more}).</source>
        <translation>Reparados os ciclos do acordo de equipe (OLA) de {count} chamados abertos que não correspondiam aos seus eventos (ids {ids}{more}).</translation>
    </message>
    <message>
        <source>Replaced the calendar “{name}” ({zone}) with the one in {path}.</source>
        <translation>Substituído o calendário “{name}” ({zone}) pelo de {path}.</translation>
    </message>
    <message>
        <source>Replaying tickets…</source>
        <translation>Reproduzindo chamados…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>Repor colunas</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolução</translation>
    </message>
    <message>
        <source>Response and resolution times</source>
        <translation>Tempos de resposta e de resolução</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar uma cópia de segurança</translation>
    </message>
    <message>
        <source>Restore backup…</source>
        <translation>Restaurar cópia de segurança…</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Restaurar esta cópia de segurança?</translation>
    </message>
    <message>
        <source>Restored. The workspace as it was before is the backup taken {taken}; restore that one to undo.</source>
        <translation>Restaurado. O espaço de trabalho tal como estava antes é a cópia de segurança feita {taken}; restaure essa para desfazer.</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Restoring a backup</source>
        <translation>Restaurando uma cópia de segurança</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restaurando…</translation>
    </message>
    <message>
        <source>Review by</source>
        <translation>Rever até</translation>
    </message>
    <message>
        <source>Review overdue: {names}</source>
        <translation>Revisão em atraso: {names}</translation>
    </message>
    <message numerus="yes">
        <source>Rewrote the team agreement (OLA) cycles of {n} ticket that did not match its events.</source>
        <comment>Rewrote the team agreement (OLA) cycles of {n} tickets that did not match their events.</comment>
        <translation>
            <numerusform>Foram reescritos os ciclos do acordo de equipe (OLA) de {n} chamado que não correspondia aos seus eventos.</numerusform>
            <numerusform>Foram reescritos os ciclos do acordo de equipe (OLA) de {n} chamados que não correspondiam aos seus eventos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Roles and logins live on a PostgreSQL server; a workspace file has one local user with every role.</source>
        <translation>Funções e logins ficam em um servidor PostgreSQL; um arquivo de espaço de trabalho tem um único usuário local com todas as funções.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Contando</translation>
    </message>
    <message>
        <source>SLA Workbench</source>
        <translation>SLA Workbench</translation>
    </message>
    <message>
        <source>SLA Workbench chart</source>
        <translation>Gráfico do SLA Workbench</translation>
    </message>
    <message>
        <source>SLA Workbench ran out of resources ({what}) and must close; saved data is safe.</source>
        <translation>O SLA Workbench ficou sem recursos ({what}) e tem que fechar; os dados salvos estão seguros.</translation>
    </message>
    <message>
        <source>SLA Workbench {version}</source>
        <translation>SLA Workbench {version}</translation>
    </message>
    <message>
        <source>SLA Workbench — {where}</source>
        <translation>SLA Workbench — {where}</translation>
    </message>
    <message>
        <source>SLA Workbench: track support tickets against their SLAs.</source>
        <translation>SLA Workbench: acompanhe os chamados de suporte em relação aos seus SLAs.</translation>
    </message>
    <message>
        <source>SLA Workbench: unexpected error</source>
        <translation>SLA Workbench: erro inesperado</translation>
    </message>
    <message>
        <source>SLA alert settings</source>
        <translation>Configurações de alertas SLA</translation>
    </message>
    <message>
        <source>SLA alerts</source>
        <translation>Alertas SLA</translation>
    </message>
    <message>
        <source>SLA clocks</source>
        <translation>Cronômetros SLA</translation>
    </message>
    <message>
        <source>SLA clocks recomputed for {tickets} tickets.</source>
        <translation>Cronômetros SLA recalculados para {tickets} chamados.</translation>
    </message>
    <message>
        <source>SLA compliance summary</source>
        <translation>Resumo de cumprimento de SLA</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA cumprido</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Política SLA</translation>
    </message>
    <message>
        <source>SLA timeline</source>
        <translation>Linha do tempo do SLA</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Desenho SVG (*.svg)</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfação</translation>
    </message>
    <message>
        <source>Satisfaction by first-response time</source>
        <translation>Satisfação por tempo de primeira resposta</translation>
    </message>
    <message>
        <source>Satisfied (%) · NPS (points)</source>
        <translation>Satisfeitos (%) · NPS (pontos)</translation>
    </message>
    <message>
        <source>Satisfied (4–5)</source>
        <translation>Satisfeitos (4–5)</translation>
    </message>
    <message>
        <source>Satisfied, CSAT 4–5 (%)</source>
        <translation>Satisfeitos, CSAT 4–5 (%)</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Salvar como CSV…</translation>
    </message>
    <message>
        <source>Save as HTML…</source>
        <translation>Salvar como HTML…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salvar como PDF…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Salvar filtro</translation>
    </message>
    <message>
        <source>Save filter…</source>
        <translation>Salvar filtro…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Salvar o relatório</translation>
    </message>
    <message>
        <source>Save this chart as an image</source>
        <translation>Salvar este gráfico como imagem</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo</translation>
    </message>
    <message>
        <source>Saved filter “{name}”</source>
        <translation>Filtro “{name}” salvo</translation>
    </message>
    <message>
        <source>Saved the policy “{name}” from {path} as its next version (its place kept).</source>
        <translation>Salva a política “{name}” de {path} como a sua próxima versão (mantendo o seu lugar).</translation>
    </message>
    <message>
        <source>Saved the policy “{name}” from {path} as its next version.</source>
        <translation>Salva a política “{name}” de {path} como a sua próxima versão.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} salvo.</translation>
    </message>
    <message>
        <source>Say who is making the change: the author cannot be empty.</source>
        <translation>Diga quem faz a alteração: o autor não pode estar vazio.</translation>
    </message>
    <message>
        <source>Say who is saving the OLA: the author is empty.</source>
        <translation>Indique quem está salvando o OLA: o autor está vazio.</translation>
    </message>
    <message>
        <source>Say who is saving the agreement: the author cannot be empty.</source>
        <translation>Diga quem salva o acordo: o autor não pode estar vazio.</translation>
    </message>
    <message>
        <source>Say who is saving the policy: the author cannot be empty.</source>
        <translation>Diga quem salva a política: o autor não pode estar vazio.</translation>
    </message>
    <message>
        <source>Search subject, requester or ticket id (Ctrl+F)</source>
        <translation>Pesquisar assunto, solicitante ou id do chamado (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tickets</source>
        <translation>Pesquisar chamados</translation>
    </message>
    <message>
        <source>Search “{text}”</source>
        <translation>Pesquisar “{text}”</translation>
    </message>
    <message>
        <source>Select a ticket to reply to.</source>
        <translation>Selecione um chamado a que responder.</translation>
    </message>
    <message>
        <source>Select a ticket to see its clocks and history.</source>
        <translation>Selecione um chamado para ver os seus cronômetros e o histórico.</translation>
    </message>
    <message>
        <source>Select the tickets to change first.</source>
        <translation>Selecione primeiro os chamados a alterar.</translation>
    </message>
    <message>
        <source>Send a public reply to the requester</source>
        <translation>Enviar uma resposta pública ao solicitante</translation>
    </message>
    <message>
        <source>Sent {count} pages to the printer.</source>
        <translation>Enviadas {count} páginas para a impressora.</translation>
    </message>
    <message>
        <source>Separated by spaces or commas</source>
        <translation>Separados por espaços ou vírgulas</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>Service availability</source>
        <translation>Disponibilidade do serviço</translation>
    </message>
    <message>
        <source>Service credits owed</source>
        <translation>Créditos de serviço devidos</translation>
    </message>
    <message>
        <source>Service statement for {customer}</source>
        <translation>Extrato de serviço de {customer}</translation>
    </message>
    <message>
        <source>Settings folder</source>
        <translation>Pasta de configurações</translation>
    </message>
    <message>
        <source>Share of clocks (%)</source>
        <translation>Proporção de cronômetros (%)</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atalho</translation>
    </message>
    <message>
        <source>Show desktop notifications for SLA alerts</source>
        <translation>Mostrar notificações no ambiente de trabalho para os alertas SLA</translation>
    </message>
    <message>
        <source>Show the ticket as it is now with your pending changes staged again on it</source>
        <translation>Mostrar o chamado como está agora, com suas alterações pendentes preparadas de novo nele</translation>
    </message>
    <message>
        <source>Show the ticket as it is now; drop the pending changes</source>
        <translation>Mostrar o chamado tal como está agora; descartar as alterações pendentes</translation>
    </message>
    <message>
        <source>Show the ticket&apos;s whole life again (or double-click the timeline)</source>
        <translation>Mostrar de novo toda a vida do chamado (ou clicar duas vezes na linha do tempo)</translation>
    </message>
    <message>
        <source>Show these tickets</source>
        <translation>Mostrar estes chamados</translation>
    </message>
    <message>
        <source>Show {column}</source>
        <translation>Mostrar {column}</translation>
    </message>
    <message>
        <source>Showing: {filter}</source>
        <translation>Mostrando: {filter}</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Com sinal</translation>
    </message>
    <message>
        <source>Skipped {count} tickets already in the workspace (same id); they were left unchanged.</source>
        <translation>Ignorados {count} chamados que já estavam no espaço de trabalho (mesmo id); ficaram inalterados.</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>Resolvido</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Status → {status}</source>
        <translation>Estado → {status}</translation>
    </message>
    <message>
        <source>Statuses that pause pausable clocks (periodic update, resolution): {list}.</source>
        <translation>Estados que pausam os cronômetros pausáveis (atualização periódica, resolução): {list}.</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>Ainda contando</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Stopped after its due time</source>
        <translation>Parado depois do prazo</translation>
    </message>
    <message>
        <source>Stopped in time</source>
        <translation>Parado a tempo</translation>
    </message>
    <message>
        <source>Stopped; nothing was written.</source>
        <translation>Interrompido; nada foi escrito.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Interrompendo…</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assunto</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Submit changes</source>
        <translation>Enviar alterações</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Switched off.</source>
        <translation>Desativado.</translation>
    </message>
    <message>
        <source>Switched on.</source>
        <translation>Ativado.</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Take the last change back (Ctrl+Z), for 10 seconds</source>
        <translation>Desfazer a última alteração (Ctrl+Z), durante 10 segundos</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Feita</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Target (dashed)</source>
        <translation>Objetivo (tracejado)</translation>
    </message>
    <message>
        <source>Target {target} of business time in “{calendar}” ({zone}), judged by “{policy}” v{version}; {counted} counted.</source>
        <translation>Objetivo de {target} de tempo útil em “{calendar}” ({zone}), avaliado por “{policy}” v{version}; {counted} contados.</translation>
    </message>
    <message>
        <source>Target {target}: {days}</source>
        <translation>Objetivo {target}: {days}</translation>
    </message>
    <message>
        <source>Target {value}</source>
        <translation>Objetivo {value}</translation>
    </message>
    <message>
        <source>Targets of the services in “{agreement}” are the agreement&apos;s.</source>
        <translation>Os objetivos dos serviços em “{agreement}” são os do acordo.</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipe</translation>
    </message>
    <message>
        <source>Team agreements (OLAs) and who held the clock</source>
        <translation>Acordos de equipe (OLAs) e quem teve o cronômetro</translation>
    </message>
    <message>
        <source>Team filter</source>
        <translation>Filtro de equipe</translation>
    </message>
    <message>
        <source>Team server: {where}</source>
        <translation>Servidor da equipe: {where}</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Equipe:</translation>
    </message>
    <message>
        <source>Team: {team}</source>
        <translation>Equipe: {team}</translation>
    </message>
    <message>
        <source>Teams: OLA compliance and who held the clock</source>
        <translation>Equipes: cumprimento do OLA e quem teve o cronômetro</translation>
    </message>
    <message>
        <source>That outage no longer exists; reload the list.</source>
        <translation>Essa interrupção já não existe; recarregue a lista.</translation>
    </message>
    <message>
        <source>That service no longer exists; reload the list.</source>
        <translation>Esse serviço já não existe; recarregue a lista.</translation>
    </message>
    <message>
        <source>That team no longer exists; reload the list.</source>
        <translation>Essa equipe já não existe; recarregue a lista.</translation>
    </message>
    <message>
        <source>The CSAT goal is a percentage from 0 to 100.</source>
        <translation>O objetivo de CSAT é uma porcentagem de 0 a 100.</translation>
    </message>
    <message>
        <source>The NPS goal is a score from −100 to 100.</source>
        <translation>O objetivo de NPS é uma pontuação de −100 a 100.</translation>
    </message>
    <message>
        <source>The OLA of this team was changed by someone else; reload it and try again.</source>
        <translation>O OLA desta equipe foi alterado por outra pessoa; recarregue-o e tente de novo.</translation>
    </message>
    <message>
        <source>The OLA target for {priority} is longer than {longest}; give at most {longest}.</source>
        <translation>O objetivo de OLA para {priority} é mais longo do que {longest}; indique no máximo {longest}.</translation>
    </message>
    <message>
        <source>The OLA target for {priority} must be a positive duration such as 4h.</source>
        <translation>O objetivo de OLA para {priority} tem que ser uma duração positiva, como 4h.</translation>
    </message>
    <message>
        <source>The OLA targets must be a table of priority and duration.</source>
        <translation>Os objetivos de OLA têm que ser uma tabela de prioridade e duração.</translation>
    </message>
    <message>
        <source>The SLA clocks are paused.</source>
        <translation>Os cronômetros do SLA estão em pausa.</translation>
    </message>
    <message>
        <source>The agreement commits to no service&apos;s availability.</source>
        <translation>O acordo não compromete a disponibilidade de nenhum serviço.</translation>
    </message>
    <message>
        <source>The agreement is incomplete: {what} is missing or malformed.</source>
        <translation>O acordo está incompleto: {what} falta ou está mal formado.</translation>
    </message>
    <message>
        <source>The agreement sets no compliance goal.</source>
        <translation>O acordo não define objetivo de cumprimento.</translation>
    </message>
    <message>
        <source>The agreement&apos;s validity ends ({end}) before it starts ({start}).</source>
        <translation>A validade do acordo termina ({end}) antes de começar ({start}).</translation>
    </message>
    <message>
        <source>The amount after due is a duration such as 2h (0 means at due).</source>
        <translation>O tempo depois do prazo é uma duração como 2h (0 significa no prazo).</translation>
    </message>
    <message>
        <source>The amount before due is a positive duration such as 30m.</source>
        <translation>O tempo antes do prazo é uma duração positiva como 30m.</translation>
    </message>
    <message>
        <source>The amount is not a duration: {error}</source>
        <translation>O valor não é uma duração: {error}</translation>
    </message>
    <message>
        <source>The availability target of {service} is a percentage above 0, up to 100.</source>
        <translation>O objetivo de disponibilidade de {service} é uma porcentagem acima de 0, até 100.</translation>
    </message>
    <message>
        <source>The backup {backup} could not be restored ({reason}); the workspace was left as it was.</source>
        <translation>Não foi possível restaurar a cópia de segurança {backup} ({reason}); o espaço de trabalho ficou como estava.</translation>
    </message>
    <message>
        <source>The calendar has no time zone; give an IANA name such as Europe/Lisbon.</source>
        <translation>O calendário não tem fuso horário; indique um nome IANA como Europe/Lisbon.</translation>
    </message>
    <message>
        <source>The calendar&apos;s name must be text.</source>
        <translation>O nome do calendário tem que ser texto.</translation>
    </message>
    <message>
        <source>The change is dated before the ticket&apos;s last event; check the computer&apos;s clock and try again.</source>
        <translation>A alteração tem data anterior ao último evento do chamado; verifique o relógio do computador e tente de novo.</translation>
    </message>
    <message>
        <source>The chart could not be saved to {path} ({reason}); choose another folder.</source>
        <translation>Não foi possível salvar o gráfico em {path} ({reason}); escolha outra pasta.</translation>
    </message>
    <message>
        <source>The clock results copied to {where} differ from the source&apos;s; nothing was kept there. Try the move again.</source>
        <translation>Os resultados dos cronômetros copiados para {where} diferem dos da origem; nada foi mantido lá. Tente mover de novo.</translation>
    </message>
    <message numerus="yes">
        <source>The clocks of {n} other open ticket were up to date.</source>
        <comment>The clocks of {n} other open tickets were up to date.</comment>
        <translation>
            <numerusform>Os cronômetros de mais {n} chamado aberto estavam em dia.</numerusform>
            <numerusform>Os cronômetros de mais {n} chamados abertos estavam em dia.</numerusform>
        </translation>
    </message>
    <message>
        <source>The computer ran out of memory; close other programs or split the file, and try again. Nothing was changed.</source>
        <translation>O computador ficou sem memória; feche outros programas ou divida o arquivo e tente de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The copy of {table} on {where} has {got} rows where the source has {want}; nothing was kept there.</source>
        <translation>A cópia de {table} em {where} tem {got} linhas, quando a origem tem {want}; nada foi mantido lá.</translation>
    </message>
    <message>
        <source>The credit owed when a month&apos;s availability is below a level, as “below = credit”, several separated by “;”: {example}</source>
        <translation>O crédito devido quando a disponibilidade de um mês fica abaixo de um nível, como “abaixo de = crédito”, vários separados por “;”: {example}</translation>
    </message>
    <message>
        <source>The daily backup of {path} could not be written ({reason}).</source>
        <translation>Não foi possível escrever a cópia de segurança diária de {path} ({reason}).</translation>
    </message>
    <message>
        <source>The database {where} holds tables but not an SLA Workbench workspace; choose another database. Nothing was changed.</source>
        <translation>O banco de dados {where} contém tabelas, mas não um espaço de trabalho do SLA Workbench; escolha outro banco de dados. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The database {where} is empty: it holds no workspace yet. Initialise it as a new, empty workspace?</source>
        <translation>O banco de dados {where} está vazio: ainda não contém nenhum espaço de trabalho. Inicializá-lo como um espaço de trabalho novo e vazio?</translation>
    </message>
    <message>
        <source>The date and time {value} has no time zone, so it is not a definite instant; pass an aware datetime, for example with tzinfo=datetime.UTC.</source>
        <translation>A data e hora {value} não tem fuso horário, por isso não é um instante definido; passe um datetime com fuso, por exemplo com tzinfo=datetime.UTC.</translation>
    </message>
    <message>
        <source>The demo was not written: the process drawing its tickets ended unexpectedly (exit code {code}); try again.</source>
        <translation>Os chamados de demonstração não foram escritos: o processo que os gerava terminou inesperadamente (código de saída {code}); tente de novo.</translation>
    </message>
    <message>
        <source>The demo workspace is ready: {n} tickets.</source>
        <translation>O espaço de trabalho de demonstração está pronto: {n} chamados.</translation>
    </message>
    <message>
        <source>The details were written to the log file {path}</source>
        <translation>Os detalhes foram escritos no arquivo de log {path}</translation>
    </message>
    <message>
        <source>The end of validity</source>
        <translation>O fim da validade</translation>
    </message>
    <message>
        <source>The event “{name}” has a {key} that is not a date; fix it in the calendar program and export the .ics file again.</source>
        <translation>O evento “{name}” tem um {key} que não é uma data; corrija-o no programa de calendário e exporte de novo o arquivo .ics.</translation>
    </message>
    <message>
        <source>The file cannot be read to the end ({reason}); is it a complete file?</source>
        <translation>O arquivo não pode ser lido até o fim ({reason}); é um arquivo completo?</translation>
    </message>
    <message>
        <source>The file has a header but no rows; there is nothing to import.</source>
        <translation>O arquivo tem cabeçalho mas nenhuma linha; não há nada a importar.</translation>
    </message>
    <message>
        <source>The file has no all-day events, so there are no holidays to import.</source>
        <translation>O arquivo não tem eventos de dia inteiro, por isso não há feriados a importar.</translation>
    </message>
    <message>
        <source>The file has no column &apos;{column}&apos;, which a ticket CSV needs; add it and import again.</source>
        <translation>O arquivo não tem a coluna &apos;{column}&apos;, de que um CSV de chamados precisa; adicione-a e importe de novo.</translation>
    </message>
    <message>
        <source>The file has no column &apos;{column}&apos;, which the preset &apos;{preset}&apos; needs; check the file or choose another preset.</source>
        <translation>O arquivo não tem a coluna &apos;{column}&apos;, de que a predefinição &apos;{preset}&apos; precisa; verifique o arquivo ou escolha outra predefinição.</translation>
    </message>
    <message>
        <source>The file is empty; there is nothing to import.</source>
        <translation>O arquivo está vazio; não há nada a importar.</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text (wrong encoding at line {line}); save it as CSV UTF-8 and import again.</source>
        <translation>O arquivo não é texto UTF-8 (codificação errada na linha {line}); salve-o como CSV UTF-8 e importe de novo.</translation>
    </message>
    <message>
        <source>The file is not valid CSV at line {line} ({reason}).</source>
        <translation>O arquivo não é CSV válido na linha {line} ({reason}).</translation>
    </message>
    <message>
        <source>The file is not valid CSV: the quoted field opened at line {line} is never closed; add the closing quote (&quot;).</source>
        <translation>O arquivo não é CSV válido: o campo entre aspas aberto na linha {line} nunca é fechado; adicione as aspas de fecho (&quot;).</translation>
    </message>
    <message>
        <source>The file {path} cannot be read ({reason}).</source>
        <translation>O arquivo {path} não pode ser lido ({reason}).</translation>
    </message>
    <message>
        <source>The file {path} does not exist; check the name and try again.</source>
        <translation>O arquivo {path} não existe; verifique o nome e tente de novo.</translation>
    </message>
    <message>
        <source>The first {count} imported tickets</source>
        <translation>Os primeiros {count} chamados importados</translation>
    </message>
    <message>
        <source>The first {count} tickets, as they will be stored</source>
        <translation>Os primeiros {count} chamados, tal como serão salvos</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist, so there is no workspace at {path}; check the path. Nothing was created.</source>
        <translation>A pasta {folder} não existe, por isso não há espaço de trabalho em {path}; verifique o caminho. Nada foi criado.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; create it or choose another --out.</source>
        <translation>A pasta {folder} não existe; crie-a ou escolha outro --out.</translation>
    </message>
    <message>
        <source>The goals of “{agreement}” apply</source>
        <translation>Aplicam-se os objetivos de “{agreement}”</translation>
    </message>
    <message>
        <source>The header names the column &apos;{column}&apos; twice and it is read; rename one of them and import again.</source>
        <translation>O cabeçalho indica a coluna &apos;{column}&apos; duas vezes e ela é lida; mude o nome de uma delas e importe de novo.</translation>
    </message>
    <message>
        <source>The holidays must be a list like [{&quot;date&quot;: &quot;2026-12-25&quot;, &quot;name&quot;: &quot;Christmas&quot;}].</source>
        <translation>Os feriados têm que ser uma lista como [{&quot;date&quot;: &quot;2026-12-25&quot;, &quot;name&quot;: &quot;Natal&quot;}].</translation>
    </message>
    <message>
        <source>The holidays must be a list of dates with names.</source>
        <translation>Os feriados têm que ser uma lista de datas com nomes.</translation>
    </message>
    <message>
        <source>The hours must map each day (mon, tue, wed, thu, fri, sat, sun) to a list of intervals.</source>
        <translation>O horário tem que associar cada dia (mon, tue, wed, thu, fri, sat, sun) a uma lista de intervalos.</translation>
    </message>
    <message>
        <source>The imported tickets</source>
        <translation>Os chamados importados</translation>
    </message>
    <message>
        <source>The input is nested too deeply to be read; nothing was changed.</source>
        <translation>Os dados estão aninhados demasiado fundo para serem lidos; nada foi alterado.</translation>
    </message>
    <message>
        <source>The inputs changed while the figures were gathered.</source>
        <translation>Os dados mudaram enquanto os números eram reunidos.</translation>
    </message>
    <message>
        <source>The instant {t} is outside the dates a calendar can count in ({low} to {high}); check the date.</source>
        <translation>O instante {t} está fora das datas em que um calendário pode contar ({low} a {high}); verifique a data.</translation>
    </message>
    <message>
        <source>The language changes when SLA Workbench is next started.</source>
        <translation>O idioma muda quando o SLA Workbench for iniciado de novo.</translation>
    </message>
    <message>
        <source>The last year ({last}) is before the first ({first}); swap them.</source>
        <translation>O último ano ({last}) é anterior ao primeiro ({first}); troque-os.</translation>
    </message>
    <message>
        <source>The measurement window is a month, a quarter or a year.</source>
        <translation>A janela de medição é um mês, um trimestre ou um ano.</translation>
    </message>
    <message>
        <source>The minimum monthly ticket volume is 0 or more.</source>
        <translation>O volume mensal mínimo de chamados é 0 ou mais.</translation>
    </message>
    <message>
        <source>The monthly fee is an amount of 0 or more.</source>
        <translation>A mensalidade é um valor de 0 ou mais.</translation>
    </message>
    <message>
        <source>The new language is used when SLA Workbench is next started.</source>
        <translation>O novo idioma é usado quando o SLA Workbench for iniciado de novo.</translation>
    </message>
    <message>
        <source>The new order must list every policy exactly once; reload and try again.</source>
        <translation>A nova ordem tem que listar cada política exatamente uma vez; recarregue e tente de novo.</translation>
    </message>
    <message>
        <source>The new tickets were judged by:</source>
        <translation>Os novos chamados foram avaliados por:</translation>
    </message>
    <message>
        <source>The newest backup is {backup}, taken {when} UTC; restoring it loses every change made after that.</source>
        <translation>A cópia de segurança mais recente é {backup}, feita {when} UTC; restaurá-la perde todas as alterações feitas depois disso.</translation>
    </message>
    <message>
        <source>The password is empty; give one, or --no-password.</source>
        <translation>A senha está vazia; indique uma, ou --no-password.</translation>
    </message>
    <message>
        <source>The period ends before it starts; pick a later end date.</source>
        <translation>O período acaba antes de começar; escolha uma data de fim posterior.</translation>
    </message>
    <message>
        <source>The period must start before it ends.</source>
        <translation>O período tem que começar antes de acabar.</translation>
    </message>
    <message>
        <source>The period runs from {start} to {end} (time zone {tz}). Each cycle of a clock counts once: next-response and periodic-update clocks can run several times per ticket. Team, agent, customer and priority are the ticket&apos;s current ones. Durations are business time in the calendar of the policy that judged the clock. A clock is breached when its business time exceeds its target; one stopped exactly at its due time is achieved.</source>
        <translation>O período vai de {start} a {end} (fuso horário {tz}). Cada ciclo de um cronômetro conta uma vez: os cronômetros de próxima resposta e de atualização periódica podem contar várias vezes por chamado. Equipe, agente, cliente e prioridade são os atuais do chamado. As durações são tempo útil no calendário da política que avaliou o cronômetro. Um cronômetro está descumprido quando o seu tempo útil excede o objetivo; um que parou exatamente no prazo está cumprido.</translation>
    </message>
    <message>
        <source>The period starts ({start}) after it ends ({end}); swap the two dates.</source>
        <translation>O período começa ({start}) depois de acabar ({end}); troque as duas datas.</translation>
    </message>
    <message>
        <source>The period starts after it ends; swap the two dates.</source>
        <translation>O período começa depois de acabar; troque as duas datas.</translation>
    </message>
    <message>
        <source>The preset &apos;{name}&apos; is not valid: {problem}.</source>
        <translation>A predefinição &apos;{name}&apos; não é válida: {problem}.</translation>
    </message>
    <message>
        <source>The preset file {path} cannot be read ({reason}).</source>
        <translation>O arquivo de predefinição {path} não pode ser lido ({reason}).</translation>
    </message>
    <message>
        <source>The preset file {path} is not UTF-8 text; save it as UTF-8 and try again.</source>
        <translation>O arquivo de predefinição {path} não é texto UTF-8; salve-o como UTF-8 e tente de novo.</translation>
    </message>
    <message>
        <source>The preset {path} cannot be read ({reason}).</source>
        <translation>A predefinição {path} não pode ser lida ({reason}).</translation>
    </message>
    <message>
        <source>The printer or file could not be opened for drawing.</source>
        <translation>Não foi possível abrir a impressora ou o arquivo para desenhar.</translation>
    </message>
    <message>
        <source>The report can be written for a reader abroad, in another language than the window&apos;s</source>
        <translation>O relatório pode ser escrito para um leitor no exterior, em outro idioma que não o da janela</translation>
    </message>
    <message>
        <source>The report could not be saved to {path}: {reason}. Choose another place.</source>
        <translation>Não foi possível salvar o relatório em {path}: {reason}. Escolha outro local.</translation>
    </message>
    <message>
        <source>The report could not be written to {path}: {reason}.</source>
        <translation>Não foi possível escrever o relatório em {path}: {reason}.</translation>
    </message>
    <message>
        <source>The requester&apos;s address does not look like an email address.</source>
        <translation>O endereço do solicitante não parece um endereço de e-mail.</translation>
    </message>
    <message>
        <source>The requester&apos;s message (optional)</source>
        <translation>A mensagem do solicitante (opcional)</translation>
    </message>
    <message>
        <source>The review interval is at least one month.</source>
        <translation>O intervalo de revisão é de pelo menos um mês.</translation>
    </message>
    <message>
        <source>The server refused this for your login; ask an admin for a role that may do it. Nothing was changed.</source>
        <translation>O servidor recusou esta operação para o seu login; peça a um administrador uma função que a permita. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The server {server} has no database called {database}; check the name, or ask its administrator to create it.</source>
        <translation>O servidor {server} não tem nenhum banco de dados chamado {database}; verifique o nome ou peça ao administrador do servidor que o crie.</translation>
    </message>
    <message>
        <source>The server {where} refused the user name or password for {user}; check them and try again.</source>
        <translation>O servidor {where} recusou o nome de usuário ou a senha de {user}; verifique-os e tente de novo.</translation>
    </message>
    <message>
        <source>The service</source>
        <translation>O serviço</translation>
    </message>
    <message>
        <source>The share of clocks you aim to meet</source>
        <translation>A proporção de cronômetros que pretende cumprir</translation>
    </message>
    <message>
        <source>The start of validity</source>
        <translation>O início da validade</translation>
    </message>
    <message>
        <source>The statement could not be written to {path}: {reason}.</source>
        <translation>Não foi possível escrever o extrato em {path}: {reason}.</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>O idioma do sistema</translation>
    </message>
    <message>
        <source>The team server cannot be reached — retrying; nothing you saved is lost.</source>
        <translation>Não é possível acessar o servidor da equipe — tentando de novo; nada do que você salvou foi perdido.</translation>
    </message>
    <message>
        <source>The team server is back.</source>
        <translation>O servidor da equipe voltou.</translation>
    </message>
    <message>
        <source>The ticket list cannot filter by ola_by={value}; the list was left as it was.</source>
        <translation>A lista de chamados não consegue filtrar por ola_by={value}; a lista ficou como estava.</translation>
    </message>
    <message>
        <source>The ticket list cannot filter by {keys}; the list was left as it was.</source>
        <translation>A lista de chamados não consegue filtrar por {keys}; a lista ficou como estava.</translation>
    </message>
    <message>
        <source>The ticket list cannot filter by {value}; the list was left as it was.</source>
        <translation>A lista de chamados não consegue filtrar por {value}; a lista ficou como estava.</translation>
    </message>
    <message>
        <source>The tickets of the view shown, with their SLA results, as a CSV file</source>
        <translation>Os chamados da vista mostrada, com os resultados de SLA, em um arquivo CSV</translation>
    </message>
    <message>
        <source>The tickets were imported, but their SLA clocks could not be computed ({reason}); run Tools › Recompute SLA clocks.</source>
        <translation>Os chamados foram importados, mas não foi possível calcular os seus cronômetros SLA ({reason}); execute Ferramentas › Recalcular cronômetros SLA.</translation>
    </message>
    <message>
        <source>The tickets, as they will be stored</source>
        <translation>Os chamados, tal como serão salvos</translation>
    </message>
    <message>
        <source>The value &apos;{value}&apos; matches &apos;{first}&apos; under {first_target} and &apos;{second}&apos; under {second_target} in the preset&apos;s &apos;{what}&apos;; list it exactly under the one it means, or narrow a pattern.</source>
        <translation>O valor &apos;{value}&apos; corresponde a &apos;{first}&apos; em {first_target} e a &apos;{second}&apos; em {second_target} no &apos;{what}&apos; da predefinição; indique-o exatamente naquele a que se refere ou restrinja um padrão.</translation>
    </message>
    <message>
        <source>The warning share must be a number.</source>
        <translation>A proporção de aviso tem que ser um número.</translation>
    </message>
    <message>
        <source>The warning share must be at least 0 and below 1.</source>
        <translation>A proporção de aviso tem que ser pelo menos 0 e inferior a 1.</translation>
    </message>
    <message>
        <source>The workspace already has a calendar named “{name}” with other hours or holidays; rename one of them, or import the calendar file first.</source>
        <translation>O espaço de trabalho já tem um calendário chamado “{name}” com outro horário ou outros feriados; mude o nome de um deles ou importe primeiro o arquivo do calendário.</translation>
    </message>
    <message>
        <source>The workspace could not be moved to {where} ({error}); nothing was kept there.</source>
        <translation>Não foi possível mover o espaço de trabalho para {where} ({error}); nada foi mantido lá.</translation>
    </message>
    <message>
        <source>The workspace could not be moved to {where}: the {column} of {table} ({key}) has a NUL character, which a workspace on a server cannot keep; nothing was kept there. Remove it in the file and move again.</source>
        <translation>Não foi possível mover o espaço de trabalho para {where}: o campo {column} da tabela {table} ({key}) tem um caractere NUL, que um espaço de trabalho em um servidor não consegue armazenar; nada foi mantido lá. Remova-o no arquivo e mova de novo.</translation>
    </message>
    <message>
        <source>The workspace could not be opened ({error}). The details are in the log file.</source>
        <translation>Não foi possível abrir o espaço de trabalho ({error}). Os detalhes estão no arquivo de log.</translation>
    </message>
    <message>
        <source>The workspace could not be read ({reason}); nothing was changed.</source>
        <translation>Não foi possível ler o espaço de trabalho ({reason}); nada foi alterado.</translation>
    </message>
    <message>
        <source>The workspace could not be read or written ({reason}); nothing was changed.</source>
        <translation>Não foi possível ler ou escrever o espaço de trabalho ({reason}); nada foi alterado.</translation>
    </message>
    <message>
        <source>The workspace holds the instant {value}, which is no date; fix that ticket (or delete it) and export again. Nothing was written.</source>
        <translation>O espaço de trabalho contém o instante {value}, que não é uma data; corrija esse chamado (ou exclua-o) e exporte de novo. Nada foi escrito.</translation>
    </message>
    <message>
        <source>The workspace is damaged: SQLite&apos;s integrity check found {count} problems. Nothing was changed; restore a backup (File › Restore backup…) or keep a copy and recover what you can with the sqlite3 tool&apos;s .recover command.</source>
        <translation>O espaço de trabalho está danificado: a verificação de integridade do SQLite encontrou {count} problemas. Nada foi alterado; restaure uma cópia de segurança (Arquivo › Restaurar cópia de segurança…) ou salve uma cópia e recupere o que puder com o comando .recover da ferramenta sqlite3.</translation>
    </message>
    <message>
        <source>The workspace is whole and every SLA clock matches its events.</source>
        <translation>O espaço de trabalho está íntegro e todos os cronômetros SLA correspondem aos seus eventos.</translation>
    </message>
    <message>
        <source>The workspace on {where} was written by a newer SLA Workbench (revision {revision}); install the newer version to connect. Nothing was changed.</source>
        <translation>O espaço de trabalho em {where} foi gravado por um SLA Workbench mais recente (revisão {revision}); instale a versão mais recente para se conectar. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The workspace will be replaced by the backup taken {taken}: every change made since then will be gone from it. The workspace as it is now is backed up first, so you can restore it again.</source>
        <translation>O espaço de trabalho será substituído pela cópia de segurança feita {taken}: todas as alterações feitas desde então desaparecerão. Antes disso é feita uma cópia do espaço de trabalho tal como está agora, para o poder restaurar de novo.</translation>
    </message>
    <message>
        <source>The workspace {path} cannot be written (the file or its folder is read-only), so it was not opened; copy it to a folder you may write to, or ask for write access. The file was left untouched.</source>
        <translation>Não é possível escrever no espaço de trabalho {path} (o arquivo ou a sua pasta são só de leitura), por isso não foi aberto; copie-o para uma pasta onde possa escrever ou peça acesso de escrita. O arquivo ficou intacto.</translation>
    </message>
    <message>
        <source>The workspace {path} could not be checked or backed up ({reason}); free some disk space or check its permissions, then try again. The file was left untouched.</source>
        <translation>Não foi possível verificar ou fazer cópia de segurança do espaço de trabalho {path} ({reason}); libere espaço em disco ou verifique as permissões e tente de novo. O arquivo ficou intacto.</translation>
    </message>
    <message>
        <source>The workspace {path} could not be read ({error}); check its permissions.</source>
        <translation>Não foi possível ler o espaço de trabalho {path} ({error}); verifique as permissões.</translation>
    </message>
    <message>
        <source>The workspace {path} could not be read ({error}); nothing was changed.</source>
        <translation>Não foi possível ler o espaço de trabalho {path} ({error}); nada foi alterado.</translation>
    </message>
    <message>
        <source>The workspace {path} is damaged ({detail}), so it was not opened; the file was left untouched.</source>
        <translation>O espaço de trabalho {path} está danificado ({detail}), por isso não foi aberto; o arquivo ficou intacto.</translation>
    </message>
    <message>
        <source>The workspace {path} is damaged ({detail}): SQLite met the damage while reading it, so what was under way stopped and nothing more was written to it.</source>
        <translation>O espaço de trabalho {path} está danificado ({detail}): o SQLite encontrou o dano ao lê-lo, por isso o que estava em curso parou e nada mais foi escrito nele.</translation>
    </message>
    <message>
        <source>The workspace {where} could not be written ({reason}); {advice}. Nothing was changed.</source>
        <translation>Não foi possível escrever no espaço de trabalho {where} ({reason}); {advice}. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The workspace {where} is busy: another program or window has been writing to it for more than {seconds} s. Wait until it has finished and try again; nothing was changed.</source>
        <translation>O espaço de trabalho {where} está ocupado: outro programa ou janela está escrevendo nele há mais de {seconds} s. Espere que termine e tente de novo; nada foi alterado.</translation>
    </message>
    <message numerus="yes">
        <source>The {n} ticket has exactly one policy, and every policy can apply.</source>
        <comment>All {n} tickets have exactly one policy, and every policy can apply.</comment>
        <translation>
            <numerusform>O {n} chamado tem exatamente uma política, e todas as políticas se podem aplicar.</numerusform>
            <numerusform>Todos os {n} chamados têm exatamente uma política, e todas as políticas se podem aplicar.</numerusform>
        </translation>
    </message>
    <message>
        <source>The {shown} busiest are shown; the CSV export lists every one.</source>
        <translation>São mostrados os {shown} com mais volume; a exportação CSV lista todos.</translation>
    </message>
    <message>
        <source>The {shown} with the least time left are listed; {more} more are in the CSV export and the ticket list.</source>
        <translation>São listados os {shown} com menos tempo restante; estão mais {more} na exportação CSV e na lista de chamados.</translation>
    </message>
    <message>
        <source>The {what} must be whole seconds (an integer array), not {dtype}.</source>
        <translation>O {what} tem que ser em segundos inteiros (um array de inteiros), não {dtype}.</translation>
    </message>
    <message>
        <source>There is no agent named “{name}”; pick one from the list.</source>
        <translation>Não há nenhum agente chamado “{name}”; escolha um da lista.</translation>
    </message>
    <message>
        <source>There is no backup of it beside it: keep a copy of the file and recover what you can with the sqlite3 tool&apos;s .recover command.</source>
        <translation>Não há cópia de segurança junto dele: salve uma cópia do arquivo e recupere o que puder com o comando .recover da ferramenta sqlite3.</translation>
    </message>
    <message>
        <source>There is no backup of this workspace yet.</source>
        <translation>Ainda não há cópias de segurança deste espaço de trabalho.</translation>
    </message>
    <message>
        <source>There is no calendar named “{name}”; create it or pick another.</source>
        <translation>Não há nenhum calendário chamado “{name}”; crie-o ou escolha outro.</translation>
    </message>
    <message>
        <source>There is no calendar named “{name}”; pick another.</source>
        <translation>Não há nenhum calendário chamado “{name}”; escolha outro.</translation>
    </message>
    <message>
        <source>There is no customer named &apos;{name}&apos;; known customers: {known}.</source>
        <translation>Não há nenhum cliente chamado &apos;{name}&apos;; clientes conhecidos: {known}.</translation>
    </message>
    <message>
        <source>There is no customer named “{name}”.</source>
        <translation>Não há nenhum cliente chamado “{name}”.</translation>
    </message>
    <message>
        <source>There is no policy named “{name}”; the workspace has {names}.</source>
        <translation>Não há nenhuma política chamada “{name}”; o espaço de trabalho tem {names}.</translation>
    </message>
    <message>
        <source>There is no preset &apos;{name}&apos;; use one of {names} or the path of a JSON file.</source>
        <translation>Não há nenhuma predefinição &apos;{name}&apos;; use uma de {names} ou o caminho de um arquivo JSON.</translation>
    </message>
    <message>
        <source>There is no service named “{name}”; create it first.</source>
        <translation>Não há nenhum serviço chamado “{name}”; crie-o primeiro.</translation>
    </message>
    <message>
        <source>There is no team named &apos;{name}&apos;; known teams: {known}.</source>
        <translation>Não há nenhuma equipe chamada &apos;{name}&apos;; equipes conhecidas: {known}.</translation>
    </message>
    <message>
        <source>There is no team named “{name}”; pick one from the list.</source>
        <translation>Não há nenhuma equipe chamada “{name}”; escolha uma da lista.</translation>
    </message>
    <message>
        <source>There is no ticket #{id}; answers belong to existing tickets.</source>
        <translation>Não há nenhum chamado n.º {id}; as respostas pertencem a chamados existentes.</translation>
    </message>
    <message>
        <source>There is no ticket #{id}; link only existing tickets.</source>
        <translation>Não há nenhum chamado n.º {id}; vincule apenas chamados existentes.</translation>
    </message>
    <message>
        <source>There is no workspace at {path}; check the path or create a new one.</source>
        <translation>Não há nenhum espaço de trabalho em {path}; verifique o caminho ou crie um novo.</translation>
    </message>
    <message>
        <source>There is no {what} named “{name}”; pick one from the list.</source>
        <translation>Não há nenhum {what} chamado “{name}”; escolha um da lista.</translation>
    </message>
    <message>
        <source>This cannot be undone: a closed ticket cannot change any more.</source>
        <translation>Isto não pode ser desfeito: um chamado fechado já não pode mudar.</translation>
    </message>
    <message>
        <source>This cannot be undone: a ticket cannot go back to new.</source>
        <translation>Isto não pode ser desfeito: um chamado não pode voltar a novo.</translation>
    </message>
    <message>
        <source>This cannot be undone: the ticket changed since; reload it.</source>
        <translation>Isto não pode ser desfeito: o chamado mudou entretanto; recarregue-o.</translation>
    </message>
    <message>
        <source>This cannot be undone: ticket #{id} changed since; reload it.</source>
        <translation>Não é possível desfazer: o chamado n.º {id} mudou entretanto; recarregue-o.</translation>
    </message>
    <message>
        <source>This customer already has an active agreement; end that one first.</source>
        <translation>Este cliente já tem um acordo ativo; termine esse primeiro.</translation>
    </message>
    <message>
        <source>This deadline falls after the year {year}, the last a calendar can count in; check the target.</source>
        <translation>Este prazo cai depois do ano {year}, o último em que um calendário pode contar; verifique o objetivo.</translation>
    </message>
    <message>
        <source>This file is not an iCalendar (.ics) file; export the calendar as .ics and retry.</source>
        <translation>Este arquivo não é um arquivo iCalendar (.ics); exporte o calendário como .ics e tente de novo.</translation>
    </message>
    <message>
        <source>This ticket has no SLA clocks, so nothing is due.</source>
        <translation>Este chamado não tem cronômetros SLA, por isso nada vence.</translation>
    </message>
    <message>
        <source>This workspace already holds the demo tickets of seed {seed}; use another --seed or another workspace.</source>
        <translation>Este espaço de trabalho já contém os chamados de demonstração da semente {seed}; use outro --seed ou outro espaço de trabalho.</translation>
    </message>
    <message>
        <source>This workspace is empty, so SLA Workbench is filling it with {n} demo tickets…</source>
        <translation>Este espaço de trabalho está vazio, por isso o SLA Workbench está a preenchê-lo com {n} chamados de demonstração…</translation>
    </message>
    <message>
        <source>This workspace was written by a newer SLA Workbench (revision {revision}). Install the newer version to open it; the file was left untouched.</source>
        <translation>Este espaço de trabalho foi escrito por um SLA Workbench mais recente (revisão {revision}). Instale a versão mais recente para o abrir; o arquivo ficou intacto.</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Este ano</translation>
    </message>
    <message>
        <source>This {metric} clock is not in the ticket&apos;s history; refresh and try again.</source>
        <translation>Este cronômetro de {metric} não está no histórico do chamado; atualize e tente de novo.</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Quinta-feira</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <source>Ticket #{id}</source>
        <translation>o chamado n.º {id}</translation>
    </message>
    <message>
        <source>Ticket #{id} already has priority {priority}.</source>
        <translation>O chamado n.º {id} já tem a prioridade {priority}.</translation>
    </message>
    <message>
        <source>Ticket #{id} created</source>
        <translation>Chamado n.º {id} criado</translation>
    </message>
    <message>
        <source>Ticket #{id} created; it is not in this view.</source>
        <translation>Chamado n.º {id} criado; não está nesta vista.</translation>
    </message>
    <message>
        <source>Ticket #{id} does not exist (any more); reload the list.</source>
        <translation>O chamado n.º {id} não existe (já); recarregue a lista.</translation>
    </message>
    <message>
        <source>Ticket #{id} is already assigned that way.</source>
        <translation>O chamado n.º {id} já está atribuído dessa forma.</translation>
    </message>
    <message>
        <source>Ticket #{id} is already {status}.</source>
        <translation>O chamado n.º {id} já está {status}.</translation>
    </message>
    <message>
        <source>Ticket #{id} is closed and can no longer be changed; create a follow-up ticket instead.</source>
        <translation>O chamado n.º {id} está fechado e já não pode ser alterado; crie antes um chamado de acompanhamento.</translation>
    </message>
    <message>
        <source>Ticket #{id} no longer exists; refresh the list.</source>
        <translation>O chamado n.º {id} já não existe; atualize a lista.</translation>
    </message>
    <message>
        <source>Ticket history</source>
        <translation>Histórico do chamado</translation>
    </message>
    <message>
        <source>Ticket id</source>
        <translation>Id do chamado</translation>
    </message>
    <message>
        <source>Ticket table, one row per ticket</source>
        <translation>Tabela de chamados, uma linha por chamado</translation>
    </message>
    <message>
        <source>Ticket {ticket} breached its SLA</source>
        <translation>O chamado {ticket} descumpriu o seu SLA</translation>
    </message>
    <message>
        <source>Ticket {ticket} escalated</source>
        <translation>Chamado {ticket} escalonado</translation>
    </message>
    <message>
        <source>Ticket {ticket} is at risk</source>
        <translation>O chamado {ticket} está em risco</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Chamados</translation>
    </message>
    <message>
        <source>Tickets are re-judged by: slaworkbench recompute --all --reason &quot;...&quot; (open tickets at the next recompute).</source>
        <translation>Os chamados são reavaliados com: slaworkbench recompute --all --reason &quot;...&quot; (os abertos no próximo recálculo).</translation>
    </message>
    <message>
        <source>Tickets breaching within 24 h</source>
        <translation>Chamados em descumprimento dentro de 24 h</translation>
    </message>
    <message>
        <source>Tickets breaching within 7 days</source>
        <translation>Chamados em descumprimento dentro de 7 dias</translation>
    </message>
    <message>
        <source>Time from now (days)</source>
        <translation>Tempo a partir de agora (dias)</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tempo restante</translation>
    </message>
    <message>
        <source>Time left before the next due instant</source>
        <translation>Tempo restante até o próximo prazo</translation>
    </message>
    <message>
        <source>Time to breach</source>
        <translation>Tempo restante</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>To judge them by your own SLA: slaworkbench policy import FILE, then slaworkbench recompute --all --reason &quot;...&quot;.</source>
        <translation>Para os avaliar com o seu próprio SLA: slaworkbench policy import FICHEIRO e depois slaworkbench recompute --all --reason &quot;...&quot;.</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Demorou</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Total owed for the period: {total}.</source>
        <translation>Total devido no período: {total}.</translation>
    </message>
    <message>
        <source>Tracks support tickets against their service level agreements.</source>
        <translation>Acompanha os chamados de suporte face aos seus acordos de nível de serviço.</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Evolução</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Terça-feira</translation>
    </message>
    <message>
        <source>Two escalation rules are level {level} of {metric}; give each its own level.</source>
        <translation>Duas regras de escalonamento são o nível {level} de {metric}; dê a cada uma o seu próprio nível.</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Não atribuído</translation>
    </message>
    <message>
        <source>Under {upper}</source>
        <translation>Abaixo de {upper}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Undo is only possible for {seconds} seconds after a change; change the fields back by hand instead.</source>
        <translation>Só é possível desfazer durante {seconds} segundos depois de uma alteração; reponha os campos à mão.</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Desfazer a última alteração</translation>
    </message>
    <message>
        <source>Undone on {ticket}</source>
        <translation>Desfeito em {ticket}</translation>
    </message>
    <message numerus="yes">
        <source>Undone: {n} ticket is back as it was.</source>
        <comment>Undone: {n} tickets are back as they were.</comment>
        <translation>
            <numerusform>Desfeito: {n} chamado voltou ao que era.</numerusform>
            <numerusform>Desfeito: {n} chamados voltaram ao que eram.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: {ticket} is back as it was.</source>
        <translation>Desfeito: {ticket} voltou a estar como estava.</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidade</translation>
    </message>
    <message>
        <source>Unknown bucket &apos;{bucket}&apos;.</source>
        <translation>Intervalo desconhecido &apos;{bucket}&apos;.</translation>
    </message>
    <message>
        <source>Unknown day &quot;{key}&quot; in the hours: use mon, tue, wed, thu, fri, sat, sun.</source>
        <translation>Dia desconhecido &quot;{key}&quot; no horário: use mon, tue, wed, thu, fri, sat, sun.</translation>
    </message>
    <message>
        <source>Unknown dimension &apos;{name}&apos;.</source>
        <translation>Dimensão desconhecida &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>Unknown metric “{value}”.</source>
        <translation>Métrica desconhecida “{value}”.</translation>
    </message>
    <message>
        <source>Unknown priority “{value}”.</source>
        <translation>Prioridade desconhecida “{value}”.</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;{name}&quot;: use an IANA name such as Europe/Lisbon or UTC.</source>
        <translation>Fuso horário desconhecido &quot;{name}&quot;: use um nome IANA como Europe/Lisbon ou UTC.</translation>
    </message>
    <message>
        <source>Upgrading the workspace to this version</source>
        <translation>Atualizando o espaço de trabalho para esta versão</translation>
    </message>
    <message>
        <source>Uptime (%)</source>
        <translation>Disponibilidade (%)</translation>
    </message>
    <message>
        <source>Uptime = 1 − downtime ÷ time measured, per month of the period up to the moment of the report; overlapping outages count once.</source>
        <translation>Disponibilidade = 1 − indisponibilidade ÷ tempo medido, por mês do período até o momento do relatório; interrupções sobrepostas contam uma vez.</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Urgent and high</source>
        <translation>Urgente e alta</translation>
    </message>
    <message>
        <source>Use local workspace</source>
        <translation>Usar o espaço de trabalho local</translation>
    </message>
    <message>
        <source>Use {existing}</source>
        <translation>Usar {existing}</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Valid from {start} to {end}.</source>
        <translation>Válido de {start} a {end}.</translation>
    </message>
    <message>
        <source>Valid from {start}, without end date.</source>
        <translation>Válido desde {start}, sem data de fim.</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Verified the SLA clocks of {count} open tickets against their events.</source>
        <translation>Verificados os cronômetros SLA de {count} chamados abertos face aos seus eventos.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Warning: {text}</source>
        <translation>Aviso: {text}</translation>
    </message>
    <message>
        <source>Was due at {t}</source>
        <translation>Vencia às {t}</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>Formulário web</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Páginas web (*.html)</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Quarta-feira</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Weighted minutes down</source>
        <translation>Minutos ponderados fora do ar</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>What is the problem?</source>
        <translation>Qual é o problema?</translation>
    </message>
    <message>
        <source>When the ticket&apos;s first running clock is due, in local time</source>
        <translation>Quando vence o primeiro cronômetro contando do chamado, em hora local</translation>
    </message>
    <message>
        <source>White: working time of {calendar}; grey: outside it. Hatched: paused.</source>
        <translation>Branco: tempo útil de {calendar}; cinza: fora dele. Hachurado: em pausa.</translation>
    </message>
    <message>
        <source>Who held the SLA clock: per agent and per team</source>
        <translation>Quem teve o cronômetro SLA: por agente e por equipe</translation>
    </message>
    <message>
        <source>Who held the SLA clocks</source>
        <translation>Quem teve os cronômetros SLA</translation>
    </message>
    <message>
        <source>Why is it due then?</source>
        <translation>Porque vence nessa altura?</translation>
    </message>
    <message>
        <source>Why is {metric} due then?</source>
        <translation>Porque vence {metric} nessa altura?</translation>
    </message>
    <message>
        <source>With the draft</source>
        <translation>Com o rascunho</translation>
    </message>
    <message>
        <source>With the team since</source>
        <translation>Com a equipe desde</translation>
    </message>
    <message>
        <source>Working as</source>
        <translation>Trabalhando como</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Horário de trabalho</translation>
    </message>
    <message>
        <source>Working out the clocks…</source>
        <translation>Calculando os cronômetros…</translation>
    </message>
    <message>
        <source>Working time not drawn: too long a life to show it at this width.</source>
        <translation>Tempo útil não desenhado: a vida do chamado é longa demais para mostrá-lo nesta largura.</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espaço de trabalho</translation>
    </message>
    <message>
        <source>Workspace: {where}</source>
        <translation>Espaço de trabalho: {where}</translation>
    </message>
    <message>
        <source>Worst breaches</source>
        <translation>Piores descumprimentos</translation>
    </message>
    <message>
        <source>Write a reply or a note…</source>
        <translation>Escreva uma resposta ou uma nota…</translation>
    </message>
    <message>
        <source>Write something first; an empty message was not sent.</source>
        <translation>Escreva primeiro alguma coisa; uma mensagem vazia não foi enviada.</translation>
    </message>
    <message>
        <source>Write the checked tickets to the workspace</source>
        <translation>Escrever os chamados verificados no espaço de trabalho</translation>
    </message>
    <message>
        <source>Write the customer&apos;s reply before adding it.</source>
        <translation>Escreva a resposta do cliente antes de adicioná-la.</translation>
    </message>
    <message>
        <source>Write the note before saving it.</source>
        <translation>Escreva a nota antes de salvá-la.</translation>
    </message>
    <message>
        <source>Write the reply before sending it.</source>
        <translation>Escreva a resposta antes de enviá-la.</translation>
    </message>
    <message>
        <source>Writing has begun; it cannot be stopped</source>
        <translation>A escrita já começou; não pode ser interrompida</translation>
    </message>
    <message>
        <source>Writing the tickets and events in one transaction…</source>
        <translation>Escrevendo os chamados e os eventos em uma só transação…</translation>
    </message>
    <message>
        <source>Wrote {path} (credits owed {total} {currency}{pages}) in {seconds} s.</source>
        <translation>Escrito {path} (créditos devidos {total} {currency}{pages}) em {seconds} s.</translation>
    </message>
    <message>
        <source>Wrote {path} ({clocks} clocks stopped in the period{pages}) in {seconds} s.</source>
        <translation>Escrito {path} ({clocks} cronômetros parados no período{pages}) em {seconds} s.</translation>
    </message>
    <message>
        <source>Your changes are staged again on the ticket as it is now; Submit (Ctrl+Return) to apply them.</source>
        <translation>Suas alterações foram preparadas de novo no chamado como ele está agora; envie (Ctrl+Return) para aplicá-las.</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {action}; a {needed} can. Nothing was changed.</source>
        <translation>A sua função ({role}) não permite {action}; um {needed} pode. Nada foi alterado.</translation>
    </message>
    <message>
        <source>a clock</source>
        <translation>um cronômetro</translation>
    </message>
    <message>
        <source>a disk is full: the workspace&apos;s, or that of the temporary folder {folder}</source>
        <translation>um disco está cheio: o do espaço de trabalho ou o da pasta temporária {folder}</translation>
    </message>
    <message>
        <source>a holiday needs a date (YYYY-MM-DD) and a name.</source>
        <translation>um feriado precisa de uma data (AAAA-MM-DD) e de um nome.</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>uma lista</translation>
    </message>
    <message>
        <source>a list of texts</source>
        <translation>uma lista de textos</translation>
    </message>
    <message>
        <source>a login with a role, and its agent row</source>
        <translation>um login com uma função, e a respectiva linha de agente</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>um número</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>um número inteiro</translation>
    </message>
    <message>
        <source>achieved</source>
        <translation>cumprido</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativa</translation>
    </message>
    <message>
        <source>add a calendar from a JSON file (one of the same name is replaced)</source>
        <translation>adicionar um calendário a partir de um arquivo JSON (um com o mesmo nome é substituído)</translation>
    </message>
    <message>
        <source>add a policy from a JSON file (one of the same name gets a new version); its calendar comes along when the file holds one</source>
        <translation>adicionar uma política a partir de um arquivo JSON (uma com o mesmo nome recebe uma nova versão); o seu calendário vem junto quando o arquivo o contém</translation>
    </message>
    <message>
        <source>add tag {tag}</source>
        <translation>adicionar a etiqueta {tag}</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>after due</source>
        <translation>depois do prazo</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <source>agent, or team: name</source>
        <translation>agente, ou equipe: nome</translation>
    </message>
    <message>
        <source>all priorities</source>
        <translation>todas as prioridades</translation>
    </message>
    <message>
        <source>all tickets</source>
        <translation>todos os chamados</translation>
    </message>
    <message>
        <source>already in the workspace</source>
        <translation>já no espaço de trabalho</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>opção ambígua: %(option)s pode corresponder a %(matches)s</translation>
    </message>
    <message>
        <source>an empty database</source>
        <translation>um banco de dados vazio</translation>
    </message>
    <message>
        <source>an event log (one row per status change)</source>
        <translation>um log de eventos (uma linha por mudança de estado)</translation>
    </message>
    <message>
        <source>an instant is needed here.</source>
        <translation>aqui é preciso um instante.</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>um objeto</translation>
    </message>
    <message>
        <source>and {count} more (every one in the CSV)</source>
        <translation>e mais {count} (todos estão no CSV)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualquer</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>argumento %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>ask for write access or copy it to a folder you may write to</source>
        <translation>peça acesso de escrita ou copie-o para uma pasta onde possa escrever</translation>
    </message>
    <message>
        <source>assignee</source>
        <translation>responsável</translation>
    </message>
    <message>
        <source>assignee → {value}</source>
        <translation>responsável → {value}</translation>
    </message>
    <message>
        <source>at least {goal}</source>
        <translation>pelo menos {goal}</translation>
    </message>
    <message>
        <source>at the save</source>
        <translation>ao salvar</translation>
    </message>
    <message>
        <source>availability {percent} % (down {minutes} weighted minutes); {credit} % × {fee} = {owed}</source>
        <translation>disponibilidade {percent} % (fora do ar {minutes} minutos ponderados); {credit} % × {fee} = {owed}</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>antes de um restauro</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>antes de uma atualização</translation>
    </message>
    <message>
        <source>before due</source>
        <translation>antes do prazo</translation>
    </message>
    <message>
        <source>before {t}</source>
        <translation>antes de {t}</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>descumprido</translation>
    </message>
    <message>
        <source>breached OLA cycles</source>
        <translation>ciclos de OLA descumpridos</translation>
    </message>
    <message>
        <source>breached {metric}</source>
        <translation>{metric} descumprido</translation>
    </message>
    <message>
        <source>breached {metric} clocks</source>
        <translation>cronômetros de {metric} descumpridos</translation>
    </message>
    <message>
        <source>calendar</source>
        <translation>calendário</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoria</translation>
    </message>
    <message>
        <source>change the order of the policies</source>
        <translation>alterar a ordem das políticas</translation>
    </message>
    <message>
        <source>changed field</source>
        <translation>nome do campo alterado</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>check the disk (space, permissions, a removed drive) and try again</source>
        <translation>verifique o disco (espaço, permissões, uma unidade removida) e tente de novo</translation>
    </message>
    <message>
        <source>check the file and show what would be imported; write nothing</source>
        <translation>verificar o arquivo e mostrar o que seria importado, sem escrever nada</translation>
    </message>
    <message>
        <source>check the workspace in full: the database&apos;s integrity, and every open ticket&apos;s clocks against its events (repairing those that differ)</source>
        <translation>verificar o espaço de trabalho por completo: a integridade do banco de dados e os cronômetros de cada chamado aberto em relação aos seus eventos (reparando os que diferem)</translation>
    </message>
    <message>
        <source>compare every stored clock row instead of trusting the fingerprints (repairs a file edited by hand)</source>
        <translation>comparar cada linha de cronômetro salva em vez de confiar nas impressões digitais (repara um arquivo editado à mão)</translation>
    </message>
    <message>
        <source>computing SLA clocks…</source>
        <translation>calculando os cronômetros SLA…</translation>
    </message>
    <message>
        <source>copy a workspace into an empty database (e.g. to a team server), all or nothing, verified by row counts and a checksum of the clock results</source>
        <translation>copiar um espaço de trabalho para um banco de dados vazio (p. ex. para um servidor de equipe), tudo ou nada, verificado pelo número de linhas e por uma soma de verificação dos resultados dos cronômetros</translation>
    </message>
    <message>
        <source>create the group roles and their grants</source>
        <translation>criar as funções de grupo e as respectivas permissões</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <source>customer tier</source>
        <translation>nível do cliente</translation>
    </message>
    <message>
        <source>customer {name}</source>
        <translation>cliente {name}</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>diária</translation>
    </message>
    <message>
        <source>day</source>
        <translation>dia</translation>
    </message>
    <message>
        <source>default: pdf</source>
        <translation>padrão: pdf</translation>
    </message>
    <message>
        <source>delete a service</source>
        <translation>excluir um serviço</translation>
    </message>
    <message>
        <source>delete an outage</source>
        <translation>excluir uma interrupção</translation>
    </message>
    <message>
        <source>due {when}</source>
        <translation>vence {when}</translation>
    </message>
    <message>
        <source>durations</source>
        <translation>durações</translation>
    </message>
    <message>
        <source>e.g. Customer portal</source>
        <translation>p. ex. Portal do cliente</translation>
    </message>
    <message>
        <source>e.g. db.example.org</source>
        <translation>p. ex. db.example.org</translation>
    </message>
    <message>
        <source>empty (null)</source>
        <translation>vazio (null)</translation>
    </message>
    <message>
        <source>end an agreement</source>
        <translation>terminar um acordo</translation>
    </message>
    <message>
        <source>ends</source>
        <translation>termina</translation>
    </message>
    <message>
        <source>escalation</source>
        <translation>escalonamento</translation>
    </message>
    <message>
        <source>event author</source>
        <translation>autor do evento</translation>
    </message>
    <message>
        <source>event value</source>
        <translation>valor do evento</translation>
    </message>
    <message>
        <source>events</source>
        <translation>eventos</translation>
    </message>
    <message>
        <source>events imported</source>
        <translation>eventos importados</translation>
    </message>
    <message>
        <source>every calendar and its time zone</source>
        <translation>cada calendário e o seu fuso horário</translation>
    </message>
    <message>
        <source>every priority</source>
        <translation>qualquer prioridade</translation>
    </message>
    <message>
        <source>every ticket, closed ones too (a re-baseline)</source>
        <translation>todos os chamados, também os fechados (um re-baseline)</translation>
    </message>
    <message numerus="yes">
        <source>expected %s argument</source>
        <comment>expected %s arguments</comment>
        <translation>
            <numerusform>é esperado %s argumento</numerusform>
            <numerusform>são esperados %s argumentos</numerusform>
        </translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>é esperado pelo menos um argumento</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>é esperado no máximo um argumento</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>é esperado um argumento</translation>
    </message>
    <message>
        <source>export tickets with their clock results</source>
        <translation>exportar os chamados com os resultados dos seus cronômetros</translation>
    </message>
    <message>
        <source>exported {count} tickets</source>
        <translation>exportados {count} chamados</translation>
    </message>
    <message>
        <source>fill the workspace with realistic demo data</source>
        <translation>preencher o espaço de trabalho com dados de demonstração realistas</translation>
    </message>
    <message>
        <source>first day, YYYY-MM-DD</source>
        <translation>primeiro dia, AAAA-MM-DD</translation>
    </message>
    <message>
        <source>first response</source>
        <translation>primeira resposta</translation>
    </message>
    <message>
        <source>free some space (or set SQLITE_TMPDIR to a folder on a larger disk) and try again</source>
        <translation>libere algum espaço (ou defina SQLITE_TMPDIR para uma pasta em um disco maior) e tente de novo</translation>
    </message>
    <message>
        <source>free some space and try again</source>
        <translation>libere algum espaço e tente de novo</translation>
    </message>
    <message>
        <source>from {t}</source>
        <translation>desde {t}</translation>
    </message>
    <message>
        <source>generated {count} tickets</source>
        <translation>gerados {count} chamados</translation>
    </message>
    <message>
        <source>give the credit, above 0 (or remove the row).</source>
        <translation>indique o crédito, acima de 0 (ou remova a linha).</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>how many tickets (default: 5000)</source>
        <translation>quantos chamados (padrão: 5000)</translation>
    </message>
    <message>
        <source>how much to log on standard error (default: warning; the log file always gets info and above)</source>
        <translation>quanto registrar na saída de erro padrão (padrão: warning; o arquivo de log sempre recebe info e acima)</translation>
    </message>
    <message>
        <source>how much to log on standard error (the log file always gets info and above)</source>
        <translation>quanto registrar na saída de erro padrão (o arquivo de log sempre recebe info e acima)</translation>
    </message>
    <message>
        <source>how to read the columns: a preset&apos;s name (e.g. bpic2013) or its JSON file</source>
        <translation>como ler as colunas: o nome de uma predefinição (p. ex. bpic2013) ou o seu arquivo JSON</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics);;All files (*)</source>
        <translation>Arquivos iCalendar (*.ics);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>if nobody acts on them</source>
        <translation>se ninguém agir sobre eles</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>argumento explícito ignorado: %r</translation>
    </message>
    <message>
        <source>import a policy</source>
        <translation>importar uma política</translation>
    </message>
    <message>
        <source>import events or tickets from CSV</source>
        <translation>importar eventos ou chamados de um CSV</translation>
    </message>
    <message>
        <source>import outages</source>
        <translation>importar interrupções</translation>
    </message>
    <message>
        <source>import tickets</source>
        <translation>importar chamados</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>em curso</translation>
    </message>
    <message>
        <source>in the fee&apos;s currency</source>
        <translation>na moeda da mensalidade</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inativa</translation>
    </message>
    <message>
        <source>interrupted; nothing was changed by the unfinished step.</source>
        <translation>interrompido; a etapa não concluída não alterou nada.</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>valor %(type)s inválido: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>opção inválida: %(value)r (escolha entre %(choices)s)</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)</source>
        <translation>opção inválida: %(value)r; você quis dizer %(closest)r? (escolha entre %(choices)s)</translation>
    </message>
    <message>
        <source>it does not name the calendar it counts in.</source>
        <translation>não indica o calendário em que conta.</translation>
    </message>
    <message>
        <source>it has no targets; give at least one priority a target.</source>
        <translation>não tem objetivos; dê um objetivo a pelo menos uma prioridade.</translation>
    </message>
    <message>
        <source>it is nested too deeply</source>
        <translation>está aninhado demasiado fundo</translation>
    </message>
    <message>
        <source>it must be a JSON object, not {found}</source>
        <translation>tem que ser um objeto JSON, não {found}</translation>
    </message>
    <message>
        <source>its calendar &apos;{calendar}&apos; does not exist; create it or pick another.</source>
        <translation>o seu calendário &apos;{calendar}&apos; não existe; crie-o ou escolha outro.</translation>
    </message>
    <message>
        <source>its conditions must be an object.</source>
        <translation>as suas condições têm que ser um objeto.</translation>
    </message>
    <message>
        <source>its id must be a whole number.</source>
        <translation>o seu id tem que ser um número inteiro.</translation>
    </message>
    <message>
        <source>its pause statuses must be a list of statuses.</source>
        <translation>os seus estados de pausa têm que ser uma lista de estados.</translation>
    </message>
    <message>
        <source>its version id must be a whole number or empty.</source>
        <translation>o id da sua versão tem que ser um número inteiro ou vazio.</translation>
    </message>
    <message>
        <source>its version must be a whole number from 1.</source>
        <translation>a sua versão tem que ser um número inteiro a partir de 1.</translation>
    </message>
    <message>
        <source>last day, YYYY-MM-DD</source>
        <translation>último dia, AAAA-MM-DD</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>linha {line}</translation>
    </message>
    <message>
        <source>list, export or import SLA policies</source>
        <translation>listar, exportar ou importar políticas de SLA</translation>
    </message>
    <message>
        <source>list, export or import business calendars</source>
        <translation>listar, exportar ou importar calendários de trabalho</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baixa</translation>
    </message>
    <message>
        <source>manage users and roles</source>
        <translation>gerenciar usuários e funções</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>gestor</translation>
    </message>
    <message>
        <source>met</source>
        <translation>cumprido</translation>
    </message>
    <message>
        <source>met its target</source>
        <translation>cumpriu o objetivo</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>falhado</translation>
    </message>
    <message>
        <source>missed its target</source>
        <translation>falhou o objetivo</translation>
    </message>
    <message>
        <source>month</source>
        <translation>mês</translation>
    </message>
    <message>
        <source>move a ticket to another team</source>
        <translation>mover um chamado para outra equipe</translation>
    </message>
    <message>
        <source>n = CSAT answers / NPS answers in each bucket.</source>
        <translation>n = respostas CSAT / respostas NPS em cada intervalo.</translation>
    </message>
    <message>
        <source>n = {csat} / {nps}</source>
        <translation>n = {csat} / {nps}</translation>
    </message>
    <message>
        <source>name the service.</source>
        <translation>indique o nome do serviço.</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nome@exemplo.com.br</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>next due {span}</source>
        <translation>próximo prazo {span}</translation>
    </message>
    <message>
        <source>next response</source>
        <translation>próxima resposta</translation>
    </message>
    <message>
        <source>no answers</source>
        <translation>sem respostas</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source>no customer</source>
        <translation>sem cliente</translation>
    </message>
    <message>
        <source>no events</source>
        <translation>sem eventos</translation>
    </message>
    <message>
        <source>no priority mapping of the preset covers &apos;{value}&apos;</source>
        <translation>nenhum mapeamento de prioridade da predefinição cobre &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>no status mapping of the preset covers &apos;{value}&apos;</source>
        <translation>nenhum mapeamento de estado da predefinição cobre &apos;{value}&apos;</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>sem equipe</translation>
    </message>
    <message>
        <source>no working hours recorded</source>
        <translation>nenhum horário de trabalho registrado</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>ninguém</translation>
    </message>
    <message>
        <source>nobody (unassigned)</source>
        <translation>ninguém (sem responsável)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>nenhum definido</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>not a valid date; write dates as YYYY-MM-DD, e.g. 2026-12-25.</source>
        <translation>não é uma data válida; escreva as datas como AAAA-MM-DD, p. ex. 2026-12-25.</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>não permitido com o argumento %s</translation>
    </message>
    <message>
        <source>not enough tickets</source>
        <translation>chamados insuficientes</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>não medido</translation>
    </message>
    <message>
        <source>notify the assignee</source>
        <translation>notificar o responsável</translation>
    </message>
    <message>
        <source>notify the managers</source>
        <translation>notificar os gestores</translation>
    </message>
    <message>
        <source>notify the team lead</source>
        <translation>notificar o líder de equipe</translation>
    </message>
    <message>
        <source>now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>null</source>
        <translation>nulo</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>é obrigatório um dos argumentos %s</translation>
    </message>
    <message>
        <source>one row per ticket</source>
        <translation>uma linha por chamado</translation>
    </message>
    <message>
        <source>only at a re-baseline (stopped: keeps its verdict)</source>
        <translation>só em um re-baseline (parado: mantém o veredicto)</translation>
    </message>
    <message>
        <source>only this customer&apos;s tickets</source>
        <translation>só os chamados deste cliente</translation>
    </message>
    <message>
        <source>only this team&apos;s tickets</source>
        <translation>só os chamados desta equipe</translation>
    </message>
    <message>
        <source>open tickets</source>
        <translation>chamados abertos</translation>
    </message>
    <message>
        <source>open tickets with a running clock due by this time tomorrow</source>
        <translation>chamados abertos com um cronômetro contando que vence até esta hora amanhã</translation>
    </message>
    <message>
        <source>options</source>
        <translation>opções</translation>
    </message>
    <message>
        <source>outages {ids}</source>
        <translation>interrupções {ids}</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>em atraso</translation>
    </message>
    <message>
        <source>overdue 23h 59m</source>
        <translation>em atraso 23 h 59 min</translation>
    </message>
    <message>
        <source>overdue {t}</source>
        <translation>em atraso {t}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>em pausa</translation>
    </message>
    <message>
        <source>paused {t}</source>
        <translation>em pausa {t}</translation>
    </message>
    <message>
        <source>paused — outside working hours, resumes {when}</source>
        <translation>em pausa — fora do horário de trabalho, retoma {when}</translation>
    </message>
    <message>
        <source>paused, overdue {t}</source>
        <translation>em pausa, em atraso {t}</translation>
    </message>
    <message>
        <source>periodic update</source>
        <translation>atualização periódica</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>planejada</translation>
    </message>
    <message>
        <source>planned is yes or no, not “{value}”.</source>
        <translation>planned é yes ou no, não “{value}”.</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>política</translation>
    </message>
    <message>
        <source>policy file</source>
        <translation>arquivo de política</translation>
    </message>
    <message>
        <source>policy “{policy}” version {version}, calendar “{calendar}” ({zone})</source>
        <translation>política “{policy}” versão {version}, calendário “{calendar}” ({zone})</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>argumentos posicionais</translation>
    </message>
    <message>
        <source>priority {name}</source>
        <translation>prioridade {name}</translation>
    </message>
    <message>
        <source>priority → {value}</source>
        <translation>prioridade → {value}</translation>
    </message>
    <message>
        <source>promoters {p} · passives {a} · detractors {d}</source>
        <translation>promotores {p} · passivos {a} · detratores {d}</translation>
    </message>
    <message>
        <source>put the policy first in the evaluation order</source>
        <translation>colocar a política em primeiro lugar na ordem de avaliação</translation>
    </message>
    <message>
        <source>raise</source>
        <translation>subir</translation>
    </message>
    <message>
        <source>raise the priority</source>
        <translation>subir a prioridade</translation>
    </message>
    <message>
        <source>re-baseline the clocks of every ticket</source>
        <translation>recalcular de raiz os cronômetros de todos os chamados</translation>
    </message>
    <message>
        <source>re-evaluate the SLA clocks of tickets</source>
        <translation>reavaliar os cronômetros SLA dos chamados</translation>
    </message>
    <message>
        <source>read {count} rows</source>
        <translation>lidas {count} linhas</translation>
    </message>
    <message>
        <source>reassign to team {team}</source>
        <translation>reatribuir à equipe {team}</translation>
    </message>
    <message>
        <source>reassign to {agent}</source>
        <translation>reatribuir a {agent}</translation>
    </message>
    <message>
        <source>record an agreement review</source>
        <translation>registrar uma revisão do acordo</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>reaberto</translation>
    </message>
    <message>
        <source>requester</source>
        <translation>solicitante</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>resolução</translation>
    </message>
    <message>
        <source>roles and logins on a team server</source>
        <translation>funções e logins em um servidor de equipe</translation>
    </message>
    <message>
        <source>rows read</source>
        <translation>linhas lidas</translation>
    </message>
    <message>
        <source>rows rejected</source>
        <translation>linhas rejeitadas</translation>
    </message>
    <message>
        <source>running</source>
        <translation>contando</translation>
    </message>
    <message>
        <source>save a calendar</source>
        <translation>salvar um calendário</translation>
    </message>
    <message>
        <source>save a policy</source>
        <translation>salvar uma política</translation>
    </message>
    <message>
        <source>save a service</source>
        <translation>salvar um serviço</translation>
    </message>
    <message>
        <source>save an agreement</source>
        <translation>salvar um acordo</translation>
    </message>
    <message>
        <source>save an outage</source>
        <translation>salvar uma interrupção</translation>
    </message>
    <message>
        <source>set no password (the server authenticates)</source>
        <translation>não definir senha (o servidor autentica)</translation>
    </message>
    <message>
        <source>show the program&apos;s version and exit</source>
        <translation>mostrar a versão do programa e sair</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>mostrar esta mensagem de ajuda e sair</translation>
    </message>
    <message>
        <source>skipped, already there</source>
        <translation>ignorados, já existiam</translation>
    </message>
    <message>
        <source>started {start}</source>
        <translation>começou {start}</translation>
    </message>
    <message>
        <source>starts</source>
        <translation>começa</translation>
    </message>
    <message>
        <source>status → {value}</source>
        <translation>estado → {value}</translation>
    </message>
    <message>
        <source>still going on</source>
        <translation>ainda em curso</translation>
    </message>
    <message>
        <source>stopped {span}</source>
        <translation>parado {span}</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>assunto</translation>
    </message>
    <message>
        <source>switch a policy on or off</source>
        <translation>ativar ou desativar uma política</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <source>target {target}, elapsed {elapsed}</source>
        <translation>objetivo {target}, decorrido {elapsed}</translation>
    </message>
    <message>
        <source>team</source>
        <translation>equipe</translation>
    </message>
    <message>
        <source>team {name}</source>
        <translation>equipe {name}</translation>
    </message>
    <message>
        <source>team → {value}</source>
        <translation>equipe → {value}</translation>
    </message>
    <message>
        <source>team: {name}</source>
        <translation>equipe: {name}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>the --customer&apos;s service statement instead</source>
        <translation>em vez disso, o extrato de serviço do --customer</translation>
    </message>
    <message>
        <source>the CSV file</source>
        <translation>o arquivo CSV</translation>
    </message>
    <message>
        <source>the CSV file to write (/dev/stdout: to a pipe)</source>
        <translation>o arquivo CSV a escrever (/dev/stdout: para um pipe)</translation>
    </message>
    <message>
        <source>the assignee</source>
        <translation>o responsável</translation>
    </message>
    <message>
        <source>the calendar</source>
        <translation>o calendário</translation>
    </message>
    <message>
        <source>the case id is missing</source>
        <translation>falta o id do caso</translation>
    </message>
    <message>
        <source>the condition &apos;{what}&apos; must be a list of names.</source>
        <translation>a condição &apos;{what}&apos; tem que ser uma lista de nomes.</translation>
    </message>
    <message>
        <source>the created date and time is missing</source>
        <translation>falta a data e hora de criação</translation>
    </message>
    <message>
        <source>the date and time is missing</source>
        <translation>falta a data e hora</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>o disco está cheio</translation>
    </message>
    <message>
        <source>the disk refused a read or a write</source>
        <translation>o disco recusou uma leitura ou uma escrita</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>o documento</translation>
    </message>
    <message>
        <source>the file ends inside its header</source>
        <translation>o arquivo acaba dentro do cabeçalho</translation>
    </message>
    <message>
        <source>the file or its folder is read-only</source>
        <translation>o arquivo ou a sua pasta são só de leitura</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>o arquivo a escrever</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>os seguintes argumentos são obrigatórios: %s</translation>
    </message>
    <message>
        <source>the header names the column &apos;{column}&apos; twice; it is not read, so this does not matter.</source>
        <translation>o cabeçalho indica a coluna &apos;{column}&apos; duas vezes; não é lida, por isso não importa.</translation>
    </message>
    <message>
        <source>the kind is csat or nps.</source>
        <translation>o tipo é csat ou nps.</translation>
    </message>
    <message>
        <source>the login name (also the agent&apos;s name)</source>
        <translation>o nome de login (também o nome do agente)</translation>
    </message>
    <message>
        <source>the managers</source>
        <translation>os gestores</translation>
    </message>
    <message>
        <source>the name must be text.</source>
        <translation>o nome tem que ser texto.</translation>
    </message>
    <message>
        <source>the policies in evaluation order</source>
        <translation>as políticas pela ordem de avaliação</translation>
    </message>
    <message>
        <source>the row has {found} cells but the header has {expected}</source>
        <translation>a linha tem {found} células mas o cabeçalho tem {expected}</translation>
    </message>
    <message>
        <source>the same seed gives the same data</source>
        <translation>a mesma semente dá os mesmos dados</translation>
    </message>
    <message>
        <source>the status is &apos;{value}&apos; but the resolved and closed columns are empty</source>
        <translation>o estado é &apos;{value}&apos; mas as colunas de resolução e de fecho estão vazias</translation>
    </message>
    <message>
        <source>the status is missing</source>
        <translation>falta o estado</translation>
    </message>
    <message>
        <source>the target for {where} is longer than {longest}; give at most {longest}.</source>
        <translation>o objetivo de {where} é mais longo do que {longest}; indique no máximo {longest}.</translation>
    </message>
    <message>
        <source>the target for {where} is not valid: {error}</source>
        <translation>o objetivo de {where} não é válido: {error}</translation>
    </message>
    <message>
        <source>the target for {where} must be a positive duration such as 4h.</source>
        <translation>o objetivo de {where} tem que ser uma duração positiva como 4h.</translation>
    </message>
    <message>
        <source>the targets of priority {priority} must be an object.</source>
        <translation>os objetivos da prioridade {priority} têm que ser um objeto.</translation>
    </message>
    <message>
        <source>the team lead</source>
        <translation>o líder de equipe</translation>
    </message>
    <message>
        <source>the team server</source>
        <translation>o servidor da equipe</translation>
    </message>
    <message>
        <source>the ticket id &apos;{id}&apos; already appears on line {line}</source>
        <translation>o id de chamado &apos;{id}&apos; já aparece na linha {line}</translation>
    </message>
    <message>
        <source>the ticket id is missing</source>
        <translation>falta o id do chamado</translation>
    </message>
    <message>
        <source>the ticket is closed before it was resolved</source>
        <translation>o chamado foi fechado antes de ser resolvido</translation>
    </message>
    <message>
        <source>the warning threshold must be a fraction from 0 up to (not including) 1.</source>
        <translation>o limiar de aviso tem que ser uma fração de 0 até 1 (exclusive).</translation>
    </message>
    <message>
        <source>the weight is a number from 0 to 1.</source>
        <translation>o peso é um número de 0 a 1.</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>o espaço de trabalho</translation>
    </message>
    <message>
        <source>there is no ticket “{id}”.</source>
        <translation>não há nenhum chamado “{id}”.</translation>
    </message>
    <message>
        <source>this column is missing.</source>
        <translation>falta esta coluna.</translation>
    </message>
    <message>
        <source>tickets and their SLA clocks as CSV</source>
        <translation>os chamados e os seus cronômetros SLA em CSV</translation>
    </message>
    <message>
        <source>tickets imported</source>
        <translation>chamados importados</translation>
    </message>
    <message>
        <source>tickets to import</source>
        <translation>chamados a importar</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>sem responsável</translation>
    </message>
    <message>
        <source>unplanned</source>
        <translation>não planejada</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>ilegível</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>argumentos não reconhecidos: %s</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>uso: </translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>versão {version}</translation>
    </message>
    <message>
        <source>was due {when}</source>
        <translation>venceu {when}</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semana</translation>
    </message>
    <message>
        <source>when the workspace has no tickets, fill it with demo data first</source>
        <translation>quando o espaço de trabalho não tem chamados, preenchê-lo primeiro com dados de demonstração</translation>
    </message>
    <message>
        <source>who imports (default: your login name)</source>
        <translation>quem importa (padrão: o seu nome de login)</translation>
    </message>
    <message>
        <source>who re-baselines (default: your login name)</source>
        <translation>quem faz o re-baseline (padrão: o seu nome de login)</translation>
    </message>
    <message>
        <source>why (recorded with the version; default: the file name)</source>
        <translation>porquê (registrado com a versão; padrão: o nome do arquivo)</translation>
    </message>
    <message>
        <source>why history is re-judged (recorded with --all)</source>
        <translation>porque se volta a avaliar o histórico (registrado com --all)</translation>
    </message>
    <message>
        <source>workspace database: a SQLAlchemy URL or a SQLite file path (default: $SLAWORKBENCH_DATABASE, else the user data folder)</source>
        <translation>banco de dados do espaço de trabalho: uma URL SQLAlchemy ou o caminho de um arquivo SQLite (padrão: $SLAWORKBENCH_DATABASE, senão a pasta de dados do usuário)</translation>
    </message>
    <message>
        <source>write a calendar to a JSON file</source>
        <translation>escrever um calendário em um arquivo JSON</translation>
    </message>
    <message>
        <source>write a compliance summary</source>
        <translation>escrever um resumo de cumprimento</translation>
    </message>
    <message>
        <source>write a holiday as {&quot;date&quot;: &quot;YYYY-MM-DD&quot;, &quot;name&quot;: &quot;...&quot;}.</source>
        <translation>escreva um feriado como {&quot;date&quot;: &quot;AAAA-MM-DD&quot;, &quot;name&quot;: &quot;...&quot;}.</translation>
    </message>
    <message>
        <source>write a policy and its calendar to a JSON file</source>
        <translation>escrever uma política e o seu calendário em um arquivo JSON</translation>
    </message>
    <message>
        <source>write each tier as “availability below = credit”, e.g. {example}.</source>
        <translation>escreva cada escalão como “disponibilidade abaixo de = crédito”, p. ex. {example}.</translation>
    </message>
    <message>
        <source>write it in this language and locale, e.g. pt_BR, pt_PT, en_GB, en_US (default: the command line&apos;s, from LANG)</source>
        <translation>escrevê-lo neste idioma e região, p. ex. pt_BR, pt_PT, en_GB, en_US (padrão: o da linha de comando, de LANG)</translation>
    </message>
    <message>
        <source>wrote {count} events</source>
        <translation>escritos {count} eventos</translation>
    </message>
    <message>
        <source>{achieved} achieved · {breached} breached · {open} not stopped</source>
        <translation>{achieved} cumpridos · {breached} descumpridos · {open} não parados</translation>
    </message>
    <message>
        <source>{achieved} of {judged} met = {percent} %; {credit} % × {fee} = {owed}</source>
        <translation>{achieved} de {judged} cumpridos = {percent} %; {credit} % × {fee} = {owed}</translation>
    </message>
    <message>
        <source>{achieved} of {stopped} on time</source>
        <translation>{achieved} de {stopped} a tempo</translation>
    </message>
    <message>
        <source>{action}: {ticket} updated</source>
        <translation>{action}: {ticket} atualizado</translation>
    </message>
    <message>
        <source>{agreement} · {start} to {end}</source>
        <translation>{agreement} · {start} a {end}</translation>
    </message>
    <message>
        <source>{amount} after due</source>
        <translation>{amount} depois do prazo</translation>
    </message>
    <message>
        <source>{amount} before due</source>
        <translation>{amount} antes do prazo</translation>
    </message>
    <message>
        <source>{box}, row {row}: {problem}</source>
        <translation>{box}, linha {row}: {problem}</translation>
    </message>
    <message>
        <source>{breached} breached, {at_risk} at risk</source>
        <translation>{breached} descumpridos, {at_risk} em risco</translation>
    </message>
    <message>
        <source>{bucket}
NPS {nps} from {responses} answers
{promoters} promoters, {passives} passives, {detractors} detractors</source>
        <translation>{bucket}
NPS {nps} de {responses} respostas
{promoters} promotores, {passives} passivos, {detractors} detratores</translation>
    </message>
    <message>
        <source>{bucket}
{metric}: {value}
{achieved} achieved, {breached} breached</source>
        <translation>{bucket}
{metric}: {value}
{achieved} cumpridos, {breached} descumpridos</translation>
    </message>
    <message>
        <source>{case}: {bad} rejected rows (first at line {line}); its other {other} rows were left out with it</source>
        <translation>{case}: {bad} linhas rejeitadas (a primeira na linha {line}); as suas outras {other} linhas ficaram de fora com ela</translation>
    </message>
    <message>
        <source>{computation}, capped at {cap}</source>
        <translation>{computation}, com limite de {cap}</translation>
    </message>
    <message>
        <source>{count} clocks had not stopped by the end of {end}. They are not counted in the compliance figures above.</source>
        <translation>{count} cronômetros não tinham parado no fim de {end}. Não entram nos números de cumprimento acima.</translation>
    </message>
    <message>
        <source>{count} clocks stopped in the period.</source>
        <translation>{count} cronômetros pararam no período.</translation>
    </message>
    <message>
        <source>{count} clocks were judged by a policy version no longer recorded.</source>
        <translation>{count} cronômetros foram avaliados por uma versão de política que já não está registrada.</translation>
    </message>
    <message>
        <source>{count} closed tickets have never been judged (an import or demo was cut short); judge them with: slaworkbench recompute --all --reason &quot;...&quot;</source>
        <translation>{count} chamados fechados nunca foram avaliados (uma importação ou demonstração foi interrompida); avalie-os com: slaworkbench recompute --all --reason &quot;...&quot;</translation>
    </message>
    <message>
        <source>{count} others</source>
        <translation>{count} outros</translation>
    </message>
    <message>
        <source>{count} tickets of this workspace have never been evaluated (no SLA clocks): they are not counted in this report. Judge them with Tools › Re-baseline every ticket (or slaworkbench recompute --all --reason &quot;…&quot;) and make the report again.</source>
        <translation>{count} chamados deste espaço de trabalho nunca foram avaliados (sem cronômetros SLA): não entram neste relatório. Avalie-os com Ferramentas › Re-baseline de todos os chamados (ou slaworkbench recompute --all --reason &quot;…&quot;) e gere o relatório de novo.</translation>
    </message>
    <message>
        <source>{count} tickets × {per} = {raw}</source>
        <translation>{count} chamados × {per} = {raw}</translation>
    </message>
    <message>
        <source>{count} unexpected errors stopped actions, the last one: {what}; you can keep working, but restarting SLA Workbench is wise.</source>
        <translation>{count} erros inesperados interromperam ações, o último: {what}; pode continuar a trabalhar, mas é prudente reiniciar o SLA Workbench.</translation>
    </message>
    <message>
        <source>{customer} already has an active agreement; edit it, or end it first.</source>
        <translation>{customer} já tem um acordo ativo; edite-o ou termine-o primeiro.</translation>
    </message>
    <message>
        <source>{customer} has no active agreement; create one before a statement.</source>
        <translation>{customer} não tem acordo ativo; crie um antes de um extrato.</translation>
    </message>
    <message>
        <source>{customer} support agreement</source>
        <translation>Acordo de suporte de {customer}</translation>
    </message>
    <message>
        <source>{customer} · {period}</source>
        <translation>{customer} · {period}</translation>
    </message>
    <message>
        <source>{cycles} held by {agent} when they stopped</source>
        <translation>{cycles} que {agent} tinha quando pararam</translation>
    </message>
    <message>
        <source>{cycles} held by {agent} while running</source>
        <translation>{cycles} que {agent} teve enquanto contavam</translation>
    </message>
    <message>
        <source>{cycles} of {team}</source>
        <translation>{cycles} de {team}</translation>
    </message>
    <message>
        <source>{cycles} stopped {span}</source>
        <translation>{cycles} parados {span}</translation>
    </message>
    <message>
        <source>{days} working days of {day}</source>
        <translation>{days} dias úteis de {day}</translation>
    </message>
    <message>
        <source>{day} clocks fall due in the next 24 hours · {week} in the next 7 days</source>
        <translation>{day} cronômetros vencem nas próximas 24 horas · {week} nos próximos 7 dias</translation>
    </message>
    <message>
        <source>{day}, interval {number} ({raw!r}): write an interval as a pair of times, for example [&quot;09:00&quot;, &quot;17:00&quot;].</source>
        <translation>{day}, intervalo {number} ({raw!r}): escreva um intervalo como um par de horas, por exemplo [&quot;09:00&quot;, &quot;17:00&quot;].</translation>
    </message>
    <message>
        <source>{day}, interval {number} ({start}–{end})</source>
        <translation>{day}, intervalo {number} ({start}–{end})</translation>
    </message>
    <message>
        <source>{day}: the hours must be a list of intervals such as [[&quot;09:00&quot;, &quot;17:00&quot;]], not {raw!r}.</source>
        <translation>{day}: o horário tem que ser uma lista de intervalos como [[&quot;09:00&quot;, &quot;17:00&quot;]], não {raw!r}.</translation>
    </message>
    <message>
        <source>{done} of {total} events</source>
        <translation>{done} de {total} eventos</translation>
    </message>
    <message>
        <source>{done}. Undo (Ctrl+Z) within {seconds} seconds.</source>
        <translation>{done}. Desfazer (Ctrl+Z) nos próximos {seconds} segundos.</translation>
    </message>
    <message>
        <source>{field} changed</source>
        <translation>{field} alterado</translation>
    </message>
    <message>
        <source>{file} changed since it was checked; check it again before importing.</source>
        <translation>{file} mudou desde que foi verificado; verifique-o de novo antes de importar.</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>{flag} is given twice with different values ({first}, {second}); give it once.</source>
        <translation>{flag} foi indicado duas vezes com valores diferentes ({first}, {second}); indique-o uma vez.</translation>
    </message>
    <message>
        <source>{goal} % of tickets within target</source>
        <translation>{goal} % dos chamados dentro do objetivo</translation>
    </message>
    <message>
        <source>{goal} % satisfied</source>
        <translation>{goal} % satisfeitos</translation>
    </message>
    <message>
        <source>{group} — {metric}
{breached} breached of {done} ({share})</source>
        <translation>{group} — {metric}
{breached} descumpridos de {done} ({share})</translation>
    </message>
    <message>
        <source>{hours}h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{label} [{bar}] {percent} ({done} of {total})</source>
        <translation>{label} [{bar}] {percent} ({done} de {total})</translation>
    </message>
    <message>
        <source>{left} left: due {due}.</source>
        <translation>{left} restantes: vence {due}.</translation>
    </message>
    <message>
        <source>{loaded} of {total} tickets</source>
        <translation>{loaded} de {total} chamados</translation>
    </message>
    <message>
        <source>{lower} or more</source>
        <translation>{lower} ou mais</translation>
    </message>
    <message>
        <source>{lower} to {upper}</source>
        <translation>{lower} a {upper}</translation>
    </message>
    <message>
        <source>{metric} #{n}</source>
        <translation>{metric} n.º {n}</translation>
    </message>
    <message>
        <source>{metric} ({priority})</source>
        <translation>{metric} ({priority})</translation>
    </message>
    <message>
        <source>{metric} ({priority}) compliance below {goal} %: {credit} % of the fee</source>
        <translation>Cumprimento de {metric} ({priority}) abaixo de {goal} %: {credit} % da mensalidade</translation>
    </message>
    <message>
        <source>{metric} breached, priority {priority}: {basis} per ticket{cap}</source>
        <translation>{metric} descumprida, prioridade {priority}: {basis} por chamado{cap}</translation>
    </message>
    <message>
        <source>{metric} clocks</source>
        <translation>cronômetros de {metric}</translation>
    </message>
    <message>
        <source>{metric} due {span}</source>
        <translation>{metric} vence {span}</translation>
    </message>
    <message>
        <source>{metric} goal {value}</source>
        <translation>{metric}: objetivo {value}</translation>
    </message>
    <message>
        <source>{metric} level {level} at {threshold}</source>
        <translation>{metric} nível {level} em {threshold}</translation>
    </message>
    <message>
        <source>{metric} per agent, by the assignee when the clock stopped</source>
        <translation>{metric} por agente, pelo responsável quando o cronômetro parou</translation>
    </message>
    <message>
        <source>{metric} per agent, by the assignees while the clock ran</source>
        <translation>{metric} por agente, pelos responsáveis enquanto o cronômetro contava</translation>
    </message>
    <message>
        <source>{metric} per team, by the team when the clock stopped</source>
        <translation>{metric} por equipe, pela equipe quando o cronômetro parou</translation>
    </message>
    <message>
        <source>{metric} per team, by the teams while the clock ran</source>
        <translation>{metric} por equipe, pelas equipes enquanto o cronômetro contava</translation>
    </message>
    <message>
        <source>{metric} time (business hours)</source>
        <translation>Tempo de {metric} (horas úteis)</translation>
    </message>
    <message>
        <source>{metric} took {low} or more</source>
        <translation>{metric} demorou {low} ou mais</translation>
    </message>
    <message>
        <source>{metric} took {low}–{high}</source>
        <translation>{metric} demorou {low}–{high}</translation>
    </message>
    <message>
        <source>{metric} {goal} %</source>
        <translation>{metric} {goal} %</translation>
    </message>
    <message>
        <source>{metric}, cycle {n}: {state}</source>
        <translation>{metric}, ciclo {n}: {state}</translation>
    </message>
    <message>
        <source>{metric}: due {due}</source>
        <translation>{metric}: prazo {due}</translation>
    </message>
    <message>
        <source>{metric}: per agent, by the assignee when the clock stopped</source>
        <translation>{metric}: por agente, pelo responsável quando o cronômetro parou</translation>
    </message>
    <message>
        <source>{metric}: per agent, by the assignees while the clock ran</source>
        <translation>{metric}: por agente, pelos responsáveis enquanto o cronômetro contava</translation>
    </message>
    <message>
        <source>{metric}: per team, by the team when the clock stopped</source>
        <translation>{metric}: por equipe, pela equipe quando o cronômetro parou</translation>
    </message>
    <message>
        <source>{metric}: per team, by the teams while the clock ran</source>
        <translation>{metric}: por equipe, pelas equipes enquanto o cronômetro contava</translation>
    </message>
    <message>
        <source>{metric}: {count} clocks due
{start} – {end}</source>
        <translation>{metric}: {count} cronômetros a vencer
{start} – {end}</translation>
    </message>
    <message>
        <source>{metric}: {text}</source>
        <translation>{metric}: {text}</translation>
    </message>
    <message>
        <source>{minutes}m</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{m}m {s}s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>{name} (version {version}), {calendar}</source>
        <translation>{name} (versão {version}), {calendar}</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name} ({size})</translation>
    </message>
    <message>
        <source>{name} can now log in as a {role}.</source>
        <translation>{name} agora pode fazer login como {role}.</translation>
    </message>
    <message>
        <source>{name}: team agreement (OLA), the time the ticket spent with {team}</source>
        <translation>{name}: acordo de equipe (OLA), o tempo que o chamado passou com {team}</translation>
    </message>
    <message numerus="yes">
        <source>{n} business hour</source>
        <comment>{n} business hours</comment>
        <translation>
            <numerusform>{n} hora útil</numerusform>
            <numerusform>{n} horas úteis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} closed ticket is left out</source>
        <comment>{n} closed tickets are left out</comment>
        <translation>
            <numerusform>{n} chamado fechado fica de fora</numerusform>
            <numerusform>{n} chamados fechados ficam de fora</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} event</source>
        <comment>{n} events</comment>
        <translation>
            <numerusform>{n} evento</numerusform>
            <numerusform>{n} eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} of the team&apos;s cycles would change verdict</source>
        <comment>{n} of the team&apos;s cycles would change verdict</comment>
        <translation>
            <numerusform>{n} ciclo da equipe mudaria de veredicto</numerusform>
            <numerusform>{n} ciclos da equipe mudariam de veredicto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} of {total} tickets matches no active policy and has no SLA.</source>
        <comment>{n} of {total} tickets match no active policy and have no SLA.</comment>
        <translation>
            <numerusform>{n} de {total} chamados não corresponde a nenhuma política ativa e não tem SLA.</numerusform>
            <numerusform>{n} de {total} chamados não correspondem a nenhuma política ativa e não têm SLA.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} ticket created in the period was replayed; </source>
        <comment>{n} tickets created in the period were replayed; </comment>
        <translation>
            <numerusform>{n} chamado criado no período foi reproduzido; </numerusform>
            <numerusform>{n} chamados criados no período foram reproduzidos; </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} ticket matches more than one active policy; only the first one counts.</source>
        <comment>{n} tickets match more than one active policy; only the first one counts.</comment>
        <translation>
            <numerusform>{n} chamado corresponde a mais do que uma política ativa; só a primeira conta.</numerusform>
            <numerusform>{n} chamados correspondem a mais do que uma política ativa; só a primeira conta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} ticket of {customer} is judged by another policy than their agreement&apos;s “{policy}”: {others}.</source>
        <comment>{n} tickets of {customer} are judged by another policy than their agreement&apos;s “{policy}”: {others}.</comment>
        <translation>
            <numerusform>{n} chamado de {customer} é avaliado por outra política que não a do seu acordo, “{policy}”: {others}.</numerusform>
            <numerusform>{n} chamados de {customer} são avaliados por outra política que não a do seu acordo, “{policy}”: {others}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} ticket updated</source>
        <comment>{n} tickets updated</comment>
        <translation>
            <numerusform>{n} chamado atualizado</numerusform>
            <numerusform>{n} chamados atualizados</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} chamados</translation>
    </message>
    <message numerus="yes">
        <source>{n} working day</source>
        <comment>{n} working days</comment>
        <translation>
            <numerusform>{n} dia útil</numerusform>
            <numerusform>{n} dias úteis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} working day of {day}</source>
        <comment>{n} working days of {day}</comment>
        <translation>
            <numerusform>{n} dia útil de {day}</numerusform>
            <numerusform>{n} dias úteis de {day}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} would get a different result.</source>
        <comment>{n} would get a different result.</comment>
        <translation>
            <numerusform>{n} teria um resultado diferente.</numerusform>
            <numerusform>{n} teriam um resultado diferente.</numerusform>
        </translation>
    </message>
    <message>
        <source>{n}+ tickets</source>
        <translation>{n}+ chamados</translation>
    </message>
    <message>
        <source>{option} &apos;{text}&apos; is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.</source>
        <translation>{option} &apos;{text}&apos; não é uma data; escreva-a como AAAA-MM-DD, p. ex. 2026-03-31.</translation>
    </message>
    <message>
        <source>{path} cannot be written (permission denied); choose another --out.</source>
        <translation>Não é possível escrever {path} (permissão negada); escolha outro --out.</translation>
    </message>
    <message>
        <source>{path} does not hold a policy; export one from the policy editor.</source>
        <translation>{path} não contém uma política; exporte uma a partir do editor de políticas.</translation>
    </message>
    <message>
        <source>{path} holds a transaction another program did not finish (the file {journal} beside it); it is not an SLA Workbench workspace, so it was left untouched. Open it with the program that wrote it.</source>
        <translation>{path} contém uma transação que outro programa não terminou (o arquivo {journal} junto dele); não é um espaço de trabalho do SLA Workbench, por isso ficou intacto. Abra-o com o programa que o escreveu.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a CSV file; choose a file.</source>
        <translation>{path} é uma pasta, não um arquivo CSV; escolha um arquivo.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a workspace file; choose a file.</source>
        <translation>{path} é uma pasta, não um arquivo de espaço de trabalho; escolha um arquivo.</translation>
    </message>
    <message>
        <source>{path} is an empty file (0 bytes), not a workspace, so it was left untouched; if it held your workspace, restore a backup, otherwise delete it or choose another file.</source>
        <translation>{path} é um arquivo vazio (0 bytes), não um espaço de trabalho, por isso ficou intacto; se continha o seu espaço de trabalho, restaure uma cópia de segurança; caso contrário, exclua-o ou escolha outro arquivo.</translation>
    </message>
    <message>
        <source>{path} is nested too deeply to be a policy or calendar file.</source>
        <translation>{path} está aninhado demasiado fundo para ser um arquivo de política ou de calendário.</translation>
    </message>
    <message>
        <source>{path} is not a text file; choose a .json file exported by SLA Workbench.</source>
        <translation>{path} não é um arquivo de texto; escolha um arquivo .json exportado pelo SLA Workbench.</translation>
    </message>
    <message>
        <source>{path} is not an SLA Workbench workspace (it is not a SQLite database); choose another file. Nothing was changed.</source>
        <translation>{path} não é um espaço de trabalho do SLA Workbench (não é uma base de dados SQLite); escolha outro arquivo. Nada foi alterado.</translation>
    </message>
    <message>
        <source>{path} is not an SLA Workbench workspace (it is not a SQLite database); choose another file. The file was left untouched.</source>
        <translation>{path} não é um espaço de trabalho do SLA Workbench (não é uma base de dados SQLite); escolha outro arquivo. O arquivo ficou intacto.</translation>
    </message>
    <message>
        <source>{path} is not valid JSON (line {line}, column {column}): {problem}.</source>
        <translation>{path} não é JSON válido (linha {line}, coluna {column}): {problem}.</translation>
    </message>
    <message>
        <source>{path} was written by a newer SLA Workbench; update the program.</source>
        <translation>{path} foi escrito por um SLA Workbench mais recente; atualize o programa.</translation>
    </message>
    <message>
        <source>{path}: the owner must be text.</source>
        <translation>{path}: o responsável tem que ser texto.</translation>
    </message>
    <message>
        <source>{path}: the review date {raw!r} is not a date; write it as YYYY-MM-DD.</source>
        <translation>{path}: a data de revisão {raw!r} não é uma data; escreva-a como AAAA-MM-DD.</translation>
    </message>
    <message>
        <source>{path}: the {what} is not valid: {problem}.</source>
        <translation>{path}: o {what} não é válido: {problem}.</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}: {problem}</translation>
    </message>
    <message>
        <source>{percent} % of the target</source>
        <translation>{percent} % do objetivo</translation>
    </message>
    <message>
        <source>{percent} % of {fee} = {per}</source>
        <translation>{percent} % de {fee} = {per}</translation>
    </message>
    <message>
        <source>{priority} (n = {count})</source>
        <translation>{priority} (n = {count})</translation>
    </message>
    <message>
        <source>{priority} priority</source>
        <translation>Prioridade {priority}</translation>
    </message>
    <message>
        <source>{priority}, {bin}
{count} clocks ({share} %)</source>
        <translation>{priority}, {bin}
{count} cronômetros ({share} %)</translation>
    </message>
    <message>
        <source>{priority}, {bucket}: {count} open tickets</source>
        <translation>{priority}, {bucket}: {count} chamados abertos</translation>
    </message>
    <message>
        <source>{priority}: P50 {p50} · P90 {p90}</source>
        <translation>{priority}: P50 {p50} · P90 {p90}</translation>
    </message>
    <message>
        <source>{priority}: {label} = {value}</source>
        <translation>{priority}: {label} = {value}</translation>
    </message>
    <message>
        <source>{ref} · opened {when}</source>
        <translation>{ref} · aberto {when}</translation>
    </message>
    <message>
        <source>{rule} — for {people}</source>
        <translation>{rule} — para {people}</translation>
    </message>
    <message>
        <source>{rule}: {actions}</source>
        <translation>{rule}: {actions}</translation>
    </message>
    <message>
        <source>{satisfied} of {answers} answers were 4 or 5</source>
        <translation>{satisfied} de {answers} respostas foram 4 ou 5</translation>
    </message>
    <message>
        <source>{service} (target {target})</source>
        <translation>{service} (objetivo {target})</translation>
    </message>
    <message>
        <source>{service} availability below {below} %: {credit} % of the fee</source>
        <translation>Disponibilidade de {service} abaixo de {below} %: {credit} % da mensalidade</translation>
    </message>
    <message>
        <source>{service} degraded</source>
        <translation>{service} degradado</translation>
    </message>
    <message>
        <source>{service} unavailable</source>
        <translation>{service} indisponível</translation>
    </message>
    <message>
        <source>{service} {target} % available</source>
        <translation>{service} {target} % disponível</translation>
    </message>
    <message>
        <source>{service}, {month}
Uptime {uptime} (target {target}) — {verdict}
Down {down}</source>
        <translation>{service}, {month}
Disponibilidade {uptime} (objetivo {target}) — {verdict}
Fora do ar {down}</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>{start} – {end}: days without working hours, not counted.</source>
        <translation>{start} – {end}: dias sem horário de trabalho, não contados.</translation>
    </message>
    <message>
        <source>{start} – {end}: holiday ({name}), not counted.</source>
        <translation>{start} – {end}: feriado ({name}), não contado.</translation>
    </message>
    <message>
        <source>{start} – {end}: outside working hours, not counted.</source>
        <translation>{start} – {end}: fora do horário de trabalho, não contado.</translation>
    </message>
    <message>
        <source>{start} – {end}: paused while the ticket was {status}.</source>
        <translation>{start} – {end}: em pausa enquanto o chamado estava {status}.</translation>
    </message>
    <message>
        <source>{start} – {end}: {duration} of working time counted.</source>
        <translation>{start} – {end}: {duration} de tempo de trabalho contados.</translation>
    </message>
    <message>
        <source>{start} – {end}: … {days}, {hours} …</source>
        <translation>{start} – {end}: … {days}, {hours} …</translation>
    </message>
    <message>
        <source>{start}: clocks changed from UTC{old} to UTC{new}.</source>
        <translation>{start}: os relógios mudaram de UTC{old} para UTC{new}.</translation>
    </message>
    <message>
        <source>{start}: the clock stopped.</source>
        <translation>{start}: o cronômetro parou.</translation>
    </message>
    <message>
        <source>{status} from {start} to {end}</source>
        <translation>{status} de {start} a {end}</translation>
    </message>
    <message>
        <source>{subject} ({ticket_subject})</source>
        <translation>{subject} ({ticket_subject})</translation>
    </message>
    <message>
        <source>{s}s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{task} failed: {error}. The details are in the log file.</source>
        <translation>{task} falhou: {error}. Os detalhes estão no arquivo de log.</translation>
    </message>
    <message>
        <source>{text} (late: due while no program was running)</source>
        <translation>{text} (atrasado: venceu quando nenhum programa estava em execução)</translation>
    </message>
    <message>
        <source>{tickets} · choose your name in “Working as” to see yours</source>
        <translation>{tickets} · escolha o seu nome em “A trabalhar como” para ver os seus</translation>
    </message>
    <message>
        <source>{tickets} · {n} selected</source>
        <translation>{tickets} · {n} selecionados</translation>
    </message>
    <message>
        <source>{ticket} updated. Undo (Ctrl+Z) within {seconds} seconds.</source>
        <translation>{ticket} atualizado. Desfazer (Ctrl+Z) nos próximos {seconds} segundos.</translation>
    </message>
    <message>
        <source>{time} — ⏫ {ticket} escalated: {subject}</source>
        <translation>{time} — ⏫ {ticket} escalonado: {subject}</translation>
    </message>
    <message>
        <source>{time} — ⚠ {ticket} is at risk: {subject}</source>
        <translation>{time} — ⚠ {ticket} está em risco: {subject}</translation>
    </message>
    <message>
        <source>{time} — ⛔ {ticket} breached its SLA: {subject}</source>
        <translation>{time} — ⛔ {ticket} descumpriu o seu SLA: {subject}</translation>
    </message>
    <message>
        <source>{tip} ({days})</source>
        <translation>{tip} ({days})</translation>
    </message>
    <message>
        <source>{tip}; {why}</source>
        <translation>{tip}; {why}</translation>
    </message>
    <message>
        <source>{total} escalations fired in the period. Priority: the ticket&apos;s priority when the rule fired. Late: the rule was due while no program was running and fired at the next start.</source>
        <translation>{total} escalonamentos disparados no período. Prioridade: a prioridade do chamado quando a regra disparou. Atrasados: a regra venceu quando nenhum programa estava em execução e disparou na inicialização seguinte.</translation>
    </message>
    <message>
        <source>{total} open · {overdue} overdue · {paused} paused · {none} without a running clock</source>
        <translation>{total} abertos · {overdue} em atraso · {paused} em pausa · {none} sem cronômetro contando</translation>
    </message>
    <message>
        <source>{t} 0m</source>
        <translation>{t} 0 min</translation>
    </message>
    <message>
        <source>{t} of business time left</source>
        <translation>{t} de tempo útil restante</translation>
    </message>
    <message>
        <source>{t} · {why}</source>
        <translation>{t} · {why}</translation>
    </message>
    <message>
        <source>{updated} ({kept} had it already)</source>
        <translation>{updated} ({kept} já o tinham)</translation>
    </message>
    <message>
        <source>{validity} Monthly fee {fee}. Tickets are judged by the policy “{policy}”{calendar}.</source>
        <translation>{validity} Mensalidade {fee}. Os chamados são avaliados pela política “{policy}”{calendar}.</translation>
    </message>
    <message>
        <source>{value} d</source>
        <translation>{value} d</translation>
    </message>
    <message>
        <source>{value} h</source>
        <translation>{value} h</translation>
    </message>
    <message>
        <source>{value} min</source>
        <translation>{value} min</translation>
    </message>
    <message>
        <source>{verdict} (held by {agent})</source>
        <translation>{verdict} (com {agent})</translation>
    </message>
    <message>
        <source>{what} changed since SLA Workbench last closed it (it was copied, restored, opened by another program or not closed properly), so every page is read once to make sure it is whole. Cancel closes the program and leaves the file as it is.</source>
        <translation>{what} mudou desde que o SLA Workbench o fechou pela última vez (foi copiado, restaurado, aberto por outro programa ou não foi fechado corretamente), por isso cada página é lida uma vez para confirmar que está íntegro. Cancelar fecha o programa e deixa o arquivo como está.</translation>
    </message>
    <message>
        <source>{what} is a date like 2026-01-31, not “{value}”.</source>
        <translation>{what} é uma data como 2026-01-31, não “{value}”.</translation>
    </message>
    <message>
        <source>{what} is a percentage from 0 to 100; {value} is not.</source>
        <translation>{what} é uma porcentagem de 0 a 100; {value} não é.</translation>
    </message>
    <message>
        <source>{what} is a whole number, not “{value}”.</source>
        <translation>{what} é um número inteiro, não “{value}”.</translation>
    </message>
    <message>
        <source>{what} is an amount of 0 or more; {value} is not.</source>
        <translation>{what} é um valor de 0 ou mais; {value} não é.</translation>
    </message>
    <message>
        <source>{what} is upgraded in one transaction: if the upgrade is interrupted, the file stays as it was and the backup beside it is whole.</source>
        <translation>{what} é atualizado em uma só transação: se a atualização for interrompida, o arquivo fica como estava e a cópia de segurança ao lado dele está íntegra.</translation>
    </message>
    <message>
        <source>{what} was changed by someone else since you opened it — reload? Nothing was overwritten.</source>
        <translation>Outra pessoa alterou {what} desde que você começou a editar — recarregar? Nada foi sobrescrito.</translation>
    </message>
    <message>
        <source>{what} was changed by {who} at {when} — reload? Nothing was overwritten.</source>
        <translation>{who} alterou {what} em {when} — recarregar? Nada foi sobrescrito.</translation>
    </message>
    <message>
        <source>{what} was written by an earlier version of SLA Workbench. A copy is kept beside it before it is upgraded.</source>
        <translation>{what} foi escrito por uma versão anterior do SLA Workbench. É salva uma cópia ao lado dele antes de ser atualizado.</translation>
    </message>
    <message>
        <source>{what}: {old} → {new}</source>
        <translation>{what}: {old} → {new}</translation>
    </message>
    <message>
        <source>{where} holds no workspace yet; create one first.</source>
        <translation>{where} ainda não contém nenhum espaço de trabalho; crie um primeiro.</translation>
    </message>
    <message>
        <source>{where} is a database but not an SLA Workbench workspace; choose another file. It was left untouched.</source>
        <translation>{where} é uma base de dados mas não um espaço de trabalho do SLA Workbench; escolha outro arquivo. Ficou intacto.</translation>
    </message>
    <message>
        <source>{where} is not empty (it holds {count} tables, e.g. {example}); a workspace is only moved into an empty database. Nothing was changed.</source>
        <translation>{where} não está vazio (contém {count} tabelas, p. ex. {example}); um espaço de trabalho só pode ser movido para um banco de dados vazio. Nada foi alterado.</translation>
    </message>
    <message>
        <source>{where}: no longer measured (was {old}).</source>
        <translation>{where}: deixa de ser medido (era {old}).</translation>
    </message>
    <message>
        <source>{where}: now measured, {new}.</source>
        <translation>{where}: passa a ser medido, {new}.</translation>
    </message>
    <message>
        <source>{where}: overlaps {previous}; the intervals of one day must not overlap.</source>
        <translation>{where}: sobrepõe-se a {previous}; os intervalos de um dia não se podem sobrepor.</translation>
    </message>
    <message>
        <source>{where}: starts before {previous}; list a day&apos;s intervals from earliest to latest.</source>
        <translation>{where}: começa antes de {previous}; liste os intervalos de um dia do mais cedo para o mais tarde.</translation>
    </message>
    <message>
        <source>{where}: the end must be after the start. An overnight shift is two intervals on two days.</source>
        <translation>{where}: o fim tem que ser depois do início. Um turno noturno são dois intervalos em dois dias.</translation>
    </message>
    <message>
        <source>{where}: {old} → {new}, looser by {by}.</source>
        <translation>{where}: {old} → {new}, mais folgado em {by}.</translation>
    </message>
    <message>
        <source>{where}: {old} → {new}, tighter by {by}.</source>
        <translation>{where}: {old} → {new}, mais apertado em {by}.</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>{workspace} · {period}</source>
        <translation>{workspace} · {period}</translation>
    </message>
    <message>
        <source>{workspace} · {start} to {end} · {scope}</source>
        <translation>{workspace} · {start} a {end} · {scope}</translation>
    </message>
    <message>
        <source>“{key}” is not a priority.</source>
        <translation>“{key}” não é uma prioridade.</translation>
    </message>
    <message>
        <source>“{name}” ({count})</source>
        <translation>“{name}” ({count})</translation>
    </message>
    <message>
        <source>“{name}” can never apply: the catch-all “{by}” above it takes every ticket; move “{name}” above it.</source>
        <translation>“{name}” nunca se pode aplicar: a política geral “{by}” acima dela apanha todos os chamados; mova “{name}” para cima dela.</translation>
    </message>
    <message>
        <source>“{name}” can never apply: {by} take every ticket it would match.</source>
        <translation>“{name}” nunca se pode aplicar: {by} apanham todos os chamados a que corresponderia.</translation>
    </message>
    <message>
        <source>“{name}” cannot be a login name: use letters, digits, dots, dashes and underscores, starting with a letter.</source>
        <translation>“{name}” não pode ser um nome de login: use letras, dígitos, pontos, hífens e sublinhados, começando por uma letra.</translation>
    </message>
    <message>
        <source>“{name}”: {problem}</source>
        <translation>“{name}”: {problem}</translation>
    </message>
    <message>
        <source>“{role}” is not a role; choose agent, manager or admin.</source>
        <translation>“{role}” não é uma função; escolha agent, manager ou admin.</translation>
    </message>
    <message>
        <source>“{value}” is not an instant like 2026-01-05T10:00:00Z.</source>
        <translation>“{value}” não é um instante como 2026-01-05T10:00:00Z.</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message numerus="yes">
        <source>… and {n} older event, not shown.</source>
        <comment>… and {n} older events, not shown.</comment>
        <translation>
            <numerusform>… e {n} evento mais antigo, não mostrado.</numerusform>
            <numerusform>… e {n} eventos mais antigos, não mostrados.</numerusform>
        </translation>
    </message>
    <message>
        <source>−{t}</source>
        <translation>−{t}</translation>
    </message>
    <message>
        <source>≥ {edge}</source>
        <translation>≥ {edge}</translation>
    </message>
    <message>
        <source>⚠ {t}</source>
        <translation>⚠ {t}</translation>
    </message>
    <message>
        <source>✓ achieved</source>
        <translation>✓ cumprido</translation>
    </message>
    <message>
        <source>✗ breached</source>
        <translation>✗ descumprido</translation>
    </message>
    <message>
        <source>✗ late {t}</source>
        <translation>✗ atrasado {t}</translation>
    </message>
    <message>
        <source>✗ {t}</source>
        <translation>✗ {t}</translation>
    </message>
</context>
<context>
    <name>AgreementEditor</name>
    <message>
        <source> months</source>
        <translation> meses</translation>
    </message>
    <message>
        <source>(the policy&apos;s calendar)</source>
        <translation>(o calendário da política)</translation>
    </message>
    <message>
        <source>CSAT goal (%)</source>
        <translation>Objetivo de CSAT (%)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer calendar</source>
        <translation>Calendário do cliente</translation>
    </message>
    <message>
        <source>Did you mean {existing}? Press Save agreement again to add “{name}” as a new customer.</source>
        <translation>Queria dizer {existing}? Clique de novo em Salvar acordo para adicionar “{name}” como novo cliente.</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuar editando</translation>
    </message>
    <message>
        <source>Keep your changes; saving them is refused until you reload</source>
        <translation>Manter suas alterações; salvá-las será recusado até você recarregar</translation>
    </message>
    <message>
        <source>Minimum tickets a month</source>
        <translation>Mínimo de chamados por mês</translation>
    </message>
    <message>
        <source>Monthly fee</source>
        <translation>Mensalidade</translation>
    </message>
    <message>
        <source>NPS goal</source>
        <translation>Objetivo de NPS</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>New agreement</source>
        <translation>Novo acordo</translation>
    </message>
    <message>
        <source>Pick or type the customer&apos;s name</source>
        <translation>Escolha ou escreva o nome do cliente</translation>
    </message>
    <message>
        <source>Planned maintenance does not count</source>
        <translation>A manutenção planejada não conta</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Data de revisão</translation>
    </message>
    <message>
        <source>Review every</source>
        <translation>Rever a cada</translation>
    </message>
    <message>
        <source>Review owner</source>
        <translation>Responsável pela revisão</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Política SLA</translation>
    </message>
    <message>
        <source>Save agreement</source>
        <translation>Salvar acordo</translation>
    </message>
    <message>
        <source>Saving agreement</source>
        <translation>Salvando o acordo</translation>
    </message>
    <message>
        <source>Scope, channels, support hours in words…</source>
        <translation>Âmbito, canais, horário de suporte por extenso…</translation>
    </message>
    <message>
        <source>Service description</source>
        <translation>Descrição do serviço</translation>
    </message>
    <message>
        <source>Show the agreement as it is saved now</source>
        <translation>Mostrar o acordo tal como está salvo agora</translation>
    </message>
    <message>
        <source>The CSAT goal</source>
        <translation>O objetivo de CSAT</translation>
    </message>
    <message>
        <source>The NPS goal</source>
        <translation>O objetivo de NPS</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Validade</translation>
    </message>
    <message>
        <source>Why this version (kept in its history)</source>
        <translation>Porquê esta versão (fica no seu histórico)</translation>
    </message>
    <message>
        <source>e.g. 20</source>
        <translation>p. ex. 20</translation>
    </message>
    <message>
        <source>e.g. 85 (%)</source>
        <translation>p. ex. 85 (%)</translation>
    </message>
    <message>
        <source>no end</source>
        <translation>sem fim</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>{what} is a number, not “{text}”.</source>
        <translation>{what} é um número, não “{text}”.</translation>
    </message>
    <message>
        <source>“{name}” is not a customer yet. Press Save agreement again to add it as a new customer.</source>
        <translation>“{name}” ainda não é cliente. Clique de novo em Salvar acordo para o adicionar como novo cliente.</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <source> · ended</source>
        <translation> · terminado</translation>
    </message>
    <message>
        <source> · ⚑ review overdue since {date}</source>
        <translation> · ⚑ revisão em atraso desde {date}</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Acordo</translation>
    </message>
    <message>
        <source>Goals from current performance</source>
        <translation>Objetivos a partir do desempenho atual</translation>
    </message>
    <message>
        <source>No agreement yet. Fill in the form beside: pick the customer, or type the name of a new one, and save.</source>
        <translation>Ainda não há acordos. Preencha o formulário ao lado: escolha o cliente, ou escreva o nome de um novo, e salve.</translation>
    </message>
    <message>
        <source>Reading agreement</source>
        <translation>Lendo o acordo</translation>
    </message>
    <message>
        <source>Reading agreements</source>
        <translation>Lendo os acordos</translation>
    </message>
    <message>
        <source>Services and outages</source>
        <translation>Serviços e interrupções</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Extrato</translation>
    </message>
    <message>
        <source>Survey answers and outage files</source>
        <translation>Respostas a pesquisas e arquivos de interrupções</translation>
    </message>
    <message>
        <source>{customer} — {name} (v{version})</source>
        <translation>{customer} — {name} (v{version})</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>No SLA alerts in this session.</source>
        <translation>Nenhum alerta SLA nesta sessão.</translation>
    </message>
</context>
<context>
    <name>CalendarEditor</name>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Importar arquivo…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;New calendar</source>
        <translation>&amp;Novo calendário</translation>
    </message>
    <message>
        <source>&amp;Save calendar</source>
        <translation>&amp;Salvar calendário</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Fuso horário:</translation>
    </message>
    <message>
        <source>Another calendar is already called “{name}”.</source>
        <translation>Já existe outro calendário chamado “{name}”.</translation>
    </message>
    <message>
        <source>Built in: every hour of every day, in UTC.</source>
        <translation>Incorporado: todas as horas de todos os dias, em UTC.</translation>
    </message>
    <message>
        <source>Built in: every hour of every day, in UTC. It cannot be changed; for other hours, make a new calendar.</source>
        <translation>Incorporado: todas as horas de todos os dias, em UTC. Não pode ser alterado; para outro horário, crie um novo calendário.</translation>
    </message>
    <message>
        <source>Calendars</source>
        <translation>Calendários</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Give the calendar a name.</source>
        <translation>Dê um nome ao calendário.</translation>
    </message>
    <message>
        <source>Only a manager may change calendars</source>
        <translation>Só um gestor pode alterar calendários</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;carregar</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Re&amp;verter</translation>
    </message>
    <message>
        <source>Reading calendar</source>
        <translation>Lendo o calendário</translation>
    </message>
    <message>
        <source>Reading calendars</source>
        <translation>Lendo os calendários</translation>
    </message>
    <message>
        <source>Reload and &amp;re-apply my changes</source>
        <translation>Recarregar e &amp;reaplicar as minhas alterações</translation>
    </message>
    <message>
        <source>Show the calendar as it is saved now</source>
        <translation>Mostrar o calendário tal como está salvo agora</translation>
    </message>
    <message>
        <source>Show the calendar as it is saved now with the fields you changed on top</source>
        <translation>Mostrar o calendário tal como está salvo agora, com os campos que alterou por cima</translation>
    </message>
    <message>
        <source>This calendar</source>
        <translation>Este calendário</translation>
    </message>
    <message>
        <source>Times are local to the time zone. A day may have several intervals; an overnight shift is two intervals, e.g. Thursday 22:00–24:00 and Friday 00:00–06:00.</source>
        <translation>As horas são locais do fuso horário. Um dia pode ter vários intervalos; um turno noturno são dois intervalos, p. ex. quinta-feira 22:00–24:00 e sexta-feira 00:00–06:00.</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Horário de trabalho</translation>
    </message>
    <message>
        <source>Your changes are back on the calendar saved now, except {fields}: changed there too, so the saved value is kept. Check and save.</source>
        <translation>Suas alterações voltaram para o calendário salvo agora, exceto {fields}: alterados lá também, então o valor salvo é mantido. Verifique e salve.</translation>
    </message>
    <message>
        <source>e.g. Lisbon office</source>
        <translation>ex.: Escritório de São Paulo</translation>
    </message>
    <message>
        <source>the holidays</source>
        <translation>os feriados</translation>
    </message>
    <message>
        <source>the hours on {day}</source>
        <translation>o horário de {day}</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>o nome</translation>
    </message>
    <message>
        <source>the time zone</source>
        <translation>o fuso horário</translation>
    </message>
</context>
<context>
    <name>CalendarHolidays</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirar</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Feriados</translation>
    </message>
    <message>
        <source>Holidays (no working time all day)</source>
        <translation>Feriados (sem tempo de trabalho todo o dia)</translation>
    </message>
    <message>
        <source>Holidays {first} and {second} are on the same date; remove one.</source>
        <translation>Os feriados {first} e {second} calham na mesma data; retire um.</translation>
    </message>
    <message>
        <source>Import &amp;public holidays…</source>
        <translation>Importar feriados &amp;públicos…</translation>
    </message>
    <message>
        <source>Import from .&amp;ics…</source>
        <translation>Importar de .&amp;ics…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
</context>
<context>
    <name>CalendarPreview</name>
    <message>
        <source>A {target} target started now would be due {due} ({zone}). This week has {weekly} of working time.</source>
        <translation>Um objetivo de {target} iniciado agora venceria {due} ({zone}). Esta semana tem {weekly} de tempo de trabalho.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Visualização</translation>
    </message>
    <message>
        <source>The preview appears once the calendar is valid.</source>
        <translation>A visualização aparece quando o calendário for válido.</translation>
    </message>
</context>
<context>
    <name>CalendarSaving</name>
    <message>
        <source>Could not write {path}: {error}.</source>
        <translation>Não foi possível escrever {path}: {error}.</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Exportar calendário</translation>
    </message>
    <message>
        <source>Import calendar</source>
        <translation>Importar calendário</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Saving calendar</source>
        <translation>Salvando o calendário</translation>
    </message>
</context>
<context>
    <name>CsvImportPanel</name>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Arquivos CSV (*.csv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Import outages…</source>
        <translation>Importar interrupções…</translation>
    </message>
    <message>
        <source>Import survey answers…</source>
        <translation>Importar respostas a pesquisas…</translation>
    </message>
    <message>
        <source>Imported {count} rows.</source>
        <translation>Importadas {count} linhas.</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>Importando {name}</translation>
    </message>
    <message>
        <source>Only a manager may import outages</source>
        <translation>Só um gestor pode importar interrupções</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>Interrupções</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>Respostas a pesquisas</translation>
    </message>
    <message>
        <source>Survey answers: columns {survey}.
Outages: columns {outages}.
A file with a bad row is refused whole; nothing is written.</source>
        <translation>Respostas a pesquisas: colunas {survey}.
Interrupções: colunas {outages}.
Um arquivo com uma linha errada é recusado por inteiro; nada é escrito.</translation>
    </message>
    <message>
        <source>{path} could not be read: {reason}</source>
        <translation>Não foi possível ler {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>DayRow</name>
    <message>
        <source>+ Interval</source>
        <translation>+ Intervalo</translation>
    </message>
    <message>
        <source>Add working hours to {day}</source>
        <translation>Adicionar horário de trabalho a {day}</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fechado</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>EscalationRulesBox</name>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Adicionar regra</translation>
    </message>
    <message>
        <source>A rule fires once per cycle of its metric when the threshold is reached: a share of the target (75), or business time before or after the due instant (30m, 2h). Reassign to an agent by name, or to a team as “team: name”.</source>
        <translation>Uma regra dispara uma vez por ciclo da sua métrica quando o limiar é atingido: uma proporção do objetivo (75), ou tempo útil antes ou depois do prazo (30m, 2h). Reatribua a um agente pelo nome, ou a uma equipe como “equipe: nome”.</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Adicionar etiqueta</translation>
    </message>
    <message>
        <source>Escalation rules</source>
        <translation>Regras de escalonamento</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nível</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Notificar</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Reassign to</source>
        <translation>Reatribuir a</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Remover regra</translation>
    </message>
    <message>
        <source>Rule {n}: {problem}</source>
        <translation>Regra {n}: {problem}</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Limiar</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>rule {other} is already level {level} of {metric}.</source>
        <translation>a regra {other} já é o nível {level} de {metric}.</translation>
    </message>
</context>
<context>
    <name>GoalsView</name>
    <message>
        <source>&amp;Copy into draft policy</source>
        <translation>&amp;Copiar para a política em rascunho</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Período:</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>C&amp;liente:</translation>
    </message>
    <message>
        <source>Click a suggested target to copy it.</source>
        <translation>Clique em um objetivo sugerido para o copiar.</translation>
    </message>
    <message>
        <source>Clocks</source>
        <translation>Cronômetros</translation>
    </message>
    <message>
        <source>Current target</source>
        <translation>Objetivo atual</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>For the clocks that stopped in the period, the business time within which 80, 90 and 95 % of them stopped: targets that would have been met that share of the time (the smallest observed time with at least that share at or under it), next to the target they were judged against and the share that met it. A suggestion copied into a policy stays a draft until saved; its What if… shows the effect.</source>
        <translation>Para os cronômetros que pararam no período, o tempo útil dentro do qual 80, 90 e 95 % deles pararam: objetivos que teriam sido cumpridos nessa proporção das vezes (o menor tempo observado com pelo menos essa proporção igual ou inferior a ele), ao lado do objetivo face ao qual foram avaliados e da proporção que o cumpriu. Uma sugestão copiada para uma política fica em rascunho até ser salva; o seu E se… mostra o efeito.</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Último mês</translation>
    </message>
    <message>
        <source>Last {n} months</source>
        <translation>Últimos {n} meses</translation>
    </message>
    <message>
        <source>Met now</source>
        <translation>Cumprido agora</translation>
    </message>
    <message>
        <source>Met {share} % of the time</source>
        <translation>Cumprido {share} % das vezes</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>No clock stopped in this period; choose another period or customer.</source>
        <translation>Nenhum cronômetro parou neste período; escolha outro período ou outro cliente.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Policy to draft</source>
        <translation>Política a rascunhar</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Reading customers and policies</source>
        <translation>Lendo clientes e políticas</translation>
    </message>
    <message>
        <source>Suggesting goals</source>
        <translation>Sugerindo objetivos</translation>
    </message>
    <message>
        <source>The period ends before it starts; choose its dates.</source>
        <translation>O período termina antes de começar; escolha as datas.</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>Todo o espaço de trabalho</translation>
    </message>
    <message>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <source>into</source>
        <translation>para</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>{customer} (agreement)</source>
        <translation>{customer} (acordo)</translation>
    </message>
    <message>
        <source>{priority} {metric}: target {target}</source>
        <translation>{priority} {metric}: objetivo {target}</translation>
    </message>
    <message>
        <source>{share} % of {n} clocks stopped within {target}.</source>
        <translation>{share} % de {n} cronômetros pararam dentro de {target}.</translation>
    </message>
</context>
<context>
    <name>HolidayImportDialog</name>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;País:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Região:</translation>
    </message>
    <message>
        <source>&amp;Years:</source>
        <translation>&amp;Anos:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Feriado</translation>
    </message>
    <message>
        <source>Import public holidays</source>
        <translation>Importar feriados públicos</translation>
    </message>
    <message>
        <source>Whole country</source>
        <translation>Todo o país</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
</context>
<context>
    <name>IntervalEditor</name>
    <message>
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>Remove interval</source>
        <translation>Retirar intervalo</translation>
    </message>
    <message>
        <source>Remove this interval</source>
        <translation>Retirar este intervalo</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Início</translation>
    </message>
</context>
<context>
    <name>LintView</name>
    <message>
        <source>&amp;Check policies</source>
        <translation>&amp;Verificar políticas</translation>
    </message>
    <message>
        <source>Check for overlaps, shadowed policies, tickets without one, and customers&apos; tickets judged by another policy than their agreement&apos;s.</source>
        <translation>Procurar sobreposições, políticas ocultadas, chamados sem política e chamados de clientes avaliados por outra política que não a do seu acordo.</translation>
    </message>
    <message>
        <source>Checking policies</source>
        <translation>Verificando as políticas</translation>
    </message>
</context>
<context>
    <name>NewPolicyPlace</name>
    <message>
        <source>After “{name}”</source>
        <translation>Depois de “{name}”</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Primeira</translation>
    </message>
    <message>
        <source>First, before “{name}”</source>
        <translation>Primeira, antes de “{name}”</translation>
    </message>
    <message>
        <source>Where the new policy is tried</source>
        <translation>Onde a nova política é experimentada</translation>
    </message>
    <message>
        <source>“{name}” above it takes every ticket, so this policy would never apply; put it before “{name}”.</source>
        <translation>“{name}” acima dela apanha todos os chamados, por isso esta política nunca se aplicaria; coloque-a antes de “{name}”.</translation>
    </message>
</context>
<context>
    <name>OlaWhatIfDialog</name>
    <message>
        <source>Both evaluated now, under the saved terms and the draft. A save re-judges the cycles still running; a stopped cycle keeps the verdict it was stored with until a re-baseline (Tools › Re-baseline). Nothing is saved.</source>
        <translation>Ambos avaliados agora, com os termos salvos e com o rascunho. Salvar volta a avaliar os ciclos ainda contando; um ciclo parado mantém o veredicto com que foi salvo até um re-baseline (Ferramentas › Re-baseline). Nada é salvo.</translation>
    </message>
    <message>
        <source>What if — OLA of {team}</source>
        <translation>E se — OLA de {team}</translation>
    </message>
</context>
<context>
    <name>OutageEditor</name>
    <message>
        <source>1 = fully down; 0.5 = half the service unusable</source>
        <translation>1 = totalmente fora do ar; 0,5 = metade do serviço inutilizável</translation>
    </message>
    <message>
        <source>An outage&apos;s weight is a number from 0 to 1 (1 = fully down).</source>
        <translation>O peso de uma interrupção é um número de 0 a 1 (1 = totalmente fora do ar).</translation>
    </message>
    <message>
        <source>Availability target</source>
        <translation>Objetivo de disponibilidade</translation>
    </message>
    <message>
        <source>Choose or save a service first.</source>
        <translation>Escolha ou salve primeiro um serviço.</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Delete outage</source>
        <translation>Excluir interrupção</translation>
    </message>
    <message>
        <source>Deleting outage</source>
        <translation>Excluindo a interrupção</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>Link tickets by their numbers, e.g. 12 15.</source>
        <translation>Vincule chamados pelos seus números, p. ex. 12 15.</translation>
    </message>
    <message>
        <source>Linked tickets</source>
        <translation>Chamados vinculados</translation>
    </message>
    <message>
        <source>Measured per</source>
        <translation>Medido por</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>New outage</source>
        <translation>Nova interrupção</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>Novo serviço</translation>
    </message>
    <message>
        <source>Only a manager may change services and outages</source>
        <translation>Só um gestor pode alterar serviços e interrupções</translation>
    </message>
    <message>
        <source>Outages of the selected service</source>
        <translation>Interrupções do serviço selecionado</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planejada</translation>
    </message>
    <message>
        <source>Reading outages</source>
        <translation>Lendo as interrupções</translation>
    </message>
    <message>
        <source>Save outage</source>
        <translation>Salvar interrupção</translation>
    </message>
    <message>
        <source>Save service</source>
        <translation>Salvar serviço</translation>
    </message>
    <message>
        <source>Saving outage</source>
        <translation>Salvando a interrupção</translation>
    </message>
    <message>
        <source>Saving service</source>
        <translation>Salvando o serviço</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Serviços</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Start (UTC)</source>
        <translation>Início (UTC)</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Chamados</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Weight (0–1)</source>
        <translation>Peso (0–1)</translation>
    </message>
    <message>
        <source>customers, separated by commas</source>
        <translation>clientes, separados por vírgulas</translation>
    </message>
    <message>
        <source>month</source>
        <translation>mês</translation>
    </message>
    <message>
        <source>planned maintenance</source>
        <translation>manutenção planejada</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>trimestre</translation>
    </message>
    <message>
        <source>still going on</source>
        <translation>ainda em curso</translation>
    </message>
    <message>
        <source>ticket numbers, e.g. 12 15</source>
        <translation>números de chamado, p. ex. 12 15</translation>
    </message>
    <message>
        <source>year</source>
        <translation>ano</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>{name} — {target} %</source>
        <translation>{name} — {target} %</translation>
    </message>
</context>
<context>
    <name>PolicyEditor</name>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Histórico</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Importar arquivo…</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Salvar…</translation>
    </message>
    <message>
        <source>&amp;What if…</source>
        <translation>&amp;E se…</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}.</source>
        <translation>Não foi possível escrever {path}: {error}.</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Export policy</source>
        <translation>Exportar política</translation>
    </message>
    <message>
        <source>Import a policy</source>
        <translation>Importar uma política</translation>
    </message>
    <message>
        <source>Import policy</source>
        <translation>Importar política</translation>
    </message>
    <message>
        <source>Imported from {file}</source>
        <translation>Importado de {file}</translation>
    </message>
    <message>
        <source>Importing a policy</source>
        <translation>Importando uma política</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>New policy</source>
        <translation>Nova política</translation>
    </message>
    <message>
        <source>Only a manager may change policies</source>
        <translation>Só um gestor pode alterar políticas</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;carregar</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Re&amp;verter</translation>
    </message>
    <message>
        <source>Reading a policy file</source>
        <translation>Lendo um arquivo de política</translation>
    </message>
    <message>
        <source>Reading policy</source>
        <translation>Lendo a política</translation>
    </message>
    <message>
        <source>Reload and &amp;re-apply my changes</source>
        <translation>Recarregar e &amp;reaplicar as minhas alterações</translation>
    </message>
    <message>
        <source>Saving policy</source>
        <translation>Salvando a política</translation>
    </message>
    <message>
        <source>Show the policy as it is saved now</source>
        <translation>Mostrar a política tal como está salva agora</translation>
    </message>
    <message>
        <source>Show the policy as it is saved now with the fields you changed on top</source>
        <translation>Mostrar a política tal como está salva agora, com os campos que alterou por cima</translation>
    </message>
    <message>
        <source>The form has changes that are not saved; importing discards them.</source>
        <translation>O formulário tem alterações não salvas; importar descarta-as.</translation>
    </message>
    <message>
        <source>Your changes are back on the version saved now, except {fields}: changed there too, so the saved value is kept. Check and save.</source>
        <translation>Suas alterações voltaram para a versão salva agora, exceto {fields}: alterados lá também, então o valor salvo é mantido. Verifique e salve.</translation>
    </message>
    <message>
        <source>the calendar</source>
        <translation>o calendário</translation>
    </message>
    <message>
        <source>the condition “{field}”</source>
        <translation>a condição “{field}”</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>o nome</translation>
    </message>
    <message>
        <source>the owner</source>
        <translation>o proprietário</translation>
    </message>
    <message>
        <source>the priorities it covers</source>
        <translation>as prioridades que abrange</translation>
    </message>
    <message>
        <source>the review date</source>
        <translation>a data de revisão</translation>
    </message>
    <message>
        <source>the statuses that pause</source>
        <translation>os estados que põem em pausa</translation>
    </message>
    <message>
        <source>the warning threshold</source>
        <translation>o limiar de aviso</translation>
    </message>
    <message>
        <source>the {priority} · {metric} target</source>
        <translation>o objetivo {priority} · {metric}</translation>
    </message>
    <message>
        <source>whether it is active</source>
        <translation>se está ativa</translation>
    </message>
    <message>
        <source>{name} — version {version}</source>
        <translation>{name} — versão {version}</translation>
    </message>
</context>
<context>
    <name>PolicyForm</name>
    <message>
        <source>&amp;Calendar:</source>
        <translation>&amp;Calendário:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Responsável:</translation>
    </message>
    <message>
        <source>&amp;Tried:</source>
        <translation>&amp;Experimentada:</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Applies to tickets where</source>
        <translation>Aplica-se a chamados em que</translation>
    </message>
    <message>
        <source>At risk when:</source>
        <translation>Em risco quando:</translation>
    </message>
    <message>
        <source>Every filled condition must hold; an empty one matches anything. Tags match when the ticket has at least one of them. Values already in use are suggested as you type.</source>
        <translation>Todas as condições preenchidas têm que se verificar; uma vazia corresponde a tudo. As etiquetas correspondem quando o chamado tem pelo menos uma delas. Ao escrever, são sugeridos os valores já em uso.</translation>
    </message>
    <message>
        <source>Give at least one priority a target, e.g. 4h.</source>
        <translation>Dê um objetivo a pelo menos uma prioridade, p. ex. 4h.</translation>
    </message>
    <message>
        <source>Give the policy a name.</source>
        <translation>Dê um nome à política.</translation>
    </message>
    <message>
        <source>How time counts</source>
        <translation>Como conta o tempo</translation>
    </message>
    <message>
        <source>Ownership</source>
        <translation>Responsabilidade</translation>
    </message>
    <message>
        <source>Paused while:</source>
        <translation>Em pausa enquanto:</translation>
    </message>
    <message>
        <source>Pick the calendar it counts in.</source>
        <translation>Escolha o calendário em que conta.</translation>
    </message>
    <message>
        <source>Priority is one of:</source>
        <translation>A prioridade é uma de:</translation>
    </message>
    <message>
        <source>Review by</source>
        <translation>Rever até</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>Revisão:</translation>
    </message>
    <message>
        <source>Targets in business time</source>
        <translation>Objetivos em tempo útil</translation>
    </message>
    <message>
        <source>Write durations like 30m, 4h or 1d 2h (1d is 24 hours of business time); leave a cell empty not to measure it.</source>
        <translation>Escreva as durações como 30m, 4h ou 1d 2h (1d são 24 horas de tempo útil); deixe uma célula vazia para não a medir.</translation>
    </message>
    <message>
        <source>a target can be at most {longest}.</source>
        <translation>um objetivo pode ter no máximo {longest}.</translation>
    </message>
    <message>
        <source>a target must be longer than zero.</source>
        <translation>um objetivo tem que ser maior do que zero.</translation>
    </message>
    <message>
        <source>any (or a comma-separated list)</source>
        <translation>qualquer (ou uma lista separada por vírgulas)</translation>
    </message>
    <message>
        <source>of the target remains (at risk from then on)</source>
        <translation>do objetivo restante (em risco a partir daí)</translation>
    </message>
    <message>
        <source>{priority} {metric} target</source>
        <translation>Objetivo de {metric} {priority}</translation>
    </message>
    <message>
        <source>{priority} · {metric}: {message}</source>
        <translation>{priority} · {metric}: {message}</translation>
    </message>
</context>
<context>
    <name>PolicyList</name>
    <message>
        <source>&amp;New policy</source>
        <translation>&amp;Nova política</translation>
    </message>
    <message>
        <source>Policies, in the order they are tried</source>
        <translation>Políticas, pela ordem em que são experimentadas</translation>
    </message>
    <message>
        <source>Review by {date}</source>
        <translation>Rever até {date}</translation>
    </message>
    <message>
        <source>The first active policy whose conditions match a ticket applies. Drag (or Ctrl+Up, Ctrl+Down) to reorder; untick to switch a policy off.</source>
        <translation>Aplica-se a primeira política ativa cujas condições correspondem a um chamado. Arraste (ou Ctrl+Cima, Ctrl+Baixo) para reordenar; desmarque para desativar uma política.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desativada</translation>
    </message>
    <message>
        <source>version {n}</source>
        <translation>versão {n}</translation>
    </message>
    <message>
        <source>⚑ review overdue since {date}</source>
        <translation>⚑ revisão em atraso desde {date}</translation>
    </message>
</context>
<context>
    <name>PolicyWorkspaceWidget</name>
    <message>
        <source>&amp;Policies</source>
        <translation>&amp;Políticas</translation>
    </message>
    <message>
        <source>&amp;Team OLAs</source>
        <translation>OLAs das &amp;equipes</translation>
    </message>
    <message>
        <source>Ca&amp;lendars</source>
        <translation>Ca&amp;lendários</translation>
    </message>
    <message>
        <source>Opening a draft</source>
        <translation>Abrindo um rascunho</translation>
    </message>
    <message>
        <source>Reading policies</source>
        <translation>Lendo as políticas</translation>
    </message>
    <message>
        <source>Reordering policies</source>
        <translation>Reordenando as políticas</translation>
    </message>
    <message>
        <source>Switching a policy on or off</source>
        <translation>Ativando ou desativar uma política</translation>
    </message>
    <message>
        <source>There is no policy “{name}” to draft.</source>
        <translation>Não há nenhuma política “{name}” para rascunhar.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Save a new version</source>
        <translation>Salvar uma nova versão</translation>
    </message>
    <message>
        <source>Why are you changing “{name}”? The reason is kept with the version.</source>
        <translation>Porque está alterando “{name}”? O motivo fica salvo com a versão.</translation>
    </message>
    <message>
        <source>e.g. Gold customers now get a 2 h first response</source>
        <translation>p. ex. Os clientes Gold têm agora primeira resposta em 2 h</translation>
    </message>
</context>
<context>
    <name>ReviewLog</name>
    <message>
        <source>A review names who reviewed and what the outcome was.</source>
        <translation>Uma revisão indica quem reviu e qual foi o resultado.</translation>
    </message>
    <message>
        <source>No review recorded yet.</source>
        <translation>Ainda nenhuma revisão registrada.</translation>
    </message>
    <message>
        <source>Only a manager may record a review</source>
        <translation>Só um gestor pode registrar uma revisão</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Record review</source>
        <translation>Registrar revisão</translation>
    </message>
    <message>
        <source>Recording review</source>
        <translation>Registrando a revisão</translation>
    </message>
    <message>
        <source>Review log</source>
        <translation>Registro de revisões</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>O que mudou</translation>
    </message>
    <message>
        <source>e.g. goals kept; fee unchanged</source>
        <translation>p. ex. objetivos mantidos; mensalidade inalterada</translation>
    </message>
    <message>
        <source>next review on</source>
        <translation>próxima revisão a</translation>
    </message>
    <message>
        <source>{date} · {who}: {outcome}</source>
        <translation>{date} · {who}: {outcome}</translation>
    </message>
    <message>
        <source>{review} What changed: {changes}</source>
        <translation>{review} O que mudou: {changes}</translation>
    </message>
</context>
<context>
    <name>SatisfactionSection</name>
    <message>
        <source>CSAT (1–5)</source>
        <translation>CSAT (1–5)</translation>
    </message>
    <message>
        <source>NPS (0–10)</source>
        <translation>NPS (0–10)</translation>
    </message>
    <message>
        <source>No survey answer yet.</source>
        <translation>Ainda nenhuma resposta à pesquisa.</translation>
    </message>
    <message>
        <source>Reading answers</source>
        <translation>Lendo as respostas</translation>
    </message>
    <message>
        <source>Record answer</source>
        <translation>Registrar resposta</translation>
    </message>
    <message>
        <source>Recording answer</source>
        <translation>Registrando a resposta</translation>
    </message>
    <message>
        <source>Satisfaction (CSAT / NPS)</source>
        <translation>Satisfação (CSAT / NPS)</translation>
    </message>
    <message>
        <source>Type the score as a whole number, e.g. 4.</source>
        <translation>Escreva a pontuação como número inteiro, p. ex. 4.</translation>
    </message>
    <message>
        <source>Type the score first.</source>
        <translation>Escreva primeiro a pontuação.</translation>
    </message>
    <message>
        <source>comment (optional)</source>
        <translation>comentário (opcional)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>pontuação</translation>
    </message>
    <message>
        <source>{kind} {score} on {date}</source>
        <translation>{kind} {score} em {date}</translation>
    </message>
</context>
<context>
    <name>StatementView</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Pré-visualizar</translation>
    </message>
    <message>
        <source>Building the statement</source>
        <translation>Preparando o extrato</translation>
    </message>
    <message>
        <source>Choose a customer with an agreement and a period, then Preview.</source>
        <translation>Escolha um cliente com acordo e um período e depois Pré-visualizar.</translation>
    </message>
    <message>
        <source>Credits owed for the period: {total} {currency}.</source>
        <translation>Créditos devidos no período: {total} {currency}.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>No customer has an active agreement yet.</source>
        <translation>Nenhum cliente tem ainda um acordo ativo.</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Imp&amp;rimir…</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Reading agreements</source>
        <translation>Lendo os acordos</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>Salvar &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>Salvar o extrato</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} salvo.</translation>
    </message>
    <message>
        <source>Sent {count} pages to the printer.</source>
        <translation>Enviadas {count} páginas para a impressora.</translation>
    </message>
    <message>
        <source>The period ends before it starts; choose its dates.</source>
        <translation>O período termina antes de começar; escolha as datas.</translation>
    </message>
    <message>
        <source>The statement could not be saved to {path}: {reason}. Choose another place.</source>
        <translation>Não foi possível salvar o extrato em {path}: {reason}. Escolha outro local.</translation>
    </message>
    <message>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Stop this task; finished parts are kept</source>
        <translation>Parar esta tarefa; as partes concluídas são mantidas</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} de {total}</translation>
    </message>
</context>
<context>
    <name>TeamOlaEditor</name>
    <message>
        <source>&amp;Save OLA</source>
        <translation>&amp;Salvar OLA</translation>
    </message>
    <message>
        <source>&amp;What if…</source>
        <translation>&amp;E se…</translation>
    </message>
    <message>
        <source>Add teams to the workspace to give them OLAs.</source>
        <translation>Adicione equipes ao espaço de trabalho para lhes dar OLAs.</translation>
    </message>
    <message>
        <source>At risk when left:</source>
        <translation>Em risco quando faltar:</translation>
    </message>
    <message>
        <source>Counts in calendar:</source>
        <translation>Conta no calendário:</translation>
    </message>
    <message>
        <source>OLA target for {priority}</source>
        <translation>Objetivo de OLA para {priority}</translation>
    </message>
    <message>
        <source>Pick a team first.</source>
        <translation>Escolha primeiro uma equipe.</translation>
    </message>
    <message>
        <source>Reading team OLAs</source>
        <translation>Lendo os OLAs das equipes</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Saved; the open tickets are being recomputed.</source>
        <translation>Salvo; os chamados abertos estão sendo recalculados.</translation>
    </message>
    <message>
        <source>Saving the team OLA</source>
        <translation>Salvando o OLA da equipe</translation>
    </message>
    <message>
        <source>Show which of the team&apos;s OLA cycles this draft would judge differently</source>
        <translation>Mostrar quais dos ciclos de OLA da equipe este rascunho avaliaria de outra forma</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Equipes</translation>
    </message>
    <message>
        <source>The time a ticket spends with the team, from its assignment to the team until it leaves the team or is solved, in business time of this calendar; the SLA policy&apos;s pause statuses pause it. Targets like 4h or 1d 2h. The calendar&apos;s hours are edited in the Calendars tab.</source>
        <translation>O tempo que um chamado passa com a equipe, desde que é atribuído a ela até sair da equipe ou ser resolvido, em tempo útil deste calendário; os estados de pausa da política de SLA o pausam. Objetivos como 4h ou 1d 2h. O horário do calendário é editado na aba Calendários.</translation>
    </message>
    <message>
        <source>The {priority} target is not a duration: {error}</source>
        <translation>O objetivo de {priority} não é uma duração: {error}</translation>
    </message>
    <message>
        <source>What-if for the team OLA</source>
        <translation>E se para o OLA da equipe</translation>
    </message>
    <message>
        <source>Why the change (kept with the version)</source>
        <translation>Por que a alteração (salvo com a versão)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>não medido</translation>
    </message>
    <message>
        <source>{priority} target:</source>
        <translation>Objetivo de {priority}:</translation>
    </message>
    <message>
        <source>{team} (no OLA)</source>
        <translation>{team} (sem OLA)</translation>
    </message>
    <message>
        <source>{team} has no OLA yet: give it targets.</source>
        <translation>{team} ainda não tem OLA: dê-lhe objetivos.</translation>
    </message>
    <message>
        <source>{team}: version {version} by {author}{reason}</source>
        <translation>{team}: versão {version} por {author}{reason}</translation>
    </message>
</context>
<context>
    <name>TimeZonePicker</name>
    <message>
        <source>Pick the time zone the working hours are in, e.g. Europe/Lisbon.</source>
        <translation>Escolha o fuso horário do horário de trabalho, ex.: America/Sao_Paulo.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Type to search, e.g. Lisbon</source>
        <translation>Digite para pesquisar, ex.: Sao_Paulo</translation>
    </message>
    <message>
        <source>“{name}” is not a known time zone; pick one from the list (e.g. Europe/Lisbon).</source>
        <translation>“{name}” não é um fuso horário conhecido; escolha um da lista (p. ex. Europe/Lisbon).</translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message>
        <source>History of {name}</source>
        <translation>Histórico de {name}</translation>
    </message>
    <message>
        <source>Reading policy history</source>
        <translation>Lendo o histórico da política</translation>
    </message>
</context>
<context>
    <name>VersionHistoryView</name>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Changed from {old}</source>
        <translation>Alterado de {old}</translation>
    </message>
    <message>
        <source>Nothing but the reason.</source>
        <translation>Nada além do motivo.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo</translation>
    </message>
    <message>
        <source>This policy has not been saved yet.</source>
        <translation>Esta política ainda não foi salva.</translation>
    </message>
    <message>
        <source>Version {n}</source>
        <translation>Versão {n}</translation>
    </message>
    <message>
        <source>Version {n} is the first version.</source>
        <translation>A versão {n} é a primeira versão.</translation>
    </message>
    <message>
        <source>Versions side by side</source>
        <translation>Versões lado a lado</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>O que mudou</translation>
    </message>
    <message>
        <source>What changed from version {old} to {new}:</source>
        <translation>O que mudou da versão {old} para a {new}:</translation>
    </message>
</context>
<context>
    <name>ViewSidebar</name>
    <message>
        <source>(none yet)</source>
        <translation>(ainda nenhum)</translation>
    </message>
    <message>
        <source>Delete filter “{name}”</source>
        <translation>Excluir filtro “{name}”</translation>
    </message>
    <message>
        <source>Right-click to delete this filter</source>
        <translation>Clique com o botão direito para excluir este filtro</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Filtros salvos</translation>
    </message>
    <message>
        <source>Ticket views</source>
        <translation>Vistas de chamados</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
</context>
<context>
    <name>WeekStrip</name>
    <message>
        <source>Working time this week</source>
        <translation>Tempo de trabalho esta semana</translation>
    </message>
</context>
<context>
    <name>WhatIfDialog</name>
    <message>
        <source>What if — {name}</source>
        <translation>E se — {name}</translation>
    </message>
</context>
<context>
    <name>WhatIfView</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;xecutar</translation>
    </message>
    <message>
        <source>Compliance = achieved / (achieved + breached) among clocks that stopped in the period; running clocks are counted apart. Nothing is saved.</source>
        <translation>Cumprimento = cumpridos / (cumpridos + descumpridos) entre os cronômetros que pararam no período; os cronômetros contando são contados à parte. Nada é salvo.</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>Criados de</translation>
    </message>
    <message>
        <source>Reading the ticket history</source>
        <translation>Lendo o histórico dos chamados</translation>
    </message>
    <message>
        <source>Replay the draft of “{name}” over the tickets created in a period.</source>
        <translation>Reproduzir o rascunho de “{name}” sobre os chamados criados em um período.</translation>
    </message>
    <message>
        <source>The draft changes: {changes}</source>
        <translation>O rascunho muda: {changes}</translation>
    </message>
    <message>
        <source>The draft is the saved version: nothing changes.</source>
        <translation>O rascunho é a versão salva: nada muda.</translation>
    </message>
    <message>
        <source>The period ends before it starts; pick a later end date.</source>
        <translation>O período acaba antes de começar; escolha uma data de fim posterior.</translation>
    </message>
    <message>
        <source>Tickets whose result flips ({count})</source>
        <translation>Chamados cujo resultado muda ({count})</translation>
    </message>
    <message>
        <source>What-if for {name}</source>
        <translation>E se para {name}</translation>
    </message>
    <message>
        <source>to (inclusive)</source>
        <translation>até (inclusive)</translation>
    </message>
</context>
</TS>
