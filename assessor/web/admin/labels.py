"""Words for the admin area's codes (roles, priorities, change kinds), registered as Jinja globals."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _


def role_label(role: str) -> str:
    """A role in words."""
    labels = {
        "viewer": _("Viewer (reads)"),
        "editor": _("Editor (proposes changes)"),
        "admin": _("Admin (approves, publishes, manages accounts)"),
    }
    return str(labels.get(role, role))


def change_label(status: str) -> str:
    """Added, removed or changed, in words."""
    labels = {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed")}
    return str(labels.get(status, status))


def category_label(category: str) -> str:
    """What kind of change a field's is, in words."""
    labels = {"reworded": _("Reworded"), "repointed": _("Re-pointed"), "other": _("Changed")}
    return str(labels.get(category, category))


def kind_label(kind: str) -> str:
    """What a changed thing is, in words."""
    labels = {
        "pack": _("Rule pack"),
        "level": _("Level"),
        "factor": _("Factor"),
        "question": _("Question"),
        "option": _("Option"),
        "band": _("Points band"),
        "recommendation": _("Recommendation"),
        "gap": _("Critical gap"),
        "actor": _("Who acts"),
    }
    return str(labels.get(kind, kind))


def field_label(name: str) -> str:
    """A rule pack field in words."""
    labels = {
        "version": _("version"),
        "title": _("title"),
        "description": _("description"),
        "min_score": _("lowest score"),
        "weight": _("weight"),
        "share": _("share of 100"),
        "factor": _("factor"),
        "type": _("kind of answer"),
        "dont_know": _("offers “don’t know”"),
        "evidence": _("asks for evidence"),
        "min": _("lowest answer"),
        "max": _("highest answer"),
        "show_if": _("shown only if"),
        "text": _("text"),
        "help": _("help"),
        "unit": _("unit"),
        "points": _("points"),
        "exclusive": _("chosen alone"),
        "label": _("label"),
        "condition": _("condition"),
        "caps": _("caps"),
        "max_level": _("highest level allowed"),
        "reason": _("reason"),
        "priority": _("priority"),
        "effort": _("effort"),
        "horizon": _("horizon"),
        "who": _("who acts"),
        "sources": _("sources"),
        "clause": _("model clause"),
    }
    return str(labels.get(name, name))


def init_app(app: Flask) -> None:
    """Make the labels available to templates."""
    for function in (role_label, change_label, category_label, kind_label, field_label):
        app.jinja_env.globals[function.__name__] = function
