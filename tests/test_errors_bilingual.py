"""Every error a tool raises reaches a Chinese user in Chinese: a `message_zh`, Chinese in the message itself, or a
branch of its own in the Chinese error template (never "抱歉，处理失败：" followed by English)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from assistant.agent import Assistant
from candor.principal import Principal
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _template_codes() -> set[str]:
    """The error codes the Chinese template words itself ({% if error.error == "x" %}, … in ("x", "y"))."""
    text = (ROOT / "prompts" / "answers" / "error.zh.j2").read_text(encoding="utf-8")
    codes = set(re.findall(r'error\.error == "(\w+)"', text))
    for group in re.findall(r"error\.error in \(([^)]*)\)", text):
        codes |= set(re.findall(r'"(\w+)"', group))
    return codes


def _strings(node: ast.AST) -> str:
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _untranslated() -> list[str]:
    worded = _template_codes()
    missing = []
    for path in sorted((ROOT / "tools").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ToolError" and node.args):
                continue
            code = node.args[0].value if isinstance(node.args[0], ast.Constant) else "?"
            said_in_chinese = (any(k.arg == "message_zh" for k in node.keywords)
                               or len(node.args) > 1 and CJK.search(_strings(node.args[1])))
            if not said_in_chinese and code not in worded:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {code}")
    return missing


def test_every_tool_error_has_chinese_words():
    assert _untranslated() == []


def test_the_scan_finds_an_error_without_chinese(tmp_path, monkeypatch):
    """The check above can fail: an error with English only is reported."""
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "x.py").write_text('raise ToolError("nope", "English only.")\n'
                                'raise ToolError("fine", "English.", message_zh="中文。")\n', encoding="utf-8")
    (tmp_path / "prompts" / "answers").mkdir(parents=True)
    (tmp_path / "prompts" / "answers" / "error.zh.j2").write_text('{% if error.error == "bad_period" %}{% endif %}',
                                                                  encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _untranslated() == ["tools/x.py:1 nope"]


def test_a_chinese_question_gets_its_error_in_chinese(seeded_sqlite_url):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(Principal(id="ana", audience="hr_manager"), "C999999 招进来做销售的话，预计绩效怎么样？")
    assert turn.tool_calls and turn.tool_calls[0].error, turn.answer
    assert "没有候选人" in turn.answer and "No candidate" not in turn.answer, turn.answer
