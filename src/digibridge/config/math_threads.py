"""One math-library thread per web request.

numpy's OpenBLAS starts as many threads as there are cores for a matrix product and keeps them
spinning for a while after each one, waiting for more work. In a web server every process
already runs several request threads, and several processes share the cores: the spinning
threads of one request take the CPU from the others (under load on two cores the CPU time per
request tripled). The web server therefore asks for one thread per math call; set the
variables yourself to override.
"""

from __future__ import annotations

import os

VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_request() -> None:
    """Must run before numpy is imported: the libraries read these variables when they load."""
    for name in VARIABLES:
        os.environ.setdefault(name, "1")
