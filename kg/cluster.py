"""Extraction on a Dask cluster: batches of files' bytes out to the workers, their facts back to the client.

The client (the machine running `kg build --scheduler tcp://HOST:8786`) lists and reads the
files, keeps the cache, and merges the facts into the graph; the workers only run
`kg.build.extract_batch`, so they need kg installed (the same version: the client refuses
results from a different `PIPELINE_VERSION`) but no access to the files. See docs/cluster.md.
"""

from __future__ import annotations

from kg.errors import KGError

__all__ = ["dask_submitter"]


def dask_submitter(scheduler, stack, lac: bool = False):
    """`(submit, workers)`: `submit(batch)` runs `extract_batch(batch)` on the cluster and
    returns its future; `workers` is the number of worker threads, to size the batches.

    `scheduler` is an address (`tcp://10.0.0.5:8786`; the client is closed with `stack`) or a
    `distributed.Client` already connected (a `LocalCluster` in tests and notebooks)."""
    try:
        from distributed import Client
    except ImportError:
        raise KGError("--scheduler needs Dask's distributed package: pip install 'kg[cluster]'") from None
    from kg.build import extract_batch

    if isinstance(scheduler, str):
        try:
            client = stack.enter_context(Client(scheduler, timeout="30s"))
        except (OSError, TimeoutError) as exc:
            raise KGError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; "
                          "start one with `dask scheduler` and workers with `dask worker ADDRESS`") from None
    else:
        client = scheduler
    workers = max(1, sum(client.nthreads().values()))

    def submit(batch):
        # pure=False: two batches with equal bytes are still two tasks (their sources differ anyway)
        return client.submit(extract_batch, batch, lac, pure=False)

    return submit, workers
