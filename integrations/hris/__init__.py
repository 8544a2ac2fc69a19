"""HRIS import: people, interviews and performance from CSV, JSON, YAML or .xlsx files, through an optional
column mapping for a vendor's export (docs/data-format.md)."""

from integrations.hris.importer import (
    FileSummary,
    ImportFailed,
    ImportSummary,
    import_paths,
)

__all__ = ["FileSummary", "ImportFailed", "ImportSummary", "import_paths"]
