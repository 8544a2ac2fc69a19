"""Failure statistics through the real chat path: planner → LangChain agent → tool → database → answer."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from assistant.agent import Assistant, MessageError
from candor.db import get_engine
from candor.grounding import ungrounded_numbers
from candor.models import AuditEvent, Message
from candor.principal import Principal
from tests.conftest import make_settings

HR = Principal(id="ana", audience="hr_manager")


@pytest.fixture
def assistant(seeded_url):
    return Assistant(make_settings(seeded_url))


def only_call(turn, tool="failure_stats"):
    assert [c.tool for c in turn.tool_calls] == [tool], turn.tool_calls
    call = turn.tool_calls[0]
    assert call.error is None, call.error
    return call


@pytest.mark.parametrize("question", [
    "What is the AI interview failure rate for Marketing Planner over the last 3 months?",
    "市场策划近3个月的AI面试失败率是多少？主要原因是什么？",
    "marketing planner failure rate, past three months",
    "最近三个月市场策划岗位面试没通过的比例和原因",
])
def test_marketing_planner_last_quarter_is_found(assistant, question):
    turn = assistant.ask(HR, question)
    call = only_call(turn)
    result = call.result
    assert call.arguments["role"] == "marketing_planner"
    assert result["period"]["expression"] == "last 3 months"
    assert abs(result["failure_rate"] - 50) <= 5
    top = result["top_competencies"][0]
    assert top["competency"]["key"] == "event_execution"
    assert abs(top["share"] - 80) <= 5
    # The answer states the rate, the interviews behind it and the main reason's share.
    assert f"{result['failure_rate']}%" in turn.answer
    assert str(result["interviews"]) in turn.answer
    assert f"{top['share']}%" in turn.answer
    if turn.language == "zh":
        assert "活动执行能力" in turn.answer and "失败率" in turn.answer
    else:
        assert "event execution" in turn.answer


@pytest.mark.parametrize("question", ["What's the failure rate for Field Technician?",
                                      "一线技术的AI面试失败率是多少？",
                                      "How often do field techs fail the AI interview this year?"])
def test_field_technician_fails_mostly_on_troubleshooting(assistant, question):
    result = only_call(assistant.ask(HR, question)).result
    assert abs(result["failure_rate"] - 40) <= 5
    assert result["top_competencies"][0]["competency"]["key"] == "equipment_troubleshooting"


def test_follow_ups_keep_context(assistant):
    first = assistant.ask(HR, "What is the AI interview failure rate for Marketing Planner over the last 3 months?")
    cid = first.conversation_id

    sales = only_call(assistant.ask(HR, "And for Sales Manager?", cid))
    assert sales.arguments == {"role": "sales_manager", "period": "last 3 months"}
    assert sales.result["top_competencies"][0]["competency"]["key"] == "negotiation"

    gaps = assistant.ask(HR, "Only competency gaps", cid)
    call = only_call(gaps)
    assert call.arguments == {"role": "sales_manager", "period": "last 3 months", "category": "competency_gap"}
    assert [r["category"] for r in call.result["reasons"]] == ["competency_gap"]

    trend = assistant.ask(HR, "Show the monthly trend", cid)
    call = only_call(trend)
    assert call.arguments["category"] == "competency_gap"
    for point in call.result["trend"]:
        assert point["month"] in trend.answer

    zh = assistant.ask(HR, "那生产主管呢？", cid)
    call = only_call(zh)
    assert call.arguments["role"] == "production_supervisor"
    assert call.arguments["period"] == "last 3 months"
    assert zh.language == "zh" and "生产主管" in zh.answer


def test_memory_survives_a_restart(seeded_sqlite_url):
    first = Assistant(make_settings(seeded_sqlite_url)).ask(HR, "Failure rate for Field Technician last month?")
    restarted = Assistant(make_settings(seeded_sqlite_url))
    again = restarted.ask(HR, "And for Marketing Planner?", first.conversation_id)
    call = only_call(again)
    assert call.arguments == {"role": "marketing_planner", "period": "last month"}


def test_conversations_are_private(seeded_sqlite_url):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(HR, "Failure rate for Sales Manager?")
    with pytest.raises(Exception, match="belongs to another user"):
        assistant.ask(Principal(id="bob", audience="recruiter"), "And for Field Technician?", turn.conversation_id)


def test_unknown_role_suggests_the_closest(seeded_sqlite_url):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(HR, "What is the failure rate for Produciton Supervisor?")
    assert turn.tool_calls[0].error["error"] == "unknown_role"
    assert "Produciton Supervisor" in turn.answer
    assert turn.tool_calls[0].error["suggestions"][0]["key"] == "production_supervisor"
    assert "Did you mean Production Supervisor" in turn.answer
    zh = assistant.ask(HR, "数据科学家近3个月的面试失败率是多少？")
    assert zh.tool_calls[0].error["error"] == "unknown_role"
    assert "数据科学家" in zh.answer and "没有找到" in zh.answer


def test_not_understood_says_what_it_can_do(seeded_sqlite_url):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(HR, "Book me a flight to Berlin")
    assert turn.tool_calls == []
    assert "outside what I do" in turn.answer and "Marketing Planner" in turn.answer  # and what it can do
    zh = assistant.ask(HR, "帮我订一张机票")
    assert zh.tool_calls == [] and "超出了我的范围" in zh.answer


@pytest.mark.parametrize("question, named", [
    ("what's the ethnicity of C000318?", "ethnicity"),
    ("Pull the race and veteran self-ID answers for candidate 552", "ethnicity"),
    ("C000318的国籍是哪里", "国籍"),
    ("这位候选人信什么教？结婚了没有？", "宗教"),
    ("C000318是哪里人？", "籍贯"),
    ("whats C000318's linkedin? i want to message her myself", "social media"),
    ("does she have any health issues we should know about before we offer?", "health"),
])
def test_one_persons_private_details_are_declined_naming_what_is_private(seeded_sqlite_url, question, named):
    turn = Assistant(make_settings(seeded_sqlite_url)).ask(HR, question)
    assert turn.tool_calls == []  # nothing looked up
    assert named in turn.answer and ("C000318" not in turn.answer)


def test_empty_message_is_refused(seeded_sqlite_url):
    with pytest.raises(MessageError, match="empty"):
        Assistant(make_settings(seeded_sqlite_url)).ask(HR, "   ")


def test_every_tool_call_is_audited_and_stored(seeded_sqlite_url):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(HR, "Failure rate for Product Operations this quarter?")
    with Session(get_engine(seeded_sqlite_url)) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.conversation_id == turn.conversation_id)).all()
        kinds = [m.kind for m in session.exec(select(Message).where(Message.conversation_id == turn.conversation_id)
                                              .order_by(Message.seq))]
    assert [(e.action, e.outcome, e.principal_id) for e in events] == [("failure_stats", "ok", "ana")]
    assert events[0].arguments == {"role": "product_operations", "period": "this quarter"}
    assert kinds == ["human", "ai", "tool", "ai"]


QUESTIONS = [
    "What is the AI interview failure rate for Marketing Planner over the last 3 months?",
    "市场策划近3个月的AI面试失败率是多少？主要原因是什么？",
    "Which roles have the highest failure rate this quarter?",
    "Show the monthly trend for Field Technician since March",
    "Why is the Marketing Planner failure rate so high this quarter?",
    "销售经理今年的谈判能力失败情况",
    "Job match failures for Mechanical Design in the last 6 months",
    "产品研发去年的面试失败率和趋势",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_number_in_an_answer_comes_from_a_tool(assistant, question):
    turn = assistant.ask(HR, question)
    assert turn.tool_calls, "a statistics answer must rest on a tool call"
    results = [c.result or c.error for c in turn.tool_calls]
    assert ungrounded_numbers(turn.answer, results) == [], turn.answer


@pytest.mark.parametrize("question, note", [
    ("Sales Manager failure rate yesterday", "_Note: small sample: {n} interviews, so rates can swing widely._"),
    ("销售经理上周的失败率", "_注：样本较小：仅 {n} 场面试，比率可能大幅波动_"),
])
def test_a_note_on_the_figures_is_in_the_answers_language(assistant, question, note):
    turn = assistant.ask(HR, question)
    n = only_call(turn).result["interviews"]
    assert 1 < n < 20, turn.answer  # a small sample
    assert note.format(n=n) in turn.answer, turn.answer


@pytest.mark.parametrize("question, rows, headline", [
    ("What's the failure rate for Sales Manager this quarter, and is it rising?", "Month by month:", "interviews failed"),
    ("销售经理这个季度的失败率是不是越来越高了？", "月度趋势：", "场面试中"),
])
def test_asked_which_way_a_rate_moves_the_monthly_rows_lead(assistant, question, rows, headline):
    turn = assistant.ask(HR, question)
    only_call(turn)
    assert rows in turn.answer and turn.answer.index(rows) < turn.answer.index(headline), turn.answer


def test_a_running_question_holds_no_write_lock(tmp_path, seeded_sqlite_url):
    """Concurrent questions on SQLite must not queue behind each other's write lock."""
    import sqlite3
    import threading

    from tools.failure_stats import SPEC

    db = tmp_path / "copy.db"
    source = sqlite3.connect(seeded_sqlite_url.removeprefix("sqlite:///"))
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    assistant = Assistant(make_settings(f"sqlite:///{db}"))
    inside, release, wrote = threading.Event(), threading.Event(), []
    original = SPEC.func

    def slow(deps, args):
        inside.set()
        release.wait(10)
        return original(deps, args)

    def writer():
        inside.wait(10)
        conn = sqlite3.connect(db, timeout=0.2)
        try:
            conn.execute("BEGIN IMMEDIATE")  # fails with 'database is locked' if the question holds the lock
            conn.execute("UPDATE role SET pass_mark = pass_mark")
            conn.commit()
            wrote.append(True)
        finally:
            conn.close()
            release.set()

    object.__setattr__(SPEC, "func", slow)
    try:
        thread = threading.Thread(target=writer)
        thread.start()
        turn = assistant.ask(HR, "Failure rate for Sales Manager this quarter?")
        thread.join(10)
    finally:
        object.__setattr__(SPEC, "func", original)
    assert wrote == [True]
    assert turn.tool_calls[0].result["role"]["key"] == "sales_manager"
