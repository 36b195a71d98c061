"""Storage: SQLAlchemy 2 models, the database session, Alembic migrations."""
