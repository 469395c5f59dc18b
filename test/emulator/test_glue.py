import copy
from typing import Any

from support import StackTestCase

ROLE = "arn:aws:iam::123456789012:role/glue"
KEY = "arn:aws:kms:us-east-1:123456789012:key/abc"

DATABASE = {
    "Type": "AWS::Glue::Database",
    "Properties": {
        "CatalogId": {"Ref": "AWS::AccountId"},
        "DatabaseInput": {
            "Name": "raw",
            "Description": "raw files",
            "LocationUri": "s3://raw-bucket/",
            "CreateTableDefaultPermissions": [],
        },
    },
}
SECURITY = {
    "Type": "AWS::Glue::SecurityConfiguration",
    "Properties": {
        "Name": "sec",
        "EncryptionConfiguration": {
            "S3Encryptions": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KEY}],
            "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": KEY},
            "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": KEY},
        },
    },
}
CRAWLER = {
    "Type": "AWS::Glue::Crawler",
    "Properties": {
        "Name": "crawl",
        "Role": ROLE,
        "DatabaseName": {"Ref": "Database"},
        "Description": "crawls raw",
        "Targets": {"S3Targets": [{"Path": "s3://raw-bucket/events/", "Exclusions": ["**/_SUCCESS"]}]},
        "Schedule": {"ScheduleExpression": "cron(0 1 * * ? *)"},
        "SchemaChangePolicy": {"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"},
        "RecrawlPolicy": {"RecrawlBehavior": "CRAWL_NEW_FOLDERS_ONLY"},
        "Configuration": '{"Version":1}',
        "CrawlerSecurityConfiguration": {"Ref": "Security"},
        "Tags": {"team": "data"},
    },
}
JOB = {
    "Type": "AWS::Glue::Job",
    "Properties": {
        "Name": "etl",
        "Role": ROLE,
        "Command": {"Name": "glueetl", "PythonVersion": "3", "ScriptLocation": "s3://scripts/etl.py"},
        "DefaultArguments": {"--job-bookmark-option": "job-bookmark-enable"},
        "Description": "raw to curated",
        "ExecutionProperty": {"MaxConcurrentRuns": "1"},
        "GlueVersion": "5.0",
        "MaxRetries": "0",
        "NumberOfWorkers": 2,
        "WorkerType": "G.1X",
        "Timeout": "120",
        "SecurityConfiguration": {"Ref": "Security"},
        "Tags": {"team": "data"},
    },
}
WORKFLOW = {
    "Type": "AWS::Glue::Workflow",
    "Properties": {"Name": "ingest", "Description": "crawl then etl", "MaxConcurrentRuns": "1"},
}
SCHEDULE = {
    "Type": "AWS::Glue::Trigger",
    "Properties": {
        "Name": "nightly",
        "Type": "SCHEDULED",
        "Schedule": "cron(0 2 * * ? *)",
        "StartOnCreation": "true",
        "Actions": [{"CrawlerName": {"Ref": "Crawler"}}],
        "WorkflowName": {"Ref": "Workflow"},
    },
}
AFTER_CRAWL = {
    "Type": "AWS::Glue::Trigger",
    "Properties": {
        "Name": "after-crawl",
        "Type": "CONDITIONAL",
        "StartOnCreation": True,
        "Actions": [{"JobName": {"Ref": "Job"}, "Timeout": "60"}],
        "Predicate": {"Conditions": [{"LogicalOperator": "EQUALS", "CrawlerName": {"Ref": "Crawler"}, "CrawlState": "SUCCEEDED"}]},
        "WorkflowName": {"Ref": "Workflow"},
    },
}


def lake() -> dict[str, Any]:
    return copy.deepcopy(
        {
            "Database": DATABASE,
            "Security": SECURITY,
            "Crawler": CRAWLER,
            "Job": JOB,
            "Workflow": WORKFLOW,
            "Schedule": SCHEDULE,
            "AfterCrawl": AFTER_CRAWL,
        }
    )


OUTPUTS = {name: {"Value": {"Ref": name}} for name in lake()}


