"""Roles described instead of named, on descriptions written apart from the matcher's calibration phrases
(both languages), and jobs the company does not have: those must never get another role's figures."""

from __future__ import annotations

import pytest

from knowledge.role_finder import find_role

DESCRIBED = {
    "en": [
        ("the engineers who model parts and run stress simulations", "mechanical_design"),
        ("people who close deals with big accounts", "sales_manager"),
        ("the staff who go out to customer sites to repair broken equipment", "field_technician"),
        ("those who organise our product launch events and campaigns", "marketing_planner"),
        ("the people who lead shifts on the factory floor", "production_supervisor"),
        ("the folks who build new products in the lab", "product_rnd"),
        ("people who look after users and grow engagement of our app", "product_operations"),
        ("the ones negotiating prices with clients", "sales_manager"),
    ],
    "zh": [
        ("负责上门修设备的师傅", "field_technician"),
        ("做机械结构设计和仿真分析的工程师", "mechanical_design"),
        ("跑客户、谈合同的销售", "sales_manager"),
        ("策划线下活动和推广的同事", "marketing_planner"),
        ("管车间生产班组的人", "production_supervisor"),
        ("搞新产品开发的研发人员", "product_rnd"),
        ("做用户运营和社群的人", "product_operations"),
        ("带团队跑销售业绩的经理", "sales_manager"),
    ],
}
NOT_HERE = {"en": ["the people who drive our delivery trucks", "nurses on the night ward",
                   "the lawyers who review our contracts", "people who cook in the staff canteen"],
            "zh": ["开卡车的人", "管仓库的人", "做财务报销的人", "公司食堂做饭的师傅", "送外卖的骑手"]}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_described_roles_are_found_on_unseen_descriptions(language):
    cases = DESCRIBED[language]
    right = [text for text, key in cases if find_role(text).role_key == key]
    wrong = [(text, find_role(text).role_key) for text, key in cases if find_role(text).role_key not in (key, None)]
    # Measured when this set was written: en 3/8, zh 4/8 found; the rest are too close to call and get the ranked
    # suggestions ("did you mean…"). A regression below that, or any description taken for a different role,
    # fails.
    assert len(right) >= {"en": 3, "zh": 4}[language], (language, right)
    assert wrong == [], wrong


@pytest.mark.parametrize("language", ["en", "zh"])
def test_jobs_the_company_does_not_have_get_no_role(language):
    taken = [(text, find_role(text).role_key) for text in NOT_HERE[language] if find_role(text).role_key]
    assert taken == []
