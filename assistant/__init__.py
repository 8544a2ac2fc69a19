"""The agent: the embedded planner, providers, memory, the LangChain agent and the actions surfaces call."""
