from botocore.exceptions import ClientError
from cryptography import x509
from support import StackTestCase

SUBJECT = {"CommonName": "Example Root CA", "Organization": "Example", "Country": "US"}
ROOT = {
    "Type": "AWS::ACMPCA::CertificateAuthority",
    "Properties": {
        "Type": "ROOT",
        "KeyAlgorithm": "RSA_2048",
        "SigningAlgorithm": "SHA256WITHRSA",
        "Subject": SUBJECT,
        "UsageMode": "GENERAL_PURPOSE",
        "RevocationConfiguration": {"OcspConfiguration": {"Enabled": "true"}},
        "Tags": [{"Key": "tier", "Value": "root"}],
    },
}
ROOT_CERT = {
    "Type": "AWS::ACMPCA::Certificate",
    "Properties": {
        "CertificateAuthorityArn": {"Ref": "Root"},
        "CertificateSigningRequest": {"Fn::GetAtt": ["Root", "CertificateSigningRequest"]},
        "SigningAlgorithm": "SHA256WITHRSA",
        "TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1",
        "Validity": {"Type": "YEARS", "Value": 10},
    },
}
ROOT_ACTIVATION = {
    "Type": "AWS::ACMPCA::CertificateAuthorityActivation",
    "Properties": {
        "CertificateAuthorityArn": {"Ref": "Root"},
        "Certificate": {"Fn::GetAtt": ["RootCert", "Certificate"]},
        "Status": "ACTIVE",
    },
}
SUB = {
    "Type": "AWS::ACMPCA::CertificateAuthority",
    "Properties": {
        "Type": "SUBORDINATE",
        "KeyAlgorithm": "RSA_2048",
        "SigningAlgorithm": "SHA256WITHRSA",
        "Subject": {**SUBJECT, "CommonName": "Example Issuing CA"},
        "UsageMode": "SHORT_LIVED_CERTIFICATE",
    },
}
SUB_CERT = {
    "Type": "AWS::ACMPCA::Certificate",
    "DependsOn": "RootActivation",
    "Properties": {
        "CertificateAuthorityArn": {"Ref": "Root"},
        "CertificateSigningRequest": {"Fn::GetAtt": ["Sub", "CertificateSigningRequest"]},
        "SigningAlgorithm": "SHA256WITHRSA",
        "TemplateArn": "arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1",
        "Validity": {"Type": "YEARS", "Value": 5},
    },
}
SUB_ACTIVATION = {
    "Type": "AWS::ACMPCA::CertificateAuthorityActivation",
    "Properties": {
        "CertificateAuthorityArn": {"Ref": "Sub"},
        "Certificate": {"Fn::GetAtt": ["SubCert", "Certificate"]},
        "CertificateChain": {"Fn::GetAtt": ["RootActivation", "CompleteCertificateChain"]},
        "Status": "ACTIVE",
    },
}
HIERARCHY = {
    "Root": ROOT,
    "RootCert": ROOT_CERT,
    "RootActivation": ROOT_ACTIVATION,
    "Sub": SUB,
    "SubCert": SUB_CERT,
    "SubActivation": SUB_ACTIVATION,
}


