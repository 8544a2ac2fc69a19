"""The failure-statistics tool. Its computation lives in tools/shared/failures.py: reports build on it too."""

from tools.base import ToolSpec
from tools.shared.failures import FailureStatsArgs, FailureStatsResult, failure_stats

SPEC = ToolSpec(name="failure_stats", func=failure_stats, args_model=FailureStatsArgs,
                audiences=("hr_manager", "recruiter", "evaluator"))

__all__ = ["SPEC", "FailureStatsArgs", "FailureStatsResult", "failure_stats"]
