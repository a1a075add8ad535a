"""Key helpers' tasks that fail or dawdle, importable by the helper's process (which runs them by name)."""

import time


def failing_derive(register_name: str, inputs: list) -> list:
    raise MemoryError(f"the helper ran out of memory on {len(inputs)} records of {register_name}")


def slow_ready(register_name: str) -> None:
    time.sleep(1.0)


def stuck_derive(register_name: str, inputs: list) -> list:
    time.sleep(3.0)
    raise RuntimeError("a helper that was stuck")
