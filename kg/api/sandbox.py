"""Take the network away from a query worker (defence in depth against SSRF).

Oxigraph answers ``SERVICE <iri>`` by making an HTTP request from the process that evaluates
the query. :mod:`kg.sparql_text` refuses such queries before they reach a worker; in addition,
unless the operator allows federated queries, each worker installs a seccomp filter that
makes ``socket(AF_INET | AF_INET6, …)`` fail with ``EACCES``, so even a query that slipped
past the guard cannot open a connection (or resolve a name). The worker keeps its pipe to the
server (already open, ``AF_UNIX``) and its store files.

The filter is installed with ``PR_SET_NO_NEW_PRIVS``, needs no privilege, and is inherited by
every thread the worker starts later (RocksDB's included). On kernels or architectures
without seccomp it is skipped and :func:`deny_network` says so.
"""

from __future__ import annotations

import ctypes
import platform
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_EACCES = 13
_AF_INET, _AF_INET6 = 2, 10
# BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_RET_K = 0x06
#: machine -> (AUDIT_ARCH_*, __NR_socket)
_ARCHES = {
    "x86_64": (0xC000003E, 41),
    "amd64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
    "arm64": (0xC00000B7, 198),
}


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _program(arch: int, nr_socket: int) -> bytes:
    def insn(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    return b"".join(
        [
            insn(_LD_W_ABS, 0, 0, 4),  # 0: A = seccomp_data.arch
            insn(_JEQ_K, 0, 5, arch),  # 1: other arch -> allow
            insn(_LD_W_ABS, 0, 0, 0),  # 2: A = seccomp_data.nr
            insn(_JEQ_K, 0, 3, nr_socket),  # 3: not socket() -> allow
            insn(_LD_W_ABS, 0, 0, 16),  # 4: A = args[0] (domain, low word)
            insn(_JEQ_K, 2, 0, _AF_INET),  # 5: AF_INET -> deny
            insn(_JEQ_K, 1, 0, _AF_INET6),  # 6: AF_INET6 -> deny
            insn(_RET_K, 0, 0, _SECCOMP_RET_ALLOW),  # 7
            insn(_RET_K, 0, 0, _SECCOMP_RET_ERRNO | _EACCES),  # 8
        ]
    )


def deny_network() -> str | None:
    """Forbid IPv4/IPv6 sockets in this process from now on.

    Returns:
        None when the filter is in place, else why it could not be installed.
    """
    arch = _ARCHES.get(platform.machine().lower())
    if arch is None:
        return f"no seccomp filter for {platform.machine()}"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as e:
        return f"libc unavailable: {e}"
    code = _program(*arch)
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_NO_NEW_PRIVS) failed: errno {ctypes.get_errno()}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        return f"prctl(PR_SET_SECCOMP) failed: errno {ctypes.get_errno()}"
    return None


__all__ = ["deny_network"]
