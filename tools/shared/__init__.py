"""What two or more capabilities share; capability packages never import each other."""
