//! CSV cells and documents (RFC 4180) for every export, with spreadsheet formula starters
//! neutralised so a cell is shown as text, never run.

/// One cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front so a
/// spreadsheet shows it as text rather than running it; quoted when it needs to be.
pub fn cell(value: &str) -> String {
    let safe = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// A whole CSV document: a header row then the rows, CRLF line ends.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>| cells.collect::<Vec<_>>().join(",");
    out.push_str(&line(&mut header.iter().map(|h| cell(h))));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&line(&mut row.iter().map(|c| cell(c))));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_are_neutralised() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+44"), "'+44");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("plain"), "plain");
    }

    #[test]
    fn commas_quotes_and_new_lines_are_quoted() {
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=1,2"), "\"'=1,2\"");
    }

    #[test]
    fn a_document_has_a_header_and_crlf_rows() {
        let doc = document(&["id", "name"], &[vec!["1".into(), "x,y".into()]]);
        assert_eq!(doc, "id,name\r\n1,\"x,y\"\r\n");
    }
}
