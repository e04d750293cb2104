"""Stage 7, scale: where the per-article work runs, and `briefer batch` (one JSON line per article).

Owns the engines that map a function over many articles in this process or on a Dask cluster with the
same bytes out (`engine`), the batch run (`batch`) and the progress count on stderr (`progress`).

May import: `briefer.sources`, `briefer.pipeline`, `briefer.render` and the stages before them.
"""
