//! A message the sink accepted: its envelope, its raw text, and readers for the parts tests
//! look at (headers, subject, plain and HTML bodies), decoded with mail-parser.

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

#[derive(Clone, Debug)]
pub struct Received {
    /// The envelope sender (MAIL FROM), without angle brackets.
    pub from: String,
    /// The envelope recipients (RCPT TO), in order, without angle brackets.
    pub to: Vec<String>,
    /// The message as sent after DATA, dot-stuffing undone, up to and including the CRLF
    /// before the final ".".
    pub raw: String,
}

impl Received {
    /// The first header of that name (case-insensitive), unfolded and trimmed, still encoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let mut value: Option<String> = None;
        for line in header_lines(&self.raw) {
            if line.starts_with([' ', '\t']) {
                // A folded line continues the header above it.
                if let Some(value) = value.as_mut() {
                    value.push_str(line);
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((field, rest)) = line.split_once(':')
                && field.trim_end().eq_ignore_ascii_case(name)
            {
                value = Some(rest.to_owned());
            }
        }
        value.map(|value| value.trim().to_owned())
    }

    /// The Message-ID without its angle brackets.
    pub fn message_id(&self) -> Option<String> {
        self.parsed()?.message_id().map(str::to_owned)
    }

    /// The Subject with RFC 2047 encoded words decoded ("" if there is none).
    pub fn subject(&self) -> String {
        self.parsed()
            .and_then(|message| message.subject().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The first text/plain part that is not an attachment, decoded ("" if there is none).
    pub fn text(&self) -> String {
        self.body(false)
    }

    /// The first text/html part that is not an attachment, decoded ("" if there is none).
    pub fn html(&self) -> String {
        self.body(true)
    }

    fn parsed(&self) -> Option<Message<'_>> {
        MessageParser::default().parse(self.raw.as_bytes())
    }

    // Walks the parts rather than using mail-parser's body_text/body_html, which convert
    // one into the other when a message has only one: a test must see what was really sent.
    fn body(&self, html: bool) -> String {
        let Some(message) = self.parsed() else {
            return String::new();
        };
        message
            .parts
            .iter()
            .filter(|part| {
                !part
                    .content_disposition()
                    .is_some_and(|d| d.is_attachment())
            })
            .find_map(|part| match &part.body {
                PartType::Html(text) if html => Some(text.to_string()),
                PartType::Text(text) if !html && is_plain(part) => Some(text.to_string()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// text/plain, or no Content-Type at all (which means text/plain).
fn is_plain(part: &mail_parser::MessagePart<'_>) -> bool {
    part.content_type().is_none() || part.is_content_type("text", "plain")
}

/// The lines of the header section, without line endings.
fn header_lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .take_while(|line| !line.is_empty())
}
