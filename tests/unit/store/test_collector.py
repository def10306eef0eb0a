"""The cyclic garbage collector is paused inside ``collection_paused`` and restored after."""

from __future__ import annotations

import gc
import threading

import pytest

from slaworkbench.store.collector import collection_paused


def test_paused_inside_nested_and_across_threads_and_restored_after() -> None:
    assert gc.isenabled()
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collection_paused():
            entered.set()
            leave.wait(5)

    with collection_paused():
        assert not gc.isenabled()
        thread = threading.Thread(target=other)
        thread.start()
        assert entered.wait(5)
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still inside
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_when_it_was_off() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("import failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
