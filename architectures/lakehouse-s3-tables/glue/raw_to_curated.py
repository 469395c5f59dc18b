"""Raw to curated: replaces, in one Iceberg commit, every day of the curated table that got new raw files.

Runs as an AWS Glue 5.0 Spark job (glueetl, Python 3.11). The stack passes every argument in
JOB_ARGUMENTS as a default job argument.

Layout it expects: s3://<raw bucket>/<dataset>/dt=YYYY-MM-DD/<files>, JSON lines or CSV with a
header. The crawler turns the dt=... folders into the partition column dt of the raw table.

Each run:
  1. reads the raw files that arrived since the last successful run (job bookmark "new_raw")
     and collects the days (dt values) they belong to;
  2. reads every raw file of those days, old and new, without the bookmark;
  3. replaces those days in the curated Apache Iceberg table in the S3 Tables table bucket with one
     commit (overwritePartitions): readers see the old days or the new days, never half of one, and
     the replaced snapshot stays available for time travel until S3 Tables expires it. The first run
     creates the table, partitioned by dt; a new column in raw is added to the table (mergeSchema);
  4. commits the bookmark.
A run that fails anywhere before step 4 leaves the bookmark where it was, so the next run
rebuilds the same days from raw again: re-running is always safe and never duplicates rows.

The helpers at the top have no Glue or Spark imports, so they can be tested with plain Python.
"""

import re
import sys

# Arguments the job needs; the stack sets each of them as a default argument (--name value).
JOB_ARGUMENTS = [
    "JOB_NAME",
    "raw_database",
    "raw_table",
    "curated_catalog",
    "curated_namespace",
    "curated_table",
]

PARTITION_COLUMN = "dt"
PARTITION_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalise_column(name):
    """Athena-friendly column name: lowercase letters, digits and underscores, not starting with a digit."""
    cleaned = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    if cleaned == "":
        raise ValueError(f"column {name!r} has no letters or digits to keep")
    if cleaned[0].isdigit():
        cleaned = f"c_{cleaned}"
    return cleaned


def normalised_columns(names):
    """Maps each original column name to its normalised name; fails when two collapse into one."""
    mapping = {}
    seen = {}
    for name in names:
        new = normalise_column(name)
        if new in seen:
            raise ValueError(f"columns {seen[new]!r} and {name!r} both become {new!r}; rename one at the source")
        seen[new] = name
        mapping[name] = new
    return mapping


def check_partition_column(names):
    """The raw table must have the dt partition column that the crawler derives from dt=YYYY-MM-DD folders."""
    if PARTITION_COLUMN not in names:
        raise ValueError(
            f"the raw table has no {PARTITION_COLUMN} column; put raw files under "
            f"<dataset>/{PARTITION_COLUMN}=YYYY-MM-DD/ folders so the crawler makes it a partition"
        )


def days_predicate(days):
    """The push-down predicate that selects the raw partitions of the given days, after checking each value."""
    for day in days:
        if not isinstance(day, str) or not PARTITION_VALUE.match(day):
            raise ValueError(f"partition value {day!r} is not YYYY-MM-DD; fix the raw folder name")
    if not days:
        raise ValueError("no days to select")
    quoted = ", ".join(f"'{day}'" for day in sorted(set(days)))
    return f"{PARTITION_COLUMN} in ({quoted})"


IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_]{0,254}$")


def table_identifier(catalog, namespace, table):
    """The Spark name of the curated table in the S3 Tables catalog, after checking each part."""
    for part in (catalog, namespace, table):
        if not isinstance(part, str) or not IDENTIFIER.match(part):
            raise ValueError(f"{part!r} is not a lowercase S3 Tables name")
    return f"{catalog}.{namespace}.{table}"


def main():
    # Glue and Spark exist only inside the Glue job runtime.
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    args = getResolvedOptions(sys.argv, JOB_ARGUMENTS)
    glue = GlueContext(SparkContext.getOrCreate())
    job = Job(glue)
    job.init(args["JOB_NAME"], args)

    # 1. New raw files since the last successful run, and the days they belong to.
    new_raw = glue.create_dynamic_frame.from_catalog(
        database=args["raw_database"], table_name=args["raw_table"], transformation_ctx="new_raw"
    ).toDF()
    if not new_raw.columns or new_raw.isEmpty():
        print("no new raw files since the last successful run")
        job.commit()
        return
    check_partition_column(new_raw.columns)
    days = [str(row[PARTITION_COLUMN]) for row in new_raw.select(PARTITION_COLUMN).distinct().collect()]
    predicate = days_predicate(days)
    print(f"rebuilding {len(days)} day(s): {predicate}")

    # 2. Every raw file of those days. A field seen with two types becomes a string.
    full = glue.create_dynamic_frame.from_catalog(
        database=args["raw_database"], table_name=args["raw_table"], push_down_predicate=predicate
    ).resolveChoice(choice="cast:string")
    df = full.toDF()
    for old, new in normalised_columns(df.columns).items():
        if old != new:
            df = df.withColumnRenamed(old, new)
    df = df.withColumn(PARTITION_COLUMN, df[PARTITION_COLUMN].cast("string"))

    # 3. Replace exactly those days in the Iceberg table, in one commit; create it on the first run.
    spark = glue.spark_session
    table = table_identifier(args["curated_catalog"], args["curated_namespace"], args["curated_table"])
    if spark.catalog.tableExists(table):
        df.writeTo(table).option("mergeSchema", "true").overwritePartitions()
    else:
        (
            df.writeTo(table)
            .using("iceberg")
            .partitionedBy(df[PARTITION_COLUMN])
            .tableProperty("format-version", "2")
            .tableProperty("write.spark.accept-any-schema", "true")
            .create()
        )

    # 4. Only now do the new raw files count as processed.
    job.commit()


if __name__ == "__main__":
    main()
