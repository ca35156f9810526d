"""Rendering the build's outputs on both cores: a forked helper and this process take the next
output from one shared counter until none is left, each writing its files into the staging
folder. The heaviest outputs come first, so neither ends long after the other."""

from __future__ import annotations

import os
import signal
import traceback
from pathlib import Path
from typing import Callable, Protocol


class Renderable(Protocol):
    path: str

    def render(self) -> bytes: ...


class RenderError(RuntimeError):
    """The helper process failed: its traceback, for the bug report."""


def die_with_parent() -> None:
    """Linux: if the build is killed, a helper process must not go on writing into staging."""
    import ctypes
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _safe_to_fork() -> bool:
    """Only a single-threaded process forks safely: Typst compiles on a pool of native threads
    whose locks a child would inherit held (a second build in `styrdok serve`, a test run)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def render_all(outputs: list[Renderable], staging: Path, write: Callable[[Path, bytes], None]) -> None:
    import multiprocessing

    if len(outputs) < 2 or (os.cpu_count() or 1) < 2 or not _safe_to_fork():
        for output in outputs:
            write(staging / output.path, output.render())
        return
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    receiving, sending = context.Pipe(duplex=False)
    helper = context.Process(target=_helper, args=(outputs, staging, write, counter, sending), daemon=True)
    helper.start()
    sending.close()
    try:
        _take_turns(outputs, staging, write, counter)
        failure = receiving.recv() if receiving.poll(None) else "the helper process ended without a word"
    except EOFError:
        failure = "the helper process was killed"
    except BaseException:  # Ctrl-C or a failure here: the helper must not write on into staging
        helper.kill()
        helper.join()
        raise
    helper.join(timeout=60)
    if failure:
        raise RenderError(failure)


def _take_turns(outputs, staging: Path, write, counter) -> None:
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= len(outputs):
            return
        write(staging / outputs[index].path, outputs[index].render())


def _helper(outputs, staging: Path, write, counter, sending) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _take_turns(outputs, staging, write, counter)
        sending.send("")
    except BaseException:  # noqa: BLE001 - any failure goes back to the parent, which raises it
        sending.send(traceback.format_exc())
    finally:
        sending.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's inherited buffers
