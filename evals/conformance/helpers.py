"""Python used by the conformance configs: transforms and context checks, called the same way by promptfoo
and by Candor's runner."""


def upper(output, context):
    """An output transform (assertion `transform` or `options.transform`)."""
    return output.upper()


def first_word(output, context):
    return output.split()[0] if output.split() else ""


def add_greeting(vars, context):
    """options.transformVars: returns vars to merge."""
    return {"greeting": "hello " + vars["name"]}


def sees_vars_and_prompt(output, context):
    """context has the vars, the rendered prompt, the test (with its description and metadata) and logProbs."""
    ok = (context["vars"]["question"] in context["prompt"] and context["test"]["description"] == "context keys"
          and context["test"]["metadata"]["topic"] == "ctx" and context.get("logProbs") is None)
    return {"pass": ok, "score": 1.0 if ok else 0.0, "reason": f"keys: {sorted(context)}"}


def config_threshold(output, context):
    """context['config'] is the assertion's config."""
    return len(output) >= context["config"]["min_length"]


def metadata_echo(output, context):
    """A CSV `__metadata:` column reaches test.metadata."""
    return context["test"]["metadata"]["expected"] in output
