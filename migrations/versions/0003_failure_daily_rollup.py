"""failure_daily: per-role, per-day rollup behind failure statistics

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: Union[str, None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "failure_daily",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("dim", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("gap_sum", sa.Float(), nullable=False),
        sa.Column("gap_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["role_id"], ["role.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "role_id", "dim", "key", name="uq_failure_daily"),
    )
    # Backfill from whatever is already there, so an upgraded database answers at once.
    from candor.rollup import rebuild_failure_daily

    rebuild_failure_daily(op.get_bind())


def downgrade() -> None:
    op.drop_table("failure_daily")
