// static-site-cloudfront: CloudFront Function (cloudfront-js-2.0) on viewer requests.
// S3 through origin access control has no index documents below the root, so sites built as
// folders of index.html files (Astro, Hugo, Jekyll, Eleventy) need /docs/ mapped to /docs/index.html.
// A path whose last segment has no dot and no trailing slash is redirected to the slash form,
// which is the URL such generators link to, so each page has one cacheable URL.

// Rebuilds the query string of a redirect from CloudFront's parsed form.
function queryOf(querystring) {
  var parts = [];
  Object.keys(querystring).forEach(function (name) {
    var q = querystring[name];
    var values = q.multiValue ? q.multiValue : [q];
    values.forEach(function (v) {
      parts.push(v.value === '' ? name : name + '=' + v.value);
    });
  });
  return parts.length === 0 ? '' : '?' + parts.join('&');
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls the function named handler
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: uri + '/' + queryOf(request.querystring) } },
    };
  }
  return request;
}
