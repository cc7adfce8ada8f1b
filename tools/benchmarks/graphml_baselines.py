#!/usr/bin/python3
"""Times networkx and igraph writing GraphML for the graph in FILE (read first,
not timed): the baselines for rabta's GraphML writer. Prints medians in ms.

    graphml_baselines.py FILE RUNS
"""
import os
import statistics
import sys
import tempfile
import time


def median_ms(runs, f):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    out = os.path.join(tempfile.mkdtemp(), "out.graphml")
    import networkx
    g = networkx.read_graphml(path)
    med, times = median_ms(runs, lambda: networkx.write_graphml(g, out))
    print(f"{'networkx ' + networkx.__version__ + ' write_graphml':<44} median {med:8.1f} ms"
          f"  (runs: {' '.join(f'{t:.0f}' for t in times)})")
    print(f"MS_NX {med:.3f}")
    import igraph
    h = igraph.Graph.Read_GraphML(path)
    try:
        med, times = median_ms(runs, lambda: h.write_graphml(out))
    except igraph.InternalError as e:  # igraph 0.10.2 rejects some Arabic-script bytes
        print(f"{'igraph ' + igraph.__version__ + ' write_graphml':<44} failed: {e}")
        print("MS_IG nan")
    else:
        print(f"{'igraph ' + igraph.__version__ + ' write_graphml':<44} median {med:8.1f} ms"
              f"  (runs: {' '.join(f'{t:.0f}' for t in times)})")
        print(f"MS_IG {med:.3f}")
    os.remove(out)


if __name__ == "__main__":
    main()
