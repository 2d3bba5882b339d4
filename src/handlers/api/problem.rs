//! How the API answers when it cannot do what was asked: RFC 9457 `application/problem+json`,
//! from the same `AppError` and `RecordError` as the pages (with each field's message for
//! refused input, worded as the forms word it).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::record::RecordError;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem with a request (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A reference naming the kind of problem; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For refused input: what to fix in each field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// Seconds to wait before trying again (with a 429).
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

/// What is wrong with one field of a request body or one query parameter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, title: &str, detail: impl Into<String>) -> Self {
        Self {
            kind: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    /// Refused input, with each field's message.
    pub fn invalid(errors: &FieldErrors) -> Self {
        Self {
            kind: "/api#validation".into(),
            errors: errors
                .0
                .iter()
                .map(|(field, message)| FieldProblem {
                    field: field.to_string(),
                    message: message.clone(),
                })
                .collect(),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The request was refused",
                "Fix what each field's message says and send it again.",
            )
        }
    }

    /// One field or parameter that cannot be read.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        Self::invalid(&errors)
    }

    /// No token, or one that cannot be used: why, without saying whether it ever existed.
    pub fn unauthorized(detail: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Authentication required", detail)
    }

    /// A body that is not JSON, or not what the operation takes: what serde says is wrong,
    /// and where, without echoing what was sent.
    pub fn unreadable(error: &serde_json::Error) -> Self {
        let mut detail = format!("Check it against /api/openapi.json: {}", unechoed(error));
        if error.line() > 0 {
            detail.push_str(&format!(
                " (line {}, column {})",
                error.line(),
                error.column()
            ));
        }
        Self::new(
            StatusCode::BAD_REQUEST,
            "The body is not what this operation takes",
            detail,
        )
    }

    pub fn too_many(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
                format!("This token has sent too many requests. Try again in {retry_after} s."),
            )
        }
    }
}

/// serde's message without the input it quotes: `invalid type: string "<b>", expected i64`
/// keeps the kind of value sent (`string`) but not the value, and an unknown field is named
/// only when its name is a plain one. The rest of its messages quote only our own names.
fn unechoed(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .find(" at line ")
        .map_or(message.as_str(), |at| &message[..at]);
    let plain = |name: &str| {
        (1..=64).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            // What was expected comes last and names only our own types.
            let (sent, expected) = rest
                .rsplit_once(", expected ")
                .map_or((rest, String::new()), |(s, e)| {
                    (s, format!(", expected {e}"))
                });
            let kind: Vec<&str> = sent
                .split(' ')
                .take_while(|w| !w.starts_with(['"', '`', '\'']))
                .collect();
            return format!("{prefix}{}{expected}", kind.join(" "));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = ["`, expected ", "`, there are no fields"]
            .iter()
            .find_map(|end| rest.rfind(end).map(|at| (&rest[..at], &rest[at + 1..])))
            .unwrap_or(("", ""));
        let name = if plain(name) { name } else { "(not shown)" };
        return format!("unknown field `{name}`{expected}");
    }
    message.chars().take(200).collect()
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        match error.explain() {
            Some((status, title, detail)) => {
                let title = match status {
                    StatusCode::NOT_FOUND => "Not found",
                    StatusCode::FORBIDDEN => "Forbidden",
                    _ => title,
                };
                let detail = match status {
                    StatusCode::NOT_FOUND => {
                        "There is no such record, or your token may not see it."
                    }
                    StatusCode::FORBIDDEN => "Your role does not allow this.",
                    _ => detail,
                };
                Self::new(status, title, detail)
            }
            None => Self::unauthorized("Send a token in the Authorization header."),
        }
    }
}

impl From<RecordError> for Problem {
    fn from(error: RecordError) -> Self {
        match error {
            RecordError::Invalid(errors) => Self::invalid(&errors),
            RecordError::KeyReused => Self {
                kind: "/api#idempotency-key-reused".into(),
                ..Self::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Idempotency-Key already used",
                    "This Idempotency-Key was sent before with a different request. Use a new key \
                     for a new request.",
                )
            },
            other => AppError::from(other).into(),
        }
    }
}

impl From<sqlx::Error> for Problem {
    fn from(error: sqlx::Error) -> Self {
        AppError::from(error).into()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(&self)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"scrutineer\""),
            );
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        id: Option<i64>,
        flag: bool,
    }

    fn detail(json: &str) -> String {
        let error = serde_json::from_str::<Body>(json).expect_err("refused");
        Problem::unreadable(&error).detail
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_kind_not_echoed() {
        let said = detail(r#"{"flag": "<script>alert(1)</script>, expected x"}"#);
        assert!(
            said.contains("invalid type: string, expected a boolean"),
            "{said}"
        );
        assert!(!said.contains("script"), "{said}");
        assert!(said.contains("line 1, column"), "{said}");
        let said = detail(r#"{"flag": true, "id": 1.5}"#);
        assert!(
            said.contains("invalid type: floating point, expected i64"),
            "{said}"
        );
    }

    #[test]
    fn an_unknown_field_is_named_only_when_its_name_is_plain() {
        let said = detail(r#"{"flag": true, "narative": 1}"#);
        assert!(
            said.contains("unknown field `narative`, expected"),
            "{said}"
        );
        let said = detail(r#"{"flag": true, "<img src=x>`, expected ": 1}"#);
        assert!(
            said.contains("unknown field `(not shown)`, expected"),
            "{said}"
        );
        assert!(!said.contains("img"), "{said}");
    }

    #[test]
    fn a_missing_field_and_broken_json_say_so() {
        assert!(detail("{}").contains("missing field `flag`"));
        assert!(detail("not json").contains("expected ident"));
        // A typed body stops at the first value of the wrong kind, however deep it goes.
        let deep = detail(&"[".repeat(10_000));
        assert!(deep.contains("invalid type: sequence"), "{deep}");
    }
}