class CertificateAuthorityTest(StackTestCase):
    def test_creates_a_root_and_a_subordinate_ca_signed_by_it(self) -> None:
        out = self.deploy(
            HIERARCHY,
            {
                "Root": {"Value": {"Ref": "Root"}},
                "RootArn": {"Value": {"Fn::GetAtt": ["Root", "Arn"]}},
                "Sub": {"Value": {"Ref": "Sub"}},
                "SubCert": {"Value": {"Ref": "SubCert"}},
                "SubCertArn": {"Value": {"Fn::GetAtt": ["SubCert", "Arn"]}},
                "Activation": {"Value": {"Ref": "SubActivation"}},
                "Chain": {"Value": {"Fn::GetAtt": ["SubActivation", "CompleteCertificateChain"]}},
            },
        )
        self.assertEqual(out["Root"], out["RootArn"])
        self.assertEqual(out["SubCert"], out["SubCertArn"])
        self.assertEqual(out["Activation"], out["Sub"])
        pca = self.client("acm-pca")
        root = pca.describe_certificate_authority(CertificateAuthorityArn=out["Root"])["CertificateAuthority"]
        self.assertEqual(root["Type"], "ROOT")
        self.assertEqual(root["Status"], "ACTIVE")
        self.assertEqual(root["UsageMode"], "GENERAL_PURPOSE")
        self.assertEqual(root["RevocationConfiguration"]["OcspConfiguration"], {"Enabled": True})
        self.assertEqual(root["CertificateAuthorityConfiguration"]["Subject"]["CommonName"], "Example Root CA")
        sub = pca.describe_certificate_authority(CertificateAuthorityArn=out["Sub"])["CertificateAuthority"]
        self.assertEqual(sub["Type"], "SUBORDINATE")
        self.assertEqual(sub["Status"], "ACTIVE")
        self.assertEqual(sub["UsageMode"], "SHORT_LIVED_CERTIFICATE")
        got = pca.get_certificate_authority_certificate(CertificateAuthorityArn=out["Sub"])
        sub_cert = x509.load_pem_x509_certificate(got["Certificate"].encode())
        root_cert = x509.load_pem_x509_certificate(
            pca.get_certificate_authority_certificate(CertificateAuthorityArn=out["Root"])["Certificate"].encode()
        )
        self.assertEqual(sub_cert.issuer, root_cert.subject)
        # moto applies the extensions of the root and end-entity templates only, not the PathLen0 constraint.
        self.assertIn(got["CertificateChain"].strip(), out["Chain"])
        issued = pca.get_certificate(CertificateAuthorityArn=out["Root"], CertificateArn=out["SubCert"])
        self.assertEqual(issued["Certificate"].strip(), got["Certificate"].strip())
        self.assertEqual(pca.list_tags(CertificateAuthorityArn=out["Root"])["Tags"], [{"Key": "tier", "Value": "root"}])

    def test_updates_the_revocation_configuration_in_place(self) -> None:
        out = self.deploy({"Root": ROOT}, {"Root": {"Value": {"Ref": "Root"}}})
        props = {**ROOT["Properties"], "RevocationConfiguration": {"OcspConfiguration": {"Enabled": False}}}
        after = self.update({"Root": {**ROOT, "Properties": props}}, {"Root": {"Value": {"Ref": "Root"}}})
        self.assertEqual(after["Root"], out["Root"])
        root = self.client("acm-pca").describe_certificate_authority(CertificateAuthorityArn=out["Root"])
        self.assertEqual(root["CertificateAuthority"]["RevocationConfiguration"]["OcspConfiguration"], {"Enabled": False})

    def test_deleting_the_stack_deletes_the_cas(self) -> None:
        out = self.deploy(HIERARCHY, {"Root": {"Value": {"Ref": "Root"}}, "Sub": {"Value": {"Ref": "Sub"}}})
        self.destroy()
        pca = self.client("acm-pca")
        for arn in (out["Root"], out["Sub"]):
            status = pca.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"]
            self.assertEqual(status, "DELETED")


class PrivateCertificateTest(StackTestCase):
    def test_acm_issues_a_private_certificate_from_the_ca(self) -> None:
        cert = {
            "Type": "AWS::CertificateManager::Certificate",
            "DependsOn": "SubActivation",
            "Properties": {
                "DomainName": "orders.internal.example.com",
                "SubjectAlternativeNames": ["orders.internal.example.com", "*.orders.internal.example.com"],
                "CertificateAuthorityArn": {"Ref": "Sub"},
                "Tags": [{"Key": "service", "Value": "orders"}],
            },
        }
        out = self.deploy({**HIERARCHY, "Cert": cert}, {"Cert": {"Value": {"Ref": "Cert"}}, "Sub": {"Value": {"Ref": "Sub"}}})
        acm = self.client("acm")
        got = acm.describe_certificate(CertificateArn=out["Cert"])["Certificate"]
        self.assertEqual(got["Type"], "PRIVATE")
        self.assertEqual(got["Status"], "ISSUED")
        self.assertEqual(got["CertificateAuthorityArn"], out["Sub"])
        self.assertIn("*.orders.internal.example.com", got["SubjectAlternativeNames"])
        self.assertEqual(acm.list_tags_for_certificate(CertificateArn=out["Cert"])["Tags"], [{"Key": "service", "Value": "orders"}])
        changed = {**cert, "Properties": {**cert["Properties"], "Tags": [{"Key": "service", "Value": "billing"}]}}
        after = self.update({**HIERARCHY, "Cert": changed}, {"Cert": {"Value": {"Ref": "Cert"}}})
        self.assertEqual(after["Cert"], out["Cert"])
        self.assertEqual(acm.list_tags_for_certificate(CertificateArn=out["Cert"])["Tags"], [{"Key": "service", "Value": "billing"}])
        self.destroy()
        self.assertEqual(acm.list_certificates()["CertificateSummaryList"], [])


