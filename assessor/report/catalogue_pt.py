"""The report's texts in Brazilian Portuguese, key for key with catalogue_en.

Terms follow the web interface's catalogue (translations/pt): “Não sei”, evidência, pacote de regras,
confiança, lacuna crítica, pontuação, nível, ganho rápido.
"""

from __future__ import annotations

PT: dict[str, str] = {
    # Um rótulo antes do seu valor
    "label": "{label}:",
    # Document and cover
    "doc.title": "Avaliação do grau de preparação para o código aberto",
    "doc.title_for": "Avaliação do grau de preparação para o código aberto: {organisation}",
    "doc.subtitle": "Preparação para contratar e operar software de código aberto na infraestrutura pública digital",
    "doc.description": (
        "Avaliação do grau de preparação de {organisation}, com pontuação calculada pelo pacote de "
        "regras “{rules}”, versão {version}."
    ),
    "doc.attachment": "As respostas e o resultado desta avaliação, em JSON",
    "cover.organisation": "Organização",
    "cover.country": "País",
    "cover.role": "Quem respondeu",
    "cover.date": "Data da avaliação",
    "cover.language": "Idioma",
    "cover.rules": "Pacote de regras",
    "cover.rules_version": "versão {version}",
    "cover.hash": "Hash do conteúdo do pacote de regras (SHA-256)",
    "cover.reference": "Referência da avaliação",
    "cover.not_given": "Não informado",
    "cover.note": (
        "Gerado pelo assessor a partir das respostas dadas. As respostas e o resultado estão "
        "incorporados a este PDF no arquivo {filename}, o que permite consultá-los e recalcular a pontuação."
    ),
    "toc.heading": "Sumário",
    "page.page": "Página",
    "page.of": "de",
    # Executive summary
    "summary.heading": "Resumo executivo",
    "summary.level": "Nível geral",
    "summary.score": "Pontuação geral",
    "summary.confidence": "Confiança",
    "summary.out_of_100": "de 100",
    "summary.confidence_note": (
        "Quanto da pontuação se baseia em respostas reais, com evidência quando solicitada, e não em "
        "“não sei” ou em perguntas sem resposta."
    ),
    "summary.capped": "Limitado por uma lacuna crítica: só pela pontuação, o nível seria {level}.",
    "summary.not_scored": "Não há respostas suficientes para calcular a pontuação",
    "summary.by_factor": "Pontuação por fator",
    "summary.priority_actions": "Ações prioritárias",
    "summary.no_actions": "Nenhuma recomendação se aplica a estas respostas.",
    "summary.critical_gaps": "Lacunas críticas",
    "summary.more_actions": "As {count} recomendações estão na seção “Recomendações”.",
    # The subject of the assessment, "not applicable", and the first steps the summary leads with.
    "status.not_applicable": "Não se aplica",
    "cover.system": "Sistema ou produto avaliado",
    "cover.government_level": "Nível de governo",
    "cover.sector": "Setor",
    "subject.level.national": "Nacional",
    "subject.level.regional": "Subnacional: estado, província ou região",
    "subject.level.local": "Subnacional: município ou governo local",
    "subject.sector.identity": "Identidade e registro civil",
    "subject.sector.payments": "Pagamentos e serviços financeiros",
    "subject.sector.health": "Saúde",
    "subject.sector.social_protection": "Proteção social",
    "subject.sector.education": "Educação",
    "subject.sector.tax_revenue": "Tributos e arrecadação",
    "subject.sector.justice": "Justiça",
    "subject.sector.agriculture": "Agricultura",
    "subject.sector.other": "Outro",
    "summary.first_step": "Seu primeiro passo",
    "summary.first_steps": "Seus primeiros {count} passos",
    "summary.first_steps_note": (
        "Comece por aqui: o pacote de regras coloca estas ações à frente das demais que se aplicam às suas respostas."
    ),
    "summary.other_recommendations": "Outras recomendações, por fator",
    # Chart
    "chart.title": "Pontuação por fator, de 0 a 100: {items}.",
    "chart.item": "{factor} {score} ({level})",
    "chart.item_unscored": "{factor} sem pontuação",
    "chart.desc": (
        "Gráfico de barras horizontais, com uma barra por fator em uma escala de 0 a 100. "
        "As linhas tracejadas marcam onde começa cada nível: {thresholds}."
    ),
    "chart.threshold": "{level} a partir de {score}",
    "chart.unscored": "sem pontuação",
    # Tables
    "table.factor": "Fator",
    "table.score": "Pontuação",
    "table.level": "Nível",
    "table.confidence": "Confiança",
    "table.weight": "Peso",
    "table.share": "Participação na pontuação geral",
    "table.question": "Pergunta",
    "table.answer": "Resposta e evidência",
    "table.answer_only": "Resposta",
    "table.evidence": "Evidência",
    "appendix.unplaced_heading": "Respostas mantidas, mas não pontuadas",
    "appendix.unplaced_intro": (
        "O questionário mudou depois que estas respostas foram dadas: esta versão não tem pergunta para "
        "elas, ou elas não se ajustam mais a ela. Elas são mantidas com a avaliação, mas não contam para"
        " o resultado."
    ),
    "appendix.changes_heading": "Histórico das respostas",
    "appendix.changes_intro": (
        "Cada alteração de uma resposta ou da sua evidência, da mais antiga para a mais recente. “Por” "
        "indica a sessão do navegador que fez a alteração, não uma pessoa."
    ),
    "table.when": "Quando (UTC)",
    "table.by": "Por",
    "table.before": "Antes",
    "table.after": "Depois",
    "table.points": "Pontos",
    "table.from_score": "A partir de",
    "table.description": "Como se caracteriza",
    "table.caption_factors": (
        "Pontuação, nível, confiança e peso de cada fator: os números do gráfico do resumo executivo."
    ),
    "summary.chart_note": "Os números também estão em uma tabela no início de “Preparação por fator”.",
    # Factor pages
    "factors.heading": "Preparação por fator",
    "factors.intro": (
        "A pontuação de cada fator é calculada a partir de suas perguntas: os pontos obtidos em cada "
        "resposta em relação ao máximo possível. As respostas “Não sei” e as perguntas sem resposta "
        "ficam fora da pontuação e, em vez disso, reduzem a confiança."
    ),
    "factor.kicker": "Fator {number} de {total}",
    "factor.of_overall": "do total",
    "factor.why": "Por que esta pontuação",
    "factor.gaps": "Lacunas críticas",
    "factor.recommendations": "Recomendações para este fator",
    "factor.no_questions": "Nenhuma pergunta deste fator se aplica a esta avaliação.",
    "points.value": "{points} de {max}",
    "points.not_counted": "não contabilizado",
    "points.not_scored": "sem pontuação",
    "status.dont_know": "Não sei",
    "status.unanswered": "Sem resposta",
    "status.hidden": "Não se aplica",
    "status.uncertain": "Pode se aplicar: depende de uma pergunta sem resposta",
    "answer.none_selected": "Nenhuma opção selecionada",
    "evidence.label": "Evidência",
    "evidence.none": "Nenhuma evidência informada",
    "evidence.link": "Link",
    # Critical gaps
    "gap.caps": "Limita {targets} ao nível {level}.",
    "gap.overall": "o resultado geral",
    # Recommendations
    "recs.heading": "Recomendações",
    "recs.intro": (
        "Em ordem de prioridade e, depois, de prazo. Cada uma informa por que foi feita, quem deve "
        "agir, o esforço necessário e as fontes publicadas que a fundamentam."
    ),
    "recs.none": "Nenhuma recomendação se aplica a estas respostas.",
    "rec.priority": "Prioridade",
    "rec.horizon": "Prazo",
    "rec.effort": "Esforço",
    "rec.who": "Quem atua",
    "rec.why": "Por quê",
    "rec.sources": "Fontes",
    "rec.clause": "Modelo de cláusula",
    "rec.factor": "Fator",
    "priority.critical": "Crítica",
    "priority.high": "Alta",
    "priority.medium": "Média",
    "priority.low": "Baixa",
    "horizon.quick_win": "Ganho rápido (em até seis meses)",
    "horizon.medium_term": "Médio prazo (de seis a dezoito meses)",
    "horizon.structural": "Estrutural (mais longo prazo: leis, instituições, orçamentos)",
    "horizon_short.quick_win": "Ganhos rápidos (0–6 meses)",
    "horizon_short.medium_term": "Médio prazo (6–18 meses)",
    "horizon_short.structural": "Estrutural (mais de 18 meses)",
    "effort.low": "Baixo",
    "effort.medium": "Médio",
    "effort.high": "Alto",
    # Why a recommendation fired or a gap applies
    "reason.answer": "Você respondeu “{answer}” à pergunta “{question}”",
    "reason.dont_know": "Você respondeu “Não sei” à pergunta “{question}”",
    "reason.unanswered": "Você não respondeu à pergunta “{question}”",
    "reason.score": "{factor} obteve {score} de 100",
    "reason.score_none": "{factor}: não foi possível calcular a pontuação",
    "reason.overall": "A pontuação geral é {score} de 100",
    # Roadmap
    "roadmap.heading": "Roteiro",
    "roadmap.intro": (
        "As recomendações por fator e prazo. Os números remetem à seção “Recomendações”; comece "
        "pelos ganhos rápidos e dê início agora às mudanças estruturais."
    ),
    "roadmap.cross_cutting": "Transversal",
    "roadmap.empty": "–",
    # Appendix
    "appendix.heading": "Anexo: respostas e evidências",
    "appendix.intro": (
        "Todas as perguntas do pacote de regras, com a resposta e a evidência exatamente como foram "
        "informadas. Os mesmos dados estão incorporados a este PDF no arquivo {filename}."
    ),
    # Methodology
    "method.heading": "Metodologia",
    "method.scoring": "Como a pontuação é calculada",
    "method.p_points": (
        "Cada pergunta recebe os pontos da resposta escolhida (nas de múltipla escolha, a soma das "
        "opções escolhidas, até um limite; nas numéricas, os pontos da faixa mais alta atingida). Seu "
        "máximo é o maior número de pontos que uma resposta pode obter. Perguntas de texto livre não "
        "valem pontos."
    ),
    "method.p_factor": (
        "A pontuação de um fator é 100 × os pontos obtidos ÷ os pontos máximos, considerando as "
        "perguntas que se aplicam e foram respondidas."
    ),
    "method.p_dont_know_exclude": (
        "As respostas “Não sei” ficam fora da pontuação e, em vez disso, reduzem a confiança."
    ),
    "method.p_dont_know_zero": (
        "As respostas “Não sei” recebem zero ponto, mas o máximo da pergunta continua sendo contado."
    ),
    "method.p_unanswered_exclude": (
        "As perguntas sem resposta ficam fora da pontuação e, em vez disso, reduzem a confiança."
    ),
    "method.p_unanswered_zero": (
        "As perguntas sem resposta recebem zero ponto, mas o máximo da pergunta continua sendo contado."
    ),
    "method.p_confidence": (
        "A confiança de um fator é a parcela dos pontos máximos de suas perguntas que se baseia em "
        "uma resposta real; uma resposta sem a evidência que a pergunta solicita vale {credit}."
    ),
    "method.p_overall": (
        "A pontuação geral é a média das pontuações dos fatores, ponderada pelos pesos indicados "
        "abaixo; fatores sem pontuação não são considerados. A confiança geral é ponderada da mesma forma."
    ),
    "method.p_levels": (
        "Uma pontuação atinge o nível mais alto cujo limite mínimo ela alcança. Em seguida, as "
        "lacunas críticas limitam os níveis: enquanto uma lacuna se aplica, os fatores que ela indica "
        "(e o resultado geral, quando indicado) não podem exibir um nível acima do seu teto, "
        "qualquer que seja a pontuação."
    ),
    "method.p_recommendations": (
        "Uma recomendação é acionada quando sua condição sobre as respostas e as pontuações é "
        "atendida; cada uma lista os fatos que a acionaram. Elas são ordenadas por prioridade, depois "
        "por prazo e, por fim, pela ordem do pacote de regras."
    ),
    "method.levels": "Níveis",
    "method.weights": "Pesos dos fatores",
    "method.trace": (
        "A pontuação desta avaliação foi calculada com o pacote de regras “{title}” ({id}), versão "
        "{version}, cujo hash de conteúdo (SHA-256) é {hash}. As mesmas respostas, com o mesmo "
        "pacote, sempre produzem o mesmo resultado."
    ),
    # The blank questionnaire, printed to gather answers on paper (assessor/report/blank.py)
    "blank.kicker": "Questionário para preencher em papel",
    "blank.doc_title": "{title}: questionário para preencher em papel",
    "blank.description": (
        "As perguntas do pacote de regras {title}, versão {version}, com espaço para escrever as "
        "respostas, para reuni-las em papel antes de registrá-las no questionário on-line."
    ),
    "blank.version": "Versão {version}",
    "blank.organisation": "Organização",
    "blank.country": "País",
    "blank.respondent": "Quem responde (nome e cargo)",
    "blank.date": "Data",
    "blank.instructions": "Como responder",
    "blank.instruction_tick": (
        "Marque uma opção em cada pergunta, a menos que ela diga “marque todas as que se aplicam”."
    ),
    "blank.instruction_dont_know": (
        "“Não sei” é uma resposta válida: marque-a em vez de tentar adivinhar. Ela mostra onde "
        "procurar depois, enquanto um palpite parece um fato."
    ),
    "blank.instruction_evidence": (
        "Quando uma pergunta pedir evidência, indique o documento, a lei, o contrato ou a página da "
        "web que fundamenta a resposta, para que qualquer pessoa possa verificá-la."
    ),
    "blank.instruction_skip": (
        "Algumas perguntas só se aplicam depois de certas respostas; uma nota abaixo dessas perguntas indica quando."
    ),
    "blank.instruction_online": (
        "Depois, registre as respostas no questionário on-line para obter as pontuações e as recomendações."
    ),
    "blank.sections": "Seções",
    "blank.cover_note": (
        "Impresso a partir do pacote de regras {id}, versão {version}. Registre as respostas em um "
        "questionário da mesma versão: outra versão pode fazer perguntas diferentes."
    ),
    "blank.tick_one": "Marque uma opção.",
    "blank.tick_all": "Marque todas as que se aplicam.",
    "blank.exclusive": "(marque somente esta)",
    "blank.number_whole": "Um número inteiro",
    "blank.number_any": "Um número",
    "blank.range_between": "{kind} de {min} a {max}",
    "blank.range_min": "{kind}, {min} ou mais",
    "blank.range_max": "{kind}, até {max}",
    "blank.answer": "Resposta",
    "blank.evidence_generic": "O documento, a lei, o contrato ou a página da web que fundamenta a resposta.",
    "blank.quoted": "“{text}”",
    "blank.skip_answered": "Responda somente se você respondeu {answers} à pergunta {number}.",
    "blank.skip_ticked": "Responda somente se você marcou {answers} na pergunta {number}.",
    "blank.skip_at_least": "Responda somente se sua resposta à pergunta {number} for {value} ou mais.",
    "blank.skip_at_most": "Responda somente se sua resposta à pergunta {number} for {value} ou menos.",
    "blank.skip_between": "Responda somente se sua resposta à pergunta {number} estiver entre {low} e {high}.",
    "blank.skip_one": "Se esta pergunta se aplica depende da sua resposta à pergunta {number}.",
    "blank.skip_many": "Se esta pergunta se aplica depende das suas respostas às perguntas {numbers}.",
    "blank.skip_generic": "Esta pergunta só se aplica em alguns casos.",
    # Provisional levels, ranges, what a level means, missing options (issue 10)
    "summary.provisional": "{level} (provisório)",
    "summary.range": "intervalo possível {low}–{high}",
    "summary.provisional_confidence": (
        "Provisório: a confiança é de {confidence}, abaixo dos {minimum} necessários para apresentar um nível "
        "como definitivo."
    ),
    "summary.provisional_range": (
        "Provisório: dependendo das respostas ainda desconhecidas, o nível pode cair até {level}."
    ),
    "summary.provisional_gap": (
        "Provisório: uma lacuna crítica que depende de uma resposta ainda desconhecida limita este nível "
        "(veja as lacunas críticas)."
    ),
    "summary.provisional_unscored": "Provisório: nenhuma resposta dada aqui conta ainda para uma pontuação.",
    "summary.range_note": (
        "O intervalo é a pontuação que se obteria se cada resposta ainda desconhecida (“Não sei”, em branco "
        "ou uma pergunta que pode se aplicar) fosse a pior resposta, e se cada uma fosse a melhor."
    ),
    "summary.level_means": "O que significa “{level}”",
    "summary.level_means_note": (
        "Isto descreve o nível em geral, não este governo: o que foi respondido está nas páginas de cada fator."
    ),
    "chart.item_range": "{factor} {score}, intervalo possível de {low} a {high} ({level})",
    "chart.provisional": "{level}, provisório",
    "chart.value_range": "{score} ({low}–{high})",
    "table.range": "Intervalo",
    "factor.level_means": "O que significa “{level}”",
    "factor.level_means_note": (
        "Isto descreve o nível em geral, não este governo: o que foi respondido está na tabela abaixo."
    ),
    "gap.provisional": "Provisória.",
    "gap.find_out": (
        "Verifique primeiro: {questions}. Enquanto a resposta não for conhecida, esta lacuna é presumida e "
        "limita o nível como se estivesse confirmada; o motivo a seguir só vale se a resposta a confirmar."
    ),
    "reason.missing": "Sua resposta a “{question}” não inclui {options}",
    "method.p_range": (
        "Cada pontuação vem com um intervalo: a pontuação que se obteria se cada resposta ainda desconhecida "
        "(“Não sei”, em branco ou uma pergunta que pode se aplicar) fosse a pior resposta, e se cada uma "
        "fosse a melhor."
    ),
    "method.p_provisional": (
        "Um nível é provisório, e não definitivo, quando a confiança fica abaixo de {minimum}, quando o "
        "limite inferior do seu intervalo corresponde a um nível mais baixo ou quando uma lacuna crítica que "
        "depende de uma resposta ainda desconhecida o limita. Essa lacuna limita os níveis exatamente como "
        "uma confirmada, de modo que “Não sei” nunca pontua melhor que um “não” honesto."
    ),
}
