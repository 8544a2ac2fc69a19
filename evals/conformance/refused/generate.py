def tests(config=None):
    return [{'vars': {'question': 'hi'}}]