ACTIONS = ["IssueCertificate", "GetCertificate", "ListPermissions"]
PERMISSION = {
    "Type": "AWS::ACMPCA::Permission",
    "Properties": {"CertificateAuthorityArn": {"Ref": "Root"}, "Principal": "acm.amazonaws.com", "Actions": ACTIONS},
}


class PermissionTest(StackTestCase):
    def test_grants_acm_the_actions_on_the_ca(self) -> None:
        out = self.deploy(
            {"Root": ROOT, "Renewal": PERMISSION},
            {"Root": {"Value": {"Ref": "Root"}}, "Renewal": {"Value": {"Ref": "Renewal"}}},
        )
        self.assertEqual(out["Renewal"], f"{out['Root']}|acm.amazonaws.com")
        got = self.client("acm-pca").list_permissions(CertificateAuthorityArn=out["Root"])["Permissions"]
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["CertificateAuthorityArn"], out["Root"])
        self.assertEqual(got[0]["Principal"], "acm.amazonaws.com")
        self.assertEqual(sorted(got[0]["Actions"]), sorted(ACTIONS))
        self.assertEqual(got[0]["SourceAccount"], out["Root"].split(":")[4])

    def test_an_update_replaces_the_permission(self) -> None:
        out = self.deploy({"Root": ROOT, "Renewal": PERMISSION}, {"Root": {"Value": {"Ref": "Root"}}})
        fewer = {**PERMISSION, "Properties": {**PERMISSION["Properties"], "Actions": ["IssueCertificate", "GetCertificate"]}}
        self.update({"Root": ROOT, "Renewal": fewer}, {"Root": {"Value": {"Ref": "Root"}}})
        got = self.client("acm-pca").list_permissions(CertificateAuthorityArn=out["Root"])["Permissions"]
        self.assertEqual([sorted(p["Actions"]) for p in got], [["GetCertificate", "IssueCertificate"]])

    def test_deleting_the_stack_revokes_the_permission(self) -> None:
        out = self.deploy({"Root": ROOT, "Renewal": PERMISSION}, {"Root": {"Value": {"Ref": "Root"}}})
        pca = self.client("acm-pca")
        self.update({"Root": ROOT}, {"Root": {"Value": {"Ref": "Root"}}})
        self.assertEqual(pca.list_permissions(CertificateAuthorityArn=out["Root"])["Permissions"], [])
        self.destroy()


class PermissionApiTest(StackTestCase):
    def test_validates_as_aws_does(self) -> None:
        out = self.deploy({"Root": ROOT}, {"Root": {"Value": {"Ref": "Root"}}})
        pca = self.client("acm-pca")
        arn = out["Root"]

        def error(call: object, **kwargs: object) -> str:
            with self.assertRaises(ClientError) as caught:
                call(**kwargs)  # type: ignore[operator]
            return str(caught.exception.response["Error"]["Code"])

        self.assertEqual(
            error(pca.create_permission, CertificateAuthorityArn=arn, Principal="ec2.amazonaws.com", Actions=ACTIONS),
            "ValidationException",
        )
        missing = arn[:-4] + "0000"
        self.assertEqual(
            error(pca.create_permission, CertificateAuthorityArn=missing, Principal="acm.amazonaws.com", Actions=ACTIONS),
            "ResourceNotFoundException",
        )
        pca.create_permission(CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=["IssueCertificate"])
        self.assertEqual(
            error(pca.create_permission, CertificateAuthorityArn=arn, Principal="acm.amazonaws.com", Actions=ACTIONS),
            "PermissionAlreadyExistsException",
        )
        self.assertEqual(error(pca.list_permissions, CertificateAuthorityArn=missing), "ResourceNotFoundException")
        pca.delete_permission(CertificateAuthorityArn=arn, Principal="acm.amazonaws.com")
        self.assertEqual(pca.list_permissions(CertificateAuthorityArn=arn)["Permissions"], [])
        self.assertEqual(
            error(pca.delete_permission, CertificateAuthorityArn=arn, Principal="acm.amazonaws.com"),
            "ResourceNotFoundException",
        )
        self.destroy()
        self.assertEqual(error(pca.list_permissions, CertificateAuthorityArn=arn), "InvalidStateException")


if __name__ == "__main__":
    import unittest

    unittest.main()
