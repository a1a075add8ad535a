"""Windows: a job object capping the current process's memory (ctypes; no pywin32)."""

from __future__ import annotations

import ctypes
from ctypes import c_int64, c_size_t, c_uint32, c_uint64, c_void_p

# winnt.h. A process in a job with JOB_OBJECT_LIMIT_PROCESS_MEMORY gets NULL from any allocation
# past the limit: Python raises MemoryError, a Rust parser aborts; either way only this worker ends.
JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400   # no Windows Error Reporting dialog waits
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
PROCESS_MEMORY_COUNTERS_SIZE = 72   # 64-bit PROCESS_MEMORY_COUNTERS


class IO_COUNTERS(ctypes.Structure):  # noqa: N801 - the Windows SDK's names
    _fields_ = [(name, c_uint64) for name in ("ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                                              "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):  # noqa: N801
    _fields_ = [("PerProcessUserTimeLimit", c_int64), ("PerJobUserTimeLimit", c_int64),
                ("LimitFlags", c_uint32), ("MinimumWorkingSetSize", c_size_t), ("MaximumWorkingSetSize", c_size_t),
                ("ActiveProcessLimit", c_uint32), ("Affinity", c_size_t), ("PriorityClass", c_uint32),
                ("SchedulingClass", c_uint32)]


class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):  # noqa: N801
    _fields_ = [("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION), ("IoInfo", IO_COUNTERS),
                ("ProcessMemoryLimit", c_size_t), ("JobMemoryLimit", c_size_t),
                ("PeakProcessMemoryUsed", c_size_t), ("PeakJobMemoryUsed", c_size_t)]


class PROCESS_MEMORY_COUNTERS(ctypes.Structure):  # noqa: N801
    _fields_ = [("cb", c_uint32), ("PageFaultCount", c_uint32), ("PeakWorkingSetSize", c_size_t),
                ("WorkingSetSize", c_size_t), ("QuotaPeakPagedPoolUsage", c_size_t),
                ("QuotaPagedPoolUsage", c_size_t), ("QuotaPeakNonPagedPoolUsage", c_size_t),
                ("QuotaNonPagedPoolUsage", c_size_t), ("PagefileUsage", c_size_t), ("PeakPagefileUsage", c_size_t)]


_job = None     # the job's handle, held for the process's life


def _last_error() -> int:
    return ctypes.get_last_error() if hasattr(ctypes, "get_last_error") else 0   # Windows only


def limit_information(ceiling: int) -> JOBOBJECT_EXTENDED_LIMIT_INFORMATION:
    info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
    info.BasicLimitInformation.LimitFlags = (JOB_OBJECT_LIMIT_PROCESS_MEMORY
                                             | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION)
    info.ProcessMemoryLimit = ceiling
    return info


def limit_current_process(ceiling: int, kernel32=None) -> None:
    """Put this process in a new job object whose per-process memory limit is `ceiling` bytes.

    Windows 8 and later allow a process already in a job (a terminal's, a CI runner's) to join
    another: the limits of both apply.
    """
    global _job
    if kernel32 is None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)   # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = c_void_p
    kernel32.CreateJobObjectW.argtypes = [c_void_p, c_void_p]
    kernel32.SetInformationJobObject.argtypes = [c_void_p, ctypes.c_int, c_void_p, c_uint32]
    kernel32.AssignProcessToJobObject.argtypes = [c_void_p, c_void_p]
    kernel32.GetCurrentProcess.restype = c_void_p
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        raise OSError(_last_error(), "CreateJobObjectW failed")
    info = limit_information(ceiling)
    if not kernel32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                            ctypes.addressof(info), ctypes.sizeof(info)):
        raise OSError(_last_error(), "SetInformationJobObject failed")
    if not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
        raise OSError(_last_error(), "AssignProcessToJobObject failed")
    _job = job


def peak_memory(psapi=None, kernel32=None) -> int:
    """This process's peak working set in bytes (0 if Windows does not say)."""
    if psapi is None:
        psapi = ctypes.WinDLL("psapi")   # type: ignore[attr-defined]
    if kernel32 is None:
        kernel32 = ctypes.WinDLL("kernel32")   # type: ignore[attr-defined]
    kernel32.GetCurrentProcess.restype = c_void_p
    psapi.GetProcessMemoryInfo.argtypes = [c_void_p, c_void_p, c_uint32]
    counters = PROCESS_MEMORY_COUNTERS()
    counters.cb = ctypes.sizeof(counters)
    if not psapi.GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.addressof(counters), counters.cb):
        return 0
    return counters.PeakWorkingSetSize
