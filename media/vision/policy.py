"""May Candor analyse this candidate's face? Only with recorded consent and where the deployment allows it."""

from __future__ import annotations

# EU member states and the EEA: the AI Act (Art. 5(1)(f)) prohibits emotion recognition in the workplace,
# hiring included, from February 2025.
EU_REGIONS = {"EU", "EEA", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE",
              "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"}

REASONS_ZH = {
    "policy_refuse": "部署策略（CANDOR_FACE_POLICY=refuse）关闭了面部分析。",
    "eu": "欧盟法规禁止在工作场景（包括招聘）中进行情绪识别，本部署（{region}）不做面部分析。",
    "no_region": "未设置部署地区（CANDOR_DEPLOYMENT_REGION），面部分析保持关闭；欧盟境内禁止此类分析。",
    "no_consent": "候选人没有同意面部分析，因此不做面部分析。",
    "allowed": "候选人已同意，且部署策略允许面部分析。",
}


def policy_allows(settings) -> tuple[bool, str, str]:
    """(allowed, reason, reason_zh) from CANDOR_FACE_POLICY and CANDOR_DEPLOYMENT_REGION alone."""
    region = (settings.deployment_region or "").strip().upper()
    if settings.face_policy == "refuse":
        return False, "face analysis is turned off by the deployment policy (CANDOR_FACE_POLICY=refuse)", \
            REASONS_ZH["policy_refuse"]
    if settings.face_policy == "allow":
        return True, "", ""
    if region in EU_REGIONS:
        return False, (f"face analysis is off in this deployment ({region}): EU law prohibits emotion recognition at "
                       "work, hiring included (AI Act Art. 5(1)(f))"), REASONS_ZH["eu"].format(region=region)
    if not region:
        return False, ("face analysis is off until CANDOR_DEPLOYMENT_REGION is set (it is prohibited in the EU); set "
                       "the region, or CANDOR_FACE_POLICY=allow where it is lawful"), REASONS_ZH["no_region"]
    return True, "", ""


def _consented(candidate) -> bool:
    if candidate is None:
        return False
    if isinstance(candidate, dict):
        return bool(candidate.get("consent_face_analysis"))
    return bool(getattr(candidate, "consent_face_analysis", False))


def face_allowed_zh(candidate, settings) -> tuple[bool, str, str]:
    """Like face_allowed, with the reason in Chinese as well."""
    if not _consented(candidate):
        return False, "the candidate has not consented to face analysis", REASONS_ZH["no_consent"]
    allowed, reason, reason_zh = policy_allows(settings)
    if not allowed:
        return False, reason, reason_zh
    return True, "the candidate consented and the deployment policy allows face analysis", REASONS_ZH["allowed"]


def face_allowed(candidate, settings) -> tuple[bool, str]:
    """True only when the candidate's consent is recorded AND the deployment policy allows it; else the reason."""
    allowed, reason, _ = face_allowed_zh(candidate, settings)
    return allowed, reason
