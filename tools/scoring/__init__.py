"""Interview scoring: input, media signals, rubric scoring, outcomes and the scoring job."""
