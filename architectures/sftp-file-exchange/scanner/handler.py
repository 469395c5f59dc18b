# Moves each upload out of incoming/<partner>/ to clean/<partner>/ or quarantine/<partner>/.
# MODE=signature-check: a content check, NOT antivirus (EICAR, executables, size).
# MODE=guardduty: routes on GuardDuty Malware Protection's scan result.
import json, os
import boto3

s3 = boto3.client("s3")
MODE = os.environ["MODE"]
KEY = os.environ["KMS_KEY_ARN"]
MAX = int(os.environ["MAX_SCAN_BYTES"])
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!"
MAGIC = {b"MZ": "windows-executable", b"\x7fELF": "elf-executable", b"\xcf\xfa\xed\xfe": "macho-executable", b"#!": "script"}


def verdict(bucket, key):
    """(clean, reason) for the object, reading at most MAX bytes; anything unreadable is not clean."""
    head = s3.head_object(Bucket=bucket, Key=key)
    if head["ContentLength"] > MAX:
        return False, "too-large-to-scan"
    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    for magic, kind in MAGIC.items():
        if body.startswith(magic):
            return False, kind
    if EICAR in body:
        return False, "eicar-test-signature"
    return True, "no-signature-matched"


def route(bucket, key, clean, reason):
    parts = key.split("/", 2)
    if len(parts) < 3 or parts[0] != "incoming" or not parts[2]:
        return None
    dest = ("clean/" if clean else "quarantine/") + parts[1] + "/" + parts[2]
    s3.copy_object(
        Bucket=bucket, Key=dest, CopySource={"Bucket": bucket, "Key": key},
        ServerSideEncryption="aws:kms", SSEKMSKeyId=KEY,
        TaggingDirective="REPLACE", Tagging=f"scan-status={'clean' if clean else 'quarantined'}&scan-reason={reason}",
    )
    s3.delete_object(Bucket=bucket, Key=key)
    print(json.dumps({
        "_aws": {"CloudWatchMetrics": [{"Namespace": os.environ["METRIC_NAMESPACE"], "Dimensions": [[]],
                                        "Metrics": [{"Name": "Released" if clean else "Quarantined", "Unit": "Count"}]}]},
        "Released" if clean else "Quarantined": 1, "partner": parts[1], "key": key, "to": dest, "reason": reason,
    }))
    return dest


def handler(event, _context):
    d = event["detail"]
    if MODE == "guardduty":
        o = d["s3ObjectDetails"]
        status = d["scanResultDetails"]["scanResultStatus"]
        return route(o["bucketName"], o["objectKey"], status == "NO_THREATS_FOUND", status.lower())
    bucket, key = d["bucket"]["name"], d["object"]["key"]
    if not key.startswith("incoming/"):
        return None
    clean, reason = verdict(bucket, key)
    return route(bucket, key, clean, reason)
