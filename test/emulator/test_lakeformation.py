import copy
from typing import Any

from support import StackTestCase

ACCOUNT = "123456789012"
DEPLOYER = f"arn:aws:iam::{ACCOUNT}:role/deployer"
ADMIN = f"arn:aws:iam::{ACCOUNT}:role/admin"
JOB_ROLE = f"arn:aws:iam::{ACCOUNT}:role/job"
DATA_ROLE = f"arn:aws:iam::{ACCOUNT}:role/data-access"
BUCKET = "arn:aws:s3:::curated-bucket"

SETTINGS = {
    "Type": "AWS::LakeFormation::DataLakeSettings",
    "Properties": {"Admins": [{"DataLakePrincipalIdentifier": DEPLOYER}], "MutationType": "APPEND"},
}
LOCATION = {
    "Type": "AWS::LakeFormation::Resource",
    "Properties": {"ResourceArn": BUCKET, "RoleArn": DATA_ROLE, "UseServiceLinkedRole": "false", "HybridAccessEnabled": False},
}
DATABASE_GRANT = {
    "Type": "AWS::LakeFormation::PrincipalPermissions",
    "Properties": {
        "Permissions": ["CREATE_TABLE", "DESCRIBE"],
        "PermissionsWithGrantOption": [],
        "Principal": {"DataLakePrincipalIdentifier": JOB_ROLE},
        "Resource": {"Database": {"CatalogId": {"Ref": "AWS::AccountId"}, "Name": "curated"}},
    },
}
TABLES_GRANT = {
    "Type": "AWS::LakeFormation::PrincipalPermissions",
    "Properties": {
        "Permissions": ["SELECT", "DESCRIBE"],
        "PermissionsWithGrantOption": [],
        "Principal": {"DataLakePrincipalIdentifier": JOB_ROLE},
        "Resource": {"Table": {"CatalogId": {"Ref": "AWS::AccountId"}, "DatabaseName": "curated", "TableWildcard": {}}},
    },
}
LOCATION_GRANT = {
    "Type": "AWS::LakeFormation::PrincipalPermissions",
    "Properties": {
        "Permissions": ["DATA_LOCATION_ACCESS"],
        "PermissionsWithGrantOption": [],
        "Principal": {"DataLakePrincipalIdentifier": JOB_ROLE},
        "Resource": {"DataLocation": {"CatalogId": {"Ref": "AWS::AccountId"}, "ResourceArn": BUCKET}},
    },
    "DependsOn": ["Location"],
}


def lake() -> dict[str, Any]:
    return copy.deepcopy(
        {
            "Settings": SETTINGS,
            "Location": LOCATION,
            "DatabaseGrant": DATABASE_GRANT,
            "TablesGrant": TABLES_GRANT,
            "LocationGrant": LOCATION_GRANT,
        }
    )


