from support import StackTestCase


def guardrail(threshold: str = "0.75", injection: str = "HIGH") -> dict:
    return {
        "Type": "AWS::Bedrock::Guardrail",
        "Properties": {
            "Name": "docs-guardrail",
            "Description": "rag",
            "KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]},
            "BlockedInputMessaging": "no",
            "BlockedOutputsMessaging": "no answer",
            "ContentPolicyConfig": {
                "FiltersConfig": [
                    {"Type": "HATE", "InputStrength": "HIGH", "OutputStrength": "HIGH"},
                    {"Type": "PROMPT_ATTACK", "InputStrength": injection, "OutputStrength": "NONE"},
                ]
            },
            "ContextualGroundingPolicyConfig": {
                "FiltersConfig": [
                    {"Type": "GROUNDING", "Threshold": threshold},
                    {"Type": "RELEVANCE", "Threshold": threshold},
                ]
            },
            "SensitiveInformationPolicyConfig": {"PiiEntitiesConfig": [{"Type": "EMAIL", "Action": "ANONYMIZE"}]},
            "Tags": [{"Key": "team", "Value": "docs"}],
        },
    }


def version(description: str = "policies 1") -> dict:
    return {
        "Type": "AWS::Bedrock::GuardrailVersion",
        "Properties": {"GuardrailIdentifier": {"Fn::GetAtt": ["Guardrail", "GuardrailId"]}, "Description": description},
    }


KEY = {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": []}}}
OUTPUTS = {
    "Ref": {"Value": {"Ref": "Guardrail"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Guardrail", "GuardrailArn"]}},
    "Id": {"Value": {"Fn::GetAtt": ["Guardrail", "GuardrailId"]}},
    "Draft": {"Value": {"Fn::GetAtt": ["Guardrail", "Version"]}},
    "VersionRef": {"Value": {"Ref": "Version"}},
    "Version": {"Value": {"Fn::GetAtt": ["Version", "Version"]}},
    "KeyArn": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}},
}


class GuardrailTest(StackTestCase):
    def test_creates_the_guardrail_and_a_numbered_version_with_the_templates_policies(self) -> None:
        out = self.deploy({"Key": KEY, "Guardrail": guardrail(), "Version": version()}, OUTPUTS)
        bedrock = self.client("bedrock")
        self.assertEqual(out["Ref"], out["Arn"])
        self.assertRegex(out["Arn"], r"^arn:aws:bedrock:us-east-1:\d{12}:guardrail/[a-z0-9]{12}$")
        self.assertEqual(out["Arn"].split("/")[-1], out["Id"])
        self.assertEqual(out["Draft"], "DRAFT")
        self.assertEqual(out["Version"], "1")
        self.assertEqual(out["VersionRef"], f"{out['Id']}|1")
        g = bedrock.get_guardrail(guardrailIdentifier=out["Id"], guardrailVersion="1")
        self.assertEqual((g["name"], g["version"], g["status"], g["description"]), ("docs-guardrail", "1", "READY", "policies 1"))
        self.assertEqual(g["kmsKeyArn"], out["KeyArn"])
        filters = {f["type"]: (f["inputStrength"], f["outputStrength"]) for f in g["contentPolicy"]["filters"]}
        self.assertEqual(filters, {"HATE": ("HIGH", "HIGH"), "PROMPT_ATTACK": ("HIGH", "NONE")})
        grounding = {f["type"]: f["threshold"] for f in g["contextualGroundingPolicy"]["filters"]}
        self.assertEqual(grounding, {"GROUNDING": 0.75, "RELEVANCE": 0.75})
        self.assertEqual(g["sensitiveInformationPolicy"]["piiEntities"], [{"type": "EMAIL", "action": "ANONYMIZE"}])
        self.assertEqual(bedrock.list_tags_for_resource(resourceARN=out["Arn"])["tags"], [{"key": "team", "value": "docs"}])

    def test_the_api_refuses_a_prompt_attack_filter_on_answers(self) -> None:
        bedrock = self.client("bedrock")
        with self.assertRaises(bedrock.exceptions.ValidationException):
            bedrock.create_guardrail(
                name="bad",
                blockedInputMessaging="no",
                blockedOutputsMessaging="no",
                contentPolicyConfig={
                    "filtersConfig": [{"type": "PROMPT_ATTACK", "inputStrength": "HIGH", "outputStrength": "HIGH"}]
                },
            )

    def test_an_update_changes_the_draft_in_place_and_a_new_description_publishes_version_2(self) -> None:
        out = self.deploy({"Key": KEY, "Guardrail": guardrail(), "Version": version()}, OUTPUTS)
        bedrock = self.client("bedrock")
        out2 = self.update({"Key": KEY, "Guardrail": guardrail("0.9"), "Version": version("policies 2")}, OUTPUTS)
        self.assertEqual(out2["Id"], out["Id"])
        self.assertEqual(out2["Version"], "2")
        draft = bedrock.get_guardrail(guardrailIdentifier=out["Id"])
        self.assertEqual({f["threshold"] for f in draft["contextualGroundingPolicy"]["filters"]}, {0.9})
        v2 = bedrock.get_guardrail(guardrailIdentifier=out["Id"], guardrailVersion="2")
        self.assertEqual({f["threshold"] for f in v2["contextualGroundingPolicy"]["filters"]}, {0.9})
        versions = [g["version"] for g in bedrock.list_guardrails(guardrailIdentifier=out["Id"])["guardrails"]]
        self.assertEqual(sorted(versions), ["2", "DRAFT"])

    def test_deleting_the_stack_removes_the_guardrail(self) -> None:
        self.deploy({"Key": KEY, "Guardrail": guardrail(), "Version": version()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("bedrock").list_guardrails()["guardrails"], [])
