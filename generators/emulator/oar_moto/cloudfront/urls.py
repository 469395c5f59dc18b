"""Routes of the CloudFront calls ``models.py`` adds, added to moto's ``moto/cloudfront/urls.py``."""

from moto.cloudfront import urls as moto_urls
from moto.cloudfront.responses import CloudFrontResponse

ADDED_PATHS = [
    "{0}/2020-05-31/function$",
    "{0}/2020-05-31/function/(?P<name>[^/]+)$",
    "{0}/2020-05-31/function/(?P<name>[^/]+)/describe$",
    "{0}/2020-05-31/function/(?P<name>[^/]+)/publish$",
    "{0}/2020-05-31/response-headers-policy$",
    "{0}/2020-05-31/response-headers-policy/(?P<policy_id>[^/]+)$",
    "{0}/2020-05-31/response-headers-policy/(?P<policy_id>[^/]+)/config$",
    "{0}/2020-05-31/vpc-origin$",
    "{0}/2020-05-31/vpc-origin/(?P<vpc_origin_id>[^/]+)$",
]

for _path in ADDED_PATHS:
    moto_urls.url_paths.setdefault(_path, CloudFrontResponse.dispatch)
