"""Word pools for the demo company: names, backgrounds, claims, interview questions and quotes (en, zh).

Lists, never sets, so that picking from them is reproducible.
"""

from __future__ import annotations

CN_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
               ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
               ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
               ("罗", "Luo"), ("高", "Gao"), ("梁", "Liang"), ("宋", "Song"), ("郑", "Zheng"), ("谢", "Xie")]
CN_GIVEN = {
    "female": [("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"), ("艳", "Yan"),
               ("娟", "Juan"), ("秀英", "Xiuying"), ("雪", "Xue"), ("婷", "Ting"), ("欣怡", "Xinyi"),
               ("佳怡", "Jiayi"), ("梓萱", "Zixuan"), ("晓燕", "Xiaoyan"), ("慧", "Hui"), ("雨桐", "Yutong")],
    "male": [("伟", "Wei"), ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"),
             ("杰", "Jie"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("浩然", "Haoran"), ("宇轩", "Yuxuan"),
             ("俊杰", "Junjie"), ("晓东", "Xiaodong"), ("思远", "Siyuan"), ("子豪", "Zihao")],
}
EN_FIRST = {
    "female": ["Emma", "Olivia", "Sophia", "Grace", "Chloe", "Hannah", "Laura", "Emily", "Sarah", "Megan",
               "Priya", "Aisha", "Maria", "Lucy", "Zoe", "Nadia"],
    "male": ["James", "Oliver", "Daniel", "Thomas", "Lucas", "Ethan", "Samuel", "David", "Ryan", "Michael",
             "Arjun", "Omar", "Carlos", "Ben", "Noah", "Tomasz"],
}
EN_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Green", "Hall",
           "Patel", "Khan", "Garcia", "Nguyen", "Kim", "Murphy", "Clarke", "Lewis", "Young", "Novak"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]

GENDERS = {"female": 0.47, "male": 0.51, "non_binary": 0.02}
AGE_BANDS = {"18-24": 0.18, "25-34": 0.42, "35-44": 0.25, "45-54": 0.11, "55+": 0.04}
EXPERIENCE_BY_AGE = {"18-24": (0, 3), "25-34": (1, 10), "35-44": (5, 18), "45-54": (10, 28), "55+": (15, 35)}
EDUCATION = {"high_school": 0.06, "vocational": 0.14, "bachelor": 0.52, "master": 0.24, "doctorate": 0.04}

INDUSTRIES = ["manufacturing", "retail", "automotive", "energy", "logistics", "finance", "healthcare",
              "education", "consumer_goods", "telecom", "construction", "agriculture"]
INTERNET = "internet"

# Skills a candidate may list beyond the role's required skills.
EXTRA_SKILLS = {
    "marketing_planner": ["social_media", "brand_strategy", "seo", "video_editing", "public_relations"],
    "production_supervisor": ["six_sigma", "shift_scheduling", "erp", "kaizen", "inventory_management"],
    "product_operations": ["community_management", "a_b_testing", "sql", "customer_support", "growth_marketing"],
    "field_technician": ["welding", "pneumatics", "cmms", "preventive_maintenance", "electrical_safety"],
    "product_rnd": ["python", "c_plus_plus", "cloud_infrastructure", "agile", "test_automation"],
    "sales_manager": ["key_account_management", "cold_calling", "sales_forecasting", "presentation",
                      "contract_management"],
    "mechanical_design": ["cad_drafting", "materials_selection", "matlab", "manufacturing_processes", "gd_and_t"],
}
COMMON_SKILLS = ["excel", "project_management", "english", "presentation_skills"]
SKILL_NAMES = {"finite_element_analysis": "finite-element analysis", "3d_modelling": "3D modelling",
               "plc_basics": "PLC basics", "b2b_sales": "B2B sales", "crm": "CRM"}

PAST_ROLES = {
    "marketing_planner": [("Event Coordinator", "活动执行专员"), ("Marketing Assistant", "市场助理"),
                          ("Brand Specialist", "品牌专员"), ("Copywriter", "文案策划")],
    "production_supervisor": [("Shift Leader", "班组长"), ("Line Operator", "产线操作员"),
                              ("Quality Inspector", "质检员"), ("Process Engineer", "工艺工程师")],
    "product_operations": [("Content Operator", "内容运营"), ("Community Manager", "社群运营"),
                           ("User Growth Specialist", "用户增长专员"), ("Customer Success Associate", "客户成功专员")],
    "field_technician": [("Maintenance Technician", "维修技术员"), ("Electrician", "电工"),
                         ("Equipment Operator", "设备操作员"), ("Service Engineer", "售后服务工程师")],
    "product_rnd": [("Software Engineer", "软件工程师"), ("Embedded Developer", "嵌入式开发工程师"),
                    ("Test Engineer", "测试工程师"), ("Prototype Engineer", "样机工程师")],
    "sales_manager": [("Account Executive", "客户代表"), ("Sales Representative", "销售代表"),
                      ("Key Account Manager", "大客户经理"), ("Business Development Associate", "商务拓展专员")],
    "mechanical_design": [("CAD Designer", "CAD设计员"), ("Drafter", "制图员"),
                          ("Mechanical Engineer", "机械工程师"), ("Product Designer", "产品结构设计师")],
}
GENERIC_PAST_ROLES = [("Specialist", "专员"), ("Assistant", "助理"), ("Team Lead", "组长"), ("Coordinator", "协调员")]

