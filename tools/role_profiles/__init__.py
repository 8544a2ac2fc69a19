"""Search of the role-profile knowledge index."""
