"""Governance: access grants, legal hold, restriction, tombstones, transcript versions, PCI flag.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table("recordings") as batch:
        batch.add_column(_flag("legal_hold"))
        batch.add_column(sa.Column("legal_hold_ref", sa.String(128), nullable=True))
        batch.add_column(sa.Column("legal_hold_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("legal_hold_by", sa.String(36), nullable=True))
        batch.add_column(_flag("restricted"))
        batch.add_column(_flag("pci_stripped"))
        batch.create_index("ix_recordings_legal_hold", ["legal_hold"])
        batch.create_index("ix_recordings_restricted", ["restricted"])
    with op.batch_alter_table("artefacts") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True))
        batch.drop_constraint("recording_kind", type_="unique")
        batch.create_unique_constraint("recording_kind_version", ["recording_id", "kind", "version"])
    op.create_table(
        "access_requests",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("recording_id", sa.String(36), nullable=False),
        sa.Column("requester_id", sa.String(64), nullable=False),
        sa.Column("requester_role", sa.String(16), nullable=False),
        sa.Column("purpose", sa.String(64), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("art9_condition", sa.String(64), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["recording_id"], ["recordings.id"], ondelete="CASCADE",
                                name=op.f("fk_access_requests_recording_id_recordings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_requests")),
    )
    for col in ("tenant", "recording_id", "requester_id", "status", "expires_at"):
        op.create_index(op.f(f"ix_access_requests_{col}"), "access_requests", [col])
    op.create_table(
        "tombstones",
        sa.Column("recording_id", sa.String(36), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("request_ref", sa.String(36), nullable=True),
        sa.Column("purposes", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retention_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by", sa.String(64), nullable=False),
        sa.Column("original_sha256", sa.String(64), nullable=False),
        sa.Column("artefacts", sa.JSON(), nullable=False),
        sa.Column("special_category", sa.Boolean(), nullable=False),
        sa.Column("entity_counts", sa.JSON(), nullable=False),
        sa.Column("pending_keys", sa.JSON(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("recording_id", name=op.f("pk_tombstones")),
    )
    for col in ("tenant", "reason", "deleted_at"):
        op.create_index(op.f(f"ix_tombstones_{col}"), "tombstones", [col])
    op.create_table(
        "subject_restrictions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_restrictions")),
        sa.UniqueConstraint("tenant", "kind", "subject_hash", name="tenant_subject"),
    )
    op.create_index(op.f("ix_subject_restrictions_tenant"), "subject_restrictions", ["tenant"])
    op.create_index(op.f("ix_subject_restrictions_subject_hash"), "subject_restrictions",
                    ["subject_hash"])


def downgrade() -> None:
    op.drop_table("subject_restrictions")
    op.drop_table("tombstones")
    op.drop_table("access_requests")
    with op.batch_alter_table("artefacts") as batch:
        batch.drop_constraint("recording_kind_version", type_="unique")
        batch.create_unique_constraint("recording_kind", ["recording_id", "kind"])
        batch.drop_column("superseded_at")
        batch.drop_column("version")
    with op.batch_alter_table("recordings") as batch:
        batch.drop_index("ix_recordings_restricted")
        batch.drop_index("ix_recordings_legal_hold")
        for col in ("pci_stripped", "restricted", "legal_hold_by", "legal_hold_since",
                    "legal_hold_ref", "legal_hold"):
            batch.drop_column(col)
