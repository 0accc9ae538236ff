/// The kind of HTML a CDN sends instead of JSON when it challenges a client (see `dockerhub-api.md` §5).
enum ChallengePage {
    /// A Cloudflare-style "Just a moment..." page.
    static func html(rayID: String) -> String {
        """
        <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>\
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\
        <meta name="robots" content="noindex,nofollow">\
        <meta name="viewport" content="width=device-width,initial-scale=1"></head>\
        <body><div class="main-wrapper" role="main"><div class="main-content">\
        <h1 class="zone-name-title h1">hub.docker.com</h1>\
        <h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>\
        <noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>\
        <div class="core-msg spacer">hub.docker.com needs to review the security of your connection before \
        proceeding.</div></div></div>\
        <div class="footer" role="contentinfo"><div class="footer-inner"><div class="ray-id">Ray ID: \
        <code>\(rayID)</code></div><div class="text-center" id="footer-text">Performance &amp; security by \
        Cloudflare</div></div></div></body></html>

        """
    }
}
