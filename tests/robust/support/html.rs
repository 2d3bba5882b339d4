//! Reading forms out of the markup maud writes: enough HTML for the tests, no more.

pub(super) fn attribute_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

/// Undo maud's escaping of attribute values and text.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// One `<form>` of a page: where it goes, how, and its fields with what they hold now (the
/// checked radio or selected option, a textarea's text).
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub action: String,
    pub method: String,
    /// What a browser would send as the form stands.
    pub fields: Vec<(String, String)>,
    /// Every field name in the form, sent or not (unticked boxes, file inputs, buttons).
    pub names: Vec<String>,
    /// Sent as `multipart/form-data` (a file upload).
    pub multipart: bool,
}

impl Form {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }
}

/// Every form on a page. Good enough for the markup maud writes (double-quoted attributes).
pub fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<form") {
        let after = &rest[start..];
        let end = after.find("</form>").unwrap_or(after.len());
        let inner = &after[..end];
        let open_end = inner.find('>').unwrap_or(inner.len());
        let open = &inner[..open_end];
        out.push(Form {
            action: attr(open, "action").unwrap_or_default(),
            method: attr(open, "method")
                .unwrap_or_else(|| "get".into())
                .to_lowercase(),
            fields: fields(inner),
            names: names(inner),
            multipart: open.contains("multipart/form-data"),
        });
        rest = &after[end.min(after.len())..];
        if end == after.len() {
            break;
        }
        rest = &rest["</form>".len()..];
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    attribute_after(tag, &marker)
}

fn fields(form: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut rest = form;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let name_of = |t: &str| attr(&format!(" {t}"), "name");
        if tag.starts_with("input") {
            let Some(name) = name_of(tag) else { continue };
            let kind = attr(&format!(" {tag}"), "type").unwrap_or_default();
            let value = attr(&format!(" {tag}"), "value").unwrap_or_default();
            let chosen = tag.contains(" checked");
            match kind.as_str() {
                "radio" | "checkbox" if !chosen => {}
                "submit" | "file" => {}
                _ => out.push((name, value)),
            }
        } else if tag.starts_with("textarea") {
            let Some(name) = name_of(tag) else { continue };
            let body = &rest[tag_end.min(rest.len())..];
            let text = body
                .strip_prefix('>')
                .and_then(|b| b.find("</textarea>").map(|e| &b[..e]))
                .unwrap_or("");
            out.push((name, unescape(text)));
        } else if tag.starts_with("select") {
            let Some(name) = name_of(tag) else { continue };
            let body = &rest[tag_end.min(rest.len())..];
            let options = &body[..body.find("</select>").unwrap_or(body.len())];
            let selected = options
                .split("<option")
                .skip(1)
                .find(|o| o.split('>').next().is_some_and(|t| t.contains(" selected")))
                .and_then(|o| attr(o.split('>').next().unwrap_or(""), "value"))
                .unwrap_or_default();
            out.push((name, selected));
        }
    }
    out
}

fn names(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in form.split(" name=\"").skip(1) {
        let name = unescape(piece.split('"').next().unwrap_or(""));
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}
