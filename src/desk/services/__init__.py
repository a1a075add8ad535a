"""Use cases a clerk performs, callable from the window, the CLI and tests. No Qt."""
