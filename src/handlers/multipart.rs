//! Reading a form that may come as a file upload (multipart) or as plain fields: every part
//! with its name, its file name if it is a file, and its bytes.

use axum::Form;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;

use crate::AppState;

/// One part of a form.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// The name of the chosen file, for a file part (empty when none was chosen).
    pub file_name: Option<String>,
    pub bytes: Bytes,
}

/// What the person is told when a form cannot be read at all (a broken multipart body).
pub const UNREADABLE: &str = "The form could not be read. Go back and try again.";

/// Every part of the form `request` carries, in order.
pub async fn read(request: Request, state: &AppState) -> Result<Vec<Part>, &'static str> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
    if !is_multipart {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(|_| UNREADABLE)?;
        return Ok(pairs
            .into_iter()
            .map(|(name, value)| Part {
                name,
                file_name: None,
                bytes: Bytes::from(value),
            })
            .collect());
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| UNREADABLE)?;
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| UNREADABLE)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|_| UNREADABLE)?;
        parts.push(Part {
            name,
            file_name,
            bytes,
        });
    }
    Ok(parts)
}

/// Every part of the form as text, in order: `(name, text)`; or, when a part is not UTF-8,
/// `not_text` (what the person is told about their file).
pub async fn read_text(
    request: Request,
    state: &AppState,
    not_text: &str,
) -> Result<Vec<(String, String)>, String> {
    let parts = read(request, state).await.map_err(str::to_string)?;
    parts
        .into_iter()
        .map(|part| match String::from_utf8(part.bytes.to_vec()) {
            Ok(text) => Ok((part.name, text)),
            Err(_) => Err(not_text.to_string()),
        })
        .collect()
}
