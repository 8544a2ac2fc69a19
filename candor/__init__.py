"""The core: models, settings, database, periods, principals, audit, jobs. Imports no other project package."""
