"""Performance and attrition predictions for candidates and recent hires."""
