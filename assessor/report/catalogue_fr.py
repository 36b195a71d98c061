"""The report's texts in French (administrative usage, formal "vous"), key for key with catalogue_en.

Terms follow the web interface's catalogue (translations/fr): « Je ne sais pas », justificatif, jeu de
règles, confiance, lacune critique, score, niveau, gain rapide. French typography: a no-break space
(written \\u00a0 so it stays visible) inside « » and before « : » and « ; », so a line never starts
with the punctuation.
"""

from __future__ import annotations

FR: dict[str, str] = {
    # Un libellé avant sa valeur (espace insécable avant le deux-points)
    "label": "{label}\u00a0:",
    # Document and cover
    "doc.title": "Évaluation du degré de préparation à l’open source",
    "doc.title_for": "Évaluation du degré de préparation à l’open source\u00a0: {organisation}",
    "doc.subtitle": (
        "Préparation à l’acquisition et à l’exploitation de logiciels open source pour l’infrastructure "
        "publique numérique"
    ),
    "doc.description": (
        "Évaluation du degré de préparation de l’organisation {organisation}, dont le score a été calculé "
        "avec le jeu de règles «\u00a0{rules}\u00a0», version {version}."
    ),
    "doc.attachment": "Les réponses et le résultat de cette évaluation, au format JSON",
    "cover.organisation": "Organisation",
    "cover.country": "Pays",
    "cover.role": "Personne ayant répondu",
    "cover.date": "Date de l’évaluation",
    "cover.language": "Langue",
    "cover.rules": "Jeu de règles",
    "cover.rules_version": "version {version}",
    "cover.hash": "Empreinte du contenu du jeu de règles (SHA-256)",
    "cover.reference": "Référence de l’évaluation",
    "cover.not_given": "Non renseigné",
    "cover.note": (
        "Document généré par assessor à partir des réponses fournies. Les réponses et le résultat sont "
        "intégrés à ce PDF dans le fichier {filename}, ce qui permet de les consulter et de recalculer le score."
    ),
    "toc.heading": "Sommaire",
    "page.page": "Page",
    "page.of": "sur",
    # Executive summary
    "summary.heading": "Synthèse",
    "summary.level": "Niveau global",
    "summary.score": "Score global",
    "summary.confidence": "Confiance",
    "summary.out_of_100": "sur 100",
    "summary.confidence_note": (
        "Part du score qui repose sur des réponses réelles, accompagnées d’un justificatif lorsqu’il "
        "était demandé, plutôt que sur des «\u00a0je ne sais pas\u00a0» ou des questions sans réponse."
    ),
    "summary.capped": (
        "Plafonné par une lacune critique\u00a0: le score à lui seul permettrait d’atteindre le niveau {level}."
    ),
    "summary.not_scored": "Pas assez de réponses pour calculer le score",
    "summary.by_factor": "Score par facteur",
    "summary.priority_actions": "Actions prioritaires",
    "summary.no_actions": "Aucune recommandation ne s’applique à ces réponses.",
    "summary.critical_gaps": "Lacunes critiques",
    "summary.more_actions": "Les {count} recommandations figurent dans la partie «\u00a0Recommandations\u00a0».",
    # The subject of the assessment, "not applicable", and the first steps the summary leads with.
    "status.not_applicable": "Sans objet",
    "cover.system": "Système ou produit évalué",
    "cover.government_level": "Échelon administratif",
    "cover.sector": "Secteur",
    "subject.level.national": "National",
    "subject.level.regional": "Infranational : État fédéré, province ou région",
    "subject.level.local": "Infranational : commune ou collectivité locale",
    "subject.sector.identity": "Identité et état civil",
    "subject.sector.payments": "Paiements et services financiers",
    "subject.sector.health": "Santé",
    "subject.sector.social_protection": "Protection sociale",
    "subject.sector.education": "Éducation",
    "subject.sector.tax_revenue": "Fiscalité et recettes publiques",
    "subject.sector.justice": "Justice",
    "subject.sector.agriculture": "Agriculture",
    "subject.sector.other": "Autre",
    "summary.first_step": "Votre première étape",
    "summary.first_steps": "Vos {count} premières étapes",
    "summary.first_steps_note": (
        "Commencez ici : le jeu de règles place ces actions en tête parmi celles qui s’appliquent à vos réponses."
    ),
    "summary.other_recommendations": "Autres recommandations, par facteur",
    # Chart
    "chart.title": "Score par facteur, sur 100\u00a0: {items}.",
    "chart.item": "{factor} {score} ({level})",
    "chart.item_unscored": "{factor} sans score",
    "chart.desc": (
        "Graphique à barres horizontales, une barre par facteur sur une échelle de 0 à 100. "
        "Les lignes en pointillés indiquent le début de chaque niveau\u00a0: {thresholds}."
    ),
    "chart.threshold": "{level} à partir de {score}",
    "chart.unscored": "sans score",
    # Tables
    "table.factor": "Facteur",
    "table.score": "Score",
    "table.level": "Niveau",
    "table.confidence": "Confiance",
    "table.weight": "Poids",
    "table.share": "Part dans le score global",
    "table.question": "Question",
    "table.answer": "Réponse et justificatif",
    "table.answer_only": "Réponse",
    "table.evidence": "Justificatif",
    "appendix.unplaced_heading": "Réponses conservées mais non notées",
    "appendix.unplaced_intro": (
        "Le questionnaire a changé après que ces réponses ont été données\u00a0: cette version n’a pas "
        "de question pour elles, ou elles ne lui correspondent plus. Elles sont conservées avec "
        "l’évaluation mais ne comptent pas dans le résultat."
    ),
    "appendix.changes_heading": "Historique des réponses",
    "appendix.changes_intro": (
        "Chaque modification d’une réponse ou de son justificatif, de la plus ancienne à la plus "
        "récente. «\u00a0Par\u00a0» désigne la session de navigateur qui l’a faite, pas une personne."
    ),
    "table.when": "Quand (UTC)",
    "table.by": "Par",
    "table.before": "Avant",
    "table.after": "Après",
    "table.points": "Points",
    "table.from_score": "À partir de",
    "table.description": "Ce qui le caractérise",
    "table.caption_factors": (
        "Score, niveau, confiance et poids de chaque facteur\u00a0: les valeurs du graphique de la synthèse."
    ),
    "summary.chart_note": (
        "Ces valeurs figurent aussi dans un tableau au début de la partie «\u00a0Préparation par facteur\u00a0»."
    ),
    # Factor pages
    "factors.heading": "Préparation par facteur",
    "factors.intro": (
        "Le score de chaque facteur est calculé à partir de ses questions\u00a0: les points obtenus par "
        "chaque réponse, rapportés au maximum possible. Les réponses «\u00a0Je ne sais pas\u00a0» et les "
        "questions sans réponse ne sont pas prises en compte dans le score\u00a0; elles réduisent en "
        "revanche la confiance."
    ),
    "factor.kicker": "Facteur {number} sur {total}",
    "factor.of_overall": "du total",
    "factor.why": "Pourquoi ce score",
    "factor.gaps": "Lacunes critiques",
    "factor.recommendations": "Recommandations pour ce facteur",
    "factor.no_questions": "Aucune question de ce facteur ne s’applique à cette évaluation.",
    "points.value": "{points} sur {max}",
    "points.not_counted": "non comptabilisé",
    "points.not_scored": "sans score",
    "status.dont_know": "Je ne sais pas",
    "status.unanswered": "Sans réponse",
    "status.hidden": "Sans objet",
    "status.uncertain": "Peut s’appliquer\u00a0: dépend d’une question restée sans réponse",
    "answer.none_selected": "Aucune option sélectionnée",
    "evidence.label": "Justificatif",
    "evidence.none": "Aucun justificatif fourni",
    "evidence.link": "Lien",
    # Critical gaps
    "gap.caps": "Plafonne {targets} au niveau {level}.",
    "gap.overall": "le résultat global",
    # Recommendations
    "recs.heading": "Recommandations",
    "recs.intro": (
        "Classées par priorité, puis par échéance. Chacune indique pourquoi elle est formulée, qui doit "
        "agir, l’effort qu’elle demande et les sources publiées sur lesquelles elle s’appuie."
    ),
    "recs.none": "Aucune recommandation ne s’applique à ces réponses.",
    "rec.priority": "Priorité",
    "rec.horizon": "Échéance",
    "rec.effort": "Effort",
    "rec.who": "Qui agit",
    "rec.why": "Pourquoi",
    "rec.sources": "Sources",
    "rec.clause": "Clause type",
    "rec.factor": "Facteur",
    "priority.critical": "Critique",
    "priority.high": "Haute",
    "priority.medium": "Moyenne",
    "priority.low": "Basse",
    "horizon.quick_win": "Gain rapide (en moins de six mois)",
    "horizon.medium_term": "Moyen terme (de six à dix-huit mois)",
    "horizon.structural": "Structurel (à plus long terme\u00a0: lois, institutions, budgets)",
    "horizon_short.quick_win": "Gains rapides (0 à 6 mois)",
    "horizon_short.medium_term": "Moyen terme (6 à 18 mois)",
    "horizon_short.structural": "Structurel (plus de 18 mois)",
    "effort.low": "Faible",
    "effort.medium": "Moyen",
    "effort.high": "Élevé",
    # Why a recommendation fired or a gap applies
    "reason.answer": "Vous avez répondu «\u00a0{answer}\u00a0» à la question «\u00a0{question}\u00a0»",
    "reason.dont_know": "Vous avez répondu «\u00a0Je ne sais pas\u00a0» à la question «\u00a0{question}\u00a0»",
    "reason.unanswered": "Vous n’avez pas répondu à la question «\u00a0{question}\u00a0»",
    "reason.score": "{factor} a obtenu un score de {score} sur 100",
    "reason.score_none": "{factor}\u00a0: le score n’a pas pu être calculé",
    "reason.overall": "Le score global est de {score} sur 100",
    # Roadmap
    "roadmap.heading": "Feuille de route",
    "roadmap.intro": (
        "Les recommandations par facteur et par échéance. Les numéros renvoient à la partie "
        "«\u00a0Recommandations\u00a0»\u00a0; commencez par les gains rapides et engagez dès maintenant "
        "les changements structurels."
    ),
    "roadmap.cross_cutting": "Transversal",
    "roadmap.empty": "–",
    # Appendix
    "appendix.heading": "Annexe\u00a0: réponses et justificatifs",
    "appendix.intro": (
        "Toutes les questions du jeu de règles, avec la réponse et le justificatif tels qu’ils ont été "
        "fournis. Les mêmes données sont intégrées à ce PDF dans le fichier {filename}."
    ),
    # Methodology
    "method.heading": "Méthodologie",
    "method.scoring": "Mode de calcul du score",
    "method.p_points": (
        "Chaque question rapporte les points de la réponse choisie (pour les questions à choix "
        "multiples, la somme des options choisies, dans la limite d’un plafond\u00a0; pour les nombres, "
        "les points de la tranche la plus haute atteinte). Son maximum est le nombre de points le plus "
        "élevé qu’une réponse peut rapporter. Les questions à réponse libre ne rapportent aucun point."
    ),
    "method.p_factor": (
        "Le score d’un facteur est égal à 100 × les points obtenus ÷ le maximum de points, calculé sur "
        "les questions qui s’appliquent et ont reçu une réponse."
    ),
    "method.p_dont_know_exclude": (
        "Les réponses «\u00a0Je ne sais pas\u00a0» ne sont pas prises en compte dans le score\u00a0; elles "
        "réduisent en revanche la confiance."
    ),
    "method.p_dont_know_zero": (
        "Les réponses «\u00a0Je ne sais pas\u00a0» rapportent zéro point, mais le maximum de la question "
        "reste pris en compte."
    ),
    "method.p_unanswered_exclude": (
        "Les questions sans réponse ne sont pas prises en compte dans le score\u00a0; elles réduisent en "
        "revanche la confiance."
    ),
    "method.p_unanswered_zero": (
        "Les questions sans réponse rapportent zéro point, mais leur maximum reste pris en compte."
    ),
    "method.p_confidence": (
        "La confiance d’un facteur est la part des points maximaux de ses questions qui repose sur une "
        "réponse réelle\u00a0; une réponse sans le justificatif demandé par la question compte pour {credit}."
    ),
    "method.p_overall": (
        "Le score global est la moyenne des scores des facteurs, pondérée par les poids indiqués "
        "ci-dessous\u00a0; les facteurs sans score ne sont pas pris en compte. La confiance globale est "
        "pondérée de la même manière."
    ),
    "method.p_levels": (
        "Un score correspond au niveau le plus élevé dont il atteint le seuil. Les lacunes critiques "
        "plafonnent ensuite les niveaux\u00a0: tant qu’une lacune s’applique, les facteurs qu’elle désigne "
        "(et le résultat global, s’il est désigné) ne peuvent pas afficher un niveau supérieur à son "
        "plafond, quel que soit le score."
    ),
    "method.p_recommendations": (
        "Une recommandation est déclenchée lorsque sa condition, qui porte sur les réponses et les "
        "scores, est remplie\u00a0; chacune indique les faits qui l’ont déclenchée. Les recommandations "
        "sont classées par priorité, puis par échéance, puis dans l’ordre du jeu de règles."
    ),
    "method.levels": "Niveaux",
    "method.weights": "Poids des facteurs",
    "method.trace": (
        "Le score de cette évaluation a été calculé avec le jeu de règles «\u00a0{title}\u00a0» ({id}), "
        "version {version}, dont l’empreinte du contenu (SHA-256) est {hash}. Les mêmes réponses, avec "
        "le même jeu de règles, donnent toujours le même résultat."
    ),
    # The blank questionnaire, printed to gather answers on paper (assessor/report/blank.py)
    "blank.kicker": "Questionnaire à remplir sur papier",
    "blank.doc_title": "{title}\u00a0: questionnaire à remplir sur papier",
    "blank.description": (
        "Les questions du jeu de règles {title}, version {version}, avec un espace pour écrire les "
        "réponses, afin de les recueillir sur papier avant de les saisir en ligne."
    ),
    "blank.version": "Version {version}",
    "blank.organisation": "Organisation",
    "blank.country": "Pays",
    "blank.respondent": "Personne qui répond (nom et fonction)",
    "blank.date": "Date",
    "blank.instructions": "Comment répondre",
    "blank.instruction_tick": (
        "Cochez une case pour chaque question, sauf si elle indique «\u00a0cochez toutes les réponses "
        "qui s’appliquent\u00a0»."
    ),
    "blank.instruction_dont_know": (
        "«\u00a0Je ne sais pas\u00a0» est une réponse acceptable\u00a0: cochez-la plutôt que de deviner. "
        "Elle indique où chercher ensuite, alors qu’une supposition a l’apparence d’un fait."
    ),
    "blank.instruction_evidence": (
        "Lorsqu’une question demande un justificatif, indiquez le document, le texte de loi, le contrat "
        "ou la page web qui étaye la réponse, afin que chacun puisse la vérifier."
    ),
    "blank.instruction_skip": (
        "Certaines questions ne s’appliquent qu’après certaines réponses\u00a0; une note sous ces "
        "questions précise dans quel cas."
    ),
    "blank.instruction_online": (
        "Saisissez ensuite les réponses dans le questionnaire en ligne pour obtenir les scores et les recommandations."
    ),
    "blank.sections": "Sections",
    "blank.cover_note": (
        "Imprimé à partir du jeu de règles {id}, version {version}. Saisissez les réponses dans un "
        "questionnaire de la même version\u00a0: une autre version peut poser des questions différentes."
    ),
    "blank.tick_one": "Cochez une seule case.",
    "blank.tick_all": "Cochez toutes les réponses qui s’appliquent.",
    "blank.exclusive": "(à cocher seule)",
    "blank.number_whole": "Un nombre entier",
    "blank.number_any": "Un nombre",
    "blank.range_between": "{kind} de {min} à {max}",
    "blank.range_min": "{kind}, {min} ou plus",
    "blank.range_max": "{kind}, jusqu’à {max}",
    "blank.answer": "Réponse",
    "blank.evidence_generic": "Le document, le texte de loi, le contrat ou la page web qui étaye la réponse.",
    "blank.quoted": "«\u00a0{text}\u00a0»",
    "blank.skip_answered": "Répondez uniquement si vous avez répondu {answers} à la question {number}.",
    "blank.skip_ticked": "Répondez uniquement si vous avez coché {answers} à la question {number}.",
    "blank.skip_at_least": (
        "Répondez uniquement si votre réponse à la question {number} est supérieure ou égale à {value}."
    ),
    "blank.skip_at_most": (
        "Répondez uniquement si votre réponse à la question {number} est inférieure ou égale à {value}."
    ),
    "blank.skip_between": (
        "Répondez uniquement si votre réponse à la question {number} est comprise entre {low} et {high}."
    ),
    "blank.skip_one": "Cette question s’applique ou non selon votre réponse à la question {number}.",
    "blank.skip_many": "Cette question s’applique ou non selon vos réponses aux questions {numbers}.",
    "blank.skip_generic": "Cette question ne s’applique que dans certains cas.",
    # Provisional levels, ranges, what a level means, missing options (issue 10)
    "summary.provisional": "{level} (provisoire)",
    "summary.range": "fourchette possible {low}–{high}",
    "summary.provisional_confidence": (
        "Provisoire\u00a0: la confiance est de {confidence}, en dessous des {minimum} nécessaires pour "
        "présenter un niveau comme définitif."
    ),
    "summary.provisional_range": (
        "Provisoire\u00a0: selon les réponses encore inconnues, le niveau pourrait descendre jusqu’à "
        "«\u00a0{level}\u00a0»."
    ),
    "summary.provisional_gap": (
        "Provisoire\u00a0: une lacune critique qui dépend d’une réponse encore inconnue retient ce niveau "
        "(voir les lacunes critiques)."
    ),
    "summary.provisional_unscored": "Provisoire\u00a0: aucune réponse donnée ici ne compte encore pour un score.",
    "summary.range_note": (
        "La fourchette est le score obtenu si chaque réponse encore inconnue («\u00a0Je ne sais pas\u00a0», "
        "laissée vide, ou question qui pourrait s’appliquer) était la moins bonne réponse, puis si chacune "
        "était la meilleure."
    ),
    "summary.level_means": "Ce que signifie «\u00a0{level}\u00a0»",
    "summary.level_means_note": (
        "Ce texte décrit le niveau en général, non cette administration\u00a0: les réponses données figurent "
        "dans les pages de chaque volet."
    ),
    "chart.item_range": "{factor} {score}, fourchette possible de {low} à {high} ({level})",
    "chart.provisional": "{level}, provisoire",
    "chart.value_range": "{score} ({low}–{high})",
    "table.range": "Fourchette",
    "factor.level_means": "Ce que signifie «\u00a0{level}\u00a0»",
    "factor.level_means_note": (
        "Ce texte décrit le niveau en général, non cette administration\u00a0: les réponses données figurent "
        "dans le tableau ci-dessous."
    ),
    "gap.provisional": "Provisoire.",
    "gap.find_out": (
        "Vérifiez d’abord\u00a0: {questions}. Tant que la réponse n’est pas connue, cette lacune est présumée "
        "et limite le niveau comme si elle était confirmée\u00a0; le motif ci-dessous ne vaut que si la "
        "réponse la confirme."
    ),
    "reason.missing": "Votre réponse à «\u00a0{question}\u00a0» ne comprend pas {options}",
    "method.p_range": (
        "Chaque score s’accompagne d’une fourchette\u00a0: le score obtenu si chaque réponse encore inconnue "
        "(«\u00a0Je ne sais pas\u00a0», laissée vide, ou question qui pourrait s’appliquer) était la moins "
        "bonne réponse, puis si chacune était la meilleure."
    ),
    "method.p_provisional": (
        "Un niveau est provisoire, et non définitif, quand la confiance est inférieure à {minimum}, quand le "
        "bas de sa fourchette correspond à un niveau inférieur, ou quand une lacune critique qui dépend d’une "
        "réponse encore inconnue le retient. Une telle lacune limite les niveaux exactement comme une lacune "
        "confirmée\u00a0: «\u00a0Je ne sais pas\u00a0» n’obtient donc jamais un meilleur résultat qu’un "
        "«\u00a0non\u00a0» honnête."
    ),
}
