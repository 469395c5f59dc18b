from support import StackTestCase

CONFIG_SET = {
    "Type": "AWS::SES::ConfigurationSet",
    "Properties": {
        "Name": "transactional",
        "ReputationOptions": {"ReputationMetricsEnabled": "true"},
        "SendingOptions": {"SendingEnabled": True},
        "SuppressionOptions": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
        "DeliveryOptions": {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": "900"},
        "Tags": [{"Key": "team", "Value": "mail"}],
    },
}
TOPIC = {"Type": "AWS::SNS::Topic"}
SNS_DESTINATION = {
    "Type": "AWS::SES::ConfigurationSetEventDestination",
    "Properties": {
        "ConfigurationSetName": {"Ref": "ConfigSet"},
        "EventDestination": {
            "Name": "feedback",
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
            "SnsDestination": {"TopicARN": {"Ref": "Topic"}},
        },
    },
}
IDENTITY = {
    "Type": "AWS::SES::EmailIdentity",
    "Properties": {
        "EmailIdentity": "example.com",
        "ConfigurationSetAttributes": {"ConfigurationSetName": {"Ref": "ConfigSet"}},
        "DkimSigningAttributes": {"NextSigningKeyLength": "RSA_2048_BIT"},
        "FeedbackAttributes": {"EmailForwardingEnabled": False},
        "MailFromAttributes": {"MailFromDomain": "bounce.example.com", "BehaviorOnMxFailure": "REJECT_MESSAGE"},
    },
}
TEMPLATE = {
    "Type": "AWS::SES::Template",
    "Properties": {
        "Template": {
            "TemplateName": "password-reset",
            "SubjectPart": "Reset your password",
            "TextPart": "Open {{link}}",
            "HtmlPart": "<p>Open <a href='{{link}}'>this link</a></p>",
        }
    },
}


class ConfigurationSetTest(StackTestCase):
    def test_creates_the_set_with_the_templates_options(self) -> None:
        out = self.deploy({"ConfigSet": CONFIG_SET}, {"Name": {"Value": {"Ref": "ConfigSet"}}})
        self.assertEqual(out["Name"], "transactional")
        got = self.client("sesv2").get_configuration_set(ConfigurationSetName="transactional")
        self.assertEqual(got["ReputationOptions"]["ReputationMetricsEnabled"], True)
        self.assertEqual(got["SendingOptions"]["SendingEnabled"], True)
        self.assertEqual(got["SuppressionOptions"]["SuppressedReasons"], ["BOUNCE", "COMPLAINT"])
        self.assertEqual(got["DeliveryOptions"], {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 900})

    def test_updates_the_set(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET})
        props = {**CONFIG_SET["Properties"], "ReputationOptions": {"ReputationMetricsEnabled": False}}
        self.update({"ConfigSet": {**CONFIG_SET, "Properties": props}})
        got = self.client("sesv2").get_configuration_set(ConfigurationSetName="transactional")
        self.assertEqual(got["ReputationOptions"]["ReputationMetricsEnabled"], False)

    def test_deleting_the_stack_deletes_the_set(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET})
        self.destroy()
        self.assertEqual(self.client("sesv2").list_configuration_sets()["ConfigurationSets"], [])


class EventDestinationTest(StackTestCase):
    def test_creates_the_destination_on_the_set(self) -> None:
        out = self.deploy(
            {"ConfigSet": CONFIG_SET, "Topic": TOPIC, "Destination": SNS_DESTINATION},
            {"Id": {"Value": {"Ref": "Destination"}}, "GetAttId": {"Value": {"Fn::GetAtt": ["Destination", "Id"]}}},
        )
        self.assertEqual(out["Id"], "feedback")
        self.assertEqual(out["GetAttId"], "feedback")
        [dest] = self.client("ses").describe_configuration_set(
            ConfigurationSetName="transactional", ConfigurationSetAttributeNames=["eventDestinations"]
        )["EventDestinations"]
        self.assertEqual(dest["Name"], "feedback")
        self.assertEqual(dest["Enabled"], True)
        self.assertEqual(sorted(dest["MatchingEventTypes"]), ["bounce", "complaint"])
        self.assertEqual(dest["SNSDestination"]["TopicARN"], self.physical_id("Topic"))

    def test_updates_the_destination(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET, "Topic": TOPIC, "Destination": SNS_DESTINATION})
        dest = {**SNS_DESTINATION["Properties"]["EventDestination"], "MatchingEventTypes": ["BOUNCE"]}
        changed = {**SNS_DESTINATION, "Properties": {**SNS_DESTINATION["Properties"], "EventDestination": dest}}
        self.update({"ConfigSet": CONFIG_SET, "Topic": TOPIC, "Destination": changed})
        [got] = self.client("ses").describe_configuration_set(
            ConfigurationSetName="transactional", ConfigurationSetAttributeNames=["eventDestinations"]
        )["EventDestinations"]
        self.assertEqual(got["MatchingEventTypes"], ["bounce"])

    def test_deleting_the_stack_deletes_the_destination_and_the_set(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET, "Topic": TOPIC, "Destination": SNS_DESTINATION})
        self.destroy()
        self.assertEqual(self.client("sesv2").list_configuration_sets()["ConfigurationSets"], [])
        # The name is free again: a new stack may create a destination of the same name.
        self.deploy({"ConfigSet": CONFIG_SET, "Topic": TOPIC, "Destination": SNS_DESTINATION}, name="again")


