"""Self-reported profiles (gender, age band, education) dealt by quota, conditional on the first outcome.

The seed decides a first interview's outcome before it makes the candidate, so a profile is dealt
from the pass or the fail side: each side has one quota per attribute, so every group's
first-interview pass rate is set by construction (within a draw or so). A role without `pass_factors` gets the same profile mix on both sides: no group
differences beyond one draw. A factor below 1 plants adverse impact on that group (the fairness audit
must find it); this module is the only place where outcome and demographics meet, and only in the
synthetic history.
"""

from __future__ import annotations

import random

from demo import pools
from demo.quota import Quota

ATTRIBUTES = ("gender", "age_band", "education")
Profile = tuple[str, str, str]


class ProfileDealer:
    def __init__(self, rng_for, age_bands: dict[str, float] | None = None,
                 pass_factors: dict[str, dict[str, float]] | None = None):
        self.weights = {"gender": dict(pools.GENDERS), "age_band": dict(age_bands or pools.AGE_BANDS),
                        "education": dict(pools.EDUCATION)}
        self.factors = {a: dict((pass_factors or {}).get(a, {})) for a in ATTRIBUTES}
        unknown = {a for a in (pass_factors or {}) if a not in ATTRIBUTES}
        if unknown:
            raise ValueError(f"pass factors for unknown attributes: {sorted(unknown)}")
        self._rng_for = rng_for
        self._quotas: dict[tuple, Quota] = {}

    def _quota(self, key: tuple) -> Quota:
        if key not in self._quotas:
            self._quotas[key] = Quota(self._rng_for(":".join(key)))
        return self._quotas[key]

    def _side_weights(self, attribute: str, side: str, pass_share: float) -> dict[str, float]:
        weights, factors = self.weights[attribute], self.factors[attribute]
        if not factors or side == "undisclosed":
            return weights
        # Group pass rate = c * factor, with c chosen so the role's overall pass share is unchanged.
        c = pass_share / sum(w * factors.get(g, 1.0) for g, w in weights.items())
        if side == "pass":
            return {g: w * c * factors.get(g, 1.0) for g, w in weights.items()}
        return {g: max(0.0, w * (1 - c * factors.get(g, 1.0))) for g, w in weights.items()}

    def deal(self, side: str, pass_share: float) -> Profile:
        """A profile for a candidate whose first interview passes (`side="pass"`), fails ("fail"), or who
        will not disclose ("undisclosed": the plain mix, dealt apart so it does not disturb the others)."""
        gender, age_band, education = (self._quota((side, attribute)).draw(
            self._side_weights(attribute, side, pass_share)) for attribute in ATTRIBUTES)
        return gender, age_band, education


def dealer_for(seed: int, role_key: str, age_bands=None, pass_factors=None) -> ProfileDealer:
    return ProfileDealer(lambda purpose: random.Random(f"{seed}:{role_key}:profile:{purpose}"),
                         age_bands=age_bands, pass_factors=pass_factors)
