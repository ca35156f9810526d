"""Peak memory as Linux counts it for the current address space.

`getrusage(RUSAGE_SELF).ru_maxrss` is the wrong measure for a child process: the kernel carries
the parent's high-water mark across fork and exec, so a probe started from a pytest process that
once held 480 MB reports 480 MB whatever it did itself. VmHWM belongs to the address space, which
exec makes new, and writing 5 to clear_refs starts it again from the present size.
"""
from pathlib import Path

STATUS = Path("/proc/self/status")


def _status_kb(field: str) -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def peak_kb() -> int:
    """The most this process has held resident since it started or since `restart_peak`."""
    return _status_kb("VmHWM")


def resident_kb() -> int:
    return _status_kb("VmRSS")


def restart_peak() -> int:
    """Start counting the peak from now; returns the resident size it starts from (kB)."""
    Path("/proc/self/clear_refs").write_text("5")
    return resident_kb()


PROBE_PEAK = ("def _peak_kb():\n"
              "    for line in open('/proc/self/status'):\n"
              "        if line.startswith('VmHWM:'):\n"
              "            return int(line.split()[1])\n")
"""The same measure as source text, for probes that run in a process of their own."""
