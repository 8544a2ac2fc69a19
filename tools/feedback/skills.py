"""Bilingual names for the required skills the role profiles list (job-match letters name them)."""

from __future__ import annotations

SKILL_NAMES: dict[str, tuple[str, str]] = {
    "hydraulics": ("hydraulics", "液压"),
    "electrical_maintenance": ("electrical maintenance", "电气维修"),
    "plc_basics": ("PLC basics", "PLC基础"),
    "campaign_planning": ("campaign planning", "营销活动策划"),
    "event_management": ("event management", "活动管理"),
    "copywriting": ("copywriting", "文案写作"),
    "marketing_analytics": ("marketing analytics", "营销数据分析"),
    "finite_element_analysis": ("finite-element analysis", "有限元分析"),
    "3d_modelling": ("3D modelling", "三维建模"),
    "engineering_drawing": ("engineering drawing", "工程制图"),
    "tolerance_analysis": ("tolerance analysis", "公差分析"),
    "user_research": ("user research", "用户研究"),
    "data_analysis": ("data analysis", "数据分析"),
    "content_operations": ("content operations", "内容运营"),
    "software_engineering": ("software engineering", "软件工程"),
    "system_design": ("system design", "系统设计"),
    "prototyping": ("prototyping", "原型设计"),
    "lean_manufacturing": ("lean manufacturing", "精益生产"),
    "people_management": ("people management", "人员管理"),
    "quality_control": ("quality control", "质量控制"),
    "b2b_sales": ("B2B sales", "B2B销售"),
    "negotiation": ("negotiation", "谈判"),
    "crm": ("CRM", "客户关系管理（CRM）"),
}


def skill_names(key: str) -> tuple[str, str]:
    """(English, Chinese) for a skill key; unknown keys read as words in both."""
    return SKILL_NAMES.get(key, (key.replace("_", " "), key.replace("_", " ")))