# Claims candidates make about themselves; behaviour inconsistencies contradict one of them.
CLAIMS = {
    "pressure": ("I handle pressure well", "我抗压能力强"),
    "team_player": ("I'm a strong team player", "我团队协作能力强"),
    "on_time": ("I always deliver on time", "我总能按时交付"),
    "detail": ("I'm very detail-oriented", "我非常注重细节"),
}
CLAIM_KEYS = list(CLAIMS)
BEHAVIOUR_DETAILS = {
    "pressure": "claims to handle pressure well; {pauses} long pauses and filler rate {filler}% "
                "under the stress question",
    "team_player": "claims to be a strong team player; says 'I' {count} times and 'we' once about a team project "
                   "and blames colleagues for the delay",
    "on_time": "claims to always deliver on time; describes {count} missed deadlines across the project answers",
    "detail": "claims to be detail-oriented; corrects their own figures {count} times and skips the checklist step "
              "in the scenario answer",
}

QUESTIONS = {
    "en": "Tell me about a time your {name} made the difference. What did you do, and what was the result?",
    "zh": "请讲一个体现你{name}的具体经历：你做了什么，结果如何？",
}
SPECIFIC_QUESTIONS = {
    "event_execution": ("The venue cancels two days before a launch event. Walk me through your next 48 hours.",
                        "发布会前两天场地突然取消，请说说接下来48小时你会怎么做。"),
    "negotiation": ("A key buyer asks for 15% off or they walk. How do you handle the next meeting?",
                    "重要客户要求降价15%，否则就不合作。下一次谈判你会怎么做？"),
    "equipment_troubleshooting": ("Line 3 stops with an intermittent hydraulic fault. How do you find the cause?",
                                  "3号线出现间歇性液压故障停机，你如何找到原因？"),
    "finite_element_analysis": ("How would you check that a new bracket survives its peak load before prototyping?",
                                "在打样之前，你如何验证一个新支架能承受峰值载荷？"),
    "user_needs_insight": ("Our new users run small factories, not apps. How do you learn what they need?",
                           "我们的新用户是小工厂主，而不是App用户。你如何了解他们的需求？"),
    "teamwork": ("Tell me about a disagreement with a teammate on a technical decision.",
                 "讲一次你和队友在技术决策上意见不一致的经历。"),
    "team_management": ("Two operators on your shift refuse to work together. What do you do?",
                        "你班上两名操作工拒绝一起工作，你会怎么处理？"),
}

QUOTES = {
    "en": {
        "high": ["In my last job I owned {name} end to end and we hit every milestone.",
                 "I built a checklist for {name} that the whole team still uses.",
                 "When {name} went wrong, I traced the cause and fixed it within a day."],
        "mid": ["I have done some {name}, mostly with guidance from my lead.",
                "My {name} is solid on routine work; for complex cases I double-check."],
        "low": ["I haven't done much {name} myself; my manager usually handled it.",
                "For {name} I would probably ask a colleague what to do.",
                "I'm not sure how I would approach {name} in that situation."],
    },
    "zh": {
        "high": ["上一份工作中我全程负责{name}，每个节点都按时完成。", "我为{name}做了一份清单，现在整个团队都在用。",
                 "{name}出问题时，我一天内就找到原因并解决了。"],
        "mid": ["{name}我做过一些，主要是在主管指导下完成的。", "常规的{name}没问题，复杂情况我会再核对一遍。"],
        "low": ["{name}方面我经验不多，之前主要是主管负责。", "遇到{name}的问题，我可能会先问同事怎么做。",
                "我不太确定在那种情况下该怎么处理{name}。"],
    },
}
SPECIFIC_LOW_QUOTES = {
    "event_execution": (["The venue cancelled two days before and I had no backup plan.",
                         "We went over budget because I didn't track supplier changes."],
                        ["活动前两天场地取消了，我当时没有备用方案。", "因为没跟踪供应商变更，活动超了预算。"]),
    "negotiation": (["I usually offer a discount early so the client doesn't walk away.",
                     "When the buyer pushed on price, I matched the competitor's quote."],
                    ["我一般会早点给折扣，免得客户流失。", "客户压价时，我就按竞争对手的报价给了。"]),
    "equipment_troubleshooting": (["I'd replace parts one by one until the machine runs again.",
                                   "I'd call the vendor first; I can't read the PLC fault codes."],
                                  ["我会一个个换零件，直到机器能转起来。", "我会先打电话给厂家，PLC故障代码我看不懂。"]),
    "finite_element_analysis": (["I've only modelled parts in CAD; I've never run a simulation.",
                                 "Stress checks were done by another team; I just sent them the model."],
                                ["我只在CAD里建过模，没做过仿真分析。", "强度校核是别的团队做的，我只负责把模型发过去。"]),
    "user_needs_insight": (["Our users were young app users, so I mostly watched the DAU dashboard.",
                            "I'd run a growth campaign first and see what the data says."],
                           ["我们的用户主要是年轻的App用户，我主要看日活数据。", "我会先做一轮拉新活动，再看数据怎么说。"]),
    "teamwork": (["I prefer to work alone; meetings slow me down.",
                  "I rewrote my teammate's module because that was faster than explaining."],
                 ["我更喜欢独立工作，开会太耽误时间。", "我直接重写了同事的模块，比跟他解释快。"]),
}
TRANSCRIPT_OPENERS = {
    "en": ["Sure.", "Let me think.", "Good question.", "Okay, so,"],
    "zh": ["好的。", "让我想一下。", "这个问题很好。", "嗯，是这样的，"],
}
TRANSCRIPT_CLOSERS = {
    "en": ["That's roughly how I'd handle it.", "Looking back, I learned a lot from it.", "That's my answer."],
    "zh": ["大概就是这样处理的。", "回头看，我从中学到了很多。", "这就是我的回答。"],
}
