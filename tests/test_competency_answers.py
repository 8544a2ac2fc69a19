"""The answer templates of the competency tools: they render from the results, and every number is grounded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from candor.db import get_engine
from candor.grounding import ungrounded_numbers
from prompts import render
from tests.competency_helpers import deps_for, fresh_copy, seed_template
from tests.conftest import NOW
from tools.competency.insights import SPEC as INSIGHTS
from tools.competency.monitoring import SPEC as MONITOR
from tools.competency.outcomes import SPEC as OUTCOME
from tools.competency.proposals import SPEC_DECIDE, SPEC_PROPOSE
from tools.competency.review import SPEC as REVIEW
from tools.prediction.attrition import SPEC as ATTRITION
from tools.prediction.predict import SPEC as PREDICT

TOOLS = {spec.name: spec for spec in (INSIGHTS, SPEC_PROPOSE, SPEC_DECIDE, OUTCOME, MONITOR, PREDICT, ATTRITION,
                                               REVIEW)}


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """Every competency tool's result on one private copy of the demo company, in call order."""
    directory = tmp_path_factory.mktemp("competency-answers")
    url = fresh_copy(seed_template(directory), directory)
    calls = [
        ("competency_insights", {"role": "Production Supervisor"}),
        ("competency_insights", {"role": "Field Technician"}),
        ("competency_insights", {"role": "Product R&D"}),
        ("competency_insights", {"role": "产品运营"}),
        ("competency_insights", {"role": "Sales Manager", "min_hires": 5000}),
        ("propose_competency_changes", {"role": "Production Supervisor", "questions": [
            {"text": "两名操作工在夜班拒绝合作，你会怎么处理？"}]}),
        ("propose_competency_changes", {"role": "Sales Manager", "min_hires": 5000}),
        ("decide_proposal", {"proposal_id": 1, "decision": "approve", "note": "strong evidence"}),
        ("propose_competency_changes", {"role": "Field Technician"}),
        ("review_proposals", {}),
        ("review_proposals", {"status": "all"}),
        ("decide_proposal", {"proposal_id": 2, "decision": "reject"}),
        ("review_proposals", {"proposal_id": 2}),
        ("review_proposals", {"status": "rejected", "role": "Sales Manager"}),
        ("proposal_outcome", {"proposal_id": 1}),
        ("monitor_competencies", {}),
        ("predict_performance", {"candidate": "1043"}),
        ("attrition_risk", {"role": "Product R&D"}),
        ("attrition_risk", {"role": "Production Supervisor"}),
        ("attrition_risk", {"candidate": "1043"}),
    ]
    out = []
    with Session(get_engine(url)) as session:
        for name, args in calls:
            out.append((name, args, TOOLS[name].call(deps_for(session), args).model_dump(mode="json")))
        # a prediction with a compensating strength, for the second-interview wording
        from tests.test_predict_performance import failed_candidates

        for external in failed_candidates(session, "production_supervisor"):
            result = PREDICT.call(deps_for(session), {"candidate": external}).model_dump(mode="json")
            if result["recommendation"] == "second_interview":
                out.append(("predict_performance", {"candidate": external}, result))
                break
        later = deps_for(session, now=NOW + timedelta(days=40))
        out.append(("proposal_outcome", {"role": "生产主管"},
                    OUTCOME.call(later, {"role": "生产主管"}).model_dump(mode="json")))
        session.commit()
    return out


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_number_in_every_answer_comes_from_the_result(answers, language):
    for name, args, result in answers:
        text = render(f"answers/{name}.{language}.j2", result=result)
        assert text.strip(), (name, args)
        assert ungrounded_numbers(text, [result]) == [], (name, args, text)
        assert "None" not in text and "{{" not in text, (name, args, text)


def test_answers_lead_with_the_finding(answers):
    def answer(name, language, **match):
        result = next(r for n, a, r in answers if n == name and all(a.get(k) == v for k, v in match.items()))
        return render(f"answers/{name}.{language}.j2", result=result)

    en = answer("competency_insights", "en", role="Production Supervisor")
    assert "team management matters more than its weight says**: r = 0.85 with production efficiency" in en
    assert "weighted 25% — below technical expertise 35%" in en
    assert "权重只有 25%，低于技术能力 35%" in answer("competency_insights", "zh", role="Production Supervisor")
    assert "had failed teamwork in their hiring interview" in answer("competency_insights", "en", role="Product R&D")
    assert "**Not enough data for a correlation yet.**" in answer("competency_insights", "en", role="Sales Manager")
    assert "数据还不足以计算相关性" in answer("competency_insights", "zh", role="Sales Manager")
    assert answer("propose_competency_changes", "en", role="Production Supervisor").startswith("**Proposal 1**")
    assert "批准方案 1" in answer("propose_competency_changes", "zh", role="Production Supervisor")
    assert "approved and applied" in answer("decide_proposal", "en", proposal_id=1)
    assert "已驳回" in answer("decide_proposal", "zh", proposal_id=2)
    waiting = answer("review_proposals", "en", status=None)
    assert waiting.startswith("**1 competency-weight proposal waiting for a decision**") and "approve proposal 2" in waiting
    assert "Field Technician" in waiting and "% →" in waiting
    assert "**方案 2**：一线技术，已驳回" in answer("review_proposals", "zh", proposal_id=2)
    assert "No competency-weight proposals rejected for Sales Manager" in answer("review_proposals", "en",
                                                                                 role="Sales Manager")
    assert "Model quality: trained on" in answer("predict_performance", "en", candidate="1043")
    assert "AUC" in answer("attrition_risk", "en", role="Product R&D")
    one = answer("attrition_risk", "en", candidate="1043")
    assert one.startswith("**C001043** (Product R&D Engineer, interview I0001050, hired as E000664)")
    assert "**Estimated risk of leaving: " in one
    assert "**预估离职概率：" in answer("attrition_risk", "zh", candidate="1043")
    flagged = [r for n, a, r in answers if n == "predict_performance" and r["recommendation"] == "second_interview"]
    assert flagged and "**Second interview recommended**" in render("answers/predict_performance.en.j2",
                                                                    result=flagged[0])
