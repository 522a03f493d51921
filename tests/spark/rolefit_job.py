"""Score JSON Lines documents with rolefit on Apache Spark.

    spark-submit --files /path/to/rolefit rolefit_job.py INPUT OUTPUT [ROLEFIT_ARGS...]

INPUT is anything `sc.textFile` reads (a file, a folder, a glob; local, HDFS, S3) holding JSON
Lines of {"id", "text"}; OUTPUT is a folder of part files with one `rolefit scan` record per input
record, errors included as {"id", "error"} records. The rolefit binary is shipped to every executor
with --files (Spark puts it beside each task and keeps it executable); in a container image that
already holds it, set ROLEFIT=/usr/local/bin/rolefit instead (spark.executorEnv.ROLEFIT=... too).
Extra arguments go to rolefit, e.g. `--taxonomy my.json` (ship that file with --files as well and
name it by its base name).

The partitions are piped through one rolefit process each, in the style of `rdd.pipe`, but with the
binary located on the executor and a non-zero exit failing the task: rolefit runs with --errors-ok,
so only a real failure (a crash, a bad taxonomy) does.
"""
import os
import subprocess
import sys
import threading


def rolefit_partition(args):
    def run(records):
        from pyspark import SparkFiles

        binary = os.environ.get("ROLEFIT") or SparkFiles.get("rolefit")
        files = SparkFiles.getRootDirectory()
        # a shipped taxonomy is named by its base name: resolve it in the executor's files folder
        argv = [binary, "scan", "--jsonl", "--format", "jsonl", "-j", "1", "--errors-ok", "--quiet"]
        argv += [os.path.join(files, a) if os.path.exists(os.path.join(files, a)) and not a.startswith("-") else a
                 for a in args]
        p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        def feed():
            try:
                for r in records:
                    p.stdin.write(r.rstrip("\n").encode("utf-8") + b"\n")
            finally:
                p.stdin.close()

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        for line in p.stdout:
            yield line.rstrip(b"\n").decode("utf-8")
        t.join()
        if p.wait() != 0:
            raise RuntimeError("%s exited with %d" % (" ".join(argv), p.returncode))

    return run


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    from pyspark.sql import SparkSession

    inp, out, extra = argv[0], argv[1], argv[2:]
    spark = SparkSession.builder.appName("rolefit-scan").getOrCreate()
    sc = spark.sparkContext
    parts = int(os.environ.get("ROLEFIT_PARTITIONS", "0")) or sc.defaultParallelism
    sc.textFile(inp, minPartitions=parts).mapPartitions(rolefit_partition(extra)).saveAsTextFile(out)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
