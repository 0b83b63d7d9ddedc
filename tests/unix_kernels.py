"""Kernels on Unix sockets, for every notebook a test runs (nbclient).

A kernel started over TCP picks free ports, closes them, and binds them again a moment
later; anything starting meanwhile (another kernel, a Jupyter server, a grading worker)
can take one, and the kernel dies with "ZMQError: Address already in use". Over Unix
sockets in a folder of its own, a kernel has nothing to race for.
"""
import os
import tempfile

from jupyter_client import AsyncKernelManager
from traitlets import default


class UnixSocketKernelManager(AsyncKernelManager):
    """A kernel whose five channels are Unix sockets in a fresh temporary folder."""

    @default("transport")
    def _transport_default(self):
        return "ipc"

    @default("ip")
    def _ip_default(self):
        return os.path.join(tempfile.mkdtemp(prefix="minigrad-kernel-"), "socket")

    def cleanup_ipc_files(self):
        super().cleanup_ipc_files()
        try:
            os.rmdir(os.path.dirname(self.ip))  # the folder is this kernel's alone
        except OSError:
            pass


def notebook_client(notebook, **options):
    """``nbclient.NotebookClient(notebook, **options)``, its kernel on Unix sockets (POSIX)."""
    from nbclient import NotebookClient
    if os.name == "posix":
        options.setdefault("kernel_manager_class", UnixSocketKernelManager)
    return NotebookClient(notebook, **options)
