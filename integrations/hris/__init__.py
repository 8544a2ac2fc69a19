"""HRIS import: people, interviews and performance from CSV or JSON files (docs/data-format.md)."""

from integrations.hris.importer import (
    FileSummary,
    ImportFailed,
    ImportSummary,
    import_paths,
)

__all__ = ["FileSummary", "ImportFailed", "ImportSummary", "import_paths"]
