//! The layers around every route: security headers, the request's log span, the page shown
//! for a panic, friendly pages for requests axum cannot parse, and no-store for internal pages.

use axum::http::{HeaderName, HeaderValue};
use axum::middleware;

/// Every request's log context: its method and the route's template, never the path itself,
/// which can hold a secret (a calendar subscription token) or a person's search.
pub fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(no route)", |p| p.as_str());
    tracing::info_span!("request", method = %request.method(), route)
}

/// Security headers for every response: no inline script, no framing, no sniffing.
pub async fn security_headers(
    hsts: bool,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let own_policy = headers.contains_key("content-security-policy");
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    // A response that set a stricter policy of its own (a downloaded file) keeps it.
    if !own_policy {
        set(
            "content-security-policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
        );
    }
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "strict-origin-when-cross-origin");
    set(
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    );
    set("cross-origin-opener-policy", "same-origin");
    if hsts {
        set(
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    response
}

/// Pages and exports for signed-in people: no browser or proxy may keep a copy (the back
/// button on a shared computer, a proxy's cache). Public pages set their own caching.
pub async fn no_store(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    cache_control("no-store", request, next).await
}

/// What the API answers with: the client may keep it but must ask again each time (with
/// `If-None-Match`, answered 304 while nothing changed); never shared caches.
pub async fn revalidate(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    cache_control("private, no-cache", request, next).await
}

async fn cache_control(
    value: &'static str,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static(value),
    );
    response
}

/// A handler that panicked: log it once and show the standard error page, rather than drop
/// the connection (the panic is a bug to fix; the person just sees "something went wrong").
pub fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    tracing::error!(panic = %what, "a request handler panicked");
    let status = StatusCode::INTERNAL_SERVER_ERROR;
    let page = crate::views::layout::error_page(
        status,
        "Sorry, there is a problem with the service",
        "Try again later. If it happens again, tell the PCC office what you were doing.",
    );
    (status, page).into_response()
}

/// axum answers input it cannot even parse (a malformed form, an id that is not a number, a
/// body over the limit) with a plain-text message; show the person a proper page instead.
pub async fn friendly_rejections(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    if !status.is_client_error() || !plain {
        return response;
    }
    let (title, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
        (
            "What you sent is too large",
            "Forms accept up to 2 MB. Shorten the text or split the file, then try again.",
        )
    } else {
        (
            "Sorry, that request could not be understood",
            "Check the web address, or go back to the form and try again.",
        )
    };
    (
        status,
        crate::views::layout::error_page(status, title, message),
    )
        .into_response()
}
