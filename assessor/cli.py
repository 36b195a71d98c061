"""The `assessor` command line: a Flask CLI group with the rule pack and scoring commands."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

import click
from flask.cli import FlaskGroup

from assessor.core.answers import Answers, validate_answers
from assessor.core.examples import run_example
from assessor.core.explain import result_to_dict, rulebook_to_dict
from assessor.core.renames import apply_renames
from assessor.core.result import Result
from assessor.core.rulebook import RuleBook
from assessor.core.scoring import score
from assessor.loading.answersfile import AnswersFile, AnswersFileError, read_answers_file
from assessor.loading.example_coverage import example_lines, uncovered_lines
from assessor.loading.rulepack import CheckReport, check_rulepack
from assessor.loading.schema import rulepack_json_schema
from assessor.paths import default_rules_dir
from assessor.presentation.problems import problem_message
from assessor.presentation.wording import wording
from assessor.questionnaire_text import questionnaire_lines


def _create_app() -> Any:
    from flask.cli import NoAppException

    from assessor.loading.rulepack import RulePackError
    from assessor.records.packs import PackVersionClashError
    from assessor.web import create_app

    try:
        return create_app()
    except RulePackError as exc:
        # Flask prints a NoAppException as one message; anything else would be a traceback.
        lines = "\n".join(str(p) for p in exc.problems)
        raise NoAppException(f"the rule pack is not valid:\n{lines}") from None
    except PackVersionClashError as exc:
        raise NoAppException(str(exc)) from None


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """Assess a government's readiness to procure and run open-source software."""


@main.group(cls=click.Group)
def rules() -> None:
    """Check, test, show and print rule packs."""


def _rules_path(path: str | None) -> Path:
    return Path(path) if path else default_rules_dir()


def _load_or_exit(path: Path, *, strict: bool = False) -> tuple[RuleBook, CheckReport]:
    report = check_rulepack(path)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    if report.book is None:
        click.echo(f"{path}: {len(report.problems)} problem(s); the rule pack is not valid", err=True)
        sys.exit(1)
    if strict and report.warnings:
        click.echo(f"{path}: {len(report.warnings)} warning(s), which --strict counts as problems", err=True)
        sys.exit(1)
    return report.book, report


@rules.command("check")
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (missing translations, questions that score nothing)."
)
def rules_check(path: str | None, strict: bool) -> None:
    """Validate a rule pack (a YAML file or a folder of them). Exit 1 on any problem."""
    where = _rules_path(path)
    book, report = _load_or_exit(where, strict=strict)
    n_questions = len(book.questions)
    warnings = f"; {len(report.warnings)} warning(s)" if report.warnings else ""
    click.echo(
        f"{where}: valid: {book.id} {book.version} (sha256 {book.content_hash[:12]}), "
        f"{len(report.files)} file(s), {len(book.factors)} factors, {n_questions} questions, "
        f"{len(book.levels)} levels, "
        f"{len(book.critical_gaps)} critical gaps, {len(book.recommendations)} recommendations, "
        f"{len(book.examples)} worked examples, languages {', '.join(book.languages)}{warnings}"
    )


@rules.command("show")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the normalised questionnaire as JSON.")
@click.option("--lang", default=None, help="Language of the texts (the pack's default otherwise).")
def rules_show(path: str | None, as_json: bool, lang: str | None) -> None:
    """Show the normalised questionnaire: factors, questions, options and points."""
    book, _report = _load_or_exit(_rules_path(path))
    language = _language(book, lang)
    data = rulebook_to_dict(book, language)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in questionnaire_lines(data, language):
        click.echo(line)


@rules.command("test")
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Print each example's scores, and what no example fires (with answers that would).",
)
def rules_test(path: str | None, verbose: bool) -> None:
    """Run the pack's worked examples; report each mismatch, expected against got."""
    book, report = _load_or_exit(_rules_path(path))
    if not book.examples:
        click.echo("the pack has no worked examples to run", err=True)
        sys.exit(1)
    failed = 0
    results: list[Result] = []
    for example in book.examples:
        result, mismatches = run_example(book, example)
        if mismatches:
            failed += 1
            click.echo(f"FAIL {example.id}: {example.title.get()}")
            for mismatch in mismatches:
                click.echo(f"     {mismatch}")
        else:
            click.echo(f"ok   {example.id}: {example.title.get()}")
        if result is not None:
            results.append(result)
            if verbose:
                for line in example_lines(result):
                    click.echo(line)
    if verbose:
        for line in uncovered_lines(book, results, report.verdicts):
            click.echo(line)
    passed = len(book.examples) - failed
    click.echo(f"{passed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@rules.command("export")
@click.argument("path", required=False, type=click.Path())
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="The .xlsx file to write.")
def rules_export(path: str | None, output: str) -> None:
    """Write a rule pack as a spreadsheet (.xlsx) to edit in Excel or LibreOffice."""
    from assessor.loading.spreadsheet_export import export_pack

    where = _rules_path(path)
    book, _report = _load_or_exit(where)
    content = export_pack(where)
    try:
        Path(output).write_bytes(content)
    except OSError as exc:
        click.echo(f"{output}: cannot write the workbook ({exc.strerror or exc})", err=True)
        sys.exit(1)
    click.echo(
        f"wrote {output} ({len(content):,} bytes): {book.id} {book.version}, languages {', '.join(book.languages)}"
    )


