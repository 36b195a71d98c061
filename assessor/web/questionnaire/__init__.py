"""The questionnaire: everything under /a/<token>/, one blueprint, its views split by area.

Views stay thin: they load the assessment named by the secret token, validate with the forms,
save through `assessor.storage.assessments`, and redirect (post/redirect/get). Importing the
area modules registers their routes on the blueprint.
"""

from assessor.web.questionnaire import factor_page, language, overview, result, review
from assessor.web.questionnaire.access import bp

__all__ = ["bp", "factor_page", "language", "overview", "result", "review"]