class GlueTest(StackTestCase):
    def test_refs_return_the_names(self) -> None:
        out = self.deploy(lake(), OUTPUTS)
        self.assertEqual(
            out,
            {
                "Database": "raw",
                "Security": "sec",
                "Crawler": "crawl",
                "Job": "etl",
                "Workflow": "ingest",
                "Schedule": "nightly",
                "AfterCrawl": "after-crawl",
            },
        )

    def test_creates_the_database_with_its_input(self) -> None:
        self.deploy(lake())
        db = self.client("glue").get_database(Name="raw")["Database"]
        self.assertEqual(db["Description"], "raw files")
        self.assertEqual(db["LocationUri"], "s3://raw-bucket/")
        self.assertEqual(db["CreateTableDefaultPermissions"], [])
        self.assertEqual(db["CatalogId"], "123456789012")

    def test_creates_the_security_configuration(self) -> None:
        self.deploy(lake())
        sc = self.client("glue").get_security_configuration(Name="sec")["SecurityConfiguration"]
        enc = sc["EncryptionConfiguration"]
        self.assertEqual(enc["S3Encryption"], [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": KEY}])
        self.assertEqual(enc["JobBookmarksEncryption"]["JobBookmarksEncryptionMode"], "CSE-KMS")
        self.assertEqual(enc["CloudWatchEncryption"]["KmsKeyArn"], KEY)

    def test_creates_the_crawler_with_its_targets_schedule_and_policies(self) -> None:
        self.deploy(lake())
        glue = self.client("glue")
        crawler = glue.get_crawler(Name="crawl")["Crawler"]
        self.assertEqual(crawler["Role"], ROLE)
        self.assertEqual(crawler["DatabaseName"], "raw")
        self.assertEqual(crawler["Targets"]["S3Targets"], [{"Path": "s3://raw-bucket/events/", "Exclusions": ["**/_SUCCESS"]}])
        self.assertEqual(crawler["Schedule"]["ScheduleExpression"], "cron(0 1 * * ? *)")
        self.assertEqual(crawler["RecrawlPolicy"], {"RecrawlBehavior": "CRAWL_NEW_FOLDERS_ONLY"})
        self.assertEqual(crawler["SchemaChangePolicy"], {"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"})
        self.assertEqual(crawler["CrawlerSecurityConfiguration"], "sec")
        arn = "arn:aws:glue:us-east-1:123456789012:crawler/crawl"
        self.assertEqual(glue.get_tags(ResourceArn=arn)["Tags"], {"team": "data"})

    def test_creates_the_job_with_numbers_as_numbers(self) -> None:
        self.deploy(lake())
        job = self.client("glue").get_job(JobName="etl")["Job"]
        self.assertEqual(job["Command"]["ScriptLocation"], "s3://scripts/etl.py")
        self.assertEqual(job["DefaultArguments"], {"--job-bookmark-option": "job-bookmark-enable"})
        self.assertEqual(job["ExecutionProperty"], {"MaxConcurrentRuns": 1})
        self.assertEqual(job["MaxRetries"], 0)
        self.assertEqual(job["Timeout"], 120)
        self.assertEqual(job["NumberOfWorkers"], 2)
        self.assertEqual(job["WorkerType"], "G.1X")
        self.assertEqual(job["GlueVersion"], "5.0")
        self.assertEqual(job["SecurityConfiguration"], "sec")

    def test_creates_the_workflow_and_its_triggers(self) -> None:
        self.deploy(lake())
        glue = self.client("glue")
        workflow = glue.get_workflow(Name="ingest")["Workflow"]
        self.assertEqual(workflow["Description"], "crawl then etl")
        self.assertEqual(workflow["MaxConcurrentRuns"], 1)
        nightly = glue.get_trigger(Name="nightly")["Trigger"]
        self.assertEqual(nightly["Type"], "SCHEDULED")
        self.assertEqual(nightly["Schedule"], "cron(0 2 * * ? *)")
        self.assertEqual(nightly["State"], "ACTIVATED")
        self.assertEqual(nightly["WorkflowName"], "ingest")
        self.assertEqual(nightly["Actions"], [{"CrawlerName": "crawl"}])
        after = glue.get_trigger(Name="after-crawl")["Trigger"]
        self.assertEqual(after["Actions"], [{"JobName": "etl", "Timeout": 60}])
        self.assertEqual(after["Predicate"]["Conditions"], [{"LogicalOperator": "EQUALS", "CrawlerName": "crawl", "CrawlState": "SUCCEEDED"}])

    def test_updates_the_database_and_workflow_in_place(self) -> None:
        self.deploy(lake())
        changed = lake()
        changed["Database"]["Properties"]["DatabaseInput"]["Description"] = "raw events"
        changed["Workflow"]["Properties"]["Description"] = "crawl, then etl"
        self.update(changed)
        glue = self.client("glue")
        self.assertEqual(glue.get_database(Name="raw")["Database"]["Description"], "raw events")
        self.assertEqual(glue.get_workflow(Name="ingest")["Workflow"]["Description"], "crawl, then etl")

    def test_replaces_the_crawler_job_and_trigger_on_change(self) -> None:
        self.deploy(lake())
        changed = lake()
        changed["Crawler"]["Properties"]["Schedule"] = {"ScheduleExpression": "cron(0 3 * * ? *)"}
        changed["Crawler"]["Properties"]["Tags"] = {}
        changed["Job"]["Properties"]["Timeout"] = 60
        changed["Schedule"]["Properties"]["Schedule"] = "cron(0 4 * * ? *)"
        self.update(changed)
        glue = self.client("glue")
        self.assertEqual(glue.get_crawler(Name="crawl")["Crawler"]["Schedule"]["ScheduleExpression"], "cron(0 3 * * ? *)")
        self.assertEqual(glue.get_tags(ResourceArn="arn:aws:glue:us-east-1:123456789012:crawler/crawl")["Tags"], {})
        self.assertEqual(glue.get_job(JobName="etl")["Job"]["Timeout"], 60)
        self.assertEqual(glue.get_trigger(Name="nightly")["Trigger"]["Schedule"], "cron(0 4 * * ? *)")

    def test_an_unnamed_job_keeps_its_generated_name_on_update(self) -> None:
        job = copy.deepcopy(JOB)
        del job["Properties"]["Name"]
        del job["Properties"]["SecurityConfiguration"]
        name = self.deploy({"Job": job}, {"Name": {"Value": {"Ref": "Job"}}})["Name"]
        job["Properties"]["Timeout"] = 30
        self.assertEqual(self.update({"Job": job}, {"Name": {"Value": {"Ref": "Job"}}})["Name"], name)
        self.assertEqual([j["Name"] for j in self.client("glue").get_jobs()["Jobs"]], [name])

    def test_deleting_the_stack_deletes_everything(self) -> None:
        self.deploy(lake())
        self.destroy()
        glue = self.client("glue")
        self.assertEqual(glue.get_databases()["DatabaseList"], [])
        self.assertEqual(glue.get_crawlers()["Crawlers"], [])
        self.assertEqual(glue.get_jobs()["Jobs"], [])
        self.assertEqual(glue.get_triggers()["Triggers"], [])
        self.assertEqual(glue.list_workflows()["Workflows"], [])
        self.assertEqual(glue.get_security_configurations()["SecurityConfigurations"], [])


TABLE = {
    "Type": "AWS::Glue::Table",
    "Properties": {
        "CatalogId": {"Ref": "AWS::AccountId"},
        "DatabaseName": {"Ref": "Database"},
        "TableInput": {
            "Name": "clicks",
            "TableType": "EXTERNAL_TABLE",
            "StorageDescriptor": {
                "Location": "s3://lake/clicks/",
                "Columns": [{"Name": "user_id", "Type": "string"}, {"Name": "ts", "Type": "timestamp"}],
            },
        },
        "OpenTableFormatInput": {"IcebergInput": {"MetadataOperation": "CREATE", "Version": "2"}},
    },
}


class TableTest(StackTestCase):
    def test_creates_an_iceberg_table_with_the_templates_columns_and_location(self) -> None:
        out = self.deploy({"Database": DATABASE, "Table": TABLE}, {"Name": {"Value": {"Ref": "Table"}}})
        self.assertEqual(out["Name"], "clicks")
        table = self.client("glue").get_table(DatabaseName="raw", Name="clicks")["Table"]
        self.assertEqual(table["Parameters"]["table_type"], "ICEBERG")
        self.assertEqual(table["StorageDescriptor"]["Location"], "s3://lake/clicks/")
        self.assertEqual([c["Name"] for c in table["StorageDescriptor"]["Columns"]], ["user_id", "ts"])

    def test_updates_the_columns_in_place_and_keeps_it_iceberg(self) -> None:
        self.deploy({"Database": DATABASE, "Table": TABLE})
        changed = copy.deepcopy(TABLE)
        changed["Properties"]["TableInput"]["StorageDescriptor"]["Columns"].append({"Name": "page", "Type": "string"})
        self.update({"Database": DATABASE, "Table": changed})
        table = self.client("glue").get_table(DatabaseName="raw", Name="clicks")["Table"]
        self.assertEqual([c["Name"] for c in table["StorageDescriptor"]["Columns"]], ["user_id", "ts", "page"])
        self.assertEqual(table["Parameters"]["table_type"], "ICEBERG")
        self.assertEqual(table["VersionId"], "2")

    def test_a_new_name_replaces_the_table(self) -> None:
        self.deploy({"Database": DATABASE, "Table": TABLE})
        renamed = copy.deepcopy(TABLE)
        renamed["Properties"]["TableInput"]["Name"] = "clicks_v2"
        self.update({"Database": DATABASE, "Table": renamed})
        names = [t["Name"] for t in self.client("glue").get_tables(DatabaseName="raw")["TableList"]]
        self.assertEqual(names, ["clicks_v2"])

    def test_deleting_the_stack_deletes_the_table(self) -> None:
        self.deploy({"Database": DATABASE, "Table": TABLE})
        self.destroy()
        self.assertEqual(self.client("glue").get_databases()["DatabaseList"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