class EmailIdentityTest(StackTestCase):
    def test_creates_a_domain_with_easy_dkim_mail_from_and_a_default_configuration_set(self) -> None:
        outputs = {"Ref": {"Value": {"Ref": "Identity"}}}
        for i in (1, 2, 3):
            outputs[f"Name{i}"] = {"Value": {"Fn::GetAtt": ["Identity", f"DkimDNSTokenName{i}"]}}
            outputs[f"Value{i}"] = {"Value": {"Fn::GetAtt": ["Identity", f"DkimDNSTokenValue{i}"]}}
        out = self.deploy({"ConfigSet": CONFIG_SET, "Identity": IDENTITY}, outputs)
        self.assertEqual(out["Ref"], "example.com")
        got = self.client("sesv2").get_email_identity(EmailIdentity="example.com")
        self.assertEqual(got["IdentityType"], "DOMAIN")
        self.assertEqual(got["ConfigurationSetName"], "transactional")
        self.assertEqual(got["DkimAttributes"]["SigningEnabled"], True)
        self.assertEqual(got["DkimAttributes"]["SigningAttributesOrigin"], "AWS_SES")
        self.assertEqual(got["DkimAttributes"]["NextSigningKeyLength"], "RSA_2048_BIT")
        self.assertEqual(got["FeedbackForwardingStatus"], False)
        tokens = got["DkimAttributes"]["Tokens"]
        self.assertEqual(len(tokens), 3)
        for i, token in enumerate(tokens, start=1):
            self.assertEqual(out[f"Name{i}"], f"{token}._domainkey.example.com")
            self.assertEqual(out[f"Value{i}"], f"{token}.dkim.amazonses.com")
        mail_from = self.client("ses").get_identity_mail_from_domain_attributes(Identities=["example.com"])
        attrs = mail_from["MailFromDomainAttributes"]["example.com"]
        self.assertEqual(attrs["MailFromDomain"], "bounce.example.com")
        self.assertEqual(attrs["BehaviorOnMXFailure"], "RejectMessage")

    def test_updates_the_identity_in_place(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET, "Identity": IDENTITY})
        props = {**IDENTITY["Properties"], "DkimAttributes": {"SigningEnabled": False}}
        props.pop("MailFromAttributes")
        self.update({"ConfigSet": CONFIG_SET, "Identity": {**IDENTITY, "Properties": props}})
        got = self.client("sesv2").get_email_identity(EmailIdentity="example.com")
        self.assertEqual(got["DkimAttributes"]["SigningEnabled"], False)
        mail_from = self.client("ses").get_identity_mail_from_domain_attributes(Identities=["example.com"])
        self.assertIsNone(mail_from["MailFromDomainAttributes"]["example.com"].get("MailFromDomain"))

    def test_deleting_the_stack_deletes_the_identity(self) -> None:
        self.deploy({"ConfigSet": CONFIG_SET, "Identity": IDENTITY})
        self.destroy()
        self.assertEqual(self.client("sesv2").list_email_identities()["EmailIdentities"], [])


class TemplateTest(StackTestCase):
    def test_creates_updates_and_deletes_the_template(self) -> None:
        out = self.deploy({"Template": TEMPLATE}, {"Ref": {"Value": {"Ref": "Template"}}})
        self.assertEqual(out["Ref"], "password-reset")
        got = self.client("ses").get_template(TemplateName="password-reset")["Template"]
        self.assertEqual(got["SubjectPart"], "Reset your password")
        self.assertEqual(got["TextPart"], "Open {{link}}")
        changed = {"Template": {**TEMPLATE["Properties"]["Template"], "SubjectPart": "Your reset link"}}
        self.update({"Template": {**TEMPLATE, "Properties": changed}})
        got = self.client("ses").get_template(TemplateName="password-reset")["Template"]
        self.assertEqual(got["SubjectPart"], "Your reset link")
        self.destroy()
        self.assertEqual(self.client("ses").list_templates()["TemplatesMetadata"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