@rules.command("import")
@click.argument("workbook", type=click.Path(dir_okay=False, exists=True))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), help="The folder to write YAML into.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, as rules check --strict does.")
def rules_import(workbook: str, output: str, strict: bool) -> None:
    """Turn a rule pack spreadsheet back into YAML files, checked exactly as rules check does."""
    from assessor.loading.spreadsheet_import import import_pack

    out = Path(output)
    existing = [p for p in out.rglob("*") if p.suffix in (".yaml", ".yml")] if out.is_dir() else []
    if existing:
        click.echo(f"{out}: the folder already holds YAML files ({existing[0].name}...); choose an empty one", err=True)
        sys.exit(1)
    try:
        data = Path(workbook).read_bytes()
    except OSError as exc:
        click.echo(f"{workbook}: cannot read the file ({exc.strerror or exc})", err=True)
        sys.exit(1)
    files, problems = import_pack(data)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if not p.warning]
    if errors or not files or (strict and problems):
        click.echo(f"{workbook}: {len(problems)} problem(s); nothing was written", err=True)
        sys.exit(1)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (out / name).write_bytes(content)
    except OSError as exc:
        click.echo(f"{out}: cannot write the YAML files ({exc.strerror or exc})", err=True)
        sys.exit(1)
    click.echo(f"wrote {len(files)} file(s) to {out}: {', '.join(sorted(files))}")


