"""--scheduler: extraction on a Dask cluster (an in-process LocalCluster) gives the same exports."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, run

distributed = pytest.importorskip("distributed")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = ("graph.ttl", "graph.trig", "graph.nt")


def test_dask_build_equals_local_build(tmp_path, extractor):
    local = run(BuildOptions(inputs=[SEEDS], out=tmp_path / "local", html=False, progress=False, cache=False,
                             formats=FORMATS))
    # threads in this process: the worker reuses the pipeline this session already loaded
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        dask = run(BuildOptions(inputs=[SEEDS], out=tmp_path / "dask", html=False, progress=False, cache=True,
                                scheduler=cluster.scheduler_address, formats=FORMATS))
        assert dask.files == 5 and not dask.problems
        # the cache works with the cluster too: nothing is sent the second time
        again = run(BuildOptions(inputs=[SEEDS], out=tmp_path / "dask", html=False, progress=False,
                                 scheduler=cluster.scheduler_address, formats=FORMATS))
        assert again.cached == 5
    for name in FORMATS:
        assert filecmp.cmp(tmp_path / "local" / name, tmp_path / "dask" / name, shallow=False), name
