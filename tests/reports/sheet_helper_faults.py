"""Sheet helpers' tasks that fail or dawdle, importable by the helper's process (which runs them by name)."""

import time


def failing_made(sheet, first: int, rows: list, path: str) -> tuple[int, int]:
    raise MemoryError(f"the helper ran out of memory on rows {first}..{first + len(rows) - 1} of {sheet.title}")


def slow_ready() -> None:
    time.sleep(1.0)


def stuck_made(sheet, first: int, rows: list, path: str) -> tuple[int, int]:
    time.sleep(3.0)
    raise RuntimeError("a helper that was stuck")


class FailingTally:
    """A data hash that fails in the helper on its first chunk (and would give a wrong hash if asked)."""

    def __init__(self, blocks, first: int = 1):
        pass

    def feed(self, first: int, rows) -> None:
        raise MemoryError(f"the helper's hash ran out of memory on rows {first}..{first + len(rows) - 1}")

    def result(self, manifest) -> str:
        return "0" * 64
