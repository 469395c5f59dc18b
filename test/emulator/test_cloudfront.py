import copy
from typing import Any

from support import StackTestCase

CODE = "function handler(event) { return event.request; }"
FUNCTION = {
    "Type": "AWS::CloudFront::Function",
    "Properties": {
        "Name": "directory-index",
        "AutoPublish": True,
        "FunctionCode": CODE,
        "FunctionConfig": {"Comment": "index.html for directories", "Runtime": "cloudfront-js-2.0"},
    },
}
HEADERS = {
    "Type": "AWS::CloudFront::ResponseHeadersPolicy",
    "Properties": {
        "ResponseHeadersPolicyConfig": {
            "Name": "security-headers",
            "Comment": "Security headers",
            "SecurityHeadersConfig": {
                "ContentTypeOptions": {"Override": True},
                "FrameOptions": {"FrameOption": "DENY", "Override": "true"},
                "ReferrerPolicy": {"Override": True, "ReferrerPolicy": "strict-origin-when-cross-origin"},
                "StrictTransportSecurity": {"AccessControlMaxAgeSec": "31536000", "IncludeSubdomains": False, "Override": True},
            },
            "CustomHeadersConfig": {"Items": [{"Header": "X-Site", "Value": "docs", "Override": False}]},
            "CorsConfig": {
                "AccessControlAllowCredentials": False,
                "AccessControlAllowHeaders": {"Items": ["*"]},
                "AccessControlAllowMethods": {"Items": ["GET", "HEAD"]},
                "AccessControlAllowOrigins": {"Items": ["https://example.org"]},
                "OriginOverride": True,
            },
        }
    },
}
OAC = {
    "Type": "AWS::CloudFront::OriginAccessControl",
    "Properties": {
        "OriginAccessControlConfig": {
            "Name": "site-oac",
            "OriginAccessControlOriginType": "s3",
            "SigningBehavior": "always",
            "SigningProtocol": "sigv4",
        }
    },
}
BUCKET = {"Type": "AWS::S3::Bucket"}
DISTRIBUTION: dict[str, Any] = {
    "Type": "AWS::CloudFront::Distribution",
    "Properties": {
        "DistributionConfig": {
            "Comment": "Static site",
            "Aliases": ["www.example.org"],
            "CustomErrorResponses": [{"ErrorCachingMinTTL": 60, "ErrorCode": 404, "ResponseCode": 404, "ResponsePagePath": "/404.html"}],
            "DefaultCacheBehavior": {
                "AllowedMethods": ["GET", "HEAD", "OPTIONS"],
                "CachedMethods": ["GET", "HEAD"],
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
                "Compress": True,
                "FunctionAssociations": [{"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["Index", "FunctionARN"]}}],
                "ResponseHeadersPolicyId": {"Ref": "Headers"},
                "TargetOriginId": "site",
                "ViewerProtocolPolicy": "redirect-to-https",
            },
            "CacheBehaviors": [
                {
                    "PathPattern": "/api/*",
                    "TargetOriginId": "site",
                    "ViewerProtocolPolicy": "https-only",
                    "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                    "ResponseHeadersPolicyId": {"Ref": "Headers"},
                }
            ],
            "DefaultRootObject": "index.html",
            "Enabled": True,
            "HttpVersion": "http2and3",
            "IPV6Enabled": "true",
            "Logging": {"Bucket": {"Fn::GetAtt": ["Logs", "RegionalDomainName"]}, "IncludeCookies": False, "Prefix": "cloudfront/"},
            "Origins": [
                {
                    "DomainName": {"Fn::GetAtt": ["Site", "RegionalDomainName"]},
                    "Id": "site",
                    "OriginAccessControlId": {"Fn::GetAtt": ["Oac", "Id"]},
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
            "PriceClass": "PriceClass_100",
            "ViewerCertificate": {
                "AcmCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                "MinimumProtocolVersion": "TLSv1.2_2021",
                "SslSupportMethod": "sni-only",
            },
            "WebACLId": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/1",
        },
        "Tags": [{"Key": "site", "Value": "docs"}],
    },
}
SITE = {
    "Site": BUCKET,
    "Logs": BUCKET,
    "Oac": OAC,
    "Index": FUNCTION,
    "Headers": HEADERS,
    "Distribution": DISTRIBUTION,
}


class FunctionTest(StackTestCase):
    def test_creates_and_publishes_the_function_and_ref_is_its_arn(self) -> None:
        out = self.deploy(
            {"Index": FUNCTION},
            {
                "Ref": {"Value": {"Ref": "Index"}},
                "Arn": {"Value": {"Fn::GetAtt": ["Index", "FunctionARN"]}},
                "MetadataArn": {"Value": {"Fn::GetAtt": ["Index", "FunctionMetadata.FunctionARN"]}},
                "Stage": {"Value": {"Fn::GetAtt": ["Index", "Stage"]}},
            },
        )
        cf = self.client("cloudfront")
        live = cf.describe_function(Name="directory-index", Stage="LIVE")["FunctionSummary"]
        self.assertEqual(live["FunctionMetadata"]["FunctionARN"], "arn:aws:cloudfront::123456789012:function/directory-index")
        self.assertEqual(live["FunctionConfig"], {"Comment": "index.html for directories", "Runtime": "cloudfront-js-2.0"})
        self.assertEqual(cf.get_function(Name="directory-index", Stage="LIVE")["FunctionCode"].read().decode(), CODE)
        arn = live["FunctionMetadata"]["FunctionARN"]
        self.assertEqual(out, {"Ref": arn, "Arn": arn, "MetadataArn": arn, "Stage": "LIVE"})

    def test_without_auto_publish_the_function_stays_in_development(self) -> None:
        props = {**FUNCTION["Properties"], "AutoPublish": "false"}
        out = self.deploy({"Index": {**FUNCTION, "Properties": props}}, {"Stage": {"Value": {"Fn::GetAtt": ["Index", "Stage"]}}})
        self.assertEqual(out["Stage"], "DEVELOPMENT")
        cf = self.client("cloudfront")
        with self.assertRaises(cf.exceptions.NoSuchFunctionExists):
            cf.describe_function(Name="directory-index", Stage="LIVE")

    def test_updates_the_code_and_publishes_it(self) -> None:
        self.deploy({"Index": FUNCTION})
        self.update({"Index": {**FUNCTION, "Properties": {**FUNCTION["Properties"], "FunctionCode": "function handler(e) { return e; }"}}})
        code = self.client("cloudfront").get_function(Name="directory-index", Stage="LIVE")["FunctionCode"].read()
        self.assertEqual(code, b"function handler(e) { return e; }")

    def test_deleting_the_stack_deletes_the_function(self) -> None:
        self.deploy({"Index": FUNCTION})
        self.destroy()
        self.assertEqual(self.client("cloudfront").list_functions()["FunctionList"]["Quantity"], 0)


class ResponseHeadersPolicyTest(StackTestCase):
    def test_creates_the_policy_with_the_templates_headers_and_ref_is_its_id(self) -> None:
        out = self.deploy({"Headers": HEADERS}, {"Ref": {"Value": {"Ref": "Headers"}}, "Id": {"Value": {"Fn::GetAtt": ["Headers", "Id"]}}})
        cf = self.client("cloudfront")
        [item] = cf.list_response_headers_policies(Type="custom")["ResponseHeadersPolicyList"]["Items"]
        policy_id = item["ResponseHeadersPolicy"]["Id"]
        self.assertEqual(out, {"Ref": policy_id, "Id": policy_id})
        config = cf.get_response_headers_policy_config(Id=policy_id)["ResponseHeadersPolicyConfig"]
        self.assertEqual(config["Name"], "security-headers")
        security = config["SecurityHeadersConfig"]
        self.assertEqual(security["FrameOptions"], {"FrameOption": "DENY", "Override": True})
        self.assertEqual(security["StrictTransportSecurity"], {"AccessControlMaxAgeSec": 31536000, "IncludeSubdomains": False, "Override": True})
        self.assertEqual(security["ContentTypeOptions"], {"Override": True})
        self.assertEqual(config["CustomHeadersConfig"], {"Quantity": 1, "Items": [{"Header": "X-Site", "Value": "docs", "Override": False}]})
        self.assertEqual(config["CorsConfig"]["AccessControlAllowMethods"], {"Quantity": 2, "Items": ["GET", "HEAD"]})

    def test_updates_the_policy_in_place(self) -> None:
        self.deploy({"Headers": HEADERS})
        policy_id = self.physical_id("Headers")
        changed = copy.deepcopy(HEADERS)
        changed["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["FrameOptions"]["FrameOption"] = "SAMEORIGIN"
        self.update({"Headers": changed})
        self.assertEqual(self.physical_id("Headers"), policy_id)
        config = self.client("cloudfront").get_response_headers_policy_config(Id=policy_id)["ResponseHeadersPolicyConfig"]
        self.assertEqual(config["SecurityHeadersConfig"]["FrameOptions"]["FrameOption"], "SAMEORIGIN")

    def test_deleting_the_stack_deletes_the_policy(self) -> None:
        self.deploy({"Headers": HEADERS})
        self.destroy()
        self.assertEqual(self.client("cloudfront").list_response_headers_policies()["ResponseHeadersPolicyList"]["Quantity"], 0)


class OriginAccessControlTest(StackTestCase):
    def test_creates_the_control_and_ref_is_its_id(self) -> None:
        out = self.deploy({"Oac": OAC}, {"Ref": {"Value": {"Ref": "Oac"}}, "Id": {"Value": {"Fn::GetAtt": ["Oac", "Id"]}}})
        control = self.client("cloudfront").get_origin_access_control(Id=out["Id"])["OriginAccessControl"]
        self.assertEqual(out["Ref"], out["Id"])
        config = control["OriginAccessControlConfig"]
        self.assertEqual(
            (config["Name"], config["OriginAccessControlOriginType"], config["SigningBehavior"], config["SigningProtocol"]),
            ("site-oac", "s3", "always", "sigv4"),
        )

    def test_updates_the_control_in_place(self) -> None:
        self.deploy({"Oac": OAC})
        changed = copy.deepcopy(OAC)
        changed["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] = "no-override"
        self.update({"Oac": changed})
        control = self.client("cloudfront").get_origin_access_control(Id=self.physical_id("Oac"))["OriginAccessControl"]
        self.assertEqual(control["OriginAccessControlConfig"]["SigningBehavior"], "no-override")

    def test_deleting_the_stack_deletes_the_control(self) -> None:
        self.deploy({"Oac": OAC})
        self.destroy()
        self.assertEqual(self.client("cloudfront").list_origin_access_controls()["OriginAccessControlList"]["Quantity"], 0)


class DistributionTest(StackTestCase):
    def test_creates_the_distribution_with_the_templates_configuration(self) -> None:
        out = self.deploy(
            SITE,
            {
                "Ref": {"Value": {"Ref": "Distribution"}},
                "Id": {"Value": {"Fn::GetAtt": ["Distribution", "Id"]}},
                "DomainName": {"Value": {"Fn::GetAtt": ["Distribution", "DomainName"]}},
            },
        )
        cf = self.client("cloudfront")
        dist = cf.get_distribution(Id=out["Ref"])["Distribution"]
        self.assertEqual(out["Id"], dist["Id"])
        self.assertEqual(out["DomainName"], dist["DomainName"])
        self.assertTrue(dist["DomainName"].endswith(".cloudfront.net"))
        config = dist["DistributionConfig"]
        self.assertEqual(config["Comment"], "Static site")
        self.assertEqual(config["Aliases"], {"Quantity": 1, "Items": ["www.example.org"]})
        self.assertEqual((config["DefaultRootObject"], config["PriceClass"], config["HttpVersion"]), ("index.html", "PriceClass_100", "http2and3"))
        self.assertTrue(config["Enabled"])
        self.assertTrue(config["IsIPV6Enabled"])
        self.assertEqual(config["WebACLId"], "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/1")
        [origin] = config["Origins"]["Items"]
        site = self.physical_id("Site")
        self.assertEqual(origin["DomainName"], f"{site}.s3.us-east-1.amazonaws.com")
        self.assertEqual(origin["OriginAccessControlId"], self.physical_id("Oac"))
        self.assertEqual(origin["S3OriginConfig"], {"OriginAccessIdentity": ""})
        default = config["DefaultCacheBehavior"]
        self.assertEqual(default["ViewerProtocolPolicy"], "redirect-to-https")
        self.assertEqual(default["CachePolicyId"], "658327ea-f89d-4fab-a63d-7e88639e58f6")
        self.assertEqual(default["ResponseHeadersPolicyId"], self.physical_id("Headers"))
        self.assertEqual(default["AllowedMethods"]["Items"], ["GET", "HEAD", "OPTIONS"])
        self.assertEqual(default["AllowedMethods"]["CachedMethods"]["Items"], ["GET", "HEAD"])
        self.assertEqual(
            default["FunctionAssociations"],
            {"Quantity": 1, "Items": [{"EventType": "viewer-request", "FunctionARN": self.physical_id("Index")}]},
        )
        [ordered] = config["CacheBehaviors"]["Items"]
        self.assertEqual((ordered["PathPattern"], ordered["ViewerProtocolPolicy"]), ("/api/*", "https-only"))
        self.assertEqual(
            config["CustomErrorResponses"]["Items"],
            [{"ErrorCode": 404, "ResponsePagePath": "/404.html", "ResponseCode": "404", "ErrorCachingMinTTL": 60}],
        )
        logs = self.physical_id("Logs")
        self.assertEqual(config["Logging"], {"Enabled": True, "IncludeCookies": False, "Bucket": f"{logs}.s3.us-east-1.amazonaws.com", "Prefix": "cloudfront/"})
        certificate = config["ViewerCertificate"]
        self.assertEqual(certificate["ACMCertificateArn"], "arn:aws:acm:us-east-1:123456789012:certificate/abc")
        self.assertEqual((certificate["SSLSupportMethod"], certificate["MinimumProtocolVersion"]), ("sni-only", "TLSv1.2_2021"))
        self.assertEqual(dist["ARN"], f"arn:aws:cloudfront::123456789012:distribution/{out['Ref']}")
        tags = cf.list_tags_for_resource(Resource=dist["ARN"])["Tags"]["Items"]
        self.assertEqual(tags, [{"Key": "site", "Value": "docs"}])

    def test_a_custom_origin_geo_restriction_and_forwarded_values_in_cloudformations_shape(self) -> None:
        config = {
            "Enabled": "true",
            "Origins": [
                {
                    "Id": "api",
                    "DomainName": "api.example.org",
                    "CustomOriginConfig": {"HTTPSPort": "443", "OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
                    "OriginCustomHeaders": [{"HeaderName": "X-Origin-Verify", "HeaderValue": "secret"}],
                }
            ],
            "DefaultCacheBehavior": {
                "TargetOriginId": "api",
                "ViewerProtocolPolicy": "https-only",
                "ForwardedValues": {"QueryString": "true", "Cookies": {"Forward": "whitelist", "WhitelistedNames": ["session"]}, "Headers": ["Host"]},
                "TrustedKeyGroups": ["kg-1"],
            },
            "Restrictions": {"GeoRestriction": {"RestrictionType": "whitelist", "Locations": ["DE", "FR"]}},
        }
        out = self.deploy({"Dist": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}, {"Id": {"Value": {"Ref": "Dist"}}})
        got = self.client("cloudfront").get_distribution_config(Id=out["Id"])["DistributionConfig"]
        [origin] = got["Origins"]["Items"]
        self.assertEqual(origin["CustomOriginConfig"]["OriginSslProtocols"], {"Quantity": 1, "Items": ["TLSv1.2"]})
        self.assertEqual(origin["CustomOriginConfig"]["HTTPSPort"], 443)
        self.assertEqual(origin["CustomHeaders"], {"Quantity": 1, "Items": [{"HeaderName": "X-Origin-Verify", "HeaderValue": "secret"}]})
        behaviour = got["DefaultCacheBehavior"]
        self.assertEqual(behaviour["ForwardedValues"]["Cookies"], {"Forward": "whitelist", "WhitelistedNames": {"Quantity": 1, "Items": ["session"]}})
        self.assertEqual(behaviour["ForwardedValues"]["Headers"], {"Quantity": 1, "Items": ["Host"]})
        self.assertTrue(behaviour["ForwardedValues"]["QueryString"])
        self.assertEqual(behaviour["TrustedKeyGroups"], {"Enabled": True, "Quantity": 1, "Items": ["kg-1"]})
        self.assertEqual(got["Restrictions"]["GeoRestriction"], {"RestrictionType": "whitelist", "Quantity": 2, "Items": ["DE", "FR"]})

    def test_updates_the_distribution_in_place(self) -> None:
        self.deploy(SITE)
        dist_id = self.physical_id("Distribution")
        changed = copy.deepcopy(DISTRIBUTION)
        changed["Properties"]["DistributionConfig"]["PriceClass"] = "PriceClass_All"
        del changed["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]["FunctionAssociations"]
        self.update({**SITE, "Distribution": changed})
        self.assertEqual(self.physical_id("Distribution"), dist_id)
        config = self.client("cloudfront").get_distribution_config(Id=dist_id)["DistributionConfig"]
        self.assertEqual(config["PriceClass"], "PriceClass_All")
        self.assertEqual(config["DefaultCacheBehavior"]["FunctionAssociations"], {"Quantity": 0})

    def test_a_function_or_policy_in_use_by_a_distribution_cannot_be_deleted(self) -> None:
        self.deploy(SITE)
        cf = self.client("cloudfront")
        etag = cf.describe_function(Name="directory-index")["ETag"]
        with self.assertRaises(cf.exceptions.FunctionInUse):
            cf.delete_function(Name="directory-index", IfMatch=etag)
        policy_id = self.physical_id("Headers")
        etag = cf.get_response_headers_policy(Id=policy_id)["ETag"]
        with self.assertRaises(cf.exceptions.ResponseHeadersPolicyInUse):
            cf.delete_response_headers_policy(Id=policy_id, IfMatch=etag)

    def test_deleting_the_stack_deletes_the_distribution_and_what_it_uses(self) -> None:
        self.deploy(SITE)
        self.destroy()
        cf = self.client("cloudfront")
        self.assertEqual(cf.list_distributions()["DistributionList"]["Quantity"], 0)
        self.assertEqual(cf.list_functions()["FunctionList"]["Quantity"], 0)
        self.assertEqual(cf.list_response_headers_policies()["ResponseHeadersPolicyList"]["Quantity"], 0)
        self.assertEqual(cf.list_origin_access_controls()["OriginAccessControlList"]["Quantity"], 0)


class ApiTest(StackTestCase):
    """The calls added to moto's backend, through the API alone."""

    def test_a_function_is_updated_only_with_its_current_etag(self) -> None:
        cf = self.client("cloudfront")
        config = {"Comment": "", "Runtime": "cloudfront-js-2.0"}
        created = cf.create_function(Name="f", FunctionConfig=config, FunctionCode=b"function handler(e) { return e; }")
        self.assertEqual(created["FunctionSummary"]["Status"], "UNPUBLISHED")
        with self.assertRaises(cf.exceptions.PreconditionFailed):
            cf.update_function(Name="f", IfMatch="stale", FunctionConfig=config, FunctionCode=b"x")
        with self.assertRaises(cf.exceptions.FunctionAlreadyExists):
            cf.create_function(Name="f", FunctionConfig=config, FunctionCode=b"x")
        published = cf.publish_function(Name="f", IfMatch=created["ETag"])["FunctionSummary"]
        self.assertEqual(published["FunctionMetadata"]["Stage"], "LIVE")
        self.assertEqual(len(cf.list_functions()["FunctionList"]["Items"]), 2)  # one per stage
        self.assertEqual(len(cf.list_functions(Stage="LIVE")["FunctionList"]["Items"]), 1)
        cf.delete_function(Name="f", IfMatch=created["ETag"])
        with self.assertRaises(cf.exceptions.NoSuchFunctionExists):
            cf.describe_function(Name="f")

    def test_a_distribution_arn_has_cloudfronts_empty_region_field(self) -> None:
        cf = self.client("cloudfront")
        config = {
            "CallerReference": "ref",
            "Comment": "",
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": "example.org", "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "allow-all"},
        }
        created = cf.create_distribution_with_tags(DistributionConfigWithTags={"DistributionConfig": config, "Tags": {"Items": [{"Key": "k", "Value": "v"}]}})
        dist_id = created["Distribution"]["Id"]
        arn = f"arn:aws:cloudfront::123456789012:distribution/{dist_id}"
        self.assertEqual(created["Distribution"]["ARN"], arn)
        self.assertEqual(cf.get_distribution(Id=dist_id)["Distribution"]["ARN"], arn)
        self.assertEqual([d["ARN"] for d in cf.list_distributions()["DistributionList"]["Items"]], [arn])
        self.assertEqual(cf.list_tags_for_resource(Resource=arn)["Tags"]["Items"], [{"Key": "k", "Value": "v"}])

    def test_a_response_headers_policy_name_is_unique(self) -> None:
        cf = self.client("cloudfront")
        policy = cf.create_response_headers_policy(ResponseHeadersPolicyConfig={"Name": "p"})
        with self.assertRaises(cf.exceptions.ResponseHeadersPolicyAlreadyExists):
            cf.create_response_headers_policy(ResponseHeadersPolicyConfig={"Name": "p"})
        policy_id = policy["ResponseHeadersPolicy"]["Id"]
        updated = cf.update_response_headers_policy(Id=policy_id, IfMatch=policy["ETag"], ResponseHeadersPolicyConfig={"Name": "p", "Comment": "c"})
        self.assertEqual(updated["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"]["Comment"], "c")
        cf.delete_response_headers_policy(Id=policy_id, IfMatch=updated["ETag"])
        with self.assertRaises(cf.exceptions.NoSuchResponseHeadersPolicy):
            cf.get_response_headers_policy(Id=policy_id)


VPC_ORIGIN = {
    "Type": "AWS::CloudFront::VpcOrigin",
    "Properties": {
        "VpcOriginEndpointConfig": {
            "Name": "internal-alb",
            "Arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/internal/50dc6c495c0c9188",
            "HTTPPort": "80",
            "OriginProtocolPolicy": "http-only",
            "OriginSSLProtocols": ["TLSv1.2"],
        },
        "Tags": [{"Key": "team", "Value": "web"}],
    },
}
VPC_ORIGIN_OUTPUTS = {"Ref": {"Value": {"Ref": "Origin"}}} | {
    a: {"Value": {"Fn::GetAtt": ["Origin", a]}} for a in ["Arn", "Id", "Status", "CreatedTime", "LastModifiedTime"]
}
VPC_DISTRIBUTION = {
    "Type": "AWS::CloudFront::Distribution",
    "Properties": {
        "DistributionConfig": {
            "Enabled": True,
            "Origins": [
                {
                    "Id": "alb",
                    "DomainName": "internal-alb-123.us-east-1.elb.amazonaws.com",
                    "VpcOriginConfig": {"VpcOriginId": {"Fn::GetAtt": ["Origin", "Id"]}, "OriginReadTimeout": 30},
                }
            ],
            "DefaultCacheBehavior": {"TargetOriginId": "alb", "ViewerProtocolPolicy": "redirect-to-https"},
        }
    },
}


class VpcOriginTest(StackTestCase):
    def test_creates_the_vpc_origin_with_the_templates_endpoint(self) -> None:
        out = self.deploy({"Origin": VPC_ORIGIN}, VPC_ORIGIN_OUTPUTS)
        got = self.client("cloudfront").get_vpc_origin(Id=out["Ref"])
        origin = got["VpcOrigin"]
        self.assertEqual([origin["Id"], origin["Arn"], origin["Status"]], [out["Id"], out["Arn"], "Deployed"])
        self.assertEqual(out["Arn"], f"arn:aws:cloudfront::123456789012:vpcorigin/{out['Id']}")
        config = origin["VpcOriginEndpointConfig"]
        self.assertEqual(config["Name"], "internal-alb")
        self.assertEqual(config["Arn"], VPC_ORIGIN["Properties"]["VpcOriginEndpointConfig"]["Arn"])
        self.assertEqual([config["HTTPPort"], config["HTTPSPort"]], [80, 443])
        self.assertEqual(config["OriginProtocolPolicy"], "http-only")
        self.assertEqual(config["OriginSslProtocols"], {"Quantity": 1, "Items": ["TLSv1.2"]})
        self.assertEqual(out["CreatedTime"][:4], str(origin["CreatedTime"].year))
        [summary] = self.client("cloudfront").list_vpc_origins()["VpcOriginList"]["Items"]
        self.assertEqual(summary["OriginEndpointArn"], config["Arn"])
        tags = self.client("cloudfront").list_tags_for_resource(Resource=out["Arn"])["Tags"]["Items"]
        self.assertEqual(tags, [{"Key": "team", "Value": "web"}])

    def test_a_distribution_keeps_its_vpc_origin(self) -> None:
        out = self.deploy({"Origin": VPC_ORIGIN, "Dist": VPC_DISTRIBUTION}, VPC_ORIGIN_OUTPUTS)
        client = self.client("cloudfront")
        config = client.get_distribution_config(Id=self.physical_id("Dist"))["DistributionConfig"]
        [origin] = config["Origins"]["Items"]
        self.assertEqual(origin["VpcOriginConfig"]["VpcOriginId"], out["Id"])
        etag = client.get_vpc_origin(Id=out["Id"])["ETag"]
        with self.assertRaises(client.exceptions.ClientError):
            client.delete_vpc_origin(Id=out["Id"], IfMatch=etag)

    def test_updates_the_vpc_origin_in_place(self) -> None:
        out = self.deploy({"Origin": VPC_ORIGIN}, VPC_ORIGIN_OUTPUTS)
        endpoint = {**VPC_ORIGIN["Properties"]["VpcOriginEndpointConfig"], "OriginProtocolPolicy": "https-only"}
        after = self.update({"Origin": {**VPC_ORIGIN, "Properties": {"VpcOriginEndpointConfig": endpoint}}}, VPC_ORIGIN_OUTPUTS)
        self.assertEqual(after["Id"], out["Id"])
        origin = self.client("cloudfront").get_vpc_origin(Id=out["Id"])["VpcOrigin"]
        self.assertEqual(origin["VpcOriginEndpointConfig"]["OriginProtocolPolicy"], "https-only")
        self.assertEqual(self.client("cloudfront").list_tags_for_resource(Resource=out["Arn"])["Tags"].get("Items", []), [])

    def test_deleting_the_stack_deletes_the_vpc_origin(self) -> None:
        self.deploy({"Origin": VPC_ORIGIN, "Dist": VPC_DISTRIBUTION})
        self.destroy()
        self.assertEqual(self.client("cloudfront").list_vpc_origins()["VpcOriginList"].get("Items", []), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
