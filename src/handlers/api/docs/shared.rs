//! What every operation under `/api/v1` shares, added to the generated document in one place
//! rather than repeated in each annotation: the problem answers each kind of operation can
//! give, the headers on its answers, and the `Idempotency-Key` every change must carry.

use serde_json::{Value, json};

use crate::handlers::api::{MAX_BODY_BYTES, MAX_KEY_LENGTH, PREFIX, problem};

/// Add the shared answers, headers and parameters to every API operation of `doc`. An
/// operation's own annotation wins where it documents a status itself (say a 403 that
/// only some roles get).
pub fn add(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        if !path.starts_with(PREFIX) {
            continue;
        }
        let Some(methods) = item.as_object_mut() else {
            continue;
        };
        let names_record = path.contains('{');
        for (method, op) in methods.iter_mut() {
            match method.as_str() {
                "get" => read(op, names_record),
                "post" => change(op),
                _ => {}
            }
            let responses = &mut op["responses"];
            problem_answer(
                responses,
                401,
                "No token, or one that is not valid, has expired or was revoked.",
            );
            header(
                &mut responses["401"],
                "WWW-Authenticate",
                "`Bearer realm=\"scrutineer\"`: send a personal API token.",
            );
            problem_answer(
                responses,
                429,
                "This token has sent more requests this minute than it may.",
            );
            header(
                &mut responses["429"],
                "Retry-After",
                "Seconds to wait before the token may send again.",
            );
        }
    }
}

const ETAG: &str = "A strong validator of this answer: send it as `If-None-Match` to get a 304 \
     while the record is unchanged.";

fn read(op: &mut Value, names_record: bool) {
    let lists = op["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
    let responses = &mut op["responses"];
    header(&mut responses["200"], "ETag", ETAG);
    responses["304"] = json!({
        "description": "Unchanged since the ETag sent in If-None-Match; no body."
    });
    header(&mut responses["304"], "ETag", ETAG);
    if names_record {
        problem_answer(
            responses,
            400,
            "The address cannot be read (a path segment that is not UTF-8).",
        );
        problem_answer(
            responses,
            404,
            "There is no such record (an id that is not a number names none), or the token's \
             user may not see it.",
        );
    }
    if lists {
        problem_answer(
            responses,
            422,
            "A query parameter cannot be read: `errors` names it and says what to send.",
        );
    }
}

fn change(op: &mut Value) {
    let key = json!({
        "name": "Idempotency-Key",
        "in": "header",
        "required": true,
        "description": format!(
            "Unique to this change (a UUID, or your system's own id for it): 1 to \
             {MAX_KEY_LENGTH} printable ASCII characters. The same key with the same request \
             (method, address and body, byte for byte) gets the first answer again, with \
             200 and `Idempotent-Replayed: true`; the same key with a different request is \
             refused, 422 `/api#idempotency-key-reused`. A refused request does not use up \
             its key."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_KEY_LENGTH,
            "pattern": "^[!-~]+$"
        }
    });
    match op["parameters"].as_array_mut() {
        Some(parameters) => parameters.push(key),
        None => op["parameters"] = json!([key]),
    }
    let responses = &mut op["responses"];
    header(
        &mut responses["201"],
        "Location",
        "The page of the record made.",
    );
    header(
        &mut responses["200"],
        "Idempotent-Replayed",
        "`true`: this key was used before for this request; nothing new was made.",
    );
    let too_large = format!(
        "The body is larger than the API takes ({} MB).",
        MAX_BODY_BYTES / (1024 * 1024)
    );
    for (status, description) in [
        (
            400,
            "The body is not JSON, or not what this operation takes (a field of the wrong \
             type, a required one missing, one it does not know); or the address cannot be read.",
        ),
        (
            403,
            "The token is read-only, or its user's role may not make this change.",
        ),
        (
            404,
            "There is no such record (an id that is not a number names none), or the token's \
             user may not see it.",
        ),
        (413, too_large.as_str()),
        (415, "The body was not sent as `application/json`."),
        (
            422,
            "Refused: `errors` says what to fix in each field (type `/api#validation`), \
             the Idempotency-Key header included; or the key was sent before with a different \
             request (type `/api#idempotency-key-reused`).",
        ),
    ] {
        problem_answer(responses, status, description);
    }
}

/// A problem document answer for `status`, unless the operation documents it already (then
/// only its missing description is filled in).
fn problem_answer(responses: &mut Value, status: u16, description: &str) {
    let answer = &mut responses[status.to_string()];
    if answer.is_null() {
        *answer = json!({ "content": { problem::CONTENT_TYPE: {
            "schema": { "$ref": "#/components/schemas/Problem" } } } });
    }
    if answer["description"].as_str().is_none_or(str::is_empty) {
        answer["description"] = json!(description);
    }
}

/// A header on an answer (a string, as every one of these is).
fn header(answer: &mut Value, name: &str, description: &str) {
    answer["headers"][name] = json!({ "description": description, "schema": { "type": "string" } });
}
