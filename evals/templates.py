"""Templates rendered the way promptfoo renders them with nunjucks (src/evaluatorHelpers.ts, renderPrompt;
src/util/templates.ts, getNunjucksEngine). Jinja2 reads the same syntax; the differences that change an output
are reproduced: `dump` and `load`, values printed as JavaScript prints them, undefined vars empty, vars that
are templates themselves rendered first, and a prompt that is JSON re-written with two-space indentation."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any


def _dump(value: Any, spaces: int | None = None) -> str:
    """nunjucks' `dump`: JSON.stringify(value, null, spaces) — compact separators unless indented."""
    if spaces:
        return json.dumps(value, ensure_ascii=False, indent=spaces)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def js_string(value: Any) -> str:
    """How nunjucks prints a value: JavaScript's String() (a list joins with commas, null prints nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ",".join(js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


@lru_cache(maxsize=1)
def _jinja():
    from jinja2 import ChainableUndefined, Environment

    # nunjucks as promptfoo configures it: no autoescape, an undefined var renders empty, `dump` (built in)
    # and `load` (JSON.parse, added by promptfoo's getNunjucksEngine).
    env = Environment(undefined=ChainableUndefined, autoescape=False, keep_trailing_newline=True,
                      finalize=js_string)
    env.filters["dump"] = _dump
    env.filters["load"] = json.loads
    return env


def render(template: str, variables: dict[str, Any]) -> str:
    """A promptfoo `{{var}}` template, rendered the way its nunjucks engine renders it (Jinja2 reads the same
    syntax; `dump` and `load` behave as nunjucks' and promptfoo's)."""
    if "{{" not in template and "{%" not in template:
        return template
    return _jinja().from_string(template).render(**variables)


_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_PARTIAL_TAG = re.compile(r"({%[^%]*$|{{[^}]*$|{#[^#]*$)", re.M)
_TEMPLATE_VARS = re.compile(r"\{\{[\s]*([^{}\s|]+)[\s]*(?:\|[^}]+)?\}\}|\{%[\s]*(?:if|for)[\s]+([^{}\s]+)[\s]*.*?%\}")


def _wrap_partial(text: str) -> str:
    """promptfoo's autoWrapRawIfPartialNunjucks: text with an unclosed tag is not a template."""
    wrapped = re.search(r"{%\s*raw\s*%}", text) and re.search(r"{%\s*endraw\s*%}", text)
    return "{% raw %}" + text + "{% endraw %}" if _PARTIAL_TAG.search(text) and not wrapped else text


def _references_undefined(text: str, variables: dict[str, Any]) -> bool:
    for match in _TEMPLATE_VARS.finditer(re.sub(r"\{#[\s\S]*?#\}", "", text)):
        root = re.match(r"^([A-Za-z_]\w*)", match.group(1) or match.group(2) or "")
        if root and root.group(1) != "env" and variables.get(root.group(1)) is None:
            return True
    return False


def render_value(value: Any, variables: dict[str, Any]) -> Any:
    """Every string inside a value (lists and mappings too) rendered with the variables."""
    if isinstance(value, str):
        return render(value, variables)
    if isinstance(value, list):
        return [render_value(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: render_value(v, variables) for k, v in value.items()}
    return value


def render_prompt(template: str, variables: dict[str, Any]) -> str:
    """A prompt as promptfoo's renderPrompt makes it from its template and a test's vars."""
    values = {k: v[:-1] if isinstance(v, str) and v.endswith("\n") else v for k, v in variables.items()}
    for _ in range(5):  # resolveVariables: {{name}} inside a var's text, a few rounds deep
        changed = False
        for key, value in values.items():
            match = _PLACEHOLDER.search(value) if isinstance(value, str) else None
            if match and values.get(match.group(1)) is not None:
                values[key] = value.replace(match.group(0), js_string(values[match.group(1)]), 1)
                changed = True
        if not changed:
            break
    try:
        parsed = json.loads(template)
    except ValueError:
        parsed = None
    else:
        return json.dumps(render_value(parsed, values), ensure_ascii=False, indent=2)
    rendered = {k: render(_wrap_partial(v), values) if isinstance(v, str) and not _references_undefined(v, values)
                else v for k, v in values.items()}
    return render(_wrap_partial(template), rendered)
