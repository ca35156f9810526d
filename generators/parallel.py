"""Rendering the build's outputs on both cores: a forked helper starts on them while this process
still prepares the site, then both take the next output from one shared counter until none is
left, each writing its files into the staging folder. The heaviest outputs come first, so neither
ends long after the other."""

from __future__ import annotations

import contextlib
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
    """Linux: if the build is killed, a helper process must not go on writing into staging.
    A build killed between the fork and this call sends no signal: the helper, already an
    orphan, sees its parent gone and ends here."""
    import ctypes
    import multiprocessing
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)


NICENESS = 5
"""While MkDocs builds the site, which the build waits for last, three processes share two
cores: with the renderers at this niceness MkDocs keeps a core of its own (weight 1024 against
335 + 335) while they share the other, and they still get their part on a busy machine."""


def yield_to_the_site() -> None:
    """Render at NICENESS (never higher: `serve` builds again and again in one process)."""
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < NICENESS:
            os.setpriority(os.PRIO_PROCESS, 0, NICENESS)
    except (OSError, AttributeError):  # not allowed, or not on this system: the build is only slower
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


@contextlib.contextmanager
def born_deaf_to_ctrl_c():
    """Around the start of a child process: Ctrl-C in the moment after the fork, before the
    child has set up its own handling, would end it with a KeyboardInterrupt traceback (seen in
    Python's own after-fork code). The parent misses a Ctrl-C only within the fork itself."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread (serve rebuilds from a watcher): nothing to mask
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def rendering(outputs: list[Renderable], staging: Path, write: Callable[[Path, bytes], None]):
    """Render outputs on both cores while the caller goes on: a forked helper starts on them at
    once, and the join() this yields makes this process take turns with it until none is left.
    Leaving the block early (an error, Ctrl-C) stops the helper before it writes any further."""
    import multiprocessing

    if len(outputs) < 2 or (os.cpu_count() or 1) < 2 or not _safe_to_fork():
        def one_by_one() -> None:
            for output in outputs:
                write(staging / output.path, output.render())
        yield one_by_one
        return
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    receiving, sending = context.Pipe(duplex=False)
    helper = context.Process(target=_helper, args=(outputs, staging, write, counter, sending), daemon=True)
    with born_deaf_to_ctrl_c():
        helper.start()
    sending.close()

    def join() -> None:
        yield_to_the_site()
        _take_turns(outputs, staging, write, counter)
        try:
            failure = receiving.recv() if receiving.poll(None) else "the helper process ended without a word"
        except EOFError:
            failure = "the helper process was killed"
        helper.join(timeout=60)
        if failure:
            raise RenderError(failure)
    try:
        yield join
    finally:  # a no-op after join(); otherwise the helper must not write on into staging
        if helper.is_alive():
            helper.kill()
        helper.join()


def _take_turns(outputs, staging: Path, write, counter) -> None:
    """Render the next output nobody has taken, until none is left."""
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
    yield_to_the_site()
    try:
        _take_turns(outputs, staging, write, counter)
        sending.send("")
    except BaseException:  # noqa: BLE001 - any failure goes back to the parent, which raises it
        sending.send(traceback.format_exc())
    finally:
        sending.close()
        os._exit(0)  # no atexit handlers, no flushing of the parent's inherited buffers