class LakeFormationTest(StackTestCase):
    def admins(self) -> list[str]:
        settings = self.client("lakeformation").get_data_lake_settings()["DataLakeSettings"]
        return [a["DataLakePrincipalIdentifier"] for a in settings["DataLakeAdmins"]]

    def grants(self) -> list[dict[str, Any]]:
        return self.client("lakeformation").list_permissions()["PrincipalResourcePermissions"]

    def test_appends_the_admins_and_changes_no_other_setting(self) -> None:
        lf = self.client("lakeformation")
        lf.put_data_lake_settings(DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": ADMIN}]})
        before = lf.get_data_lake_settings()["DataLakeSettings"]
        out = self.deploy(lake(), {"Id": {"Value": {"Ref": "Settings"}}, "GetAttId": {"Value": {"Fn::GetAtt": ["Settings", "Id"]}}})
        self.assertEqual(out["Id"], out["GetAttId"])
        self.assertEqual(self.admins(), [ADMIN, DEPLOYER])
        after = lf.get_data_lake_settings()["DataLakeSettings"]
        self.assertEqual({k: v for k, v in after.items() if k != "DataLakeAdmins"}, {k: v for k, v in before.items() if k != "DataLakeAdmins"})

    def test_deleting_the_settings_takes_out_only_the_appended_admins(self) -> None:
        lf = self.client("lakeformation")
        lf.put_data_lake_settings(DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": ADMIN}]})
        self.deploy(lake())
        self.destroy()
        self.assertEqual(self.admins(), [ADMIN])

    def test_an_admin_already_there_stays_after_delete(self) -> None:
        lf = self.client("lakeformation")
        lf.put_data_lake_settings(DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": DEPLOYER}]})
        self.deploy({"Settings": copy.deepcopy(SETTINGS)})
        self.assertEqual(self.admins(), [DEPLOYER])
        self.destroy()
        self.assertEqual(self.admins(), [DEPLOYER])

    def test_replace_sets_the_admins_and_trusted_owners(self) -> None:
        lf = self.client("lakeformation")
        lf.put_data_lake_settings(DataLakeSettings={"DataLakeAdmins": [{"DataLakePrincipalIdentifier": ADMIN}]})
        settings = copy.deepcopy(SETTINGS)
        settings["Properties"] = {
            "Admins": [{"DataLakePrincipalIdentifier": DEPLOYER}],
            "TrustedResourceOwners": ["111111111111"],
            "AllowExternalDataFiltering": "true",
        }
        self.deploy({"Settings": settings})
        after = lf.get_data_lake_settings()["DataLakeSettings"]
        self.assertEqual(self.admins(), [DEPLOYER])
        self.assertEqual(after["TrustedResourceOwners"], ["111111111111"])
        self.assertIs(after["AllowExternalDataFiltering"], True)

    def test_updates_the_appended_admins(self) -> None:
        self.deploy(lake())
        changed = lake()
        changed["Settings"]["Properties"]["Admins"].append({"DataLakePrincipalIdentifier": ADMIN})
        self.update(changed)
        self.assertEqual(self.admins(), [DEPLOYER, ADMIN])
        changed["Settings"]["Properties"]["Admins"] = [{"DataLakePrincipalIdentifier": ADMIN}]
        self.update(changed)
        self.assertEqual(self.admins(), [ADMIN])

    def test_registers_the_location_with_its_role(self) -> None:
        out = self.deploy(lake(), {"Ref": {"Value": {"Ref": "Location"}}, "Id": {"Value": {"Fn::GetAtt": ["Location", "Id"]}}})
        self.assertEqual(out, {"Ref": BUCKET, "Id": BUCKET})
        info = self.client("lakeformation").describe_resource(ResourceArn=BUCKET)["ResourceInfo"]
        self.assertEqual(info["RoleArn"], DATA_ROLE)

    def test_a_location_on_the_service_linked_role(self) -> None:
        location = copy.deepcopy(LOCATION)
        location["Properties"] = {"ResourceArn": BUCKET, "UseServiceLinkedRole": True}
        self.deploy({"Location": location})
        info = self.client("lakeformation").describe_resource(ResourceArn=BUCKET)["ResourceInfo"]
        self.assertTrue(info["RoleArn"].endswith(":role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess"))

    def test_grants_the_permissions(self) -> None:
        out = self.deploy(
            lake(),
            {
                "Ref": {"Value": {"Ref": "DatabaseGrant"}},
                "Principal": {"Value": {"Fn::GetAtt": ["DatabaseGrant", "PrincipalIdentifier"]}},
                "Resource": {"Value": {"Fn::GetAtt": ["DatabaseGrant", "ResourceIdentifier"]}},
            },
        )
        self.assertEqual(out["Principal"], JOB_ROLE)
        self.assertEqual(out["Ref"], f"{out['Principal']}|{out['Resource']}")
        lf = self.client("lakeformation")
        principal = {"DataLakePrincipalIdentifier": JOB_ROLE}
        [db] = lf.list_permissions(Principal=principal, Resource={"Database": {"CatalogId": ACCOUNT, "Name": "curated"}})["PrincipalResourcePermissions"]
        self.assertEqual(sorted(db["Permissions"]), ["CREATE_TABLE", "DESCRIBE"])
        self.assertEqual(db["PermissionsWithGrantOption"], [])
        [tables] = lf.list_permissions(
            Principal=principal, Resource={"Table": {"CatalogId": ACCOUNT, "DatabaseName": "curated", "TableWildcard": {}}}
        )["PrincipalResourcePermissions"]
        self.assertEqual(sorted(tables["Permissions"]), ["DESCRIBE", "SELECT"])
        [location] = lf.list_permissions(Principal=principal, Resource={"DataLocation": {"CatalogId": ACCOUNT, "ResourceArn": BUCKET}})[
            "PrincipalResourcePermissions"
        ]
        self.assertEqual(location["Permissions"], ["DATA_LOCATION_ACCESS"])

    def test_replaces_a_changed_grant(self) -> None:
        self.deploy(lake())
        changed = lake()
        changed["TablesGrant"]["Properties"]["Permissions"] = ["SELECT"]
        self.update(changed)
        [tables] = [g for g in self.grants() if "Table" in g["Resource"]]
        self.assertEqual(tables["Permissions"], ["SELECT"])

    def test_deleting_the_stack_revokes_and_deregisters(self) -> None:
        self.deploy(lake())
        self.destroy()
        self.assertEqual(self.grants(), [])
        self.assertEqual(self.client("lakeformation").list_resources()["ResourceInfoList"], [])
        self.assertEqual(self.admins(), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
