"""Runs scanner/handler.py against a stub S3 client: what it releases, what it quarantines, and that it
leaves files outside incoming/ alone. Run: python3 scanner/handler_test.py"""

import importlib.util
import os
import sys
import types
import unittest
from pathlib import Path


class StubS3:
    def __init__(self, objects):
        self.objects = dict(objects)
        self.tags = {}

    def head_object(self, Bucket, Key):
        return {"ContentLength": len(self.objects[Key])}

    def get_object(self, Bucket, Key):
        body = self.objects[Key]
        return {"Body": types.SimpleNamespace(read=lambda: body)}

    def copy_object(self, Bucket, Key, CopySource, ServerSideEncryption, SSEKMSKeyId, TaggingDirective, Tagging):
        assert ServerSideEncryption == "aws:kms" and SSEKMSKeyId == "arn:aws:kms:us-east-1:1:key/k"
        self.objects[Key] = self.objects[CopySource["Key"]]
        self.tags[Key] = Tagging

    def delete_object(self, Bucket, Key):
        del self.objects[Key]


def load(mode, objects, max_bytes=1024):
    os.environ.update(MODE=mode, KMS_KEY_ARN="arn:aws:kms:us-east-1:1:key/k", MAX_SCAN_BYTES=str(max_bytes), METRIC_NAMESPACE="T")
    stub = StubS3(objects)
    sys.modules["boto3"] = types.SimpleNamespace(client=lambda _name: stub)
    spec = importlib.util.spec_from_file_location("handler", Path(__file__).with_name("handler.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, stub


def created(key):
    return {"detail": {"bucket": {"name": "b"}, "object": {"key": key}}}


EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class HandlerTest(unittest.TestCase):
    def test_releases_a_plain_file_to_clean_and_removes_it_from_incoming(self):
        h, s3 = load("signature-check", {"incoming/acme/invoice.csv": b"a,b\n1,2\n"})
        self.assertEqual(h.handler(created("incoming/acme/invoice.csv"), None), "clean/acme/invoice.csv")
        self.assertNotIn("incoming/acme/invoice.csv", s3.objects)
        self.assertIn("scan-status=clean", s3.tags["clean/acme/invoice.csv"])

    def test_quarantines_the_eicar_test_file_executables_and_scripts(self):
        for name, body, reason in [
            ("eicar.txt", EICAR, "eicar-test-signature"),
            ("setup.pdf", b"MZ\x90\x00rest", "windows-executable"),
            ("tool", b"\x7fELF\x02\x01", "elf-executable"),
            ("run.csv", b"#!/bin/sh\nrm -rf /", "script"),
        ]:
            h, s3 = load("signature-check", {f"incoming/acme/{name}": body})
            self.assertEqual(h.handler(created(f"incoming/acme/{name}"), None), f"quarantine/acme/{name}")
            self.assertIn(f"scan-reason={reason}", s3.tags[f"quarantine/acme/{name}"])

    def test_quarantines_files_too_large_to_scan_unread(self):
        h, s3 = load("signature-check", {"incoming/acme/big.zip": b"x" * 2048}, max_bytes=1024)
        self.assertEqual(h.handler(created("incoming/acme/big.zip"), None), "quarantine/acme/big.zip")
        self.assertIn("too-large-to-scan", s3.tags["quarantine/acme/big.zip"])

    def test_ignores_keys_outside_incoming_and_folder_markers(self):
        h, s3 = load("signature-check", {"clean/acme/a.csv": b"x", "incoming/acme/": b""})
        self.assertIsNone(h.handler(created("clean/acme/a.csv"), None))
        self.assertIsNone(h.handler(created("incoming/acme/"), None))
        self.assertEqual(set(s3.objects), {"clean/acme/a.csv", "incoming/acme/"})

    def test_guardduty_mode_releases_only_no_threats_found(self):
        for status, prefix in [("NO_THREATS_FOUND", "clean"), ("THREATS_FOUND", "quarantine"), ("UNSUPPORTED", "quarantine"),
                               ("ACCESS_DENIED", "quarantine"), ("FAILED", "quarantine")]:
            h, _ = load("guardduty", {"incoming/acme/f.docx": b"doc"})
            event = {"detail": {"s3ObjectDetails": {"bucketName": "b", "objectKey": "incoming/acme/f.docx"},
                                "scanResultDetails": {"scanResultStatus": status}}}
            self.assertEqual(h.handler(event, None), f"{prefix}/acme/f.docx", status)


if __name__ == "__main__":
    unittest.main()
