"""The report's texts in Spanish (neutral Latin American usage), key for key with catalogue_en."""

from __future__ import annotations

ES: dict[str, str] = {
    # Una etiqueta antes de su valor
    "label": "{label}:",
    "doc.title": "Evaluación de preparación para el código abierto",
    "doc.title_for": "Evaluación de preparación para el código abierto: {organisation}",
    "doc.subtitle": (
        "Preparación para contratar y operar software de código abierto en la infraestructura pública digital"
    ),
    "doc.description": "Evaluación de preparación de {organisation}, puntuada con {rules} versión {version}.",
    "doc.attachment": "Las respuestas y el resultado de esta evaluación, en JSON",
    "cover.organisation": "Organización",
    "cover.country": "País",
    "cover.role": "Persona que respondió",
    "cover.date": "Fecha de la evaluación",
    "cover.language": "Idioma",
    "cover.rules": "Paquete de reglas",
    "cover.rules_version": "versión {version}",
    "cover.hash": "Huella del contenido del paquete (SHA-256)",
    "cover.reference": "Referencia de la evaluación",
    "cover.not_given": "No indicado",
    "cover.note": (
        "Generado por assessor a partir de las respuestas dadas. Las respuestas y el resultado van "
        "incluidos en este PDF como el archivo {filename}, para poder leerlos y puntuarlos de nuevo."
    ),
    "toc.heading": "Contenido",
    "page.page": "Página",
    "page.of": "de",
    "summary.heading": "Resumen ejecutivo",
    "summary.level": "Nivel general",
    "summary.score": "Puntaje general",
    "summary.confidence": "Confianza",
    "summary.out_of_100": "de 100",
    "summary.confidence_note": (
        "Cuánto del puntaje se apoya en respuestas reales, con evidencia cuando se pidió, y no en "
        "respuestas «no sé» o en preguntas en blanco."
    ),
    "summary.capped": "Limitado por una brecha crítica: el puntaje por sí solo alcanzaría el nivel {level}.",
    "summary.not_scored": "No hay respuestas suficientes para calcular el puntaje",
    "summary.by_factor": "Puntaje por factor",
    "summary.priority_actions": "Acciones prioritarias",
    "summary.no_actions": "Ninguna recomendación se aplica a estas respuestas.",
    "summary.critical_gaps": "Brechas críticas",
    "summary.more_actions": "Las {count} recomendaciones están en la sección de recomendaciones.",
    # The subject of the assessment, "not applicable", and the first steps the summary leads with.
    "status.not_applicable": "No aplica",
    "cover.system": "Sistema o producto evaluado",
    "cover.government_level": "Nivel de gobierno",
    "cover.sector": "Sector",
    "subject.level.national": "Nacional",
    "subject.level.regional": "Subnacional: estado, provincia o región",
    "subject.level.local": "Subnacional: municipio o gobierno local",
    "subject.sector.identity": "Identidad y registro civil",
    "subject.sector.payments": "Pagos y servicios financieros",
    "subject.sector.health": "Salud",
    "subject.sector.social_protection": "Protección social",
    "subject.sector.education": "Educación",
    "subject.sector.tax_revenue": "Impuestos y recaudación",
    "subject.sector.justice": "Justicia",
    "subject.sector.agriculture": "Agricultura",
    "subject.sector.other": "Otro",
    "summary.first_step": "Su primer paso",
    "summary.first_steps": "Sus primeros {count} pasos",
    "summary.first_steps_note": (
        "Empiece por aquí: "
        "el paquete de reglas pone estas acciones primero entre las que corresponden a sus respuestas."
    ),
    "summary.other_recommendations": "Otras recomendaciones, por factor",
    "chart.title": "Puntaje por factor, sobre 100: {items}.",
    "chart.item": "{factor} {score} ({level})",
    "chart.item_unscored": "{factor} sin puntaje",
    "chart.desc": (
        "Gráfico de barras horizontales, una barra por factor en una escala de 0 a 100. "
        "Las líneas discontinuas marcan dónde empieza cada nivel: {thresholds}."
    ),
    "chart.threshold": "{level} desde {score}",
    "chart.unscored": "sin puntaje",
    "table.factor": "Factor",
    "table.score": "Puntaje",
    "table.level": "Nivel",
    "table.confidence": "Confianza",
    "table.weight": "Peso",
    "table.share": "Peso en el puntaje general",
    "table.question": "Pregunta",
    "table.answer": "Respuesta y evidencia",
    "table.answer_only": "Respuesta",
    "table.evidence": "Evidencia",
    "appendix.unplaced_heading": "Respuestas conservadas pero no puntuadas",
    "appendix.unplaced_intro": (
        "El cuestionario cambió después de que se dieran estas respuestas: esta versión no tiene "
        "pregunta para ellas, o ya no se ajustan a ella. Se conservan con la evaluación, pero no cuentan"
        " para el resultado."
    ),
    "appendix.changes_heading": "Historial de las respuestas",
    "appendix.changes_intro": (
        "Cada cambio de una respuesta o de su evidencia, del más antiguo al más reciente. «Por» indica "
        "la sesión del navegador que hizo el cambio, no una persona."
    ),
    "table.when": "Cuándo (UTC)",
    "table.by": "Por",
    "table.before": "Antes",
    "table.after": "Después",
    "table.points": "Puntos",
    "table.from_score": "Desde",
    "table.description": "Cómo se ve",
    "table.caption_factors": (
        "Puntaje, nivel, confianza y peso de cada factor: las cifras del gráfico del resumen ejecutivo."
    ),
    "summary.chart_note": "Las cifras también están en una tabla al comienzo de «Preparación por factor».",
    "factors.heading": "Preparación por factor",
    "factors.intro": (
        "Cada factor se puntúa a partir de sus preguntas: los puntos que obtuvo cada respuesta sobre "
        "el máximo posible. Las preguntas respondidas con «No sé» o dejadas en blanco no entran en "
        "el puntaje y reducen en cambio su confianza."
    ),
    "factor.kicker": "Factor {number} de {total}",
    "factor.of_overall": "del total",
    "factor.why": "Por qué este puntaje",
    "factor.gaps": "Brechas críticas",
    "factor.recommendations": "Recomendaciones para este factor",
    "factor.no_questions": "Ninguna pregunta de este factor se aplicó.",
    "points.value": "{points} de {max}",
    "points.not_counted": "no cuenta",
    "points.not_scored": "sin puntaje",
    "status.dont_know": "No sé",
    "status.unanswered": "Sin respuesta",
    "status.hidden": "No aplica",
    "status.uncertain": "Puede aplicar: depende de una respuesta no dada",
    "answer.none_selected": "Ninguna de las opciones",
    "evidence.label": "Evidencia",
    "evidence.none": "Sin evidencia",
    "evidence.link": "Enlace",
    "gap.caps": "Limita {targets} al nivel {level}.",
    "gap.overall": "el resultado general",
    "recs.heading": "Recomendaciones",
    "recs.intro": (
        "Ordenadas por prioridad y luego por horizonte. Cada una indica por qué se hizo, quién debe "
        "actuar, el esfuerzo que requiere y las fuentes publicadas que la respaldan."
    ),
    "recs.none": "Ninguna recomendación se aplica a estas respuestas.",
    "rec.priority": "Prioridad",
    "rec.horizon": "Horizonte",
    "rec.effort": "Esfuerzo",
    "rec.who": "Quién actúa",
    "rec.why": "Por qué",
    "rec.sources": "Fuentes",
    "rec.clause": "Cláusula modelo",
    "rec.factor": "Factor",
    "priority.critical": "Crítica",
    "priority.high": "Alta",
    "priority.medium": "Media",
    "priority.low": "Baja",
    "horizon.quick_win": "Resultado rápido (en menos de seis meses)",
    "horizon.medium_term": "Mediano plazo (de seis a dieciocho meses)",
    "horizon.structural": "Estructural (más largo: leyes, instituciones, presupuestos)",
    "horizon_short.quick_win": "Resultados rápidos (0–6 meses)",
    "horizon_short.medium_term": "Mediano plazo (6–18 meses)",
    "horizon_short.structural": "Estructural (más de 18 meses)",
    "effort.low": "Bajo",
    "effort.medium": "Medio",
    "effort.high": "Alto",
    "reason.answer": "Respondió «{answer}» a «{question}»",
    "reason.dont_know": "Respondió «No sé» a «{question}»",
    "reason.unanswered": "No respondió «{question}»",
    "reason.score": "{factor} obtuvo {score} de 100",
    "reason.score_none": "{factor} no pudo puntuarse",
    "reason.overall": "El puntaje general es {score} de 100",
    "roadmap.heading": "Hoja de ruta",
    "roadmap.intro": (
        "Las recomendaciones por factor y horizonte. Los números remiten a la sección de "
        "recomendaciones; empiece por los resultados rápidos y ponga en marcha ya los cambios estructurales."
    ),
    "roadmap.cross_cutting": "Transversal",
    "roadmap.empty": "–",
    "appendix.heading": "Anexo: respuestas y evidencia",
    "appendix.intro": (
        "Todas las preguntas del paquete de reglas con la respuesta y la evidencia tal como se dieron. "
        "Los mismos datos van incluidos en este PDF como el archivo {filename}."
    ),
    "method.heading": "Metodología",
    "method.scoring": "Cómo se puntúa",
    "method.p_points": (
        "Cada pregunta obtiene los puntos de la respuesta elegida (en selección múltiple, la suma de "
        "las opciones elegidas, hasta un tope; en números, los puntos del tramo más alto alcanzado). "
        "Su máximo es lo más que puede obtener una respuesta. Las preguntas de texto libre no puntúan."
    ),
    "method.p_factor": (
        "El puntaje de un factor es 100 × los puntos obtenidos ÷ los puntos máximos, sobre las "
        "preguntas que se aplican y fueron respondidas."
    ),
    "method.p_dont_know_exclude": "Las respuestas «No sé» no entran en el puntaje y reducen en cambio la confianza.",
    "method.p_dont_know_zero": "Las respuestas «No sé» obtienen cero puntos sobre el máximo de la pregunta.",
    "method.p_unanswered_exclude": (
        "Las preguntas en blanco no entran en el puntaje y reducen en cambio la confianza."
    ),
    "method.p_unanswered_zero": "Las preguntas en blanco obtienen cero puntos sobre el máximo de la pregunta.",
    "method.p_confidence": (
        "La confianza de un factor es la proporción de los puntos máximos de sus preguntas que se "
        "apoya en una respuesta real; una respuesta sin la evidencia que pide su pregunta cuenta {credit}."
    ),
    "method.p_overall": (
        "El puntaje general es la media de los puntajes de los factores ponderada por los "
        "pesos de abajo; los factores sin puntaje no se cuentan. La confianza general se pondera igual."
    ),
    "method.p_levels": (
        "Un puntaje alcanza el nivel más alto cuyo umbral cumple. Luego las brechas críticas "
        "limitan los niveles: mientras una brecha se aplica, los factores que nombra (y el resultado "
        "general, si lo nombra) no pueden mostrar un nivel superior a su tope, sea cual sea el puntaje."
    ),
    "method.p_recommendations": (
        "Las recomendaciones se activan cuando se cumple su condición sobre las respuestas y los "
        "puntajes; cada una indica los hechos que la activaron. Se ordenan por prioridad, luego "
        "por horizonte y luego por el orden del paquete de reglas."
    ),
    "method.levels": "Niveles",
    "method.weights": "Pesos de los factores",
    "method.trace": (
        "Esta evaluación se puntuó con el paquete de reglas «{title}» ({id}), versión {version}, cuya "
        "huella de contenido (SHA-256) es {hash}. Las mismas respuestas puntuadas con el mismo "
        "paquete dan siempre el mismo resultado."
    ),
    # El cuestionario en blanco, impreso para reunir las respuestas en papel (assessor/report/blank.py)
    "blank.kicker": "Cuestionario para completar en papel",
    "blank.doc_title": "{title}: cuestionario para completar en papel",
    "blank.description": (
        "Las preguntas del paquete de reglas {title}, versión {version}, con espacio para escribir "
        "las respuestas, para reunirlas en papel antes de cargarlas en línea."
    ),
    "blank.version": "Versión {version}",
    "blank.organisation": "Organización",
    "blank.country": "País",
    "blank.respondent": "Persona que responde (nombre y cargo)",
    "blank.date": "Fecha",
    "blank.instructions": "Cómo responder",
    "blank.instruction_tick": (
        "Marque una casilla en cada pregunta, salvo que diga «marque todas las que correspondan»."
    ),
    "blank.instruction_dont_know": (
        "«No sé» es una respuesta válida: márquela en lugar de adivinar. Muestra dónde buscar "
        "después, mientras que una suposición parece un hecho."
    ),
    "blank.instruction_evidence": (
        "Cuando una pregunta pide evidencia, indique el documento, la ley, el contrato o la página "
        "web que respalda la respuesta, para que cualquiera pueda verificarla."
    ),
    "blank.instruction_skip": (
        "Algunas preguntas solo se aplican tras ciertas respuestas; una nota debajo de esas preguntas indica cuándo."
    ),
    "blank.instruction_online": (
        "Después, cargue las respuestas en el cuestionario en línea para obtener los puntajes y las recomendaciones."
    ),
    "blank.sections": "Secciones",
    "blank.cover_note": (
        "Impreso a partir del paquete de reglas {id}, versión {version}. Cargue las respuestas en un "
        "cuestionario de la misma versión: otra versión puede hacer preguntas distintas."
    ),
    "blank.tick_one": "Marque una.",
    "blank.tick_all": "Marque todas las que correspondan.",
    "blank.exclusive": "(solo por sí sola)",
    "blank.number_whole": "Un número entero",
    "blank.number_any": "Un número",
    "blank.range_between": "{kind} de {min} a {max}",
    "blank.range_min": "{kind}, {min} o más",
    "blank.range_max": "{kind}, hasta {max}",
    "blank.answer": "Respuesta",
    "blank.evidence_generic": "El documento, la ley, el contrato o la página web que respalda la respuesta.",
    "blank.quoted": "«{text}»",
    "blank.skip_answered": "Responda solo si respondió {answers} a la pregunta {number}.",
    "blank.skip_ticked": "Responda solo si marcó {answers} en la pregunta {number}.",
    "blank.skip_at_least": "Responda solo si su respuesta a la pregunta {number} es {value} o más.",
    "blank.skip_at_most": "Responda solo si su respuesta a la pregunta {number} es {value} o menos.",
    "blank.skip_between": "Responda solo si su respuesta a la pregunta {number} está entre {low} y {high}.",
    "blank.skip_one": "Que esta pregunta se aplique depende de su respuesta a la pregunta {number}.",
    "blank.skip_many": "Que esta pregunta se aplique depende de sus respuestas a las preguntas {numbers}.",
    "blank.skip_generic": "Esta pregunta solo se aplica en algunos casos.",
    # Provisional levels, ranges, what a level means, missing options (issue 10)
    "summary.provisional": "{level} (provisional)",
    "summary.range": "rango posible {low}–{high}",
    "summary.provisional_confidence": (
        "Provisional: la confianza es del {confidence}, por debajo del {minimum} necesario para presentar un "
        "nivel como definitivo."
    ),
    "summary.provisional_range": (
        "Provisional: según las respuestas que aún no se conocen, el nivel podría bajar hasta {level}."
    ),
    "summary.provisional_gap": (
        "Provisional: una brecha crítica que depende de una respuesta aún desconocida limita este nivel (vea "
        "las brechas críticas)."
    ),
    "summary.provisional_unscored": "Provisional: ninguna respuesta dada aquí cuenta todavía para un puntaje.",
    "summary.range_note": (
        "El rango es el puntaje que se obtendría si cada respuesta aún desconocida («No sé», en blanco o una "
        "pregunta que podría aplicarse) fuera la peor respuesta, y si cada una fuera la mejor."
    ),
    "summary.level_means": "Qué significa «{level}»",
    "summary.level_means_note": (
        "Esto describe el nivel en general, no a este gobierno: lo que se respondió figura en las páginas de "
        "cada factor."
    ),
    "chart.item_range": "{factor} {score}, rango posible de {low} a {high} ({level})",
    "chart.provisional": "{level}, provisional",
    "chart.value_range": "{score} ({low}–{high})",
    "table.range": "Rango",
    "factor.level_means": "Qué significa «{level}»",
    "factor.level_means_note": (
        "Esto describe el nivel en general, no a este gobierno: lo que se respondió figura en la tabla siguiente."
    ),
    "gap.provisional": "Provisional.",
    "gap.find_out": (
        "Averigüe primero: {questions}. Mientras no se conozca la respuesta, esta brecha se supone y limita "
        "el nivel como si estuviera confirmada; el motivo que sigue solo vale si la respuesta la confirma."
    ),
    "reason.missing": "Su respuesta a «{question}» no incluye {options}",
    "method.p_range": (
        "Cada puntaje viene con un rango: el puntaje que se obtendría si cada respuesta aún desconocida («No "
        "sé», en blanco o una pregunta que podría aplicarse) fuera la peor respuesta, y si cada una fuera la "
        "mejor."
    ),
    "method.p_provisional": (
        "Un nivel es provisional, no definitivo, cuando la confianza es inferior al {minimum}, cuando el "
        "extremo inferior de su rango corresponde a un nivel más bajo o cuando lo limita una brecha crítica "
        "que depende de una respuesta aún desconocida. Esa brecha limita los niveles igual que una "
        "confirmada, de modo que «No sé» nunca obtiene mejor resultado que un «no» honesto."
    ),
}
