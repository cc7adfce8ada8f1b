"""Dask distributed over `rabta extract` shards, then `rabta merge`.

2,000 corpus articles are cut into 6 shards; a LocalCluster of two worker
processes (loopback only, no dashboard) runs `rabta extract -j 1` on each
shard, one task per shard, each writing its shard's facts file; `rabta merge`
stores the facts files in shard order and the graph must be byte for byte the
one `rabta build` makes of the same articles. One task kills its own worker
process (SIGKILL) on its first attempt, after writing the facts of part of its
shard: Dask runs the task again on a live worker, the new facts file replaces
the partial one, and the store must still be the build's, every article once.

Run by tests/scale/dask_test.sh. Exits 77 (skip) when `distributed` cannot be
imported (tools/install-deps --scale installs python3-distributed; with
RABTA_SCALE_ENGINES=required, as .ci/run sets, that fails instead) or the
shared corpus is absent; 0 when every check passed, 1 otherwise.
"""
import hashlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
N_SHARDS = 6
KILLED_SHARD = 2      # its first attempt kills its worker
KILL_AFTER = 100      # articles of that shard extracted before the kill
TIME_LIMIT = 170      # seconds for the whole test (about 20 alone); SIGALRM ends it past that


def extract_shard(rabta, shard, out, marker=None, partial_copy=None):
    """Runs on a worker: `rabta extract -j 1` with the shard on stdin, the facts
    written to `out`. With a marker, the first attempt (the one that creates
    the marker) extracts only the first KILL_AFTER articles into `out`, keeps a
    copy of that partial file, and SIGKILLs the worker process it runs in."""
    if marker is not None:
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.write(fd, f"{os.getpid()}\n".encode())
            os.close(fd)
            with open(shard, 'rb') as f:
                head = b''.join(itertools.islice(f, KILL_AFTER))
            with open(out, 'wb') as f:
                subprocess.run([rabta, 'extract', '-j', '1'], input=head, stdout=f,
                               stderr=subprocess.DEVNULL, timeout=60)
            shutil.copyfile(out, partial_copy)
            os.kill(os.getpid(), signal.SIGKILL)
    with open(shard, 'rb') as inp, open(out, 'wb') as f:
        r = subprocess.run([rabta, 'extract', '-j', '1'], stdin=inp, stdout=f,
                           stderr=subprocess.PIPE, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"rabta extract exited {r.returncode} on {shard}: "
                           f"{r.stderr.decode(errors='replace')[:300]}")
    with open(out, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {'shard': shard, 'pid': os.getpid(), 'sha256': digest}


def rabta_run(rabta, *args):
    return subprocess.run([rabta, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120)


def graph_of(rabta, db, tmp, name):
    """The GraphML export, the JSON export and the stats (less the database
    path) of a database, as bytes."""
    out = {}
    for fmt in ('graphml', 'json'):
        path = os.path.join(tmp, f"{name}.{fmt}")
        r = rabta_run(rabta, 'export', '--db', db, '--format', fmt, '-o', path)
        if r.returncode != 0:
            raise RuntimeError(f"export {fmt} of {db} exited {r.returncode}")
        with open(path, 'rb') as f:
            out[fmt] = f.read()
    r = rabta_run(rabta, 'stats', '--db', db)
    out['stats'] = b''.join(l for l in r.stdout.splitlines(True) if not l.startswith(b'database:'))
    return out


def report_counts(report):
    """The article counts of a run report, and how many problems it lists."""
    with open(report, encoding='utf-8') as f:
        r = json.load(f)
    return dict(r['articles'], problems=len(r['problems']))


def merge_and_compare(rabta, tmp, name, facts, reference):
    """Merges the facts files into a new database; returns the list of ways it
    is not the reference build (empty when it is): the merge failed, its
    report's article counts are not the build's (an article stored twice shows
    there, as a repeated copy or a skipped reused id), or the GraphML export,
    the JSON export or the stats differ."""
    db = os.path.join(tmp, f"{name}.db")
    report = os.path.join(tmp, f"{name}.report.json")
    r = rabta_run(rabta, 'merge', *facts, '--db', db, '-q', '--report', report)
    if r.returncode != 0:
        return [f"rabta merge exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}"]
    why = []
    counts = report_counts(report)
    if counts != reference['counts']:
        why.append(f"the report counts {counts}, the build's {reference['counts']}")
    got = graph_of(rabta, db, tmp, name)
    for part in ('graphml', 'json', 'stats'):
        if got[part] != reference[part]:
            why.append(f"{part} differs from the build's")
    return why


def articles_of(corpus):
    """2,000 articles, every id once, so that an article stored twice shows in
    the report: the COUNTER corpus and the first 800 of ha405. The same ones as
    tests/scale/parallel_test.sh."""
    lines = []
    with open(os.path.join(corpus, 'mirfan899-Urdu-COUNTER/counter.jsonl'), 'rb') as f:
        lines += f.readlines()
    with open(os.path.join(corpus, 'ha405-Urdu-News-Classification-with-ML/articles.jsonl'), 'rb') as f:
        lines += list(itertools.islice(f, 800))
    return lines


def run(rabta, corpus, tmp):
    import dask
    from distributed import Client, LocalCluster, wait

    failures = []
    lines = articles_of(corpus)
    if len(lines) != 2000:
        print(f"FAIL  expected 2000 articles, read {len(lines)}")
        return 1
    articles = os.path.join(tmp, 'articles.jsonl')
    with open(articles, 'wb') as f:
        f.writelines(lines)

    t = time.monotonic()
    report = os.path.join(tmp, 'build.report.json')
    r = rabta_run(rabta, 'build', articles, '--db', os.path.join(tmp, 'build.db'), '-q', '-j', '2',
                  '--report', report)
    if r.returncode != 0:
        print(f"FAIL  the reference build exited {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
        return 1
    reference = graph_of(rabta, os.path.join(tmp, 'build.db'), tmp, 'build')
    reference['counts'] = report_counts(report)
    want = dict(stored=2000, added=2000, changed=0, removed=0, unchanged=0, kept=0, skipped=0,
                repaired=0, repeated_copies=0, renamed=0, empty=0, problems=0)
    if reference['counts'] != want:
        print(f"FAIL  the reference build reports {reference['counts']}, expected {want}")
        return 1
    print(f"build: {len(lines)} articles ({time.monotonic() - t:.1f} s)")

    # Contiguous shards in input order, as equal as whole lines allow.
    os.makedirs(os.path.join(tmp, 'shards'))
    os.makedirs(os.path.join(tmp, 'facts'))
    shards, outs = [], []
    size = -(-len(lines) // N_SHARDS)
    for i in range(N_SHARDS):
        shard = os.path.join(tmp, 'shards', f"{i:02d}.jsonl")
        with open(shard, 'wb') as f:
            f.writelines(lines[i * size:(i + 1) * size])
        shards.append(shard)
        outs.append(os.path.join(tmp, 'facts', f"{i:02d}.facts.jsonl"))
    marker = os.path.join(tmp, 'killed.marker')
    partial = os.path.join(tmp, 'killed.partial.jsonl')

    t = time.monotonic()
    dask.config.set({
        'temporary-directory': os.path.join(tmp, 'dask'),
        # a worker that dies running a task marks the task suspicious; past
        # this many deaths the task fails instead of running again
        'distributed.scheduler.allowed-failures': 2,
        'distributed.comm.timeouts.connect': '20s',
    })
    cluster = client = None
    try:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               host='127.0.0.1', scheduler_port=0, dashboard_address=None,
                               memory_limit=0, local_directory=os.path.join(tmp, 'dask'))
        client = Client(cluster, timeout='30s')
        started = time.monotonic() - t
        workers = client.scheduler_info()['workers']
        if len(workers) != 2 or not all(a.startswith('tcp://127.0.0.1:') for a in workers):
            failures.append(f"cluster: workers {sorted(workers)}, expected two on tcp://127.0.0.1")
        futures = [
            client.submit(extract_shard, rabta, shard, out,
                          marker if i == KILLED_SHARD else None,
                          partial if i == KILLED_SHARD else None,
                          key=f"rabta-extract-{i:02d}", pure=False, retries=2)
            for i, (shard, out) in enumerate(zip(shards, outs))]
        done, pending = wait(futures, timeout=90)
        if pending:
            failures.append(f"dask: {len(pending)} of {len(futures)} tasks not done after 90 s")
            results = []
        else:
            results = client.gather(futures, errors='skip')
            for fut in futures:
                if fut.status != 'finished':
                    failures.append(f"dask: task {fut.key} {fut.status}: {fut.exception()!r}")
        print(f"dask: cluster up in {started:.1f} s, {len(results)} shards extracted "
              f"({time.monotonic() - t:.1f} s)")
    finally:
        if client is not None:
            client.close(timeout=20)
        if cluster is not None:
            cluster.close(timeout=20)
    if failures:
        for f in failures:
            print(f"FAIL  {f}")
        return 1

    # The kill happened, in a worker process, and the retry ran elsewhere.
    killed_pid = None
    if os.path.exists(marker):
        with open(marker) as f:
            killed_pid = int(f.read())
    retried = results[KILLED_SHARD]
    pids = {res['pid'] for res in results}
    if killed_pid is None or not os.path.exists(partial):
        failures.append("kill: the first attempt of the killed shard did not run")
    elif killed_pid == os.getpid() or killed_pid in pids:
        failures.append(f"kill: worker {killed_pid} ran a task after it was killed, or is this process")
    else:
        print(f"ok    kill: shard {KILLED_SHARD}'s first attempt killed worker {killed_pid} after "
              f"{KILL_AFTER} articles; rerun by worker {retried['pid']}")
    # the killed worker ran an attempt too; the survivor may have run every
    # other shard before the nanny's replacement worker came up
    ran = pids | ({killed_pid} if killed_pid is not None else set())
    if len(ran) < 2 or os.getpid() in ran:
        failures.append(f"dask: attempts ran in processes {sorted(ran)}, expected two or more "
                        f"workers, not this process ({os.getpid()})")
    with open(outs[KILLED_SHARD], 'rb') as f:
        if hashlib.sha256(f.read()).hexdigest() != retried['sha256']:
            failures.append("kill: the killed shard's facts file is not the one its retry wrote")

    why = merge_and_compare(rabta, tmp, 'dask', outs, reference)
    if why:
        failures.append("dask: the merged store is not the build's: " + "; ".join(why))
    else:
        print(f"ok    dask: {N_SHARDS} facts files written by {len(ran)} worker processes (one killed), "
              f"merged in shard order: same graph as the build")

    # The comparison can fail: the partial facts the killed attempt left, in
    # place of its shard's, do not give the build's store.
    why = merge_and_compare(rabta, tmp, 'partial',
                            outs[:KILLED_SHARD] + [partial] + outs[KILLED_SHARD + 1:], reference)
    if not why:
        failures.append("control: the killed attempt's partial facts gave the build's store")
    else:
        print(f"ok    control: with the killed attempt's partial facts the merge is not the build's: "
              f"{'; '.join(why)}")

    for f in failures:
        print(f"FAIL  {f}")
    return 1 if failures else 0


def main():
    rabta = os.environ.get('RABTA_BINARY')
    shared = os.environ.get('RABTA_SHARED_DIR')
    if not rabta or not shared:
        print("FAIL  RABTA_BINARY and RABTA_SHARED_DIR are set by meson test")
        return 1
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        why = (f"{sys.executable} cannot import distributed ({e}); "
               "tools/install-deps --scale installs python3-distributed")
        # .ci/run installed it: there a missing engine is a failure, not a skip
        if os.environ.get('RABTA_SCALE_ENGINES') == 'required':
            print(f"FAIL  {why}, and RABTA_SCALE_ENGINES=required")
            return 1
        print(f"SKIP: {why}")
        return SKIP
    corpus = os.path.join(shared, 'corpus')
    if not os.path.isdir(corpus):
        print(f"SKIP: no shared corpus at {corpus}")
        return SKIP
    rabta = os.path.abspath(rabta)

    def too_long(signum, frame):
        raise TimeoutError(f"the test ran past {TIME_LIMIT} s")
    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(TIME_LIMIT)
    tmp = tempfile.mkdtemp(prefix='rabta-dask-')
    t = time.monotonic()
    try:
        rc = run(rabta, corpus, tmp)
    except TimeoutError as e:
        print(f"FAIL  {e}")
        rc = 1
    finally:
        signal.alarm(0)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'all checks passed' if rc == 0 else 'failed'} ({time.monotonic() - t:.1f} s)")
    return rc


if __name__ == '__main__':
    sys.exit(main())