@rules.command("schema")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of printing.")
def rules_schema(output: str | None) -> None:
    """Print the JSON Schema of rule pack files (for editors)."""
    text = json.dumps(rulepack_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@rules.command("print")
@click.argument("path", required=False, type=click.Path())
@click.option("--lang", default=None, help="Language of the questionnaire (the pack's default otherwise).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help='Write the PDF to this file (default: "questionnaire-<pack>-<version>-<lang>.pdf" here).',
)
def rules_print(path: str | None, lang: str | None, output: str | None) -> None:
    """Write the blank questionnaire as a PDF to print, for gathering answers on paper first."""
    # Imported here: only this command needs the report package and WeasyPrint.
    from assessor.report.blank import blank_filename, render_blank_questionnaire

    book, _report = _load_or_exit(_rules_path(path))
    language = lang or book.default_language
    if language not in book.languages:
        # Unlike `show`, no fallback: a questionnaire printed in the wrong language wastes a workshop.
        click.echo(f"language '{language}' is not in this pack; choose one of: {', '.join(book.languages)}", err=True)
        sys.exit(1)
    out = Path(output) if output else Path(blank_filename(book, language))
    if not out.parent.is_dir():  # fail before spending seconds on a render
        click.echo(f"{out}: cannot write the PDF: {out.parent} is not a directory", err=True)
        sys.exit(1)
    pdf = render_blank_questionnaire(book, language)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        click.echo(f"{out}: cannot write the PDF ({exc.strerror or exc})", err=True)
        sys.exit(1)
    click.echo(f"wrote {out} ({len(pdf):,} bytes)", err=True)


@main.group()
def db() -> None:
    """Manage the database (SQLite in the instance folder, or DATABASE_URL)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Migrate up to this revision.")
def db_upgrade(revision: str) -> None:
    """Apply the database migrations."""
    from flask import current_app

    from assessor.storage.db import database_url, upgrade

    upgrade(current_app, revision)
    # The job queue may hold a connection to the same server (PostgresHuey): a one-off command closes it.
    current_app.extensions["report_jobs"].huey.storage.close()
    url = database_url(current_app)
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    click.echo(f"database up to date ({revision}): {shown}")


@main.command("worker")
@click.option("--workers", "-w", type=click.IntRange(min=1), help="Render processes (default: one per CPU core).")
@click.option("--time-limit", type=click.FloatRange(min=1), help="Seconds one render may take (JOBS_TIME_LIMIT).")
@click.option(
    "--max-tasks",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Renders per process before it is replaced (0: never).",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(min=0),
    default=1024,
    show_default=True,
    help="Address-space cap per render process, MiB (0: none).",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=10,
    show_default=True,
    help="Lower the worker's CPU priority below the web's.",
)
@click.option(
    "--reap-interval",
    type=click.FloatRange(min=0.1),
    default=15,
    show_default=True,
    help="Seconds between searches for lost jobs.",
)
@click.option(
    "--prune-interval",
    type=click.FloatRange(min=1),
    default=3600,
    show_default=True,
    help="Seconds between prune jobs (retention).",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="Longest wait between polls of an idle SQLite queue.",
)
@click.option(
    "--health-check",
    type=click.FloatRange(min=0.1),
    default=1.0,
    show_default=True,
    help="Seconds between checks that replace dead render processes.",
)
@click.option("--verbose", "-v", is_flag=True, help="Log every job.")
def worker_command(
    workers: int | None,
    time_limit: float | None,
    max_tasks: int,
    memory_limit: int,
    nice: int,
    reap_interval: float,
    prune_interval: float,
    poll: float,
    health_check: float,
    verbose: bool,
) -> None:
    """Run the report jobs: render PDFs in worker processes and store them, until stopped (SIGTERM/Ctrl-C)."""
    import logging

    from flask import current_app

    from assessor.jobs.queue import choose_queue
    from assessor.jobs.reports import ReportJobs
    from assessor.jobs.worker import WorkerOptions, run_worker

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    jobs: ReportJobs = current_app.extensions["report_jobs"]
    options = WorkerOptions(
        workers=workers or jobs.settings.workers,
        time_limit=time_limit or jobs.settings.time_limit,
        max_tasks=max_tasks,
        memory_limit=memory_limit * 1024 * 1024 or None,
        reap_interval=reap_interval,
        prune_interval=prune_interval,
        poll_max_delay=poll,
        health_check_interval=health_check,
    )
    queue = choose_queue(current_app.config, current_app.instance_path)
    where = queue.where.split("@")[-1] if "@" in queue.where else queue.where  # never print a password
    click.echo(
        f"assessor worker: {options.workers} render process(es), time limit {options.time_limit:g} s, "
        f"queue {queue.kind} ({where}), retention {jobs.settings.retention.days} days",
        err=True,
    )
    try:
        run_worker(jobs, options, nice)
    except RuntimeError as exc:
        click.echo(f"assessor worker: {exc}", err=True)
        sys.exit(1)


@main.command("score", with_appcontext=False)
@click.argument("answers_file", type=click.Path(dir_okay=False))
@click.option("--rules", "rules_path", type=click.Path(), help="The rule pack (the shipped one by default).")
@click.option("--lang", default=None, help="Language of the texts (the answers file's, else the pack's default).")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), help="Also write the PDF report to this file.")
def score_command(answers_file: str, rules_path: str | None, lang: str | None, pdf_path: str | None) -> None:
    """Score an answers file offline and print the Result as JSON; with --pdf, write the PDF report too."""
    book, _report = _load_or_exit(_rules_path(rules_path))
    try:
        data = read_answers_file(Path(answers_file))
    except AnswersFileError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    # An answers file written before a question was renamed still scores: old ids move to the new ones.
    given, cited = apply_renames(book, data.answers, data.evidence)
    answers, problems = validate_answers(book, given, cited)
    if problems:
        # The same rules and words as the questionnaire's form, with the value and the ids a file needs.
        words = wording(lang or data.language or book.default_language)
        for problem in problems:
            question = book.questions.get(problem.question_id)
            given_values = problem.params.get("values")
            shown = f" ({', '.join(repr(v) for v in given_values)})" if given_values else ""
            message = problem_message(problem.code, problem.params, question, words)
            click.echo(f"{answers_file}: question '{problem.question_id}'{shown}: {message}", err=True)
        click.echo(f"{answers_file}: {len(problems)} invalid answer(s); nothing was scored", err=True)
        sys.exit(1)
    language = _language(book, lang or data.language)
    result = score(book, answers)
    click.echo(json.dumps(result_to_dict(book, result, language), ensure_ascii=False, indent=2))
    if pdf_path:
        _write_pdf_report(Path(pdf_path), book, data, answers, result, language)


def _write_pdf_report(
    path: Path, book: RuleBook, data: AnswersFile, answers: Answers, result: Result, language: str
) -> None:
    # Imported here: only --pdf needs the report package and the templates it loads.
    from assessor.report import ReportInput, render_pdf
    from assessor.report.cache import answers_fingerprint

    folder = path.parent
    if not folder.is_dir():  # fail before spending seconds on a render
        click.echo(f"{path}: cannot write the PDF: {folder} is not a directory", err=True)
        sys.exit(1)
    report = ReportInput(
        organisation=data.organisation or "",
        country=data.country or "",
        respondent_role="",
        language=language,
        assessment_date=datetime.date.today(),  # the clock is read here, at the edge, never in the renderer
        reference=answers_fingerprint(answers, book.content_hash),
        book=book,
        answers=answers,
        result=result,
    )
    pdf = render_pdf(report)
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        click.echo(f"{path}: cannot write the PDF ({exc.strerror})", err=True)
        sys.exit(1)
    click.echo(f"wrote {path} ({len(pdf):,} bytes)", err=True)


def _language(book: RuleBook, requested: str | None) -> str:
    if requested and requested not in book.languages:
        click.echo(
            f"language '{requested}' is not in this pack ({', '.join(book.languages)}); using {book.default_language}",
            err=True,
        )
        return book.default_language
    return requested or book.default_language


@main.command("rescore")
@click.argument("reference")
@click.option("--rules", "rules_path", type=click.Path(), required=True, help="The pack version to rescore on.")
@click.option("--json", "as_json", is_flag=True, help="Print the rescore and its drift as JSON.")
def rescore_command(reference: str, rules_path: str, as_json: bool) -> None:
    """Rescore a submitted assessment on another pack version, beside the original (which never changes)."""
    from flask import current_app

    from assessor.loading.packfiles import load_pack_with_files
    from assessor.loading.rulepack import RulePackError

    try:
        book, files = load_pack_with_files(Path(rules_path))
    except RulePackError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{rules_path}: the rule pack is not valid", err=True)
        sys.exit(1)
    try:
        _rescore(reference, book, files, as_json)
    finally:
        # The command's database connections are closed before the process moves on.
        from assessor.storage.db import session

        session().close()
        current_app.extensions["db_engine"].dispose()


def _rescore(reference: str, book: RuleBook, files: dict[str, str], as_json: bool) -> None:
    from sqlalchemy import select

    from assessor.records.live import pack_cache
    from assessor.records.packs import PackVersionClashError, store_pack
    from assessor.records.rescore import compare, rescore
    from assessor.storage.db import session
    from assessor.storage.models import Assessment

    db = session()
    try:
        version = store_pack(db, book, files)
    except PackVersionClashError as exc:
        click.echo(f"{exc}", err=True)
        sys.exit(1)
    assessment = db.scalars(select(Assessment).where(Assessment.reference == reference.strip().upper())).first()
    if assessment is None:
        click.echo(f"no assessment has the reference {reference!r}", err=True)
        sys.exit(1)
    if not assessment.is_submitted:
        click.echo(f"{assessment.reference} is a draft: only a submitted assessment can be rescored", err=True)
        sys.exit(1)
    row = rescore(db, pack_cache(), assessment, book, version.id)
    found = compare(db, pack_cache(), assessment, row)
    old, new = found.original.result, found.rescored.result
    if as_json:
        data = {
            "reference": assessment.reference,
            "original": {"rules": found.original.record.rules.model_dump(), "overall": old.overall._asdict()},
            "rescored": {"rules": found.rescored.record.rules.model_dump(), "overall": new.overall._asdict()},
            "drift": found.drift.as_dict(),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in _drift_lines(found.drift):
        click.echo(line)


def _drift_lines(drift: Any) -> list[str]:
    lines = [f"rescored on version {drift.new_version} (the original, on {drift.old_version}, is unchanged)"]
    for move in drift.moved:
        lines.append(f"{move.subject}: {move.old_level} ({move.old_score}) -> {move.new_level} ({move.new_score})")
    lines += [f"question added: {q}" for q in drift.questions_added]
    lines += [f"question removed: {q}" for q in drift.questions_removed]
    lines += [f"question renamed: {old} -> {new}" for old, new in drift.questions_renamed]
    lines += [f"points of {c.subject}: {c.old} -> {c.new}" for c in drift.points_changed]
    lines += [f"weight of {c.subject}: {c.old:g} -> {c.new:g}" for c in drift.weights_changed]
    lines += [f"threshold of level {c.subject}: {c.old} -> {c.new}" for c in drift.thresholds_changed]
    lines += [f"recommendation gained: {r}" for r in drift.recommendations_gained]
    lines += [f"recommendation lost: {r}" for r in drift.recommendations_lost]
    lines += [f"critical gap gained: {g}" for g in drift.gaps_gained]
    lines += [f"critical gap lost: {g}" for g in drift.gaps_lost]
    return lines


# The policy team's tools live in assessor.admin; registered here so `assessor` is still one command.
from assessor.admin.cli import rules_book, rules_diff, users  # noqa: E402
from assessor.admin.publish_cli import (  # noqa: E402
    rules_activate,
    rules_approve,
    rules_impact,
    rules_propose,
    rules_publish,
    rules_versions,
)

main.add_command(users)
rules.add_command(rules_book)
for _command in (rules_publish, rules_versions, rules_propose, rules_approve, rules_activate, rules_impact):
    rules.add_command(_command)
rules.add_command(rules_diff)
