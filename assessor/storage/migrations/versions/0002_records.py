"""Pack versions as data, answers as rows with history, results as typed submission records.

Existing assessments lose nothing: each JSON answer and evidence becomes a row (and a "migrated"
history entry); each stored result blob becomes an original submission record of schema version 1
(the `{"by_language": ...}` shape), which `assessor.records` upgrades when it reads it; each
(pack id, version, hash) an assessment names becomes a pack version whose files are filled in
the first time the app or the CLI loads that pack again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_old_assessment = sa.table(
    "assessment",
    sa.column("id", sa.Integer()),
    sa.column("answers", sa.JSON()),
    sa.column("evidence", sa.JSON()),
    sa.column("result", sa.JSON()),
    sa.column("rules_id", sa.String()),
    sa.column("rules_version", sa.String()),
    sa.column("rules_hash", sa.String()),
    sa.column("status", sa.String()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("submitted_at", sa.DateTime(timezone=True)),
    sa.column("pack_version_id", sa.Integer()),
)
_pack_version = sa.table(
    "pack_version",
    sa.column("id", sa.Integer()),
    sa.column("pack_id", sa.String()),
    sa.column("version", sa.String()),
    sa.column("content_hash", sa.String()),
    sa.column("files", sa.JSON()),
)
_answer = sa.table(
    "answer",
    sa.column("assessment_id", sa.Integer()),
    sa.column("question_id", sa.String()),
    sa.column("value", sa.JSON()),
    sa.column("evidence", sa.JSON()),
    sa.column("version", sa.Integer()),
    sa.column("changed_at", sa.DateTime(timezone=True)),
    sa.column("changed_by", sa.String()),
)
_answer_change = sa.table(
    "answer_change",
    sa.column("assessment_id", sa.Integer()),
    sa.column("question_id", sa.String()),
    sa.column("old_value", sa.JSON()),
    sa.column("new_value", sa.JSON()),
    sa.column("old_evidence", sa.JSON()),
    sa.column("new_evidence", sa.JSON()),
    sa.column("changed_at", sa.DateTime(timezone=True)),
    sa.column("changed_by", sa.String()),
    sa.column("note", sa.String()),
)
_record = sa.table(
    "submission_record",
    sa.column("id", sa.Integer()),
    sa.column("assessment_id", sa.Integer()),
    sa.column("pack_version_id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("schema_version", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)

MIGRATED = "migrated"


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "pack_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pack_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("files", sa.JSON(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("pack_id", "version", name="uq_pack_version_pack_id_version"),
    )
    op.create_table(
        "answer",
        sa.Column("assessment_id", sa.Integer(), sa.ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "answer_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assessment_id", sa.Integer(), sa.ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("old_evidence", sa.JSON(), nullable=True),
        sa.Column("new_evidence", sa.JSON(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("note", sa.String(40), nullable=True),
    )
    op.create_index("ix_answer_change_assessment_id", "answer_change", ["assessment_id"])
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(sa.Column("pack_version_id", sa.Integer(), nullable=True))
    op.create_table(
        "submission_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assessment_id", sa.Integer(), sa.ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False),
        sa.Column("pack_version_id", sa.Integer(), sa.ForeignKey("pack_version.id"), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("based_on_id", sa.Integer(), sa.ForeignKey("submission_record.id"), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_submission_record_assessment_id", "submission_record", ["assessment_id"])
    _move_data()
    with op.batch_alter_table("assessment") as batch:
        batch.alter_column("pack_version_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key("fk_assessment_pack_version_id", "pack_version", ["pack_version_id"], ["id"])
        for column in ("answers", "evidence", "result", "rules_id", "rules_version", "rules_hash"):
            batch.drop_column(column)


def _move_data() -> None:
    bind = op.get_bind()
    versions: dict[str, int] = {}
    taken: set[tuple[str, str]] = set()
    rows = bind.execute(sa.select(_old_assessment).order_by(_old_assessment.c.id)).mappings().all()
    for row in rows:
        key = row["rules_hash"]
        if key not in versions:
            version = row["rules_version"]
            if (row["rules_id"], version) in taken:
                # Old rows could name one version with two contents; a version is now unique per content.
                version = f"{version}+{key[:8]}"[:40]
            taken.add((row["rules_id"], version))
            versions[key] = bind.execute(
                sa.insert(_pack_version)
                .values(pack_id=row["rules_id"], version=version, content_hash=key, files=None)
                .returning(_pack_version.c.id)
            ).scalar_one()
        bind.execute(
            sa.update(_old_assessment).where(_old_assessment.c.id == row["id"]).values(pack_version_id=versions[key])
        )
        answers: dict[str, Any] = row["answers"] or {}
        evidence: dict[str, Any] = row["evidence"] or {}
        for qid in [*answers, *(q for q in evidence if q not in answers)]:
            value, item = answers.get(qid), evidence.get(qid)
            bind.execute(
                sa.insert(_answer).values(
                    assessment_id=row["id"],
                    question_id=qid,
                    value=value,
                    evidence=item,
                    version=1,
                    changed_at=row["updated_at"],
                    changed_by=MIGRATED,
                )
            )
            bind.execute(
                sa.insert(_answer_change).values(
                    assessment_id=row["id"],
                    question_id=qid,
                    old_value=None,
                    new_value=value,
                    old_evidence=None,
                    new_evidence=item,
                    changed_at=row["updated_at"],
                    changed_by=MIGRATED,
                    note=MIGRATED,
                )
            )
        if row["result"] is not None:
            bind.execute(
                sa.insert(_record).values(
                    assessment_id=row["id"],
                    pack_version_id=versions[key],
                    kind="original",
                    schema_version=1,
                    data=row["result"],
                    created_at=row["submitted_at"] or row["updated_at"],
                )
            )


def downgrade() -> None:
    """Revert this migration: answers back into JSON, the original record back into `result`."""
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(sa.Column("answers", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("evidence", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("result", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("rules_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("rules_version", sa.String(40), nullable=True))
        batch.add_column(sa.Column("rules_hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    packs = {row.id: row for row in bind.execute(sa.select(_pack_version))}
    for row in bind.execute(sa.select(_old_assessment.c.id, _old_assessment.c.pack_version_id)).all():
        answers: dict[str, Any] = {}
        evidence: dict[str, Any] = {}
        for answer in bind.execute(sa.select(_answer).where(_answer.c.assessment_id == row.id)).mappings():
            if answer["value"] is not None:
                answers[answer["question_id"]] = answer["value"]
            if answer["evidence"] is not None:
                evidence[answer["question_id"]] = answer["evidence"]
        original = bind.execute(
            sa.select(_record.c.data)
            .where(_record.c.assessment_id == row.id, _record.c.kind == "original")
            .order_by(_record.c.id)
        ).first()
        pack = packs[row.pack_version_id]
        bind.execute(
            sa.update(_old_assessment)
            .where(_old_assessment.c.id == row.id)
            .values(
                answers=answers,
                evidence=evidence,
                result=original.data if original is not None else None,
                rules_id=pack.pack_id,
                rules_version=pack.version.split("+")[0],
                rules_hash=pack.content_hash,
            )
        )
    with op.batch_alter_table("assessment") as batch:
        for column in ("answers", "evidence", "rules_id", "rules_version", "rules_hash"):
            batch.alter_column(
                column, existing_type=sa.JSON() if column in ("answers", "evidence") else sa.String(64), nullable=False
            )
        batch.drop_constraint("fk_assessment_pack_version_id", type_="foreignkey")
        batch.drop_column("pack_version_id")
    op.drop_index("ix_submission_record_assessment_id", table_name="submission_record")
    op.drop_table("submission_record")
    op.drop_index("ix_answer_change_assessment_id", table_name="answer_change")
    op.drop_table("answer_change")
    op.drop_table("answer")
    op.drop_table("pack_version")
