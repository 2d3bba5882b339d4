//! One person's browser over real HTTP: cookies, no automatic redirects, the CSRF token.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use super::PASSWORD;
use super::html::attribute_after;

/// What came back from the server.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub location: String,
    pub body: String,
}

impl Reply {
    pub fn is_html(&self) -> bool {
        self.content_type.starts_with("text/html")
    }
}

/// One person's browser: its own cookie jar, no automatic redirects, the page's CSRF token.
pub struct Browser {
    http: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
    base: String,
    pub csrf: String,
}

impl Browser {
    /// `source`: the loopback address to connect from (sign-in throttling is per address).
    pub fn new(base: &str, source: Option<IpAddr>) -> Self {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .local_address(source)
            // A fresh connection each request: the server closes one after refusing a body
            // over the limit, and a pooled client would send the next request down it.
            .pool_max_idle_per_host(0)
            .build()
            .expect("client");
        Self {
            http,
            jar,
            base: base.to_string(),
            csrf: String::new(),
        }
    }

    /// The `Cookie` header this browser sends (to hand-craft a request with its session).
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("base url");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_string))
            .unwrap_or_default()
    }

    pub async fn sign_in(&mut self, email: &str) -> Result<(), String> {
        let reply = self
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await
            .map_err(|e| e.to_string())?;
        if reply.status != StatusCode::SEE_OTHER {
            return Err(format!("sign-in answered {}", reply.status));
        }
        self.get("/account/password")
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    pub async fn get(&mut self, path: &str) -> reqwest::Result<Reply> {
        let response = self.http.get(format!("{}{path}", self.base)).send().await?;
        self.read(response).await
    }

    /// GET with extra (or replaced) request headers.
    pub async fn get_with(
        &mut self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> reqwest::Result<Reply> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await?;
        self.read(response).await
    }

    /// Submit a form as a browser on this site would, adding the session's CSRF token.
    pub async fn post<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        path: &str,
        fields: &[(K, V)],
    ) -> reqwest::Result<Reply> {
        let body = {
            let mut body = form_urlencoded::Serializer::new(String::new());
            for (k, v) in fields {
                body.append_pair(k.as_ref(), v.as_ref());
            }
            if !fields.iter().any(|(k, _)| k.as_ref() == "csrf_token") {
                body.append_pair("csrf_token", &self.csrf);
            }
            body.finish().into_bytes()
        };
        self.post_raw(path, "application/x-www-form-urlencoded", body)
            .await
    }

    /// POST any bytes with any content type, as the same site.
    pub async fn post_raw(
        &mut self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Result<Reply> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header(CONTENT_TYPE, content_type)
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await?;
        self.read(response).await
    }

    async fn read(&mut self, response: reqwest::Response) -> reqwest::Result<Reply> {
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header(CONTENT_TYPE);
        let location = header(LOCATION);
        let bytes = response.bytes().await?;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = attribute_after(&body, "name=\"csrf_token\" value=\"") {
            self.csrf = token;
        }
        Ok(Reply {
            status,
            content_type,
            location,
            body,
        })
    }
}
